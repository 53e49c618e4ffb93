import { card, column, expect, quickAdd, test, waitForServiceWorker } from './helpers';
import { device, joinSync, syncServer, turnOnSync } from './sync-helpers';

test.describe.configure({ mode: 'serial' });

/** What Chromium logs while the test has stopped the server: expected here, not a fault. */
const SERVER_DOWN = [
	/WebSocket connection/,
	/ERR_CONNECTION_REFUSED/,
	/ERR_INCOMPLETE_CHUNKED_ENCODING/
];

test('two devices pair, and edits of different fields made apart both survive', async ({
	problems
}) => {
	const server = syncServer(4191);
	await server.start();
	const laptop = await device(problems, SERVER_DOWN);
	const phone = await device(problems, SERVER_DOWN);
	try {
		await laptop.page.goto(server.url);
		await laptop.page.getByRole('button', { name: 'Start empty' }).click();
		await quickAdd(laptop.page, 'Audit label sources #data');
		const link = await turnOnSync(laptop.page, server.url);

		await joinSync(phone.page, link);
		await phone.page.getByRole('link', { name: 'Board' }).click();
		await expect(card(column(phone.page, 'data'), 'Audit label sources')).toBeVisible();

		await waitForServiceWorker(laptop.page);
		await waitForServiceWorker(phone.page);
		await server.stop();
		await laptop.page.getByRole('link', { name: 'Board' }).click();
		const edit = async (page: typeof laptop.page, title: string) => {
			await card(page, title)
				.getByRole('button', { name: `Edit “${title}”` })
				.click();
			return page.getByRole('dialog', { name: 'Edit task' });
		};
		let dialog = await edit(laptop.page, 'Audit label sources');
		await dialog.getByLabel('Title').fill('Audit label sources twice');
		await dialog.getByRole('button', { name: 'Save' }).click();
		dialog = await edit(phone.page, 'Audit label sources');
		await dialog.getByLabel('Notes').fill('Start with the vendor batch.');
		await dialog.getByRole('button', { name: 'Save' }).click();

		await server.start();
		for (const { page } of [laptop, phone]) {
			const merged = card(column(page, 'data'), 'Audit label sources twice');
			await expect(async () => {
				await merged.getByRole('button', { name: 'Edit “Audit label sources twice”' }).click();
				const notes = page.getByRole('dialog', { name: 'Edit task' }).getByLabel('Notes');
				const value = await notes.inputValue();
				await page.keyboard.press('Escape');
				expect(value).toBe('Start with the vendor batch.');
			}).toPass({ timeout: 20_000 });
		}
	} finally {
		await laptop.close();
		await phone.close();
		await server.remove();
	}
});
