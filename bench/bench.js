// @ts-check
// Lindy's benchmark for the board, in headless Chromium on the production build: the weight of
// the board's first load, how fast the board shows offline (with and without years of done
// tasks) and how fast a keyboard move is drawn and committed. Prints each row with its target and
// writes bench/results.json, then runs bench-reading.js. Run with `npm run bench` (it builds
// first); `npm run bench -- --trace` also saves a Chromium trace of ten moves to
// bench/trace-moves.json (open it in Perfetto or chrome://tracing).
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_MESSAGE } from '../tests/setup/browser.js';
import { putRows } from '../tests/setup/raw-idb.js';
import { benchId, frameFloor, move, openTasks, settle, STAGES } from './board-moves.js';
import { addPaintProbe } from './page-timing.js';

const DIST = resolve('dist');
const OPEN_TASKS = 2000;
const DONE_TASKS = 20_000;
const MOVES = 15;
const OPEN_RUNS = 7;
const TARGETS = {
	initialKbGz: 65,
	boardOpenMs: 150,
	boardHistoryRatio: 1.1,
	movePaintedMs: 16,
	moveCommittedMs: 20
};
const TRACE = process.argv.includes('--trace');

const executablePath = findChromium();
if (!executablePath) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}

/** Gzipped size of the JS and CSS that index.html loads before anything else runs. */
function initialBundle() {
	const html = readFileSync(join(DIST, 'index.html'), 'utf8');
	const files = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
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

/** @param {number[]} values */
const summary = (values) => ({
	median: +median(values).toFixed(1),
	runs: values.length,
	all: values.map((v) => +v.toFixed(1))
});

const DAY = 86_400_000;

/** Years of history: done tasks spread over the last three years. @param {number} n */
function doneTasks(n) {
	const now = Date.now();
	return Array.from({ length: n }, (_, i) => {
		const doneAt = now - (i % 1000) * DAY - i;
		return {
			id: benchId(`done-${i}`),
			title: `Finished task ${i}: ${['relabel batch', 'ablation', 'scoping call', 'rollout'][i % 4]}`,
			notes: i % 4 === 0 ? 'What we learned, for next time.' : '',
			stage: STAGES[i % 4],
			mode: 'active',
			status: 'done',
			impact: (i % 4) + 1,
			estimateMin: 30 * ((i % 6) + 1),
			tags: [`tag${i % 12}`],
			order: i,
			createdAt: doneAt - 7 * DAY,
			updatedAt: doneAt,
			doneAt
		};
	});
}

const server = createAppServer({ root: DIST });
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
const profiles = /** @type {string[]} */ ([]);

/**
 * A browser profile with Lindy installed (service worker in control), `tasks` written straight
 * into its IndexedDB, and the network off.
 * @param {object[]} tasks
 */
async function installedWith(tasks) {
	const profile = mkdtempSync(join(tmpdir(), 'lindy-bench-'));
	profiles.push(profile);
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		args: CHROMIUM_ARGS,
		viewport: { width: 1280, height: 800 }
	});
	await addPaintProbe(context);
	// Reload-to-first-card: the moment the first task card enters the page, from navigation start.
	await context.addInitScript(() => {
		const w = /** @type {any} */ (window);
		new MutationObserver((_, observer) => {
			if (document.querySelector('li[data-task-id]')) {
				w.__firstCard = performance.now();
				observer.disconnect();
			}
		}).observe(document, { childList: true, subtree: true });
	});
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(url);
	await page.getByRole('button', { name: 'Start empty' }).click();
	await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
		timeout: 20_000
	});
	for (let i = 0; i < tasks.length; i += 5000)
		await putRows(page, 'tasks', tasks.slice(i, i + 5000));
	await context.setOffline(true);
	return { context, page };
}

/**
 * When the first task card entered the page, in ms from its navigation start (the init script in
 * `installedWith` notes it).
 * @param {import('@playwright/test').Page} page
 */
async function firstCard(page) {
	await page.waitForFunction(() => /** @type {any} */ (window).__firstCard !== undefined);
	return page.evaluate(() => /** @type {number} */ (/** @type {any} */ (window).__firstCard));
}

