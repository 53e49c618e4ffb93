import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import type { Task } from '../../src/core/task';
import { makeTask } from '../../src/core/test-tasks';
import { newWorkspaceSecret, seal, workspaceKeys } from '../../src/sync/crypto';
import { putRows } from '../setup/raw-idb.js';
import { STAGES } from '../../src/core/task';
import { card, column, expect, moveWorkerStarted, quickAdd, startEmpty, test } from './helpers';
import {
	device,
	editTask,
	joinSync,
	pairedDevices,
	scriptDevice,
	SERVER_DOWN,
	syncServer,
	syncStatus,
	turnOnSync
} from './sync-helpers';

// Two or three browsers and a server each: on a loaded machine a test may take a minute. They
// take turns in one worker: side by side, their load made other workers' timed tests flaky in CI.
test.describe.configure({ mode: 'serial', timeout: 120_000 });
/** Each test runs a server of its own, on a port no test running beside it uses. */
const port = () => 4191 + test.info().parallelIndex;

/** Waits until a task's notes on a page read `notes` (they may arrive while the dialog is shut). */
async function expectNotes(page: Page, title: string, notes: string) {
	await expect(async () => {
		const dialog = await editTask(page, title);
		const value = await dialog.getByLabel('Notes').inputValue();
		await page.keyboard.press('Escape');
		expect(value).toBe(notes);
	}).toPass({ timeout: 20_000 });
}

