import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	card,
	column,
	deleteEverything,
	expect,
	quickAdd,
	startEmpty,
	test,
	waitForServiceWorker
} from './helpers';

test('exports everything and imports it into an empty profile', async ({ page, browser }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Load an example board' }).click();
	await quickAdd(page, 'Only in this backup #deploy p1 @release');
	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByTestId('last-backup')).toContainText('never');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export everything' }).click();
	const file = await (await download).path();
	const backup = JSON.parse(readFileSync(file, 'utf8'));
	expect(backup).toMatchObject({ format: 'lindy-backup', formatVersion: 4 });
	expect(backup.data.tasks).toHaveLength(14);
	await expect(page.getByTestId('last-backup')).toContainText('today');

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await startEmpty(other);
	await other.getByRole('link', { name: 'Settings' }).click();
	await other.getByLabel('Import a backup…').setInputFiles(file);
	const summary = other.getByRole('group', { name: /^Import / });
	await expect(summary).toContainText('14 tasks, 0 feeds, 0 items, 0 reading lists');
	await summary.getByRole('button', { name: 'Replace everything' }).click();
	await expect(other.getByText('Everything was replaced by the backup.')).toBeVisible();
	await other.getByRole('link', { name: 'Board' }).click();
	await expect(card(column(other, 'deploy'), 'Only in this backup')).toContainText('@release');
	await expect(card(column(other, 'data'), 'Clean label noise in the train set')).toBeVisible();
	await fresh.close();
});

test('refuses a damaged backup with a clear message and keeps the data', async ({ page }) => {
	await startEmpty(page);
	await quickAdd(page, 'Precious task');
	const damaged = join(tmpdir(), `lindy-damaged-${Date.now()}.json`);
	writeFileSync(damaged, '{"format":"lindy-backup","formatVersion":1,"data":{"tasks":[{"id":');
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Import a backup…').setInputFiles(damaged);
	await expect(page.getByRole('alert')).toContainText(
		'This file cannot be imported: it is not JSON — it may be damaged or cut short. Your data has not been touched.'
	);
	await page.getByRole('link', { name: 'Board' }).click();
	await expect(card(page, 'Precious task')).toBeVisible();
});

test('deletes everything offline after a typed confirmation and leaves a working app', async ({
	page,
	context
}) => {
	await startEmpty(page);
	await waitForServiceWorker(page);
	await quickAdd(page, 'About to go');
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Delete everything…' }).click();
	const confirm = page.getByRole('button', { name: 'Delete everything', exact: true });
	await expect(confirm).toBeDisabled();
	await page.getByLabel(/Type DELETE to confirm/).fill('delete');
	await expect(confirm).toBeDisabled();
	await page.getByLabel(/Type DELETE to confirm/).fill('DELETE');
	await confirm.click();
	await expect(page.getByRole('heading', { name: 'Welcome to Lindy' })).toBeVisible();
	await page.getByRole('button', { name: 'Start empty' }).click();
	await quickAdd(page, 'A fresh start');
	await expect(card(page, 'A fresh start')).toBeVisible();
	await expect(card(page, 'About to go')).toBeHidden();
	await context.setOffline(false);
});

test('keeps a daily copy in the browser and offers it back when the board is found empty', async ({
	page
}) => {
	await startEmpty(page);
	await quickAdd(page, 'Worth keeping #model ~2h');
	await quickAdd(page, 'Also worth keeping #deploy');
	await page.getByRole('link', { name: 'Settings' }).click();
	// The first copy is taken when the app is idle after it starts; reload to start it with data.
	await page.reload();
	await expect(page.getByTestId('auto-copy')).toContainText('the latest is from');

	await deleteEverything(page);

	await page.reload();
	const offer = page.getByRole('region', { name: 'Restore a copy' });
	await expect(offer).toContainText('with 2 tasks and 0 feeds');
	await offer.getByRole('button', { name: 'Restore that copy' }).click();
	await expect(card(column(page, 'model'), 'Worth keeping')).toBeVisible();
	await expect(card(column(page, 'deploy'), 'Also worth keeping')).toBeVisible();
});