/**
 * Reloads `page` once both boards are quiet: the other browser's page, loaded just before, must
 * not still be working (its done counts, its idle-time loading) on the machine's two cores.
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').Page} other
 */
async function reloadToFirstCard(page, other) {
	await settle(other);
	await settle(page);
	await page.reload();
	return firstCard(page);
}

/**
 * Opens the board in a new window, as when the installed app is started, once the board already
 * open is quiet: to the first card, from the new window's navigation start.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} open
 */
async function newWindowToFirstCard(context, open) {
	await settle(open);
	const page = await context.newPage();
	await page.goto(url);
	const ms = await firstCard(page);
	await page.close();
	return ms;
}

/**
 * Types `text` into the board's search as a person would (a key every 150 ms), each key timed
 * from its input to the frame that shows it; and the longest main-thread task after the first
 * key, which also loads the done tasks.
 * @param {import('@playwright/test').Page} page
 * @param {string} text
 */
async function typeSearch(page, text) {
	await page.getByRole('searchbox', { name: 'Search tasks' }).focus();
	await settle(page);
	return page.evaluate(async (text) => {
		const input = /** @type {HTMLInputElement} */ (document.getElementById('board-search'));
		/** @type {PerformanceEntry[]} */
		const long = [];
		const observer = new PerformanceObserver((list) => long.push(...list.getEntries()));
		observer.observe({ type: 'longtask' });
		const keys = [];
		let secondKey = 0;
		for (const [i, ch] of [...text].entries()) {
			const start = performance.now();
			if (i === 1) secondKey = start;
			input.value += ch;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			keys.push((await /** @type {any} */ (window).benchPainted()) - start);
			await new Promise((done) => setTimeout(done, 150));
		}
		observer.disconnect();
		const after = long.filter((e) => e.startTime >= secondKey).map((e) => e.duration);
		return { keys, longestAfterFirst: Math.max(0, ...after) };
	}, text);
}

