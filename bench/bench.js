// @ts-check
// Lindy's benchmark: seeds 2,000 tasks and measures, in headless Chromium on the production
// build, what a user feels — the weight of the board's first load, how fast the board shows
// offline from the service-worker cache, and how fast a keyboard move is saved and redrawn.
// Prints a table and writes bench/results.json. Run with `npm run bench` (it builds first).
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_MESSAGE } from '../tests/setup/browser.js';

const DIST = resolve('dist');
const TASKS = 2000;
const RUNS = 15;
const TARGETS = { initialKb: 70, boardMs: 300, moveMs: 30 };

const executablePath = findChromium();
if (!executablePath) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}

/** Gzipped size of the JS and CSS that index.html loads before anything else runs. */
function initialBundle() {
	const html = readFileSync(join(DIST, 'index.html'), 'utf8');
	const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
		(m) => m[1]
	);
	let total = 0;
	const parts = files.map((file) => {
		const gz = gzipSync(readFileSync(join(DIST, String(file))), { level: 9 }).length;
		total += gz;
		return { file, gzipKb: +(gz / 1024).toFixed(1) };
	});
	return { files: parts, totalKb: +(total / 1024).toFixed(1) };
}

/** @param {number[]} values */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** @param {number} n */
function seedTasks(n) {
	const stages = ['problem', 'data', 'model', 'deploy'];
	const modes = ['active', 'passive', 'low'];
	const now = Date.now();
	return Array.from({ length: n }, (_, i) => ({
		id: `bench-${String(i).padStart(5, '0')}`,
		title: `Benchmark task ${i}: ${['clean labels', 'tune model', 'write spec', 'ship canary'][i % 4]}`,
		notes: i % 5 === 0 ? 'Some notes to search through.' : '',
		stage: stages[(i * 7) % 4],
		mode: modes[i % 3],
		status: i % 9 === 0 ? 'done' : i % 13 === 0 ? 'doing' : 'todo',
		impact: (i % 4) + 1,
		estimateMin: i % 3 === 0 ? undefined : 15 * ((i % 16) + 1),
		tags: [`tag${i % 12}`],
		order: i,
		createdAt: now - (i % 60) * 86_400_000,
		updatedAt: now,
		...(i % 9 === 0 ? { doneAt: now - (i % 10) * 86_400_000 } : {}),
		...(i % 6 === 0
			? { due: new Date(now + (i % 20) * 86_400_000).toISOString().slice(0, 10) }
			: {})
	})).map((t) => {
		if (t.estimateMin === undefined) delete t.estimateMin;
		return t;
	});
}

const server = createAppServer({ root: DIST });
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
const profile = mkdtempSync(join(tmpdir(), 'lindy-bench-'));
const context = await chromium.launchPersistentContext(profile, {
	executablePath,
	args: CHROMIUM_ARGS,
	viewport: { width: 1280, height: 800 }
});

