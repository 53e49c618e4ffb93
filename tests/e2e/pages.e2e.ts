import { card, expect, quickAdd, startEmpty, test } from './helpers';

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

test('n focuses quick add once: coming back to the board later leaves the focus alone', async ({
	page
}) => {
	await startEmpty(page);
	await page.getByRole('link', { name: 'Reading' }).click();
	await page.keyboard.press('n');
	const box = page.getByRole('textbox', { name: 'New task' });
	await expect(box).toBeFocused();
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('link', { name: 'Board' }).click();
	await expect(box).toBeVisible();
	await expect(box).not.toBeFocused();
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

test('best-effort storage shows a banner that can be dismissed for good', async ({ page }) => {
	await startEmpty(page);
	await quickAdd(page, 'Something worth keeping');
	const banner = page.getByRole('region', { name: 'Storage' });
	const persisted = await page.evaluate(() => navigator.storage.persisted());
	if (persisted) {
		// Persistent storage needs no warning.
		await expect(banner).toBeHidden();
		return;
	}
	await expect(banner).toContainText('best-effort');
	await expect(banner.getByRole('button', { name: 'Export a backup' })).toBeVisible();
	// When the browser offers installation, the advice becomes a button that opens its dialog.
	await expect(banner).toContainText('Install Lindy from the address bar');
	await page.evaluate(() => {
		const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => {
				(window as unknown as { prompted: boolean }).prompted = true;
			},
			userChoice: Promise.resolve({ outcome: 'dismissed' })
		});
		dispatchEvent(offer);
	});
	await banner.getByRole('button', { name: 'Install Lindy' }).click();
	expect(await page.evaluate(() => (window as unknown as { prompted: boolean }).prompted)).toBe(
		true
	);
	// An offer is used once: the advice is text again.
	await expect(banner.getByRole('button', { name: 'Install Lindy' })).toBeHidden();
	await banner.getByRole('button', { name: 'Dismiss' }).click();
	await expect(banner).toBeHidden();
	await page.reload();
	await expect(card(page, 'Something worth keeping')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Storage' })).toBeHidden();
});

test('a week without a backup leaving the browser brings a reminder that can be snoozed', async ({
	page
}) => {
	await startEmpty(page);
	await quickAdd(page, 'Planned a while ago');
	// The storage banner comes first when storage is best-effort; dismiss it to see the reminder.
	if (!(await page.evaluate(() => navigator.storage.persisted()))) {
		const storage = page.getByRole('region', { name: 'Storage' });
		await storage.getByRole('button', { name: 'Dismiss' }).click();
		await expect(storage).toBeHidden();
	}
	await expect(page.getByRole('region', { name: 'Backup reminder' })).toBeHidden();

	await page.clock.setSystemTime(Date.now() + 8 * 86_400_000);
	await page.reload();
	const reminder = page.getByRole('region', { name: 'Backup reminder' });
	await expect(reminder).toContainText('No backup of your board has left this browser for 8 days.');
	await reminder.getByRole('button', { name: 'Remind me next week' }).click();
	await expect(reminder).toBeHidden();
	await page.reload();
	await expect(card(page, 'Planned a while ago')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Backup reminder' })).toBeHidden();
});
