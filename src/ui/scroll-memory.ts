import { tick } from 'svelte';
import { followed } from './followed-card.svelte';
import { taskCardElement } from './task-card-element';
import { whenIdle } from './when-idle';

/** Where a page was left: its scroll, and on the board the card at the top of the window. */
interface Kept {
	y: number;
	/** The first card in view, and how far below the window's top it was. */
	card?: { id: string; top: number };
}

/** How long a restore waits for the page to draw what was in view before giving up. */
const PATIENCE_FRAMES = 60;
/** How many frames a card scrolled back to is kept in place while the page around it settles. */
const HOLD_FRAMES = 10;

/** Stops the restore under way, if any (Back pressed again before it finished). */
let stopRestoring = () => {};

function keptHere(): Kept | undefined {
	const state: unknown = history.state;
	const kept = (state as { lindyScroll?: Kept } | null)?.lindyScroll;
	return typeof kept?.y === 'number' ? kept : undefined;
}

/** The open task's card nearest the window's top, below the app's header and in view sideways. */
function cardInView(): Kept['card'] {
	// The app's sticky header comes first in the page.
	const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
	let best: Kept['card'];
	const cards = document.querySelectorAll<HTMLElement>('main ul.cards:not(.done-list) > li');
	for (const element of cards) {
		const { top, bottom, left, right } = element.getBoundingClientRect();
		if (bottom <= header || top >= innerHeight || right <= 0 || left >= innerWidth) continue;
		if (!best || top < best.top) best = { id: element.dataset.taskId ?? '', top };
	}
	return best;
}

function save(): void {
	const state: unknown = history.state;
	const lindyScroll: Kept = { y: scrollY, card: cardInView() };
	history.replaceState({ ...(state as object | null), lindyScroll }, '');
}

/**
 * Keeps each history entry's scroll with it, so a reload, Back and Forward come back to where the
 * user was. The browser's own restoration cannot do that here: it scrolls as soon as the page
 * loads, before the board has drawn the cards that were in view (its first frame draws only a
 * window's worth, see `Column`).
 */
export function keepScroll(): void {
	history.scrollRestoration = 'manual';
	// Saved when the browser is idle, so the save's look at the cards never lands between a key and
	// the frame that answers it. Cards near the window take their real heights in the frames after
	// a scroll (they were laid out at an estimate), which can shift the page under a still window:
	// saved again once that has settled. (A save as the page unloads is not kept on a reload.)
	let pending = () => {};
	let settled: ReturnType<typeof setTimeout> | undefined;
	const scrolled = () => {
		pending();
		clearTimeout(settled);
		pending = whenIdle(save, { timeout: 1000 });
		settled = setTimeout(() => (pending = whenIdle(save, { timeout: 1000 })), 250);
	};
	// Captured: a column scrolled sideways (on a phone) ends its scroll on itself.
	addEventListener('scrollend', scrolled, { capture: true, passive: true });
}

/**
 * Scrolls a page just shown to where its history entry was left, or to the top of a new one.
 * The board draws the card that was at the top of the window and puts it back at the same height;
 * other pages scroll back once they are tall enough. Either waits for the page to draw, at most a
 * second, and gives way to the user's own scrolling, keys or taps.
 */
export function restoreScroll(): void {
	stopRestoring();
	const kept = keptHere();
	if (!kept || kept.y === 0) {
		scrollTo(0, 0);
		return;
	}
	if (kept.card) followed.id = kept.card.id;
	let frames = PATIENCE_FRAMES;
	let stopped = false;
	const stop = () => {
		stopped = true;
		for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart'])
			removeEventListener(type, stop, true);
	};
	stopRestoring = stop;
	for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart'])
		addEventListener(type, stop, { capture: true, passive: true });
	// Once placed, the card is held there for a few frames: the cards above it take their real
	// heights as they come near the window, and each column grows on its own.
	let holding = 0;
	const attempt = () => {
		if (stopped) return;
		const element = kept.card && taskCardElement(kept.card.id);
		if (element && kept.card) {
			if (holding === 0) element.scrollIntoView({ block: 'nearest', inline: 'start' });
			const off = element.getBoundingClientRect().top - kept.card.top;
			if (Math.abs(off) >= 1) scrollBy(0, off);
			if (++holding === HOLD_FRAMES) return stop();
		} else if (
			(!kept.card && document.documentElement.scrollHeight >= kept.y + innerHeight) ||
			--frames === 0
		) {
			scrollTo(0, kept.y);
			return stop();
		}
		requestAnimationFrame(attempt);
	};
	// Before the first frame that shows the page, once the card's column has drawn it.
	void tick().then(attempt);
}
