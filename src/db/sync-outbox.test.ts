import { describe, expect, it } from 'vitest';
import { makeTask } from '../core/test-tasks';
import { markRemote, SYNC_ON_KEY } from './sync-outbox';
import { testDb } from './test-db';

const turnOn = (db: ReturnType<typeof testDb>) =>
	db.syncMeta.put({ key: SYNC_ON_KEY, value: true });

describe('the sync outbox', () => {
	it('records nothing while sync is off', async () => {
		const db = testDb('outbox-off');
		await db.tasks.put(makeTask({ id: 't1' }));
		expect(await db.syncOutbox.count()).toBe(0);
	});

	it('records each write of a synced table with the row before and after', async () => {
		const db = testDb('outbox-on');
		await turnOn(db);
		const task = makeTask({ id: 't1', title: 'First' });
		await db.tasks.put(task);
		await db.tasks.update('t1', { title: 'Second' });
		await db.tasks.delete('t1');
		await db.settings.put({ key: 'theme', value: 'dark' });
		const rows = await db.syncOutbox.toArray();
		expect(rows.map((r) => [r.table, r.key, r.before?.title, r.after?.title])).toEqual([
			['tasks', 't1', undefined, 'First'],
			['tasks', 't1', 'First', 'Second'],
			['tasks', 't1', 'Second', undefined],
			['settings', 'theme', undefined, undefined]
		]);
	});

	it('records every row a cleared table held', async () => {
		const db = testDb('outbox-clear');
		await db.tasks.bulkPut([makeTask({ id: 'a' }), makeTask({ id: 'b' })]);
		await turnOn(db);
		await db.tasks.clear();
		const rows = await db.syncOutbox.toArray();
		expect(rows.map((r) => [r.key, r.after])).toEqual([
			['a', undefined],
			['b', undefined]
		]);
	});

	it('records only the rows a bulk write stored', async () => {
		const db = testDb('outbox-bulk');
		await db.tasks.put(makeTask({ id: 'taken', title: 'Already here' }));
		await turnOn(db);
		await expect(
			db.tasks.bulkAdd([makeTask({ id: 'new', title: 'New' }), makeTask({ id: 'taken' })])
		).rejects.toThrow();
		const rows = await db.syncOutbox.toArray();
		expect(rows.map((r) => [r.key, r.before?.title, r.after?.title])).toEqual([
			['new', undefined, 'New']
		]);
		expect((await db.tasks.get('taken'))?.title).toBe('Already here');
	});

	it('keeps neither the write nor its outbox row when the transaction fails', async () => {
		const db = testDb('outbox-abort');
		await turnOn(db);
		await expect(
			db.transaction('rw', db.tasks, async () => {
				await db.tasks.put(makeTask({ id: 't1' }));
				throw new Error('import failed');
			})
		).rejects.toThrow('import failed');
		expect(await db.tasks.count()).toBe(0);
		expect(await db.syncOutbox.count()).toBe(0);
	});

	it('skips writes that apply another device’s changes', async () => {
		const db = testDb('outbox-remote');
		await turnOn(db);
		await db.transaction('rw', db.tasks, async (tx) => {
			markRemote(tx);
			await db.tasks.put(makeTask({ id: 't1' }));
		});
		expect(await db.tasks.count()).toBe(1);
		expect(await db.syncOutbox.count()).toBe(0);
	});
});
