import { expect, quickAdd, startEmpty, test } from './helpers';

test('Settings shows whether storage is persistent and how much is used', async ({ page }) => {
	await startEmpty(page);
	await quickAdd(page, 'First task asks for persistent storage');
	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page).toHaveURL(/\/settings$/);
	await expect(page.getByTestId('storage-mode')).toHaveText(/^(Persistent|Best-effort)\./);
	await expect(page.getByText(/used of .* available\./)).toBeVisible();
	await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
});

test('the New task shortcut opens the board with quick add focused', async ({ page }) => {
	await startEmpty(page);
	await page.getByRole('link', { name: 'Reading' }).click();
	await page.goto('/?new');
	await expect(page.getByRole('textbox', { name: 'New task' })).toBeFocused();
	await expect(page).toHaveURL(/\/$/);
});

test("the reading shortcut shows this week's reading, and Back returns to the board", async ({
	page
}) => {
	await startEmpty(page);
	await page.goto('/reading');
	await expect(page.getByRole('heading', { name: "This week's reading" })).toBeVisible();
	await page.getByRole('link', { name: 'Board' }).click();
	await expect(page.getByRole('region', { name: 'Next up' })).toBeVisible();
	await page.goBack();
	await expect(page.getByRole('heading', { name: "This week's reading" })).toBeVisible();
});