try {
	const plain = await installedWith(openTasks(OPEN_TASKS));
	const history = await installedWith([...openTasks(OPEN_TASKS), ...doneTasks(DONE_TASKS)]);

	// The board offline from the service-worker cache, the two boards interleaved so that machine
	// noise falls on both alike. One warm-up load each first.
	await reloadToFirstCard(plain.page, history.page);
	await reloadToFirstCard(history.page, plain.page);
	const plainTimes = [];
	const historyTimes = [];
	for (let i = 0; i < OPEN_RUNS; i++) {
		plainTimes.push(await reloadToFirstCard(plain.page, history.page));
		historyTimes.push(await reloadToFirstCard(history.page, plain.page));
	}
	const search = await typeSearch(history.page, 'relabel batch');
	await history.context.close();
	await newWindowToFirstCard(plain.context, plain.page);
	const newWindowTimes = [];
	for (let i = 0; i < OPEN_RUNS; i++)
		newWindowTimes.push(await newWindowToFirstCard(plain.context, plain.page));

	const page = plain.page;
	await page.getByRole('listitem').first().waitFor();
	const cards = await page.locator('li[data-task-id]').count();
	const moves = [];
	const floors = [];
	for (let i = 0; i < MOVES; i++) {
		floors.push(await frameFloor(page));
		await settle(page);
		moves.push(await move(page));
		await settle(page);
	}
	if (TRACE) {
		const cdp = await plain.context.newCDPSession(page);
		await cdp.send('Tracing.start', {
			transferMode: 'ReturnAsStream',
			traceConfig: {
				includedCategories: [
					'devtools.timeline',
					'disabled-by-default-devtools.timeline',
					'blink.user_timing',
					'v8.execute',
					'IndexedDB'
				]
			}
		});
		for (let i = 0; i < 10; i++) {
			await move(page);
			await settle(page);
		}
		const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
		await cdp.send('Tracing.end');
		const { stream } = /** @type {{ stream: string }} */ (await complete);
		let trace = '';
		for (;;) {
			const chunk = await cdp.send('IO.read', { handle: stream });
			trace += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
			if (chunk.eof) break;
		}
		await cdp.send('IO.close', { handle: stream });
		writeFileSync('bench/trace-moves.json', trace);
	}
	await plain.context.close();

	const bundle = initialBundle();
	const boardOpen = summary(plainTimes);
	const boardWithHistory = summary(historyTimes);
	const ratio = +(boardWithHistory.median / boardOpen.median).toFixed(2);
	const boardNewWindow = summary(newWindowTimes);
	const movePainted = summary(moves.map((m) => m.painted));
	const moveCommitted = summary(moves.map((m) => m.committed));
	const results = {
		date: new Date().toISOString(),
		openTasks: OPEN_TASKS,
		doneTasks: DONE_TASKS,
		initialKbGz: bundle.totalKb,
		initialFiles: bundle.files,
		boardOpenMs: boardOpen,
		boardWithHistoryMs: { ...boardWithHistory, ratio },
		boardNewWindowMs: boardNewWindow,
		movePaintedMs: { ...movePainted, inPageMedian: +median(moves.map((m) => m.inPage)).toFixed(1) },
		moveCommittedMs: moveCommitted,
		frameFloorMs: summary(floors),
		cardsOnScreen: cards,
		searchFirstKeyMs: +(search.keys[0] ?? NaN).toFixed(1),
		searchKeyMs: summary(search.keys.slice(1)),
		searchLongestTaskMs: +search.longestAfterFirst.toFixed(1),
		targets: TARGETS
	};
	writeFileSync('bench/results.json', `${JSON.stringify(results, null, '\t')}\n`);

	/** @type {(name: string, value: number, target: number, unit: string) => string} */
	const row = (name, value, target, unit) =>
		`${name.padEnd(50)} ${String(value).padStart(8)} ${unit.padEnd(3)} ${`≤ ${target}`.padStart(7)}  ${value <= target ? 'ok' : 'OVER'}`;
	console.log(
		`\nLindy benchmark — ${OPEN_TASKS} open tasks, medians, headless Chromium` +
			` (${OPEN_RUNS} interleaved loads per board, ${MOVES} moves)\n`
	);
	console.log(
		row('Initial JS + CSS for the board (gzip)', bundle.totalKb, TARGETS.initialKbGz, 'KB')
	);
	console.log(
		row('Board visible offline (reload to first card)', boardOpen.median, TARGETS.boardOpenMs, 'ms')
	);
	console.log(
		row(
			`… with ${DONE_TASKS.toLocaleString('en')} done tasks too (${boardWithHistory.median} ms), ratio`,
			ratio,
			TARGETS.boardHistoryRatio,
			'×'
		)
	);
	console.log(
		`${'… opened in a new window (the installed app started)'.padEnd(50)} ${String(boardNewWindow.median).padStart(8)} ms`
	);
	console.log(
		row(
			'Keyboard move: card painted in its new place',
			movePainted.median,
			TARGETS.movePaintedMs,
			'ms'
		)
	);
	console.log(
		row(
			'Keyboard move: change committed to IndexedDB',
			moveCommitted.median,
			TARGETS.moveCommittedMs,
			'ms'
		)
	);
	console.log(
		`  (the card is in the page after ${results.movePaintedMs.inPageMedian} ms; a frame with no` +
			` work is painted after ${results.frameFloorMs.median} ms)`
	);
	console.log(
		`${`Search, ${DONE_TASKS.toLocaleString('en')} done tasks too: each key painted`.padEnd(50)} ${String(results.searchKeyMs.median).padStart(8)} ms`
	);
	console.log(
		`  (the first key, which loads the done tasks: ${results.searchFirstKeyMs} ms; longest task` +
			` after it: ${results.searchLongestTaskMs} ms)`
	);
	console.log(`\n${cards} cards on screen; columns show 60 open tasks each until "Show more".`);
	if (TRACE) console.log('Wrote bench/trace-moves.json');
	console.log('Wrote bench/results.json');
} finally {
	server.close();
	for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
}

// The R&D Friday half: feeds, "All items", export and restore.
await import('./bench-reading.js');

// Passive work: the experiment log and the Running strip.
await import('./bench-runs.js');

// Deep work: the weekly review of a year of data.
await import('./bench-review.js');

// Sync: a move with sync on, a fresh device, the workspace document's size.
await import('./bench-sync.js');
