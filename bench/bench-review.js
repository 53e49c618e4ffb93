// @ts-check
// The deep-work half of `npm run bench`: the weekly review of a year of data (1,500 focus
// sessions, 500 runs), from a click on "Review" to its charts drawn. Adds its figure to
// bench/results.json.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium } from '../tests/setup/browser.js';
import { putRows } from '../tests/setup/raw-idb.js';
import { median, timeNavigation } from './page-timing.js';

const TARGET_MS = 150;
const SESSIONS = 1500;
const RUNS = 500;
const REPEATS = 7;
const MIN = 60_000;
const DAY = 86_400_000;
const STAGES = ['problem', 'data', 'model', 'deploy'];

/** A year of focus blocks, about six a week, oldest first. @param {number} now */
function sessions(now) {
	return Array.from({ length: SESSIONS }, (_, i) => {
		const start = now - 365 * DAY + Math.floor((i * 365 * DAY) / SESSIONS);
		const min = 60 + (i % 4) * 40;
		return {
			id: `bench-s-${String(i).padStart(5, '0')}`,
			taskId: `bench-task-${i % 40}`,
			taskTitle: `Deep work ${i % 40}`,
			stage: STAGES[i % 4],
			startedAt: start,
			plannedMin: 180,
			pauses: i % 3 ? [] : [{ from: start + 30 * MIN, to: start + 40 * MIN }],
			endedAt: start + (min + (i % 3 ? 0 : 10)) * MIN,
			ending: 'done',
			seenAt: start + min * MIN,
			note: '',
			held: [],
			createdAt: start,
			updatedAt: start
		};
	});
}

/** A year of runs, ended and with their machines off. @param {number} now */
function runs(now) {
	return Array.from({ length: RUNS }, (_, i) => {
		const launchedAt = now - 365 * DAY + Math.floor((i * 365 * DAY) / RUNS);
		const end = launchedAt + 120 * MIN;
		return {
			id: `bench-r-${String(i).padStart(5, '0')}`,
			number: i + 1,
			hypothesis: `Run ${i} tests a change`,
			launchedAt,
			expectedMin: 120,
			graceMin: 24,
			where: '',
			costPerHour: 4,
			skipped: [],
			token: `tok_bench_review_${String(i).padStart(6, '0')}`,
			registered: true,
			events: [
				{
					id: `e${i}`,
					at: end,
					source: 'job',
					kind: 'end',
					outcome: i % 6 ? 'finished' : 'failed',
					exit: i % 6 ? 0 : 1
				}
			],
			verdict: 'Noted.',
			machineOffAt: end + 5 * MIN,
			alertsSent: ['end'],
			createdAt: launchedAt,
			updatedAt: launchedAt
		};
	});
}

const app = createAppServer({ root: resolve('dist') });
await new Promise((done) => app.listen(0, '127.0.0.1', () => done(undefined)));
const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (app.address()).port}/`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	await page.goto(url);
	await page.getByRole('button', { name: 'Load an example board' }).click();
	const now = await page.evaluate(() => Date.now());
	await putRows(page, 'focusSessions', sessions(now));
	await putRows(page, 'runs', runs(now));
	await page.reload();
	// Once, so the page's code is loaded: what is measured is the review itself.
	await page.getByRole('link', { name: 'Review' }).click();
	await page.getByRole('table', { name: 'Tasks done' }).waitFor({ state: 'attached' });
	const times = await timeNavigation(page, '/review', 'svg.chart-svg rect', REPEATS);
	const results = JSON.parse(readFileSync('bench/results.json', 'utf8'));
	results.reviewRenderMs = {
		median: +median(times).toFixed(1),
		runs: REPEATS,
		sessions: SESSIONS,
		storedRuns: RUNS,
		all: times.map((t) => +t.toFixed(1))
	};
	writeFileSync('bench/results.json', `${JSON.stringify(results, null, '\t')}\n`);
	const value = results.reviewRenderMs.median;
	console.log('\nDeep work');
	console.log(
		`${value <= TARGET_MS ? 'met  ' : 'UNMET'} Weekly review with ${SESSIONS} sessions and ${RUNS} runs stored, drawn (median of ${REPEATS}): ${value} ms (target ≤ ${TARGET_MS} ms)`
	);
} finally {
	await browser.close();
	app.close();
}
