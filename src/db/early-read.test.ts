import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB, DB_NAME } from './app-db';
import { takeEarlyRead } from './early-read';
import { SettingsRepo, settingsFrom } from './settings-repo';
import { TaskRepo } from './task-repo';

// The script index.html loads before the app, run as the page runs it.
const script = readFileSync(resolve(import.meta.dirname, '../../public/early-read.js'), 'utf8');
const runEarlyRead = () => new Function(script)();

afterEach(async () => {
	delete window.lindyEarlyRead;
	await Dexie.delete(DB_NAME);
});

async function storedBoard(): Promise<AppDB> {
	const db = new AppDB();
	const tasks = new TaskRepo(db);
	const a = await tasks.add({ title: 'Label the audio clips', stage: 'data' });
	await tasks.add({ title: 'Write the spec', stage: 'problem' });
	const c = await tasks.add({ title: 'Ship the canary', stage: 'deploy' });
	await tasks.setStatus(a.id, 'doing');
	await tasks.setStatus(c.id, 'done');
	await new SettingsRepo(db).set('theme', 'dark');
	return db;
}

describe('the early read (public/early-read.js)', () => {
	it('gives the open tasks in the order the board reads them, and the settings', async () => {
		const db = await storedBoard();
		runEarlyRead();
		const read = await takeEarlyRead();
		expect(read?.tasks).toEqual(await new TaskRepo(db).open());
		expect(read?.tasks.map((t) => t.title)).toEqual(['Label the audio clips', 'Write the spec']);
		expect(settingsFrom(read!.settings)).toEqual(await new SettingsRepo(db).all());
		expect(settingsFrom(read!.settings).theme).toBe('dark');
		db.close();
	});

	it('leaves no database behind on a first visit, and gives nothing', async () => {
		runEarlyRead();
		expect(await takeEarlyRead()).toBeUndefined();
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
		// The app then creates the database with its schema.
		const db = new AppDB();
		await db.open();
		expect(db.tables.length).toBeGreaterThan(0);
		db.close();
	});

	it('never holds up an upgrade of the database', async () => {
		(await storedBoard()).close();
		runEarlyRead();
		const upgraded = await new Promise<string>((done) => {
			const request = indexedDB.open(DB_NAME, 1000);
			request.onblocked = () => done('blocked');
			request.onsuccess = () => {
				request.result.close();
				done('upgraded');
			};
		});
		expect(upgraded).toBe('upgraded');
	});

	it('is not used for a database of another schema version', async () => {
		(await storedBoard()).close();
		await new Promise<void>((done) => {
			const request = indexedDB.open(DB_NAME, 1000);
			request.onsuccess = () => done(request.result.close());
		});
		runEarlyRead();
		expect(await takeEarlyRead()).toBeUndefined();
	});

	it('is taken once, so the page does not keep the rows', async () => {
		(await storedBoard()).close();
		runEarlyRead();
		expect(await takeEarlyRead()).toBeDefined();
		expect(await takeEarlyRead()).toBeUndefined();
	});
});