async function rename(page: Page, from: string, to: string) {
	const dialog = await editTask(page, from);
	await dialog.getByLabel('Title').fill(to);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

async function writeNotes(page: Page, title: string, notes: string) {
	const dialog = await editTask(page, title);
	await dialog.getByLabel('Notes').fill(notes);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

test('edits of different fields made apart both survive; of the same field, both devices agree', async ({
	problems
}) => {
	const { server, laptop, phone, close } = await pairedDevices(problems, port(), [
		'Audit label sources #data',
		'Pick the eval metric #problem'
	]);
	try {
		await expect(card(column(phone.page, 'data'), 'Audit label sources')).toBeVisible();

		await server.stop();
		await rename(laptop.page, 'Audit label sources', 'Audit label sources twice');
		await writeNotes(phone.page, 'Audit label sources', 'Start with the vendor batch.');
		await rename(laptop.page, 'Pick the eval metric', 'Pick the metric (laptop)');
		await rename(phone.page, 'Pick the eval metric', 'Pick the metric (phone)');
		await server.start();

		for (const { page } of [laptop, phone]) {
			await expect(card(column(page, 'data'), 'Audit label sources twice')).toBeVisible({
				timeout: 20_000
			});
			await expectNotes(page, 'Audit label sources twice', 'Start with the vendor batch.');
		}
		const titleOn = (page: Page) =>
			column(page, 'problem').getByRole('listitem').first().getAttribute('aria-label');
		await expect
			.poll(
				async () => {
					const both = [await titleOn(laptop.page), await titleOn(phone.page)];
					return both[0] === both[1] ? both[0] : `laptop: ${both[0]}, phone: ${both[1]}`;
				},
				{ timeout: 20_000 }
			)
			.toMatch(/^Pick the metric \((laptop|phone)\)$/);
	} finally {
		await close();
	}
});

test('a task deleted on one device and edited on another stays deleted, and Undo brings it back everywhere', async ({
	problems
}) => {
	const { server, laptop, phone, close } = await pairedDevices(problems, port(), [
		'Retrain on clean labels #model'
	]);
	try {
		await expect(card(phone.page, 'Retrain on clean labels')).toBeVisible();
		await server.stop();
		await card(laptop.page, 'Retrain on clean labels').press('Delete');
		await writeNotes(phone.page, 'Retrain on clean labels', 'Use the audited split.');
		await server.start();

		await expect(card(phone.page, 'Retrain on clean labels')).toBeHidden({ timeout: 20_000 });
		await laptop.page.getByRole('button', { name: 'Undo' }).click();
		await expect(card(laptop.page, 'Retrain on clean labels')).toBeVisible();
		await expect(card(phone.page, 'Retrain on clean labels')).toBeVisible({ timeout: 20_000 });
	} finally {
		await close();
	}
});

test('an edit made offline, with the page closed at once, syncs later; a killed server loses nothing and stores no plaintext', async ({
	problems
}) => {
	const { server, laptop, phone, link, close } = await pairedDevices(problems, port(), [
		'Write the rollback plan #deploy'
	]);
	const tablet = await device(problems, SERVER_DOWN);
	try {
		await server.stop();
		await writeNotes(laptop.page, 'Write the rollback plan', 'Canary first, then 10 %.');
		await laptop.relaunch();
		await laptop.page.goto(server.url);
		await expectNotes(laptop.page, 'Write the rollback plan', 'Canary first, then 10 %.');

		await server.start();
		await expectNotes(phone.page, 'Write the rollback plan', 'Canary first, then 10 %.');
		await rename(phone.page, 'Write the rollback plan', 'Write the rollback plan v2');
		await expect(card(laptop.page, 'Write the rollback plan v2')).toBeVisible({ timeout: 20_000 });
		await server.stop('SIGKILL');
		await server.start();

		await joinSync(tablet.page, link, 'Tablet');
		await tablet.page.getByRole('link', { name: 'Board' }).click();
		await expectNotes(tablet.page, 'Write the rollback plan v2', 'Canary first, then 10 %.');

		await server.stop();
		const stored = readdirSync(server.dataDir)
			.filter((f) => f.startsWith('sync.sqlite'))
			.map((f) => readFileSync(join(server.dataDir, f)));
		expect(stored.reduce((size, file) => size + file.length, 0)).toBeGreaterThan(0);
		for (const file of stored) {
			expect(file.includes('rollback')).toBe(false);
			expect(file.includes('Canary')).toBe(false);
		}
	} finally {
		await tablet.close();
		await close();
	}
});

test('a removed device is refused and gets nothing more', async ({ problems }) => {
	// The refusals this test provokes are logged by Chromium as failed loads.
	const refused = [/status of 401/, /status of 403/];
	const { laptop, phone, link, close } = await pairedDevices(
		problems,
		port(),
		['Freeze the feature list #problem'],
		refused
	);
	const tablet = await device(problems, refused);
	try {
		await laptop.page.getByRole('link', { name: 'Settings' }).click();
		const section = laptop.page.getByRole('region', { name: 'Sync' });
		const devices = section.getByRole('list', { name: 'Devices in this workspace' });
		await expect(devices.getByRole('listitem')).toHaveCount(2);
		await devices.getByRole('button', { name: 'Remove Phone…' }).click();
		await devices.getByRole('button', { name: 'Remove Phone', exact: true }).click();
		await expect(devices.getByRole('listitem')).toHaveCount(1);
		await expect(syncStatus(phone.page)).toHaveText(/Sync stopped/, { timeout: 20_000 });

		await laptop.page.getByRole('link', { name: 'Board' }).click();
		await rename(laptop.page, 'Freeze the feature list', 'Freeze the feature list today');
		await expect(syncStatus(laptop.page)).toHaveText(/Synced/);
		// The old pairing link was rotated when the phone was removed.
		await tablet.page.goto(link);
		const join = tablet.page.getByRole('region', { name: 'Sync' });
		await join.getByRole('button', { name: 'Join this workspace' }).click();
		await expect(join.getByRole('alert')).toContainText('This pairing code is not valid any more');
		await expect(card(phone.page, 'Freeze the feature list')).toBeVisible();
		await phone.page.getByRole('link', { name: 'Settings' }).click();
		await expect(
			phone.page.getByRole('region', { name: 'Sync' }).getByRole('status')
		).toContainText('was removed. To sync again, turn sync off here');
	} finally {
		await tablet.close();
		await close();
	}
});

test('two tabs and a second device converge', async ({ problems }) => {
	const { laptop, phone, close } = await pairedDevices(problems, port(), [
		'Profile the data loader #data'
	]);
	try {
		const second = await laptop.context.newPage();
		await second.goto(laptop.page.url());
		await expect(syncStatus(second)).toHaveText(/Synced/, { timeout: 20_000 });
		await rename(second, 'Profile the data loader', 'Profile the data loader on 8 workers');
		await expect(card(phone.page, 'Profile the data loader on 8 workers')).toBeVisible({
			timeout: 20_000
		});
		await writeNotes(phone.page, 'Profile the data loader on 8 workers', 'pin_memory helps.');
		await expectNotes(laptop.page, 'Profile the data loader on 8 workers', 'pin_memory helps.');
		await expectNotes(second, 'Profile the data loader on 8 workers', 'pin_memory helps.');
		// A keyboard move is written by the tab's move worker; it syncs like any other edit.
		await moveWorkerStarted(second);
		await card(column(second, 'data'), 'Profile the data loader on 8 workers').press(
			'Alt+ArrowRight'
		);
		for (const other of [laptop.page, phone.page])
			await expect(
				card(column(other, 'model'), 'Profile the data loader on 8 workers')
			).toBeVisible({ timeout: 20_000 });
		await second.close();
	} finally {
		await close();
	}
});

test('an import that fails on one device changes nothing anywhere', async ({ problems }) => {
	const { laptop, phone, close } = await pairedDevices(problems, port(), ['Keep me #data']);
	try {
		await expect(card(phone.page, 'Keep me')).toBeVisible();
		// A 10 MB backup, and the laptop's page closed while Lindy imports it: the import fails
		// midway, as when a tab crashes or the disk fills, and must leave nothing behind.
		const now = Date.now();
		const tasks = Array.from({ length: 5000 }, (_, i) =>
			makeTask({
				id: `big-${i}`,
				title: `Imported ${i}`,
				notes: randomBytes(1500).toString('base64'),
				createdAt: now
			})
		);
		const file = join(tmpdir(), `lindy-big-import-${Date.now()}.json`);
		writeFileSync(
			file,
			JSON.stringify({
				format: 'lindy-backup',
				formatVersion: 4,
				appVersion: 'test',
				exportedAt: new Date(now).toISOString(),
				data: { tasks, feeds: [], items: [], itemContents: [], readingLists: [], settings: [] }
			})
		);
		await laptop.page.getByRole('link', { name: 'Settings' }).click();
		await laptop.page.getByLabel('Import a backup…').setInputFiles(file);
		const replace = laptop.page
			.getByRole('group', { name: /^Import / })
			.getByRole('button', { name: 'Replace everything' });
		await replace.click();
		await expect(replace).toBeDisabled();
		await laptop.page.close({ runBeforeUnload: false });
		rmSync(file);

		await laptop.relaunch();
		await laptop.page.goto(phone.page.url());
		await quickAdd(laptop.page, 'After the failed import #data');
		await expect(card(phone.page, 'After the failed import')).toBeVisible({ timeout: 20_000 });
		for (const { page } of [laptop, phone]) {
			await expect(card(page, 'Keep me')).toBeVisible();
			await expect(card(page, 'Imported 0')).toHaveCount(0);
		}
	} finally {
		await close();
	}
});

test('the same feed added offline on two devices becomes one', async ({ problems }) => {
	const { server, laptop, phone, close } = await pairedDevices(problems, port());
	try {
		await server.stop();
		const add = async (page: Page, address: string) => {
			await page.getByRole('link', { name: 'Reading' }).click();
			await page.getByRole('button', { name: 'Start without feeds' }).click();
			await page.getByRole('tab', { name: 'Feeds' }).click();
			await page.getByLabel('Add a feed').fill(address);
			await page.getByRole('button', { name: 'Add', exact: true }).click();
			await expect(
				page.getByRole('list', { name: 'Your feeds' }).getByRole('listitem')
			).toHaveCount(1);
		};
		await add(laptop.page, 'https://www.example.com/feed/?utm_source=newsletter');
		await add(phone.page, 'http://example.com/feed');
		await server.start();
		for (const { page } of [laptop, phone]) {
			await expect(syncStatus(page)).toHaveText(/Synced/, { timeout: 20_000 });
			await page.reload();
			await page.getByRole('tab', { name: 'Feeds' }).click();
			await expect(
				page.getByRole('list', { name: 'Your feeds' }).getByRole('listitem')
			).toHaveCount(1);
		}
	} finally {
		await close();
	}
});

test('2,000 tasks reach a fresh device', async ({ problems }) => {
	const now = Date.now();
	const tasks = Array.from({ length: 2000 }, (_, i) =>
		makeTask({
			id: `seed-${String(i).padStart(4, '0')}`,
			title: `Seeded task ${i}`,
			stage: STAGES[i % 4],
			createdAt: now
		})
	);
	const server = syncServer(port());
	await server.start();
	const laptop = await device(problems, SERVER_DOWN);
	const fresh = await device(problems, SERVER_DOWN);
	try {
		await startEmpty(laptop.page, server.url);
		await putRows(laptop.page, 'tasks', tasks);
		await laptop.page.reload();
		await expect(column(laptop.page, 'data').getByLabel('500 open')).toBeVisible();
		const link = await turnOnSync(laptop.page, server.url);

		await joinSync(fresh.page, link, 'New laptop');
		await fresh.page.getByRole('link', { name: 'Board' }).click();
		for (const stage of ['problem', 'data', 'model', 'deploy'] as const)
			await expect(column(fresh.page, stage).getByLabel('500 open')).toBeVisible();
	} finally {
		await fresh.close();
		await laptop.close();
		await server.remove();
	}
});

test('records another device sends that this one cannot store are skipped with a message; a server that forgot the device refuses it', async ({
	problems
}) => {
	const server = syncServer(port());
	await server.start();
	const laptop = await device(problems, [...SERVER_DOWN, /status of 401/]);
	const script = await scriptDevice(server.url);
	try {
		await startEmpty(laptop.page, server.url);
		await quickAdd(laptop.page, 'Keep the baseline #model');
		const link = await turnOnSync(laptop.page, server.url);
		const { doc, keys } = await script.join(link);

		// Another device, newer or broken, sends a task this Lindy refuses (impact 9), one sealed
		// with another key, and one that is fine.
		const sealed = async (task: Task, sealKeys = keys) =>
			Promise.all(
				Object.entries(task).map(
					async ([field, value]) =>
						[field, await seal(sealKeys, `tasks/${task.id}/${field}`, value)] as const
				)
			);
		const fine = makeTask({ id: 'remote-fine', title: 'Arrived intact', stage: 'data' });
		const refused = { ...makeTask({ id: 'remote-refused', title: 'Impact nine' }), impact: 9 };
		const foreign = makeTask({ id: 'remote-foreign', title: 'Sealed elsewhere' });
		const records = [
			['remote-fine', await sealed(fine)],
			['remote-refused', await sealed(refused as Task)],
			['remote-foreign', await sealed(foreign, await workspaceKeys(newWorkspaceSecret()))]
		] as const;
		doc.transact(() => {
			const tasks = doc.getMap<Y.Map<Uint8Array>>('tasks');
			for (const [id, fields] of records) tasks.set(id, new Y.Map<Uint8Array>(fields));
		});

		await laptop.page.getByRole('link', { name: 'Board' }).click();
		await expect(card(column(laptop.page, 'data'), 'Arrived intact')).toBeVisible();
		await expect(card(laptop.page, 'Keep the baseline')).toBeVisible();
		await expect(card(laptop.page, 'Impact nine')).toHaveCount(0);
		await expect(card(laptop.page, 'Sealed elsewhere')).toHaveCount(0);
		await laptop.page.getByRole('link', { name: 'Settings' }).click();
		const section = laptop.page.getByRole('region', { name: 'Sync' });
		await expect(section).toContainText('2 changes from other devices could not be stored');

		// The server is reset: its data is gone, and with it this device's token.
		script.close();
		await server.stop();
		for (const file of readdirSync(server.dataDir))
			if (file.startsWith('sync.sqlite')) rmSync(join(server.dataDir, file));
		await server.start();
		await expect(syncStatus(laptop.page)).toHaveText(/Sync stopped/, { timeout: 20_000 });
		await expect(section.getByRole('status')).toContainText(
			'This device is not paired with the workspace, or was removed. To sync again, turn sync off here'
		);
		await laptop.page.getByRole('link', { name: 'Board' }).click();
		await expect(card(laptop.page, 'Arrived intact')).toBeVisible();
	} finally {
		script.close();
		await laptop.close();
		await server.remove();
	}
});

test('refuses an address other devices could only reach in the clear, and text that is not a code', async ({
	problems,
	baseURL
}) => {
	const laptop = await device(problems);
	try {
		await laptop.page.goto(`${baseURL}/settings`);
		const section = laptop.page.getByRole('region', { name: 'Sync' });
		await section
			.getByLabel('Address your other devices open Lindy at')
			.fill('http://192.168.1.20:4173');
		await section.getByRole('button', { name: 'Turn on sync' }).click();
		await expect(section.getByRole('alert')).toContainText('Sync needs an https:// address');
		await section.getByLabel('Pairing code').fill('https://example.com/not-a-code');
		await section.getByRole('button', { name: 'Join', exact: true }).click();
		await expect(section.getByRole('alert')).toContainText('This is not a Lindy pairing code');
	} finally {
		await laptop.close();
	}
});