try {
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(url);
	await page.getByRole('button', { name: 'Start empty' }).click();
	await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
		timeout: 20_000
	});

	const tasks = seedTasks(TASKS);
	await page.evaluate(async (rows) => {
		const db = await new Promise((done, fail) => {
			const req = indexedDB.open('lindy');
			req.onsuccess = () => done(req.result);
			req.onerror = () => fail(req.error);
		});
		await new Promise((done, fail) => {
			const tx = /** @type {IDBDatabase} */ (db).transaction('tasks', 'readwrite');
			for (const row of rows) tx.objectStore('tasks').put(row);
			tx.oncomplete = () => done(undefined);
			tx.onerror = () => fail(tx.error);
		});
		/** @type {IDBDatabase} */ (db).close();
	}, tasks);

	// Board first render, offline, from the service-worker cache.
	await context.setOffline(true);
	const boardTimes = [];
	for (let i = 0; i < RUNS; i++) {
		await page.reload();
		const ms = await page.evaluate(async () => {
			const wait = () =>
				new Promise((done) => {
					const find = () => performance.getEntriesByName('lindy:board-rendered')[0];
					const check = () => (find() ? done(find()) : setTimeout(check, 5));
					check();
				});
			const mark = /** @type {PerformanceEntry} */ (await wait());
			return mark.startTime;
		});
		boardTimes.push(ms);
	}
	const cards = await page.getByRole('listitem').count();

	// A keyboard move: Alt+→ on a card until it is saved in IndexedDB and drawn in its new column.
	const moveTimes = [];
	/** @type {{ saved: number, drawn: number }[]} */
	const moveParts = [];
	for (let i = 0; i < RUNS; i++) {
		const ms = await page.evaluate(async () => {
			const card = /** @type {HTMLElement} */ (
				document.querySelector('[aria-label="Problem definition tasks"] > li[data-task-id]')
			);
			const id = card.dataset.taskId ?? '';
			const target = /** @type {HTMLElement} */ (
				document.querySelector('[aria-label="Data quality tasks"]')
			);
			card.focus();
			performance.clearMarks('lindy:move-saved');
			let rendered = 0;
			const drawn = new Promise((done) => {
				const observer = new MutationObserver(() => {
					if (target.querySelector(`[data-task-id="${id}"]`)) {
						rendered = performance.now();
						observer.disconnect();
						done(undefined);
					}
				});
				observer.observe(target, { childList: true, subtree: true });
			});
			// The app marks the moment IndexedDB confirms the write of the move.
			const savedMark = new Promise((done) => {
				const check = () => {
					const mark = performance.getEntriesByName('lindy:move-saved')[0];
					if (mark) done(mark.startTime);
					else setTimeout(check, 1);
				};
				check();
			});
			const start = performance.now();
			card.dispatchEvent(
				new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true })
			);
			const saved = /** @type {number} */ (await savedMark);
			await drawn;
			return {
				total: Math.max(saved, rendered) - start,
				saved: saved - start,
				drawn: rendered - start
			};
		});
		moveTimes.push(ms.total);
		moveParts.push(ms);
		await page.waitForTimeout(100);
	}

	const bundle = initialBundle();
	const results = {
		date: new Date().toISOString(),
		tasks: TASKS,
		runs: RUNS,
		initialJsCssGzipKb: bundle.totalKb,
		initialFiles: bundle.files,
		boardRenderedOfflineMs: {
			median: +median(boardTimes).toFixed(1),
			all: boardTimes.map((t) => +t.toFixed(1))
		},
		keyboardMoveSavedAndDrawnMs: {
			median: +median(moveTimes).toFixed(1),
			all: moveTimes.map((t) => +t.toFixed(1)),
			savedMedian: +median(moveParts.map((p) => p.saved)).toFixed(1),
			drawnMedian: +median(moveParts.map((p) => p.drawn)).toFixed(1)
		},
		cardsOnScreen: cards,
		targets: TARGETS
	};
	writeFileSync('bench/results.json', `${JSON.stringify(results, null, '\t')}\n`);

	/** @type {(name: string, value: number, target: number, unit: string) => string} */
	const row = (name, value, target, unit) =>
		`${name.padEnd(44)} ${String(value).padStart(8)} ${unit.padEnd(3)} ${`≤ ${target}`.padStart(7)}  ${value <= target ? 'ok' : 'OVER'}`;
	console.log(`\nLindy benchmark — ${TASKS} tasks, median of ${RUNS} runs, headless Chromium\n`);
	console.log(
		row('Initial JS + CSS for the board (gzip)', bundle.totalKb, TARGETS.initialKb, 'KB')
	);
	console.log(
		row(
			'Board rendered, offline from SW cache',
			results.boardRenderedOfflineMs.median,
			TARGETS.boardMs,
			'ms'
		)
	);
	console.log(
		row(
			'Keyboard move saved and redrawn',
			results.keyboardMoveSavedAndDrawnMs.median,
			TARGETS.moveMs,
			'ms'
		)
	);
	console.log(
		`  of which: saved in IndexedDB ${results.keyboardMoveSavedAndDrawnMs.savedMedian} ms, ` +
			`drawn ${results.keyboardMoveSavedAndDrawnMs.drawnMedian} ms`
	);
	console.log(`\n(${cards} cards on screen; columns show 60 open tasks each until "Show more".)`);
	console.log('Wrote bench/results.json');
} finally {
	await context.close();
	server.close();
	rmSync(profile, { recursive: true, force: true });
}
