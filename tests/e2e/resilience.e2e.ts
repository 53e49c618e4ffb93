import { card, expect, quickAdd, startEmpty, test } from './helpers';

test.describe('upgrades from elsewhere', () => {
	test('another tab upgrading the database gets a reload message, and an older build says so', async ({
		page,
		context
	}) => {
		await startEmpty(page);
		await quickAdd(page, 'Kept through the upgrade');

		// A newer Lindy in another tab opens the database at a higher version.
		const newer = await context.newPage();
		await newer.goto('/robots.txt');
		await newer.evaluate(
			() =>
				new Promise<void>((done, fail) => {
					const req = indexedDB.open('lindy', 1000);
					req.onupgradeneeded = () => undefined;
					req.onsuccess = () => {
						req.result.close();
						done();
					};
					req.onerror = () => fail(req.error);
					req.onblocked = () => fail(new Error('blocked'));
				})
		);
		await expect(
			page.getByRole('heading', { name: 'Lindy was updated in another tab' })
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();

		// This tab's older build cannot open the newer data, and says what to do — never "clear".
		await page.reload();
		await expect(
			page.getByRole('heading', { name: 'This data was saved by a newer Lindy' })
		).toBeVisible();
		await expect(page.getByRole('main')).not.toContainText(/clear/i);
	});
});

test('a full disk keeps what was typed and loses nothing saved', async ({ page }) => {
	await startEmpty(page);
	await quickAdd(page, 'Saved before the disk filled');
	await page.evaluate(() => {
		const full = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		IDBObjectStore.prototype.add = full;
		IDBObjectStore.prototype.put = full;
	});
	const box = page.getByRole('textbox', { name: 'New task' });
	await box.fill('Typed while the disk is full #data p1');
	await box.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: 'the disk is full' })).toContainText(
		'Your text is still here.'
	);
	await expect(box).toHaveValue('Typed while the disk is full #data p1');
	await page.reload();
	await expect(card(page, 'Saved before the disk filled')).toBeVisible();
});