test('closing the page in the middle of an import leaves all of it or none of it', async ({
	context
}) => {
	const page = await context.newPage();
	await startEmpty(page);
	await quickAdd(page, 'Here before the import');
	const now = Date.now();
	const tasks = Array.from({ length: 30_000 }, (_, i) => ({
		id: `import-${i}`,
		title: `Imported task ${i}`,
		notes: 'x'.repeat(200),
		stage: 'data',
		mode: 'active',
		status: 'todo',
		impact: 3,
		tags: [],
		order: i,
		createdAt: now,
		updatedAt: now
	}));
	const file = join(tmpdir(), `lindy-big-${Date.now()}.json`);
	writeFileSync(
		file,
		JSON.stringify({
			format: 'lindy-backup',
			formatVersion: 1,
			appVersion: '0.1.0',
			exportedAt: new Date(now).toISOString(),
			data: { tasks, feeds: [], items: [], itemContents: [], readingLists: [], settings: [] }
		})
	);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Import a backup…').setInputFiles(file);
	const replace = page.getByRole('button', { name: 'Replace everything' });
	await replace.click();
	await page.waitForTimeout(150);
	await page.close({ runBeforeUnload: false });

	const after = await context.newPage();
	await after.goto('/robots.txt');
	const count = await after.evaluate(
		() =>
			new Promise<number>((done) => {
				const req = indexedDB.open('lindy');
				req.onsuccess = () => {
					const tx = req.result.transaction('tasks');
					const c = tx.objectStore('tasks').count();
					c.onsuccess = () => {
						done(c.result);
						req.result.close();
					};
				};
			})
	);
	expect([1, 30_000]).toContain(count);

	// Given time, the same import completes: the file itself was fine.
	await after.goto('/settings');
	await after.getByLabel('Import a backup…').setInputFiles(file);
	await after.getByRole('button', { name: 'Replace everything' }).click();
	await expect(after.getByText('Everything was replaced by the backup.')).toBeVisible({
		timeout: 30_000
	});
	await after.getByRole('link', { name: 'Board' }).click();
	await expect(
		after.getByRole('region', { name: 'Data quality', exact: true }).getByLabel('30000 open')
	).toBeVisible();
});

test('writes a daily backup file into a chosen folder', async ({ page }) => {
	// The native folder picker cannot be driven headless: it is replaced by a folder in the
	// origin-private file system, a real FileSystemDirectoryHandle that Lindy writes to as it would
	// to a picked folder.
	await page.addInitScript(() => {
		(
			window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }
		).showDirectoryPicker = async () =>
			(await navigator.storage.getDirectory()).getDirectoryHandle('picked', { create: true });
	});
	await startEmpty(page);
	await quickAdd(page, 'Backed up to a folder');
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Choose a backup folder…' }).click();
	const folder = page.getByTestId('backup-folder');
	await expect(folder).toContainText('Daily backup files go to picked; the last was written');
	await expect(page.getByTestId('last-backup')).toContainText('today');
	const written = await page.evaluate(async () => {
		const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('picked');
		const names: string[] = [];
		for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys())
			names.push(name);
		const file = await (await dir.getFileHandle(names[0]!)).getFile();
		return { names, backup: JSON.parse(await file.text()) };
	});
	expect(written.names).toEqual([`lindy-backup-${new Date().toISOString().slice(0, 10)}.json`]);
	expect(written.backup.format).toBe('lindy-backup');
	expect(written.backup.data.tasks.map((t: { title: string }) => t.title)).toEqual([
		'Backed up to a folder'
	]);
	await folder.getByRole('button', { name: 'Stop using this folder' }).click();
	await expect(folder.getByRole('button', { name: 'Choose a backup folder…' })).toBeVisible();
});
