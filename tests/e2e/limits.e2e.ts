import { readFileSync } from 'node:fs';
import { card, column, deleteEverything, expect, quickAdd, startEmpty, test } from './helpers';

// One definition of a valid record: what Lindy accepts it can export, restore and copy back;
// what it cannot keep is refused with a sentence, and the typed text stays.
test('refuses a task past the limits and keeps the text; what it saves restores everywhere', async ({
	page,
	browser
}) => {
	await startEmpty(page);
	const box = page.getByRole('textbox', { name: 'New task' });
	const longTitle = `Audit ${'the label noise in every shard '.repeat(20)}`.trim();
	await box.fill(`${longTitle} #data ~2000h`);
	await box.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: 'Keep the title to 500' })).toBeVisible();
	await expect(box).toHaveValue(`${longTitle} #data ~2000h`);

	await box.fill('Re-label the whole corpus #data ~2000h');
	await box.press('Enter');
	await expect(
		page.getByRole('alert').filter({ hasText: 'An estimate can be at most 1666h40m' })
	).toBeVisible();
	await expect(box).toHaveValue('Re-label the whole corpus #data ~2000h');

	// At the limits exactly, it is accepted.
	const atLimit = `Audit ${'x'.repeat(494)}`;
	await quickAdd(page, `${atLimit} #data ~1666h`);
	await expect(card(column(page, 'data'), atLimit)).toBeVisible();

	// The edit dialog says the same, field by field, and keeps what was typed.
	await card(column(page, 'data'), atLimit).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Estimate').fill('2000h');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog.getByText('An estimate can be at most 1666h40m')).toBeVisible();
	await expect(dialog.getByLabel('Estimate')).toHaveValue('2000h');
	await dialog.getByLabel('Estimate').fill('1666h');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();

	// Exported, it restores on a new device straight from the welcome screen.
	await page.getByRole('link', { name: 'Settings' }).click();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export everything' }).click();
	const file = await (await download).path();
	expect(JSON.parse(readFileSync(file, 'utf8')).data.tasks[0]).toMatchObject({
		title: atLimit,
		estimateMin: 99_960
	});
	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await other.goto('/');
	await other.getByLabel('Restore from a backup file…').setInputFiles(file);
	const summary = other.getByRole('group', { name: /^Import / });
	await expect(summary).toContainText('1 task, 0 feeds');
	await summary.getByRole('button', { name: 'Restore this backup' }).click();
	await expect(card(column(other, 'data'), atLimit)).toBeVisible();
	await expect(card(column(other, 'data'), atLimit)).toContainText('1666h');
	await fresh.close();

	// And the daily copy of it restores too.
	await page.reload();
	await expect(page.getByTestId('auto-copy')).toContainText('the latest is from');
	await deleteEverything(page);
	await page.reload();
	await page
		.getByRole('region', { name: 'Restore a copy' })
		.getByRole('button', { name: 'Restore that copy' })
		.click();
	await expect(card(column(page, 'data'), atLimit)).toBeVisible();
});
