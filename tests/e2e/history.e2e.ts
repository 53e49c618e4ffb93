import type { Page } from '@playwright/test';
import { putRows } from '../setup/raw-idb.js';
import { card, column, expect, moveWorkerStarted, quickAdd, startEmpty, test } from './helpers';

/** Writes tasks behind the board's back, as another tab or a sync would (see putRows). */
const writeBehindTheBoard = (page: Page, rows: object[]) => putRows(page, 'tasks', rows);

function doneTask(i: number, stage: string, doneAt: number) {
	return {
		id: `done-${String(i).padStart(4, '0')}`,
		title: `Finished ${stage} task ${i}`,
		notes: '',
		stage,
		mode: 'active',
		status: 'done',
		impact: 3,
		tags: [],
		order: i,
		createdAt: doneAt - 86_400_000,
		updatedAt: doneAt,
		doneAt
	};
}

test.describe('done tasks', () => {
	test('each column counts its done tasks, shows them newest first when opened, and hides them again', async ({
		page
	}) => {
		await startEmpty(page);
		const now = Date.now();
		await writeBehindTheBoard(page, [
			...Array.from({ length: 130 }, (_, i) => doneTask(i, 'data', now - (130 - i) * 60_000)),
			doneTask(500, 'deploy', now - 1000)
		]);
		await page.reload();

		const data = column(page, 'data');
		const toggle = data.getByRole('button', { name: '130 done' });
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect(column(page, 'deploy').getByRole('button', { name: '1 done' })).toBeVisible();
		await expect(column(page, 'problem').getByRole('button', { name: /done$/ })).toHaveCount(0);

		await toggle.click();
		const list = data.getByRole('list', { name: 'Data quality done tasks' });
		await expect(list.getByRole('listitem')).toHaveCount(50);
		await expect(list.getByRole('listitem').first()).toHaveAccessibleName('Finished data task 129');
		await expect(column(page, 'deploy').getByRole('list', { name: /done tasks/ })).toHaveCount(0);

		// By keyboard: cards drawn just after the scroll to this button take their real heights a
		// frame later, and can move it from under a click made within that frame.
		await data.getByRole('button', { name: 'Show 80 more done' }).press('Enter');
		await expect(list.getByRole('listitem')).toHaveCount(130);
		await expect(list.getByRole('listitem').last()).toHaveAccessibleName('Finished data task 0');

		await toggle.click();
		await expect(list).toBeHidden();
	});

	test('completing and reopening a task moves it between the open cards and the done count', async ({
		page
	}) => {
		await startEmpty(page);
		await quickAdd(page, 'Write the eval plan #problem');
		const problem = column(page, 'problem');
		await page.getByRole('button', { name: 'Complete “Write the eval plan”' }).click();
		await expect(
			card(problem.getByRole('list', { name: 'Problem definition tasks' }), 'Write the eval plan')
		).toBeHidden();
		await problem.getByRole('button', { name: '1 done' }).click();
		await page.getByRole('button', { name: 'Reopen “Write the eval plan”' }).click();
		await expect(
			card(problem.getByRole('list', { name: 'Problem definition tasks' }), 'Write the eval plan')
		).toBeVisible();
		await expect(problem.getByRole('button', { name: /done$/ })).toHaveCount(0);
	});

	test('search finds a done task, and clearing it hides the done list again', async ({ page }) => {
		await startEmpty(page);
		const now = Date.now();
		await writeBehindTheBoard(page, [
			{ ...doneTask(1, 'model', now - 5000), title: 'Calibrate the churn model' },
			doneTask(2, 'model', now - 4000)
		]);
		await page.reload();
		await quickAdd(page, 'Compare against the baseline #model');

		const search = page.getByRole('searchbox', { name: 'Search tasks' });
		await search.fill('calibrate');
		const model = column(page, 'model');
		await expect(model.getByRole('heading', { name: '1 done' })).toBeVisible();
		await expect(card(model, 'Calibrate the churn model')).toBeVisible();
		await expect(card(model, 'Finished model task 2')).toHaveCount(0);
		await expect(card(model, 'Compare against the baseline')).toHaveCount(0);

		// While the search is open, the found task follows its status both ways.
		await page.getByRole('button', { name: 'Reopen “Calibrate the churn model”' }).click();
		await expect(model.getByRole('heading', { name: /done$/ })).toHaveCount(0);
		await expect(card(model, 'Calibrate the churn model')).toBeVisible();
		await page.getByRole('button', { name: 'Complete “Calibrate the churn model”' }).click();
		await expect(model.getByRole('heading', { name: '1 done' })).toBeVisible();
		await expect(card(model, 'Calibrate the churn model')).toBeVisible();

		await search.press('Escape');
		await expect(card(model, 'Calibrate the churn model')).toBeHidden();
		await expect(model.getByRole('button', { name: '2 done' })).toBeVisible();
	});
});

