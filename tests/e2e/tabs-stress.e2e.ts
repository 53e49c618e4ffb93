import { expect, startEmpty, test } from './helpers';

test('two tabs interleaving 100 edits both end with all of them, and so does a reload', async ({
	context
}) => {
	// 200 key presses across two tabs: up to a minute on a busy 2-core machine, near the default
	// timeout. A stress test of correctness, not of speed: it gets three times as long.
	test.slow();
	const first = await context.newPage();
	await startEmpty(first);
	const second = await context.newPage();
	await second.goto('/');
	const boxes = [first, second].map((p) => p.getByRole('textbox', { name: 'New task' }));
	for (let i = 0; i < 100; i++) {
		const box = boxes[i % 2]!;
		await box.fill(`Edit ${String(i).padStart(3, '0')} #data`);
		await box.press('Enter');
	}
	// Every edit is in both tabs: the column count, and the oldest and newest titles.
	for (const page of [first, second]) {
		const data = page.getByRole('region', { name: 'Data quality', exact: true });
		await expect(data.getByLabel('100 open')).toBeVisible();
		await page.getByRole('searchbox', { name: 'Search tasks' }).fill('Edit 000');
		await expect(data.getByRole('listitem', { name: 'Edit 000' })).toBeVisible();
		await page.getByRole('searchbox', { name: 'Search tasks' }).fill('Edit 099');
		await expect(data.getByRole('listitem', { name: 'Edit 099' })).toBeVisible();
	}
	await first.reload();
	const data = first.getByRole('region', { name: 'Data quality', exact: true });
	await expect(data.getByLabel('100 open')).toBeVisible();
	await expect(first.getByRole('button', { name: 'Show 40 more' })).toBeVisible();
});
