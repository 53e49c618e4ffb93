// @ts-check
// Screenshots of the real app with the example board, light and dark, 1280 and 390 px wide,
// into docs/screenshots/. The README shows board-light-1280.png. `npm run screenshot` builds first.
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_MESSAGE } from '../tests/setup/browser.js';
import { putRows } from '../tests/setup/raw-idb.js';

const MIN = 60_000;
/** Focus blocks earlier this week (Monday onwards), for the weekly review. @param {number} now */
function exampleSessions(now) {
	const monday = new Date(now);
	monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
	monday.setHours(7, 0, 0, 0);
	const day = 86_400_000;
	/** @param {string} id @param {string} stage @param {number} start @param {number} min */
	const session = (id, stage, start, min) => ({
		id,
		taskId: 'example',
		taskTitle: 'Example work',
		stage,
		startedAt: start,
		plannedMin: 180,
		pauses: [],
		endedAt: start + min * MIN,
		ending: 'done',
		seenAt: start + min * MIN,
		note: '',
		held: [],
		createdAt: start,
		updatedAt: start
	});
	return [
		session('shot-s1', 'problem', monday.getTime(), 150),
		session('shot-s2', 'data', monday.getTime() + day, 180),
		session('shot-s3', 'model', monday.getTime() + 2 * day, 120),
		session('shot-s4', 'data', monday.getTime() + 3 * day, 90)
	].filter((s) => s.endedAt < now);
}

/** A few runs in each state, as Lindy stores them, for the Runs page. @param {number} now */
function exampleRuns(now) {
	/** @param {number} i @param {object} over */
	const run = (i, over) => ({
		id: `shot-${i}`,
		number: 40 + i,
		where: '',
		skipped: [],
		token: `tok_screenshot_${String(i).padStart(8, '0')}`,
		registered: true,
		events: [],
		verdict: '',
		alertsSent: [],
		graceMin: 30,
		createdAt: now,
		updatedAt: now,
		...over
	});
	return [
		run(4, {
			hypothesis: 'Label smoothing 0.1 lifts macro-F1 on the small churn model',
			launchedAt: now - 95 * MIN,
			expectedMin: 240,
			where: '8×A100, cloud',
			costPerHour: 21.5,
			budget: 120
		}),
		run(2, {
			hypothesis: 'Overnight sweep of warmup length, 6 values',
			launchedAt: now - 9 * 60 * MIN,
			expectedMin: 480,
			graceMin: 96,
			where: '1×L4, lab box'
		}),
		run(3, {
			hypothesis: 'Dropping the noisy shard removes the plateau at step 900',
			launchedAt: now - 5 * 60 * MIN,
			expectedMin: 120,
			costPerHour: 3.2,
			events: [
				{
					id: 'm2',
					at: now - 4 * 60 * MIN,
					source: 'job',
					kind: 'metric',
					metric: { name: 'f1', value: 0.74 }
				},
				{ id: 'e2', at: now - 3 * 60 * MIN, source: 'job', kind: 'end', outcome: 'failed', exit: 1 }
			],
			alertsSent: ['end']
		}),
		run(1, {
			hypothesis: 'Baseline gradient-boosted trees on the cleaned features',
			launchedAt: now - 30 * 60 * MIN,
			expectedMin: 60,
			costPerHour: 1.1,
			events: [
				{
					id: 'm1',
					at: now - 29 * 60 * MIN,
					source: 'job',
					kind: 'metric',
					metric: { name: 'f1', value: 0.71 }
				},
				{
					id: 'e1',
					at: now - 29 * 60 * MIN,
					source: 'job',
					kind: 'end',
					outcome: 'finished',
					exit: 0
				}
			],
			machineOffAt: now - 29 * 60 * MIN,
			verdict: 'A solid floor: anything below 0.71 is not worth shipping.',
			alertsSent: ['end']
		})
	];
}

const executablePath = findChromium();
if (!executablePath) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}

