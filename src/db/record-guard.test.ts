import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTask } from '../core/test-tasks';
import { AppDB } from './app-db';
import { RECORDS } from '../core/records';
import { checksAreLoaded, InvalidRecordError, RECORD_TABLES } from './record-guard';

const names: string[] = [];
afterEach(async () => {
	for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('recordGuard', () => {
	// This file runs in its own module registry, so the schemas have not loaded yet.
	it('checks a write made before the schemas have loaded, once they arrive, in its transaction', async () => {
		const db = new AppDB(`guard-early-${crypto.randomUUID()}`);
		names.push(db.name);
		await db.open();
		expect(checksAreLoaded()).toBe(false);
		const good = makeTask({ id: 'good' });
		const bad = makeTask({ id: 'bad', title: 'x'.repeat(600) });
		await expect(
			db.transaction('rw', db.tasks, async () => {
				await db.tasks.add(good);
				await db.tasks.add(bad);
			})
		).rejects.toThrow(InvalidRecordError);
		expect(checksAreLoaded()).toBe(true);
		expect(await db.tasks.count()).toBe(0);
		await db.tasks.add(good);
		expect(await db.tasks.get('good')).toEqual(good);
		db.close();
	});

	it('guards every table that has a record schema', () => {
		expect([...RECORD_TABLES].sort()).toEqual(Object.keys(RECORDS).sort());
	});
});
