import { readFileSync } from 'node:fs';
import { getRows, putRows } from '../setup/raw-idb.js';
import { card, column, expect, startEmpty, test } from './helpers';
import {
	launch,
	notifications,
	passiveTask,
	recordShownNotifications,
	report,
	shown
} from './run-helpers';

test.use({ permissions: ['notifications'] });

/** A run as Lindy stores it, launched `agoMin` minutes before `now`, expected to take `expectedMin`. */
function storedRun(n: number, now: number, agoMin: number, expectedMin: number) {
	const launchedAt = now - agoMin * 60_000;
	return {
		id: `run-${n}`,
		number: n,
		hypothesis: `Sweep point ${n} beats the baseline`,
		launchedAt,
		expectedMin,
		graceMin: 30,
		where: '',
		skipped: [],
		token: `tok_e2e_run_${String(n).padStart(8, '0')}`,
		registered: true,
		events: [],
		verdict: '',
		alertsSent: [],
		createdAt: launchedAt,
		updatedAt: launchedAt
	};
}

test.describe('runs', () => {
	test('a run launched through the checklist reports its end, with a notification', async ({
		page,
		request
	}) => {
		await passiveTask(page, 'Train the baseline');
		await page.getByRole('button', { name: 'Launch a run for “Train the baseline”' }).click();
		const dialog = page.getByRole('dialog', { name: 'Pre-flight check' });
		await expect(dialog.getByRole('checkbox')).toHaveCount(5);
		await expect(dialog.getByText('4 required checks not ticked')).toBeVisible();
		await expect(dialog.getByRole('button', { name: 'Launch', exact: true })).toBeDisabled();
		await dialog.getByRole('button', { name: 'Launch anyway…' }).click();
		await expect(
			dialog.getByText('Say in one sentence what this run tests and why.')
		).toBeVisible();
		await dialog
			.getByLabel('What does this run test, and why?')
			.fill('Warmup fixes the divergence');
		await dialog.getByLabel('Expected duration').fill('~2h');
		await dialog.getByRole('button', { name: 'Launch anyway…' }).click();
		await expect(dialog.getByText('Launch without these checks?')).toBeVisible();
		await dialog.getByRole('button', { name: 'Yes, launch anyway' }).click();
		const launched = page.getByRole('dialog', { name: 'r1 launched' });
		const snippet = (await launched.getByLabel('Launch snippet').textContent()) ?? '';
		expect(snippet).toContain('trap lindy_exit EXIT');
		await expect(launched.getByText(/ssh -R 4174:127\.0\.0\.1:4174 host/)).toBeVisible();
		await launched.getByRole('button', { name: 'Done' }).click();

		const strip = page.getByRole('region', { name: 'Running' });
		await expect(
			strip.getByRole('article', { name: /r1 Warmup fixes the divergence/ })
		).toContainText('Running');
		await expect(card(column(page, 'model'), 'Train the baseline')).toContainText('r1 running');

		await report(request, snippet, { exit: '0' });
		await expect(strip.getByRole('article')).toContainText('Finished (exit 0)');
		await expect.poll(() => notifications(page)).toContain('r1 finished (exit 0)');

		// A click on the notification opens the run.
		const id = decodeURIComponent(/\/api\/runs\/([^/]+)\/events/.exec(snippet)![1]!);
		await page.goto(`/runs?run=${encodeURIComponent(id)}`);
		const opened = page.getByRole('article', { name: /r1/ });
		await expect(opened).toBeFocused();
		await expect(opened).toContainText('Launched without: Ran one batch end to end');
	});

	test('the strip shows the six runs that most need you; the Runs page shows them all', async ({
		page
	}) => {
		await page.clock.install({ time: new Date('2026-11-27T18:00:00') });
		await startEmpty(page);
		const now = await page.evaluate(() => Date.now());
		// Seven runs well under way, ending later the higher their number, and r8 past its end.
		const runs = [1, 2, 3, 4, 5, 6, 7].map((n) => storedRun(n, now, 10, 60 + n * 30));
		await putRows(page, 'runs', [...runs, storedRun(8, now, 70, 60)]);
		await page.reload();

		const strip = page.getByRole('region', { name: 'Running' });
		await expect(strip.getByRole('article')).toHaveCount(6);
		await expect(strip.getByRole('article').first()).toContainText('Due — check it');
		await expect(strip.getByRole('article').first()).toHaveAccessibleName(/^r8 /);
		await expect(strip.getByRole('article').nth(1)).toHaveAccessibleName(/^r1 /);
		await expect(strip.getByRole('article', { name: /^r7 / })).toHaveCount(0);
		await strip.getByRole('link', { name: 'All 8 on the Runs page (2 more)' }).click();
		await expect(page.getByRole('heading', { name: 'Runs', exact: true })).toBeVisible();
		await expect(page.getByRole('main').getByRole('article')).toHaveCount(8);
	});

	test('a run goes due, then silent, on the clock', async ({ page }) => {
		await page.clock.install({ time: new Date('2026-11-27T18:00:00') });
		await passiveTask(page, 'Overnight sweep');
		await launch(page, 'Overnight sweep', { expected: '1h' });
		const run = page.getByRole('region', { name: 'Running' }).getByRole('article');
		await expect(run).toContainText('Running');
		const bar = run.getByRole('progressbar', { name: 'r1 progress to its expected end' });
		await expect(bar).toHaveAttribute('aria-valuenow', '0');
		await page.clock.fastForward('00:30:00');
		await expect(bar).toHaveAttribute('aria-valuenow', '50');
		await expect(run).toContainText('30m elapsed');
		await page.clock.fastForward('00:31:00');
		await expect(run).toContainText('Due — check it');
		await expect(page).toHaveTitle('(1) Lindy');
		await expect.poll(() => notifications(page)).toContain('r1 should be done by now');
		await page.clock.fastForward('00:15:00');
		await expect(run).toContainText('Silent — it may have died');
		await expect.poll(() => notifications(page)).toContain('r1 has gone silent');
	});

	test('a budget alert at 80 %, and the meter runs until the machine is off', async ({
		page,
		context
	}) => {
		await recordShownNotifications(context);
		await page.clock.install({ time: new Date('2026-11-27T09:00:00') });
		await passiveTask(page, 'Fine-tune on A100s');
		await launch(page, 'Fine-tune on A100s', { expected: '2h', cost: '10', budget: '10' });
		const run = page.getByRole('region', { name: 'Running' }).getByRole('article');
		await page.clock.fastForward('00:49:00');
		await expect.poll(() => shown(page)).toBe('|r1 is at 80 % of its budget');

		await run.getByRole('button', { name: 'Mark finished' }).click();
		await expect(run.getByText('Is the machine off?')).toBeVisible();
		await expect(run).toContainText('$8.');
		await page.clock.fastForward('01:00:00');
		await expect(run).toContainText('$18.');
		// The spent budget first: it is urgent.
		await expect
			.poll(() => shown(page))
			.toBe('|r1 is at 80 % of its budget|r1 has spent its budget|Is the machine of r1 off?');
		await run.getByRole('button', { name: 'Yes, it’s off' }).click();
		await expect(page.getByRole('region', { name: 'Running' })).toHaveCount(0);
		await page.getByRole('link', { name: 'Runs' }).click();
		const logged = page.getByRole('article', { name: /r1/ });
		await expect(logged).toContainText('$18.');
		await page.clock.fastForward('05:00:00');
		await expect(logged).toContainText('$18.');
	});

	test('an ended run asks for a verdict, and the log exports Markdown and CSV', async ({
		page,
		request
	}) => {
		await passiveTask(page, 'Data ablation');
		const snippet = await launch(page, 'Data ablation', {
			hypothesis: 'Dropping the noisy shard helps, "really"'
		});
		await report(request, snippet, { metric: 'f1:0.74', exit: '1' });
		await page.getByRole('link', { name: 'Runs' }).click();
		const run = page.getByRole('article', { name: /r1/ });
		await expect(run).toContainText('f1 0.74');
		const verdict = run.getByLabel('r1 failed — what did you learn?');
		await verdict.fill('The shard was not the noise; the labeller was.');
		await verdict.press('Enter');
		// Once saved, the prompt becomes the run's verdict.
		await expect(run.getByLabel('Verdict')).toHaveValue(
			'The shard was not the noise; the labeller was.'
		);
		await page.reload();
		await expect(page.getByRole('article', { name: /r1/ }).getByLabel('Verdict')).toHaveValue(
			'The shard was not the noise; the labeller was.'
		);

		const [md] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export Markdown' }).click()
		]);
		const markdown = readFileSync((await md.path())!, 'utf8');
		expect(markdown).toContain('## r1: Dropping the noisy shard helps, "really"');
		expect(markdown).toContain('- **Outcome:** failed (exit 1)');
		expect(markdown).toContain('- **Verdict:** The shard was not the noise; the labeller was.');
		const [csv] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export CSV' }).click()
		]);
		const rows = readFileSync((await csv.path())!, 'utf8').split('\r\n');
		expect(rows[0]).toBe(
			'run,hypothesis,task,stage,state,launched,ended,exit,metrics,cost,where,skipped,verdict'
		);
		expect(rows[1]).toContain(
			'r1,"Dropping the noisy shard helps, ""really""",Data ablation,Model selection,failed'
		);
	});

	test('a met target moves the task to Deployment, and its priority says why', async ({
		page,
		request
	}) => {
		await passiveTask(page, 'Tune the classifier');
		await page.getByRole('button', { name: 'Edit “Tune the classifier”' }).click();
		const edit = page.getByRole('dialog', { name: 'Edit task' });
		await edit.getByLabel('Good enough when').fill('f1 >= 0.80');
		await edit.getByLabel('Tuning budget').fill('6h');
		await edit.getByRole('button', { name: 'Save' }).click();
		await expect(edit).toBeHidden();
		const snippet = await launch(page, 'Tune the classifier');
		await report(request, snippet, { metric: 'f1:0.81' });
		const tuned = card(column(page, 'model'), 'Tune the classifier');
		await expect(tuned).toContainText('Good enough: f1 0.81 ≥ 0.8 — stop tuning, ship it');
		await page
			.getByRole('button', { name: 'Ship “Tune the classifier”: move it to Deployment' })
			.click();
		const shipped = card(column(page, 'deploy'), 'Tune the classifier');
		await expect(shipped).toBeVisible();
		await shipped.getByRole('button', { name: 'Why this rank for “Tune the classifier”' }).click();
		await expect(shipped.getByRole('list', { name: 'Why this rank' })).toContainText(
			'Good enough: f1 0.81 ≥ 0.8 — ship it +15'
		);
		await expect(
			page.getByText('Moved “Tune the classifier” to Deployment — ship it.')
		).toBeVisible();
	});

	test('launching and marking by hand work offline; back online the run registers', async ({
		page,
		context,
		request
	}) => {
		await passiveTask(page, 'Scrape the papers');
		await page.evaluate(() => navigator.serviceWorker.ready);
		await context.setOffline(true);
		const snippet = await launch(page, 'Scrape the papers');
		const run = page.getByRole('region', { name: 'Running' }).getByRole('article');
		await expect(run).toContainText('Lindy’s server has not got this run yet');
		await run.getByRole('button', { name: 'Mark stopped' }).click();
		await expect(run).toContainText('Stopped');
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(run).toContainText('Running');
		await run.getByRole('button', { name: 'Mark stopped' }).click();
		await expect(run).toContainText('Stopped');
		await page.reload();
		await page.getByRole('link', { name: 'Runs' }).click();
		const logged = page.getByRole('article', { name: /r1/ });
		await expect(logged).toContainText('Stopped');
		await expect(logged).toContainText('Is the machine off?');

		await context.setOffline(false);
		// The run registers once the server is reachable again (polled in the stored run, so that no
		// report is refused on the way: refusals count towards the server's rate limit).
		await expect.poll(async () => (await getRows(page, 'runs'))[0]?.registered).toBe(true);
		await report(request, snippet, { note: 'epoch 1 of 3' });
		await expect(logged).toContainText('epoch 1 of 3');
	});

	test('two tabs deliver one notification', async ({ page, context, request }) => {
		await recordShownNotifications(context);
		await passiveTask(page, 'Distil the model');
		const snippet = await launch(page, 'Distil the model');
		const second = await context.newPage();
		await second.goto('/runs');
		await expect(second.getByRole('article', { name: /r1/ })).toBeVisible();
		await report(request, snippet, { exit: '2' });
		await expect(page.getByRole('region', { name: 'Running' }).getByRole('article')).toContainText(
			'Failed'
		);
		await expect(second.getByRole('article', { name: /r1/ })).toContainText('Failed');
		// Each tab asks for the alerts lock when it sees the end; once no tab holds or waits for it,
		// every tab has had its turn.
		await expect
			.poll(() =>
				page.evaluate(async () => {
					const { held = [], pending = [] } = await navigator.locks.query();
					return held.length + pending.length;
				})
			)
			.toBe(0);
		expect(await shown(second)).toBe('|r1 failed (exit 2)');
	});

	test('a database from before runs upgrades and keeps everything', async ({ page }) => {
		const fixture = JSON.parse(readFileSync('tests/fixtures/db/v2.json', 'utf8')) as {
			stores: Record<string, string>;
			data: Record<string, { title?: string }[]>;
		};
		// Without feeds chosen, so that the start does not refresh feeds over the network.
		fixture.data.settings = fixture.data.settings!.filter(
			(s) => (s as { key?: string }).key !== 'feedsChosen'
		);
		await page.goto('/robots.txt');
		await page.evaluate(async ({ stores, data }) => {
			const db = await new Promise<IDBDatabase>((done, fail) => {
				const req = indexedDB.open('lindy', 20);
				req.onupgradeneeded = () => {
					for (const [name, spec] of Object.entries(stores)) {
						const [key, ...indexes] = spec.split(',').map((s) => s.trim());
						const store = req.result.createObjectStore(name, { keyPath: key! });
						for (const index of indexes) {
							const name = index.replace(/^&/, '');
							store.createIndex(name, name, { unique: index.startsWith('&') });
						}
					}
				};
				req.onsuccess = () => done(req.result);
				req.onerror = () => fail(req.error);
			});
			const tx = db.transaction(Object.keys(data), 'readwrite');
			for (const [name, rows] of Object.entries(data))
				for (const row of rows) tx.objectStore(name).put(row);
			await new Promise((done) => (tx.oncomplete = done));
			db.close();
		}, fixture);
		await page.goto('/');
		const title = fixture.data.tasks!.find((t) => t.title)!.title!;
		await expect(page.getByRole('listitem', { name: title, exact: true })).toBeVisible();
		await page.getByRole('link', { name: 'Runs' }).click();
		await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
		await page.getByRole('button', { name: 'Launch a run…' }).click();
		await expect(page.getByRole('dialog', { name: 'Pre-flight check' })).toBeVisible();
	});
});
