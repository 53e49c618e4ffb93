import { readFileSync } from 'node:fs';
import { putRows } from '../setup/raw-idb.js';
import { card, column, expect, quickAdd, startEmpty, test, waitForServiceWorker } from './helpers';

// Weeks here start on Monday, as en-GB's do (the browser's language decides the first day).
test.use({ locale: 'en-GB' });

test('the weekly review adds up the seeded week, exports Markdown and PNG, and works offline', async ({
	page,
	context
}) => {
	await page.clock.install({ time: new Date('2026-11-27T16:00:00') });
	await startEmpty(page);
	await quickAdd(page, 'Write the problem statement #problem !active');
	await quickAdd(page, 'Clean the labels #data');
	const clean = card(column(page, 'data'), 'Clean the labels');
	await clean.getByRole('button', { name: 'Complete “Clean the labels”' }).click();

	const at = (day: number, hour: number, minute = 0) =>
		page.evaluate(([d, h, m]) => new Date(2026, 10, d!, h, m).getTime(), [day, hour, minute]);
	const MIN = 60_000;
	const tue = await at(24, 7);
	const wed = await at(25, 9);
	const lastWeek = await at(18, 9);
	const session = (id: string, stage: string, start: number, min: number, pauseMin = 0) => ({
		id,
		taskId: 'seeded',
		taskTitle: 'Seeded work',
		stage,
		startedAt: start,
		plannedMin: 180,
		pauses: pauseMin ? [{ from: start + 30 * MIN, to: start + (30 + pauseMin) * MIN }] : [],
		endedAt: start + (min + pauseMin) * MIN,
		ending: 'stopped',
		seenAt: start + (min + pauseMin) * MIN,
		note: '',
		held: [],
		createdAt: start,
		updatedAt: start
	});
	await putRows(page, 'focusSessions', [
		session('s1', 'problem', tue, 120),
		session('s2', 'model', wed, 75, 15),
		session('s0', 'data', lastWeek, 60)
	]);
	const run = (id: string, n: number, outcome: string, exit: number) => ({
		id,
		number: n,
		hypothesis: `Run ${n}`,
		launchedAt: wed,
		expectedMin: 60,
		graceMin: 15,
		where: '',
		costPerHour: 10,
		skipped: [],
		token: `tok_review_run_${n}0000000`,
		registered: true,
		events: [{ id: `e${n}`, at: wed + 90 * MIN, source: 'job', kind: 'end', outcome, exit }],
		verdict: 'Learned something.',
		machineOffAt: wed + 90 * MIN,
		alertsSent: ['end'],
		createdAt: wed,
		updatedAt: wed
	});
	await putRows(page, 'runs', [run('r1', 1, 'finished', 0), run('r2', 2, 'failed', 1)]);
	await page.reload();

	await page.getByRole('link', { name: 'Review' }).click();
	await expect(page.getByRole('heading', { name: 'Weekly review' })).toBeVisible();
	await expect(page.getByText(/of focus in/)).toContainText(
		'3h15m of focus in 2 blocks · 2 runs launched, US$30.00 spent · 1 task done · 0 reading passes'
	);
	const focus = page.getByRole('table', { name: 'Where the focus went, beside the open effort' });
	await expect(focus.getByRole('row', { name: /Problem definition/ })).toContainText('2h');
	await expect(focus.getByRole('row', { name: /Model selection/ })).toContainText('1h15m');
	await expect(focus.getByRole('row', { name: /Data quality/ })).toContainText('0h');
	const runs = page.getByRole('table', { name: 'Runs' });
	await expect(runs.getByRole('row', { name: /Failed/ })).toContainText('1');
	const done = page.getByRole('table', { name: 'Tasks done' });
	await expect(done.getByRole('row', { name: /Data quality/ })).toContainText('1');

	const md = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export Markdown' }).click();
	const mdFile = await md;
	expect(mdFile.suggestedFilename()).toBe('lindy-review-2026-11-23.md');
	const text = readFileSync(await mdFile.path(), 'utf8');
	expect(text).toContain('## Focus: 3h15m in 2 blocks');
	expect(text).toContain('| Model selection | 1h15m |');

	const png = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export PNG' }).click();
	const pngFile = await png;
	expect(pngFile.suggestedFilename()).toBe('lindy-review-2026-11-23.png');
	const bytes = readFileSync(await pngFile.path());
	expect(bytes.subarray(1, 4).toString()).toBe('PNG');
	expect(bytes.length).toBeGreaterThan(5000);

	await page.getByRole('button', { name: '← Previous week' }).click();
	await expect(page.getByText(/of focus in/)).toContainText('1h of focus in 1 block');
	await expect(page).toHaveURL(/\/review\?week=2026-11-16$/);
	await page.reload();
	await expect(page.getByText(/of focus in/)).toContainText('1h of focus in 1 block');
	await page.getByRole('button', { name: 'This week' }).click();
	await expect(page).toHaveURL(/\/review$/);

	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText(/of focus in/)).toContainText('3h15m of focus in 2 blocks');
});

test('on Fridays one gentle reminder links the review and the reading list', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-11-27T10:00:00') });
	await startEmpty(page);
	await quickAdd(page, 'Write the problem statement #problem');
	const friday = page.getByRole('region', { name: 'Friday' });
	await expect(friday).toContainText('look back at the week');
	await friday.getByRole('button', { name: 'Open the weekly review' }).click();
	await expect(page.getByRole('heading', { name: 'Weekly review' })).toBeVisible();
	await page.getByRole('link', { name: 'Board' }).click();
	await expect(page.getByRole('textbox', { name: 'New task' })).toBeVisible();
	await expect(friday).toHaveCount(0);
});

test.describe('where weeks start on Sunday', () => {
	test.use({ locale: 'en-US' });

	test('the review and its address follow the browser language’s first day of the week', async ({
		page
	}) => {
		await page.clock.install({ time: new Date('2026-11-27T16:00:00') });
		await startEmpty(page);
		await quickAdd(page, 'Something to review');
		await page.getByRole('link', { name: 'Review' }).click();
		await expect(page.getByRole('heading', { name: 'Weekly review' })).toBeVisible();
		const md = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export Markdown' }).click();
		expect((await md).suggestedFilename()).toBe('lindy-review-2026-11-22.md');
		await page.getByRole('button', { name: '← Previous week' }).click();
		await expect(page).toHaveURL(/\/review\?week=2026-11-15$/);
	});
});
