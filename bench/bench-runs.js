// @ts-check
// The runs half of `npm run bench`: how fast the experiment log draws 1,000 runs, and what the
// Running strip's once-a-minute update costs the main thread with 20 runs under way. Adds its
// figures to bench/results.json.
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium } from '../tests/setup/browser.js';
import { putRows } from '../tests/setup/raw-idb.js';
import { median, timeNavigation } from './page-timing.js';

const TARGETS = { logRenderMs: 100, stripMinuteMs: 2 };
const LOG_RUNS = 1000;
const STRIP_RUNS = 20;
const REPEATS = +(process.env.REPEATS ?? 7);
/** A minute's tick is small against the machine's noise: more samples for a steady median. */
const STRIP_REPEATS = Math.max(REPEATS, 15);

/** Runs as Lindy stores them; the first `running` are under way at `now`. @param {number} n @param {number} running @param {number} now */
function makeRuns(n, running, now) {
	return Array.from({ length: n }, (_, i) => {
		const launchedAt = now - (i < running ? 30 * 60_000 : (i + 1) * 3_600_000);
		const ended = i >= running;
		return {
			id: `run-${String(i).padStart(5, '0')}`,
			number: n - i,
			hypothesis: `Benchmark run ${i}: ${['label smoothing', 'warmup length', 'data ablation', 'lr sweep'][i % 4]} helps`,
			launchedAt,
			expectedMin: 120,
			graceMin: 24,
			where: i % 2 ? '8×A100, cloud' : '',
			costPerHour: 12.5,
			budget: 100,
			skipped: [],
			token: `tok_benchmark_${String(i).padStart(8, '0')}`,
			registered: true,
			events: ended
				? [
						{
							id: `m${i}`,
							at: launchedAt + 60_000,
							source: 'job',
							kind: 'metric',
							metric: { name: 'f1', value: 0.7 + (i % 20) / 100 }
						},
						{
							id: `e${i}`,
							at: launchedAt + 90 * 60_000,
							source: 'job',
							kind: 'end',
							outcome: i % 5 ? 'finished' : 'failed',
							exit: i % 5 ? 0 : 1
						}
					]
				: [],
			verdict: ended ? 'What it taught, in one sentence.' : '',
			...(ended ? { machineOffAt: launchedAt + 95 * 60_000 } : {}),
			alertsSent: ended ? ['end'] : [],
			createdAt: launchedAt,
			updatedAt: launchedAt
		};
	});
}

