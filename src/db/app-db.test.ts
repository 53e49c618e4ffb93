import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTask } from '../core/test-tasks';
import { AppDB } from './app-db';

const names: string[] = [];
afterEach(async () => {
	for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('AppDB version 2', () => {
	it('opens a database written by version 1 and keeps every task and setting', async () => {
		const name = `upgrade-${crypto.randomUUID()}`;
		names.push(name);
		const v1 = new Dexie(name);
		v1.version(1).stores({ tasks: 'id, stage, status, updatedAt', settings: 'key' });
		const tasks = [makeTask({ title: 'Old task', due: '2026-12-01', estimateMin: 30 }), makeTask()];
		await v1.table('tasks').bulkAdd(tasks);
		await v1.table('settings').put({ key: 'sortMode', value: 'manual' });
		v1.close();

		const db = new AppDB(name);
		await db.open();
		expect(db.verno).toBe(2);
		expect(await db.tasks.toArray()).toEqual(tasks);
		expect(await db.settings.get('sortMode')).toEqual({ key: 'sortMode', value: 'manual' });
		expect(await db.feeds.count()).toBe(0);
		expect(await db.items.count()).toBe(0);
		expect(db.feeds.schema.indexes.map((i) => i.name)).toEqual(['url']);
		expect(db.feeds.schema.indexes[0]!.unique).toBe(true);
		db.close();
	});
});