// Fixture feeds for the Reading page, served here; the app's proxy may fetch from 127.0.0.1.
const feeds = createServer((req, res) => {
	try {
		const body = readFileSync(resolve('tests/fixtures/feeds', (req.url ?? '/').slice(1)));
		res.writeHead(200, { 'content-type': 'application/rss+xml' });
		res.end(body);
	} catch {
		res.writeHead(404);
		res.end();
	}
});
await new Promise((done) => feeds.listen(0, '127.0.0.1', () => done(undefined)));
const feedAddress = feeds.address();
const feedBase = `http://127.0.0.1:${typeof feedAddress === 'object' && feedAddress ? feedAddress.port : 0}/`;

const syncData = mkdtempSync(join(tmpdir(), 'lindy-shots-sync-'));
const server = createAppServer({
	root: resolve('dist'),
	proxy: { allowPrivate: true },
	sync: { dataDir: syncData }
});
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
mkdirSync('docs/screenshots', { recursive: true });

try {
	for (const scheme of /** @type {const} */ (['light', 'dark'])) {
		for (const width of [1280, 390]) {
			const context = await browser.newContext({
				viewport: { width, height: width > 600 ? 860 : 844 },
				colorScheme: scheme,
				deviceScaleFactor: 1
			});
			const page = await context.newPage();
			await page.goto(url);
			await page.getByRole('button', { name: 'Load an example board' }).click();
			await page
				.getByRole('textbox', { name: 'New task' })
				.fill('Label 200 hard examples #data ~2h p1 due:fri @labels');
			if (width > 600)
				await page
					.getByRole('button', {
						name: 'Why this rank for “Write the one-page problem statement for churn prediction”'
					})
					.last()
					.click();
			await page.mouse.move(0, 0);
			await page.evaluate(() => window.scrollTo(0, 0));
			const file = `docs/screenshots/board-${scheme}-${width}.png`;
			await page.screenshot({ path: file });
			console.log(`wrote ${file}`);

			await page.getByRole('textbox', { name: 'New task' }).fill('');
			await page.getByRole('link', { name: 'Reading' }).click();
			await page.getByRole('button', { name: 'Start without feeds' }).click();
			await page.getByRole('tab', { name: 'Feeds' }).click();
			for (const name of ['rss2.xml', 'atom.xml', 'rdf.xml', 'hype.xml', 'bare-ampersand.xml']) {
				await page.getByLabel('Add a feed').fill(feedBase + name);
				await page.getByRole('button', { name: 'Add', exact: true }).click();
				await page.getByText(feedBase + name).waitFor();
			}
			await page.getByText('Not fetched yet').first().waitFor({ state: 'detached' });
			await page.getByRole('tab', { name: 'This week' }).click();
			await page.getByRole('article').first().waitFor();
			const reading = `docs/screenshots/reading-${scheme}-${width}.png`;
			await page.screenshot({ path: reading });
			console.log(`wrote ${reading}`);

			await page.getByRole('tab', { name: /All items/ }).click();
			const firstItem = page.getByRole('feed', { name: 'Items' }).getByRole('article').first();
			await firstItem.getByRole('button', { name: 'Read here' }).click();
			await firstItem.getByRole('button', { name: 'Close' }).click();
			await firstItem.getByRole('button', { name: /^Save “/ }).click();
			await page.getByRole('radio', { name: 'Saved (1)' }).waitFor();
			await page.mouse.move(0, 0);
			const items = `docs/screenshots/items-${scheme}-${width}.png`;
			await page.screenshot({ path: items });
			console.log(`wrote ${items}`);

			const shared = new URLSearchParams({
				title: 'Calibrating deep ensembles',
				text: 'Worth a read before the Friday review',
				url: 'https://papers.example.org/calibration'
			});
			await page.goto(`${url}share?${shared}`);
			await page.getByRole('heading', { name: 'Shared with Lindy' }).waitFor();
			const capture = `docs/screenshots/capture-${scheme}-${width}.png`;
			await page.screenshot({ path: capture });
			console.log(`wrote ${capture}`);

			await putRows(page, 'runs', exampleRuns(Date.now()));
			await page.goto(`${url}runs`);
			await page.getByRole('article').nth(3).waitFor();
			const runs = `docs/screenshots/runs-${scheme}-${width}.png`;
			await page.screenshot({ path: runs });
			console.log(`wrote ${runs}`);
			await page.getByRole('link', { name: 'Board' }).click();
			await page.getByRole('region', { name: 'Running' }).getByRole('article').first().waitFor();
			const strip = `docs/screenshots/strip-${scheme}-${width}.png`;
			await page.screenshot({ path: strip });
			console.log(`wrote ${strip}`);
			await page.getByRole('link', { name: 'Runs' }).click();
			await page.getByRole('article').nth(3).waitFor();
			await page.getByRole('button', { name: 'Launch a run…' }).click();
			const preflight = page.getByRole('dialog', { name: 'Pre-flight check' });
			await preflight.getByRole('checkbox').nth(0).check();
			await preflight.getByRole('checkbox').nth(1).check();
			await preflight
				.getByLabel('What does this run test, and why?')
				.fill('Does mixup beat label smoothing on the churn model?');
			await preflight.getByLabel('Expected duration').fill('~3h');
			const dialogShot = `docs/screenshots/preflight-${scheme}-${width}.png`;
			await page.screenshot({ path: dialogShot });
			console.log(`wrote ${dialogShot}`);

			const focus = await context.newPage();
			await focus.goto(url);
			await focus.getByRole('button', { name: 'Focus', exact: true }).click();
			const start = focus.getByRole('dialog', { name: 'Start a focus block' });
			await start.getByRole('radio', { name: '3h' }).waitFor();
			const startShot = `docs/screenshots/focus-start-${scheme}-${width}.png`;
			await focus.screenshot({ path: startShot });
			console.log(`wrote ${startShot}`);
			await start.getByRole('button', { name: /^Start / }).click();
			await focus.getByRole('region', { name: 'Focus block' }).waitFor();
			await focus.mouse.move(0, 0);
			const focusShot = `docs/screenshots/focus-${scheme}-${width}.png`;
			await focus.screenshot({ path: focusShot });
			console.log(`wrote ${focusShot}`);

			await putRows(focus, 'focusSessions', exampleSessions(Date.now()));
			await focus.goto(`${url}review`);
			await focus.getByRole('table', { name: 'Tasks done' }).waitFor();
			const reviewShot = `docs/screenshots/review-${scheme}-${width}.png`;
			await focus.screenshot({ path: reviewShot });
			console.log(`wrote ${reviewShot}`);

			await focus.getByRole('link', { name: 'Today' }).click();
			const deep = focus.getByRole('region', { name: 'Deep work' });
			await deep.getByRole('button', { name: /^Put / }).first().click();
			await deep.getByRole('list').waitFor();
			await focus.evaluate(() => window.scrollTo(0, 0));
			const todayShot = `docs/screenshots/today-${scheme}-${width}.png`;
			await focus.screenshot({ path: todayShot });
			console.log(`wrote ${todayShot}`);

			await focus.getByRole('link', { name: 'Settings' }).click();
			const sync = focus.getByRole('region', { name: 'Sync' });
			await sync.getByLabel('Name of this device').fill('Laptop');
			await sync.getByRole('button', { name: 'Turn on sync' }).click();
			await sync.getByRole('img', { name: 'Pairing code as a QR code' }).waitFor();
			await focus.getByRole('banner').getByText('Synced').waitFor();
			await sync.getByRole('heading', { name: 'Sync' }).evaluate((h) => h.scrollIntoView());
			const syncShot = `docs/screenshots/sync-${scheme}-${width}.png`;
			await focus.screenshot({ path: syncShot });
			console.log(`wrote ${syncShot}`);
			await context.close();
		}
	}
} finally {
	await browser.close();
	server.close();
	feeds.close();
	rmSync(syncData, { recursive: true, force: true });
}