test('typing quickly over years of done tasks, the board ends on the last query typed', async ({
	page
}) => {
	await startEmpty(page);
	const now = Date.now();
	const kinds = ['relabel batch', 'ablation', 'scoping call', 'rollout'];
	const stages = ['problem', 'data', 'model', 'deploy'];
	await writeBehindTheBoard(
		page,
		Array.from({ length: 8000 }, (_, i) => ({
			...doneTask(i, stages[i % 4]!, now - i * 60_000),
			title: `Finished task ${i}: ${kinds[i % 4]}`
		}))
	);
	await page.reload();
	const search = page.getByRole('searchbox', { name: 'Search tasks' });
	await search.fill('Finished');
	await expect(column(page, 'deploy').getByRole('heading', { name: '2000 done' })).toBeVisible();
	// Each key asks again while the worker still searches eight thousand tasks for the last one.
	await search.press('Control+A');
	await search.pressSequentially('ablation');
	await expect(column(page, 'data').getByRole('heading', { name: '2000 done' })).toBeVisible();
	for (const stage of ['problem', 'model', 'deploy'] as const)
		await expect(column(page, stage).getByRole('heading', { name: /done$/ })).toHaveCount(0);
	await expect(card(column(page, 'data'), 'Finished task 1: ablation')).toBeVisible();
});

test('a move racing an edit from another tab keeps both', async ({ context, page }) => {
	await startEmpty(page);
	await quickAdd(page, 'Draft the labelling guide #problem');
	const id = await card(column(page, 'problem'), 'Draft the labelling guide').getAttribute(
		'data-task-id'
	);
	const row = await page.evaluate(
		async (id) =>
			new Promise<Record<string, unknown>>((done) => {
				const req = indexedDB.open('lindy');
				req.onsuccess = () => {
					const get = req.result.transaction('tasks').objectStore('tasks').get(id!);
					get.onsuccess = () => {
						done(get.result);
						req.result.close();
					};
				};
			}),
		id
	);

	// The other tab renames the task; this tab has not seen that yet when the user moves the card.
	const other = await context.newPage();
	await other.goto('/');
	await writeBehindTheBoard(other, [
		{ ...row, title: 'Labelling guide v2', notes: 'Edited in the other tab', updatedAt: Date.now() }
	]);
	await moveWorkerStarted(page);
	await card(column(page, 'problem'), 'Draft the labelling guide').press('Alt+ArrowRight');
	await expect(
		page.getByText('Moved “Draft the labelling guide” to Data quality.', { exact: true })
	).toBeVisible();

	for (const tab of [page, other]) {
		await tab.reload();
		const moved = card(column(tab, 'data'), 'Labelling guide v2');
		await expect(moved).toBeVisible();
		await moved.click();
		await expect(tab.getByRole('textbox', { name: 'Notes' })).toHaveValue(
			'Edited in the other tab'
		);
		await tab.keyboard.press('Escape');
	}
});
