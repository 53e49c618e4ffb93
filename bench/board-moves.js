// @ts-check
// What the board benchmarks share: a board's worth of open tasks, and one timed keyboard move.

import { createHash } from 'node:crypto';

export const STAGES = ['problem', 'data', 'model', 'deploy'];
const DAY = 86_400_000;

/**
 * A task id shaped and scattered like the random UUIDs Lindy gives tasks, but the same on every
 * run: open and done tasks lie mixed in the store, as a user's do, not in two runs of keys.
 * @param {string} name
 */
export function benchId(name) {
	const h = createHash('sha1').update(name).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** @param {number} n */
export function openTasks(n) {
	const modes = ['active', 'passive', 'low'];
	const now = Date.now();
	return Array.from({ length: n }, (_, i) => ({
		id: benchId(`open-${i}`),
		title: `Benchmark task ${i}: ${['clean labels', 'tune model', 'write spec', 'ship canary'][i % 4]}`,
		notes: i % 5 === 0 ? 'Some notes to search through.' : '',
		stage: STAGES[(i * 7) % 4],
		mode: modes[i % 3],
		status: i % 13 === 0 ? 'doing' : 'todo',
		impact: (i % 4) + 1,
		...(i % 3 === 0 ? {} : { estimateMin: 15 * ((i % 16) + 1) }),
		tags: [`tag${i % 12}`],
		order: i,
		createdAt: now - (i % 60) * DAY,
		updatedAt: now,
		...(i % 6 === 0 ? { due: new Date(now + (i % 20) * DAY).toISOString().slice(0, 10) } : {})
	}));
}

/**
 * Waits until the page has finished its last action's aftermath (re-reads, redraws, idle work,
 * and IndexedDB work still queued, such as the done counts a board load starts after its first
 * paint), so that each timed action starts from a quiet page, as a person's next one does.
 * @param {import('@playwright/test').Page} page
 */
export async function settle(page) {
	await page.waitForTimeout(100);
	await page.evaluate(async () => {
		await new Promise((done) => requestIdleCallback(() => done(undefined), { timeout: 2000 }));
		// A read on a connection of its own returns only once the work queued before it is done.
		await new Promise((done) => {
			const request = indexedDB.open('lindy');
			request.onsuccess = () => {
				const db = request.result;
				const tx = db.transaction('settings');
				tx.objectStore('settings').count();
				tx.oncomplete = () => done(db.close());
			};
			request.onerror = () => done(undefined);
		});
	});
}

/**
 * Alt+→ on the first card of Problem definition (in a page with `addPaintProbe`). Returns when the card was in its new column in
 * the page, when the frame showing it was drawn (the next animation frame, then the end of its
 * rendering), and when IndexedDB confirmed the write — each in ms from the key press.
 * @param {import('@playwright/test').Page} page
 */
export function move(page) {
	return page.evaluate(async () => {
		const card = /** @type {HTMLElement} */ (
			document.querySelector('[aria-label="Problem definition tasks"] > li[data-task-id]')
		);
		const id = card.dataset.taskId ?? '';
		const target = /** @type {HTMLElement} */ (
			document.querySelector('[aria-label="Data quality tasks"]')
		);
		card.focus();
		performance.clearMarks('lindy:move-saved');
		const painted = new Promise((done) => {
			const observer = new MutationObserver(() => {
				if (!target.querySelector(`[data-task-id="${id}"]`)) return;
				observer.disconnect();
				const inPage = performance.now();
				/** @type {any} */ (window)
					.benchPainted()
					.then((/** @type {number} */ painted) => done({ inPage, painted }));
			});
			observer.observe(target, { childList: true, subtree: true });
		});
		const committed = new Promise((done) => {
			new PerformanceObserver((list, observer) => {
				const mark = list.getEntriesByName('lindy:move-saved')[0];
				if (!mark) return;
				observer.disconnect();
				done(mark.startTime);
			}).observe({ type: 'mark' });
		});
		const start = performance.now();
		card.dispatchEvent(
			new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true })
		);
		const drawn = /** @type {{ inPage: number, painted: number }} */ (await painted);
		const saved = /** @type {number} */ (await committed);
		return {
			inPage: drawn.inPage - start,
			painted: drawn.painted - start,
			committed: saved - start
		};
	});
}

/**
 * The floor under `move`'s painted time: the same measure (a change, the next animation frame,
 * the end of its rendering) for a change that costs nothing, a first card's opacity set and
 * cleared. On a slow machine one frame of the board with no work in it already takes most of a
 * 16 ms budget.
 * @param {import('@playwright/test').Page} page
 */
export function frameFloor(page) {
	return page.evaluate(async () => {
		const card = /** @type {HTMLElement} */ (document.querySelector('li[data-task-id]'));
		const start = performance.now();
		card.style.opacity = '0.99';
		const painted = await /** @type {any} */ (window).benchPainted();
		card.style.opacity = '';
		return painted - start;
	});
}
