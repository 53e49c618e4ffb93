import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB } from './app-db';
import { writesSettled } from './pending-writes';
import { DEFAULT_SETTINGS, SettingsRepo } from './settings-repo';
import { makeTask } from '../core/test-tasks';
import type { Stage, Task } from '../core/task';
import { TaskRepo } from './task-repo';

let db: AppDB;
let repo: TaskRepo;
let clock = 1_000;
let ids = 0;

beforeEach(() => {
	db = new AppDB(`test-${crypto.randomUUID()}`);
	repo = new TaskRepo(
		db,
		() => `id-${++ids}`,
		() => ++clock
	);
});

afterEach(async () => {
	db.close();
	await Dexie.delete(db.name);
});

describe('AppDB', () => {
	it('indexes tasks by stage, status, time and, for done tasks, stage and completion time', async () => {
		await db.open();
		expect(db.tasks.schema.indexes.map((i) => i.name).sort()).toEqual([
			'[status+stage+doneAt]',
			'stage',
			'status',
			'updatedAt'
		]);
	});
});

describe('TaskRepo', () => {
	it('adds tasks with defaults at the end of their stage', async () => {
		const a = await repo.add({ title: 'A', stage: 'data' });
		const b = await repo.add({ title: 'B', stage: 'data', impact: 1, tags: ['x'] });
		expect(a).toMatchObject({ mode: 'active', status: 'todo', impact: 3, notes: '', tags: [] });
		expect(b.order).toBeGreaterThan(a.order);
		expect(await db.tasks.toArray()).toHaveLength(2);
		expect(Object.keys(a)).not.toContain('estimateMin');
	});

	it('updates fields, moves to the end of a new stage and stamps doneAt', async () => {
		const a = await repo.add({ title: 'A', stage: 'problem' });
		await repo.add({ title: 'B', stage: 'deploy' });
		const after = await repo.update(a.id, {
			title: 'A2',
			notes: 'n',
			stage: 'deploy',
			mode: 'low',
			status: 'done',
			impact: 1,
			estimateMin: 30,
			due: undefined,
			tags: []
		});
		expect(after).toMatchObject({ title: 'A2', stage: 'deploy', order: 1, status: 'done' });
		expect(after.doneAt).toBeTypeOf('number');
		const reopened = await repo.setStatus(a.id, 'todo');
		expect(reopened?.doneAt).toBeUndefined();
	});

	it('refuses to update a task deleted elsewhere with a clear message', async () => {
		await expect(
			repo.update('missing', {
				title: 'x',
				notes: '',
				stage: 'data',
				mode: 'active',
				status: 'todo',
				impact: 3,
				estimateMin: undefined,
				due: undefined,
				tags: []
			})
		).rejects.toThrow(/no longer exists/);
	});

	it('removes a task and puts it back exactly for undo', async () => {
		const a = await repo.add({ title: 'A', stage: 'model', estimateMin: 90, due: '2026-12-01' });
		const removed = await repo.remove(a.id);
		expect(await repo.count()).toBe(0);
		await repo.putAll([removed!]);
		expect(await repo.get(a.id)).toEqual(a);
	});

	it('moves a task and rewrites many orders at once', async () => {
		const a = await repo.add({ title: 'A', stage: 'problem' });
		const b = await repo.add({ title: 'B', stage: 'problem' });
		await repo.move(a, 'data', 5);
		expect(await repo.get(a.id)).toMatchObject({ stage: 'data', order: 5 });
		await repo.setOrders([{ id: b.id, order: -3 }]);
		expect((await repo.get(b.id))?.order).toBe(-3);
		await writesSettled();
	});

	it('keeps an edit another tab made since this one read the task when it moves it', async () => {
		const a = await repo.add({ title: 'Old title', stage: 'problem' });
		// Another tab (or device) renames the task; this tab still holds the old row.
		await db.tasks.put({ ...a, title: 'Renamed elsewhere', notes: 'and noted', updatedAt: 5_000 });
		await repo.move(a, 'data', 9);
		expect(await repo.get(a.id)).toMatchObject({
			title: 'Renamed elsewhere',
			notes: 'and noted',
			stage: 'data',
			order: 9
		});
	});

	it('leaves a task another tab deleted deleted when this one moves it', async () => {
		const a = await repo.add({ title: 'Deleted elsewhere', stage: 'problem' });
		await db.tasks.delete(a.id);
		await repo.move(a, 'data', 9);
		expect(await repo.get(a.id)).toBeUndefined();
	});

	it('reads open tasks alone, and counts and lists done ones per stage, newest first', async () => {
		const open = await repo.add({ title: 'Open', stage: 'data' });
		const doing = await repo.add({ title: 'Doing', stage: 'data', status: 'doing' });
		const old = await repo.add({ title: 'Done long ago', stage: 'data' });
		await repo.setStatus(old.id, 'done');
		const recent = await repo.add({ title: 'Done just now', stage: 'data' });
		await repo.setStatus(recent.id, 'done');
		const elsewhere = await repo.add({ title: 'Done in Deployment', stage: 'deploy' });
		await repo.setStatus(elsewhere.id, 'done');

		expect((await repo.open()).map((t) => t.id).sort()).toEqual([open.id, doing.id].sort());
		expect(await repo.doneCounts()).toEqual({ problem: 0, data: 2, model: 0, deploy: 1 });
		expect((await repo.doneIn('data', 10)).map((t) => t.title)).toEqual([
			'Done just now',
			'Done long ago'
		]);
		expect((await repo.doneIn('data', 1)).map((t) => t.title)).toEqual(['Done just now']);
		const since = (await repo.get(recent.id))!.doneAt!;
		expect((await repo.doneSince(since)).map((t) => t.title).sort()).toEqual([
			'Done in Deployment',
			'Done just now'
		]);
		expect(await repo.allDone()).toHaveLength(3);
	});

	it('reads every done task once, in slices, even where many were completed at the same time', async () => {
		const done = (id: string, stage: Stage, doneAt: number) =>
			makeTask({ id, stage, status: 'done', doneAt });
		await db.tasks.bulkPut([
			...['a', 'b', 'c', 'd', 'e'].map((id) => done(id, 'data', 50)),
			done('f', 'data', 40),
			done('g', 'data', 60),
			done('h', 'model', 10),
			makeTask({ id: 'open', stage: 'data' })
		]);
		const ids = (tasks: Task[]) => tasks.map((t) => t.id);
		expect(ids(await repo.allDone(2))).toEqual(['f', 'a', 'b', 'c', 'd', 'e', 'g', 'h']);
		expect(ids(await repo.allDone(1))).toEqual(['f', 'a', 'b', 'c', 'd', 'e', 'g', 'h']);
		expect(ids(await repo.allDone())).toEqual(['f', 'a', 'b', 'c', 'd', 'e', 'g', 'h']);
	});
});

describe('SettingsRepo', () => {
	it('returns defaults until a setting is saved', async () => {
		const settings = new SettingsRepo(db);
		expect(await settings.all()).toEqual(DEFAULT_SETTINGS);
		expect(DEFAULT_SETTINGS).toMatchObject({
			onboarded: false,
			sortMode: 'priority',
			theme: 'system',
			readingBudgetMin: 180,
			readingMaxItems: 7,
			retentionWeeks: 12
		});
		await settings.set('theme', 'dark');
		expect((await settings.all()).theme).toBe('dark');
	});
});