const dataDir = mkdtempSync(join(tmpdir(), 'lindy-bench-runs-'));
const app = createAppServer({ root: resolve('dist'), runs: { dataDir, log: () => {} } });
await new Promise((done) => app.listen(0, '127.0.0.1', () => done(undefined)));
const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (app.address()).port}/`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

try {
	// The log: from a click on "Runs" to 1,000 runs drawn, the page's code already loaded once.
	const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	await page.goto(url);
	await page.getByRole('button', { name: 'Start empty' }).click();
	await putRows(page, 'runs', makeRuns(LOG_RUNS, 0, Date.now()));
	await page.reload();
	await page.getByRole('link', { name: 'Runs' }).click();
	await page.getByRole('article').first().waitFor();
	const logTimes = await timeNavigation(page, '/runs', 'article[data-run-id]', REPEATS);
	await page.locator('article[data-run-id]').nth(49).waitFor();
	const shown = await page.locator('article[data-run-id]').count();
	await page.close();

	// The strip: main-thread time of a minute's tick on the board with 20 runs under way, less the
	// same minute on a board with none (the clock, the board and Playwright's fake timers).
	/** @param {number} count @param {boolean} [onRunsPage] */
	const minuteCost = async (count, onRunsPage = false) => {
		const strip = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		await strip.clock.install();
		await strip.goto(url);
		await strip.getByRole('button', { name: 'Start empty' }).click();
		const now = await strip.evaluate(() => Date.now());
		await putRows(strip, 'runs', makeRuns(count, count, now));
		await strip.reload();
		if (onRunsPage) {
			await strip.getByRole('link', { name: 'Runs' }).click();
			if (count > 0)
				await strip
					.locator('article[data-run-id]')
					.nth(count - 1)
					.waitFor();
			else await strip.getByRole('heading', { name: 'No runs yet' }).waitFor();
		} else if (count > 0) {
			await strip.getByRole('region', { name: 'Running' }).getByRole('article').first().waitFor();
		} else await strip.getByRole('textbox', { name: 'New task' }).waitFor();
		const cdp = await strip.context().newCDPSession(strip);
		await cdp.send('Performance.enable');
		/** Seconds of main-thread work so far: all of it, and script, style and layout alone. */
		const metrics = async () => {
			const m = new Map(
				(await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value])
			);
			return {
				task: m.get('TaskDuration') ?? 0,
				script:
					(m.get('ScriptDuration') ?? 0) +
					(m.get('RecalcStyleDuration') ?? 0) +
					(m.get('LayoutDuration') ?? 0)
			};
		};
		await strip.clock.runFor(60_000);
		const task = [];
		const script = [];
		for (let i = 0; i < STRIP_REPEATS; i++) {
			const before = await metrics();
			await strip.clock.runFor(60_000);
			await strip.evaluate(() => new Promise((r) => setTimeout(r)));
			const after = await metrics();
			task.push((after.task - before.task) * 1000);
			script.push((after.script - before.script) * 1000);
		}
		await strip.close();
		return { task: median(task), script: median(script) };
	};
	const withRuns = await minuteCost(STRIP_RUNS);
	const without = await minuteCost(0);
	const minuteTimes = [Math.max(0, withRuns.script - without.script)];
	const minuteWithPaint = Math.max(0, withRuns.task - without.task);
	const pageWithRuns = await minuteCost(STRIP_RUNS, true);
	const pageWithout = await minuteCost(0, true);
	const pageMinute = Math.max(0, pageWithRuns.script - pageWithout.script);

	const results = JSON.parse(readFileSync('bench/results.json', 'utf8'));
	results.runsLogRenderMs = {
		median: +median(logTimes).toFixed(1),
		runs: REPEATS,
		shown,
		stored: LOG_RUNS,
		all: logTimes.map((t) => +t.toFixed(1))
	};
	results.stripMinuteMs = {
		median: +median(minuteTimes).toFixed(2),
		runs: STRIP_REPEATS,
		activeRuns: STRIP_RUNS,
		withPaintMs: +minuteWithPaint.toFixed(2),
		runsPageMs: +pageMinute.toFixed(2)
	};
	writeFileSync('bench/results.json', `${JSON.stringify(results, null, '\t')}\n`);
	const row = (
		/** @type {string} */ label,
		/** @type {number} */ value,
		/** @type {number} */ target,
		/** @type {string} */ unit
	) =>
		`${value <= target ? 'met  ' : 'UNMET'} ${label}: ${value} ${unit} (target ≤ ${target} ${unit})`;
	console.log('\nRuns');
	console.log(
		row(
			`Experiment log with ${LOG_RUNS} runs drawn (median of ${REPEATS})`,
			results.runsLogRenderMs.median,
			TARGETS.logRenderMs,
			'ms'
		)
	);
	console.log(
		`  (the log draws ${shown} runs once idle, 8 in its first frame; "Show more" adds 50 at a time)`
	);
	console.log(
		row(
			`Running strip's minute update with ${STRIP_RUNS} runs: script, style, layout (median of ${STRIP_REPEATS})`,
			results.stripMinuteMs.median,
			TARGETS.stripMinuteMs,
			'ms'
		)
	);
	console.log(
		`  (the strip shows the 6 runs that most need you; with the paint of its cards: ${results.stripMinuteMs.withPaintMs} ms; this machine paints in software)`
	);
	console.log(
		`  (the Runs page, all ${STRIP_RUNS} running cards shown: ${results.stripMinuteMs.runsPageMs} ms of script, style and layout a minute)`
	);
} finally {
	await browser.close();
	app.close();
	rmSync(dataDir, { recursive: true, force: true });
}
