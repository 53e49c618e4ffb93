import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits';
import { makeTask } from '../core/test-tasks';
import { AppDB, DB_VERSION } from './app-db';
import { applyBackup, checkBackupText, exportBackup, backupToText } from './backup';
import { InvalidRecordError } from './record-guard';
import { TaskRepo } from './task-repo';

const names: string[] = [];
afterEach(async () => {
	for (const name of names.splice(0)) await Dexie.delete(name);
});

const V2_STORES = {
	tasks: 'id, stage, status, updatedAt',
	settings: 'key',
	feeds: 'id, &url',
	items: 'id, feedId, sortAt, firstSeenAt, canonicalUrl, titleKey',
	itemContents: 'id',
	readingLists: 'week'
};

function fresh(prefix: string): string {
	const name = `${prefix}-${crypto.randomUUID()}`;
	names.push(name);
	return name;
}

describe('AppDB upgrades', () => {
	it('opens a database written by version 1 and keeps every task and setting', async () => {
		const name = fresh('upgrade');
		const v1 = new Dexie(name);
		v1.version(1).stores({ tasks: 'id, stage, status, updatedAt', settings: 'key' });
		const tasks = [makeTask({ title: 'Old task', due: '2026-12-01', estimateMin: 30 }), makeTask()];
		await v1.table('tasks').bulkAdd(tasks);
		await v1.table('settings').put({ key: 'sortMode', value: 'manual' });
		v1.close();

		const db = new AppDB(name);
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
		expect(await db.tasks.toArray()).toEqual(tasks);
		expect(await db.settings.get('sortMode')).toEqual({ key: 'sortMode', value: 'manual' });
		expect(await db.feeds.count()).toBe(0);
		expect(await db.items.count()).toBe(0);
		expect(db.feeds.schema.indexes.map((i) => i.name)).toEqual(['url']);
		expect(db.feeds.schema.indexes[0]!.unique).toBe(true);
		db.close();
	});

	it('version 3 shortens what version 2 stored past the limits, keeping the text, so it exports and restores', async () => {
		const name = fresh('upgrade-v3');
		const v2 = new Dexie(name);
		v2.version(2).stores(V2_STORES);
		const longTitle = `Investigate ${'why the loss plateaus '.repeat(30)}`.trim();
		const task = makeTask({
			id: 'long',
			title: longTitle,
			notes: 'Earlier notes',
			estimateMin: 120_000,
			tags: ['x'.repeat(150), 'ok']
		});
		await v2.table('tasks').add(task);
		await v2.table('feeds').add({
			id: 'feed',
			url: 'https://feeds.example.com/a.xml',
			title: 'A',
			trust: 0,
			paused: false,
			showImages: false,
			createdAt: 1,
			etag: `"${'e'.repeat(1500)}"`,
			consecutiveFailures: 0,
			broken: false
		});
		await v2.table('items').add({
			id: 'feed:big',
			feedId: 'feed',
			title: 'Big',
			titleKey: 'big',
			link: `https://example.com/${'p'.repeat(9000)}`,
			sortAt: 1,
			firstSeenAt: 1,
			summary: '',
			wordCount: 1,
			readingMinutes: 1
		});
		await v2.table('itemContents').add({ id: 'feed:big', html: 'x'.repeat(2_100_000) });
		v2.close();

		const db = new AppDB(name);
		await db.open();
		const fitted = (await db.tasks.get('long'))!;
		expect(fitted.title.length).toBeLessThanOrEqual(LIMITS.taskTitle);
		expect(fitted.notes).toBe(`${longTitle}\n\nEarlier notes`);
		expect(fitted.estimateMin).toBe(LIMITS.estimateMin);
		expect(fitted.tags).toEqual(['x'.repeat(LIMITS.tag), 'ok']);
		expect((await db.feeds.get('feed'))!.etag).toBeUndefined();
		expect(await db.items.get('feed:big')).toMatchObject({ truncated: true });
		expect((await db.items.get('feed:big'))!.link).toBeUndefined();
		expect((await db.itemContents.get('feed:big'))!.html).toHaveLength(LIMITS.itemHtml);

		const check = checkBackupText(
			backupToText(await exportBackup(db, 'test', Date.UTC(2026, 10, 27)))
		);
		expect(check.ok ? 'restores' : check.message).toBe('restores');
		const target = new AppDB(fresh('restore'));
		if (check.ok) await applyBackup(target, check.backup, 'replace');
		expect(await target.tasks.get('long')).toEqual(fitted);
		db.close();
		target.close();
	});

	it('version 4 dates done tasks that version 3 stored without a completion time, so the board counts and lists them', async () => {
		const name = fresh('upgrade-v4');
		const v3 = new Dexie(name);
		v3.version(3).stores(V2_STORES);
		const undated = makeTask({ id: 'undated', stage: 'data', status: 'done', updatedAt: 42 });
		delete undated.doneAt;
		await v3.table('tasks').bulkAdd([undated, makeTask({ id: 'open', stage: 'data' })]);
		v3.close();

		const db = new AppDB(name);
		const repo = new TaskRepo(db);
		expect(await db.tasks.get('undated')).toMatchObject({ status: 'done', doneAt: 42 });
		expect((await repo.doneCounts()).data).toBe(1);
		expect((await repo.doneIn('data', 10)).map((t) => t.id)).toEqual(['undated']);
		expect((await repo.open()).map((t) => t.id)).toEqual(['open']);
		db.close();
	});

	it('version 5 adds runs and checklist templates to a version 2 database, keeping everything', async () => {
		const name = fresh('upgrade-v5');
		const v2 = new Dexie(name);
		v2.version(2).stores(V2_STORES);
		const task = makeTask({ id: 'sweep', mode: 'passive', stage: 'model' });
		await v2.table('tasks').add(task);
		await v2.table('settings').put({ key: 'sortMode', value: 'manual' });
		v2.close();

		const db = new AppDB(name);
		expect(await db.tasks.get('sweep')).toEqual(task);
		expect(await db.settings.get('sortMode')).toEqual({ key: 'sortMode', value: 'manual' });
		expect(await db.runs.count()).toBe(0);
		const run = {
			id: 'r1',
			number: 1,
			taskId: 'sweep',
			hypothesis: 'Warmup fixes the divergence',
			launchedAt: 1,
			expectedMin: 60,
			graceMin: 15,
			where: '',
			skipped: [],
			token: 'tok_0123456789abcdef',
			registered: false,
			events: [],
			verdict: '',
			alertsSent: [],
			createdAt: 1,
			updatedAt: 1
		};
		await db.runs.add(run);
		expect(await db.runs.where('taskId').equals('sweep').toArray()).toEqual([run]);
		await expect(db.runs.add({ ...run, id: 'r2', hypothesis: '' })).rejects.toThrow(
			/hypothesis is empty/
		);
		db.close();
	});

	it('version 6 adds focus sessions, day plans and plan templates, keeping runs and tasks', async () => {
		const name = fresh('upgrade-v6');
		const v5 = new Dexie(name);
		v5.version(5).stores({
			...V2_STORES,
			tasks: 'id, stage, status, updatedAt, [status+stage+doneAt]',
			runs: 'id, taskId, launchedAt, number',
			runTemplates: 'id'
		});
		const task = makeTask({ id: 'loss', title: 'Derive the focal loss' });
		await v5.table('tasks').add(task);
		v5.close();

		const db = new AppDB(name);
		expect(await db.tasks.get('loss')).toEqual(task);
		expect(await db.focusSessions.count()).toBe(0);
		const session = {
			id: 's1',
			taskId: 'loss',
			taskTitle: 'Derive the focal loss',
			stage: 'model' as const,
			startedAt: 10,
			plannedMin: 180,
			pauses: [],
			seenAt: 10,
			note: '',
			held: [],
			createdAt: 10,
			updatedAt: 10
		};
		await db.focusSessions.add(session);
		expect(await db.focusSessions.where('taskId').equals('loss').toArray()).toEqual([session]);
		await expect(db.focusSessions.add({ ...session, id: 's2', plannedMin: 0 })).rejects.toThrow(
			/plannedMin/
		);
		await expect(
			db.dayPlans.add({
				date: '2026-11-27',
				zone: 'Asia/Tokyo',
				blocks: [{ id: 'b', kind: 'deep', startMin: 600, endMin: 420, taskIds: [] }],
				createdAt: 1,
				updatedAt: 1
			})
		).rejects.toThrow(/ends before it starts/);
		db.close();
	});

	it('version 7 keeps every item, unread and unsaved, and indexes read and saved ones', async () => {
		const name = fresh('upgrade-v7');
		const v6 = new Dexie(name);
		v6.version(6).stores({
			...V2_STORES,
			tasks: 'id, stage, status, updatedAt, [status+stage+doneAt]',
			runs: 'id, taskId, launchedAt, number',
			runTemplates: 'id',
			focusSessions: 'id, taskId, startedAt',
			dayPlans: 'date',
			planTemplates: 'id'
		});
		const item = {
			id: 'feed:1',
			feedId: 'feed',
			title: 'Label audits',
			titleKey: 'label audits',
			sortAt: 5,
			firstSeenAt: 5,
			summary: '',
			wordCount: 10,
			readingMinutes: 1,
			notes: 'keep'
		};
		await v6.table('items').bulkAdd([item, { ...item, id: 'feed:2', titleKey: 'second' }]);
		v6.close();

		const db = new AppDB(name);
		expect(await db.items.get('feed:1')).toEqual(item);
		const read = (feedId: string) =>
			db.items
				.where('[feedId+readAt]')
				.between([feedId, Dexie.minKey], [feedId, Dexie.maxKey])
				.count();
		expect(await read('feed')).toBe(0);
		await db.items.update('feed:1', { readAt: 7, savedAt: 8 });
		expect(await read('feed')).toBe(1);
		expect(await db.items.where('savedAt').above(0).primaryKeys()).toEqual(['feed:1']);
		await expect(db.items.update('feed:2', { readAt: -1 })).rejects.toThrow(/readAt/);
		db.close();
	});

	it('refuses a write past the limits with a sentence, and saves nothing of it', async () => {
		const db = new AppDB(fresh('guard'));
		await expect(db.tasks.add(makeTask({ title: 'x'.repeat(600) }))).rejects.toThrow(
			InvalidRecordError
		);
		await expect(db.tasks.add(makeTask({ estimateMin: 120_000 }))).rejects.toThrow(
			/estimateMin is more than 100000 minutes/
		);
		expect(await db.tasks.count()).toBe(0);
		db.close();
	});
});
