import { expect, startEmpty, test } from './helpers';

test('two tabs interleaving 200 edits both end with all of them, and so does a reload', async ({
	context
}) => {
	const first = await context.newPage();
	await startEmpty(first);
	const second = await context.newPage();
	await second.goto('/');
	const boxes = [first, second].map((p) => p.getByRole('textbox', { name: 'New task' }));
	for (let i = 0; i < 200; i++) {
		const box = boxes[i % 2]!;
		await box.fill(`Edit ${String(i).padStart(3, '0')} #data`);
		await box.press('Enter');
	}
	for (const page of [first, second]) {
		await expect(page.getByRole('region', { name: 'Data quality', exact: true })).toContainText(
			'200'
		);
	}
	await first.reload();
	const count = first
		.getByRole('region', { name: 'Data quality', exact: true })
		.getByLabel('200 open');
	await expect(count).toBeVisible();
	await expect(first.getByRole('button', { name: 'Show 140 more' })).toBeVisible();
});
