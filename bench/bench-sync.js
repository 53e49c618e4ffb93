// @ts-check
// Sync, in headless Chromium against Lindy's own server with sync: keyboard moves on a board with
// sync on and on the same board with it off, in turn, 2,000 tasks reaching a fresh device, and the size of the
// workspace's document after 2,000 tasks are edited ten times each and after 1,000 deletes.
// Appends to bench/results.json.
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium } from '../tests/setup/browser.js';
import { putRows } from '../tests/setup/raw-idb.js';
import { move, openTasks, settle } from './board-moves.js';
import { addPaintProbe, median } from './page-timing.js';

const TASKS = 2000;
const MOVES = 30;
const TARGETS = { syncMoveExtraMs: 2, syncFreshDeviceMs: 2000 };

const dataDir = mkdtempSync(join(tmpdir(), 'lindy-bench-sync-'));
const server = createAppServer({ root: resolve('dist'), sync: { dataDir } });
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const profiles = /** @type {string[]} */ ([]);

/**
 * Keyboard moves on two boards in turn, so that machine noise falls on both alike.
 * @param {import('@playwright/test').Page} a
 * @param {import('@playwright/test').Page} b
 */
async function interleavedMoves(a, b) {
	/** @typedef {{ painted: number, committed: number }} MoveTime */
	const times = { a: /** @type {MoveTime[]} */ ([]), b: /** @type {MoveTime[]} */ ([]) };
	for (let i = 0; i < MOVES; i++) {
		times.a.push(await move(a));
		await settle(a);
		times.b.push(await move(b));
		await settle(b);
	}
	/** @param {{ painted: number, committed: number }[]} list */
	const medians = (list) => ({
		painted: +median(list.map((t) => t.painted)).toFixed(1),
		committed: +median(list.map((t) => t.committed)).toFixed(1)
	});
	// The cost of b over a: the median of each pair's difference, steadier than the difference
	// of the medians when the machine's speed drifts during the run.
	const extra = +median(times.b.map((t, i) => t.committed - (times.a[i]?.committed ?? 0))).toFixed(
		1
	);
	return { a: medians(times.a), b: medians(times.b), extra };
}

/**
 * A board of `tasks` in a new profile, installed.
 * @param {object[]} tasks
 */
async function boardWith(tasks) {
	const device = await profile();
	await device.page.goto(url);
	await device.page.getByRole('button', { name: 'Start empty' }).click();
	await device.page.getByRole('textbox', { name: 'New task' }).waitFor();
	await device.page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
		timeout: 20_000
	});
	await putRows(device.page, 'tasks', tasks);
	await device.page.reload();
	await device.page.locator('li[data-task-id]').first().waitFor();
	return device;
}

async function profile() {
	const dir = mkdtempSync(join(tmpdir(), 'lindy-bench-sync-profile-'));
	profiles.push(dir);
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: findChromium(),
		args: CHROMIUM_ARGS,
		viewport: { width: 1280, height: 800 }
	});
	await addPaintProbe(context);
	return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/**
 * How many rows one of the page's stores holds, straight from IndexedDB (0 before it exists).
 * @param {import('@playwright/test').Page} page
 * @param {string} store
 */
const countRows = (page, store) =>
	page.evaluate(async (store) => {
		const db = await new Promise((done) => {
			const req = indexedDB.open('lindy');
			req.onsuccess = () => done(req.result);
		});
		const idb = /** @type {IDBDatabase} */ (db);
		if (!idb.objectStoreNames.contains(store)) {
			idb.close();
			return 0;
		}
		const count = await new Promise((done) => {
			const req = idb.transaction(store).objectStore(store).count();
			req.onsuccess = () => done(req.result);
		});
		/** @type {IDBDatabase} */ (db).close();
		return /** @type {number} */ (count);
	}, store);

/**
 * Polls `check` every 25 ms until it holds.
 * @param {() => Promise<boolean>} check
 * @param {number} timeout
 */
async function until(check, timeout) {
	const end = Date.now() + timeout;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((done) => setTimeout(done, 25));
	}
}

/**
 * The workspace document as this device stores it, merged into one state: its size in bytes.
 * @param {import('@playwright/test').Page} page
 */
async function documentBytes(page) {
	const encoded = await page.evaluate(async () => {
		const db = await new Promise((done) => {
			const req = indexedDB.open('lindy');
			req.onsuccess = () => done(req.result);
		});
		const rows = await new Promise((done) => {
			const req = /** @type {IDBDatabase} */ (db)
				.transaction('yUpdates')
				.objectStore('yUpdates')
				.getAll();
			req.onsuccess = () => done(req.result);
		});
		/** @type {IDBDatabase} */ (db).close();
		return /** @type {{ update: Uint8Array }[]} */ (rows).map((row) => {
			let text = '';
			for (const byte of row.update) text += String.fromCharCode(byte);
			return btoa(text);
		});
	});
	const doc = new Y.Doc();
	for (const text of encoded) Y.applyUpdate(doc, Buffer.from(text, 'base64'));
	return Y.encodeStateAsUpdate(doc).length;
}

