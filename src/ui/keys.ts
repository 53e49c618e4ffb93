/** Inputs that take no typing: a key press on them may be a shortcut. */
const NOT_TYPED = new Set([
	'checkbox',
	'radio',
	'button',
	'submit',
	'reset',
	'file',
	'color',
	'range'
]);

/** Whether a key press goes into a text field (so it is typing, not a shortcut). */
export function typingIn(target: EventTarget | null): boolean {
	const el = target as HTMLElement | null;
	if (!el) return false;
	if (el instanceof HTMLInputElement) return !NOT_TYPED.has(el.type);
	return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** The user asked for less motion: no smooth scrolling, no animations that move things. */
export function reducedMotion(): boolean {
	return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * A row's single-key shortcuts (a reading-list item, say): runs the handler for the key, unless a
 * modifier is held or the key goes into a text field. Enter counts only on the row itself, so that
 * it still presses the row's buttons and follows its links.
 */
export function rowShortcut(
	event: KeyboardEvent,
	handlers: Partial<Record<string, () => void>>
): void {
	if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
	if (typingIn(event.target)) return;
	if (event.key === 'Enter' && event.target !== event.currentTarget) return;
	const handler = handlers[event.key];
	if (!handler) return;
	event.preventDefault();
	handler();
}

/**
 * j / k in a list of focusable rows (`[data-row]`): focuses the next or previous row (the first or
 * last when the focus is elsewhere) and scrolls it into view. Returns the row, or undefined when
 * there is none that way.
 */
export function stepRow(list: HTMLElement, direction: 1 | -1): HTMLElement | undefined {
	const rows = [...list.querySelectorAll<HTMLElement>('[data-row]')];
	const current = rows.findIndex((row) => row.contains(document.activeElement));
	const next = current < 0 ? (direction > 0 ? 0 : rows.length - 1) : current + direction;
	const row = rows[next];
	if (!row) return undefined;
	row.focus({ preventScroll: true });
	row.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
	return row;
}