/**
 * Writes changes as the outbox middleware records them (row and outbox entry), then one real
 * move so the engine hears of them, and waits until it has turned them all into updates.
 * @param {import('@playwright/test').Page} page
 * @param {{ before?: object, after?: object, key: string }[]} changes
 */
async function throughOutbox(page, changes) {
	for (let i = 0; i < changes.length; i += 2000) {
		const batch = changes.slice(i, i + 2000);
		await putRows(
			page,
			'syncOutbox',
			batch.map((c) => ({ table: 'tasks', key: c.key, before: c.before, after: c.after }))
		);
	}
	await move(page);
	await until(async () => (await countRows(page, 'syncOutbox')) === 0, 120_000);
}

try {
	const tasks = openTasks(TASKS);
	const laptop = await boardWith(tasks);
	const plain = await boardWith(tasks);
	const { page } = laptop;

	await page.getByRole('link', { name: 'Settings' }).click();
	const section = page.getByRole('region', { name: 'Sync' });
	await section.getByLabel('Name of this device').fill('Bench laptop');
	await section.getByRole('button', { name: 'Turn on sync' }).click();
	const link = await section.getByLabel('Pairing link').inputValue();
	await page.getByRole('banner').getByText('Synced').waitFor({ timeout: 60_000 });
	await page.getByRole('link', { name: 'Board' }).click();
	await page.locator('li[data-task-id]').first().waitFor();
	const { a: off, b: on, extra } = await interleavedMoves(plain.page, page);
	await plain.context.close();

	const fresh = await profile();
	await fresh.page.goto(link);
	await fresh.page
		.getByRole('region', { name: 'Sync' })
		.getByLabel('Name of this device')
		.fill('Bench phone');
	const joinedAt = Date.now();
	await fresh.page.getByRole('button', { name: 'Join this workspace' }).click();
	await until(async () => (await countRows(fresh.page, 'tasks')) >= TASKS, 60_000);
	const freshMs = Date.now() - joinedAt;
	await fresh.context.close();

	const afterPush = await documentBytes(page);
	for (let round = 1; round <= 10; round++) {
		const edited = tasks.map((task) => ({
			...task,
			title: `${task.title} (edit ${round})`,
			updatedAt: task.updatedAt + round
		}));
		await putRows(page, 'tasks', edited);
		await throughOutbox(
			page,
			edited.map((after, i) => ({ key: after.id, before: tasks[i], after }))
		);
		tasks.splice(0, tasks.length, ...edited);
	}
	const afterEdits = await documentBytes(page);
	await throughOutbox(
		page,
		tasks.slice(0, 1000).map((before) => ({ key: before.id, before }))
	);
	const afterDeletes = await documentBytes(page);
	await laptop.context.close();

	const kb = (/** @type {number} */ bytes) => +(bytes / 1024).toFixed(1);
	const sync = {
		moveCommittedOffMs: off.committed,
		moveCommittedOnMs: on.committed,
		movePaintedOffMs: off.painted,
		movePaintedOnMs: on.painted,
		syncMoveExtraMs: extra,
		syncFreshDeviceMs: freshMs,
		docKbAfterPush: kb(afterPush),
		docKbAfterTenEdits: kb(afterEdits),
		docKbAfterDeletes: kb(afterDeletes)
	};
	const file = 'bench/results.json';
	const results = JSON.parse(readFileSync(file, 'utf8'));
	results.sync = sync;
	results.targets = { ...results.targets, ...TARGETS };
	writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);

	/** @type {(name: string, value: number, target: number | undefined, unit: string) => string} */
	const row = (name, value, target, unit) =>
		`${name.padEnd(50)} ${String(value).padStart(8)} ${unit.padEnd(3)} ${target === undefined ? '' : `≤ ${target}`.padStart(7)}  ${target === undefined ? '' : value <= target ? 'ok' : 'OVER'}`;
	console.log(`\nSync — ${TASKS} tasks, medians of ${MOVES} moves each way, taken in turn\n`);
	console.log(
		row(
			`Keyboard move committed, sync on (${on.committed} vs ${off.committed} ms off): extra, paired`,
			sync.syncMoveExtraMs,
			TARGETS.syncMoveExtraMs,
			'ms'
		)
	);
	console.log(row(`  painted with sync on (off: ${off.painted} ms)`, on.painted, undefined, 'ms'));
	console.log(row(`${TASKS} tasks reach a fresh device`, freshMs, TARGETS.syncFreshDeviceMs, 'ms'));
	console.log(row('Workspace document after the first push', sync.docKbAfterPush, undefined, 'KB'));
	console.log(row('… after every task edited 10 times', sync.docKbAfterTenEdits, undefined, 'KB'));
	console.log(row('… after 1,000 deletes', sync.docKbAfterDeletes, undefined, 'KB'));
	console.log('Added to bench/results.json');
} finally {
	server.close();
	rmSync(dataDir, { recursive: true, force: true });
	for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
}
