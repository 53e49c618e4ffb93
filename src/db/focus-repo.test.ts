import { describe, expect, it } from 'vitest';
import { endSession, pauseSession } from '../core/focus';
import { makeTask } from '../core/test-tasks';
import { testDb } from './test-db';
import { BlockRunningError, FocusRepo } from './focus-repo';

const NOW = Date.UTC(2026, 10, 27, 7);

async function setup() {
	const db = testDb('focus');
	let seq = 0;
	let now = NOW;
	const task = makeTask({ id: 'loss', title: 'Derive the focal loss', stage: 'model' });
	await db.tasks.add(task);
	const repo = new FocusRepo(
		db,
		() => `s${++seq}`,
		() => now
	);
	return { db, repo, task, later: (ms: number) => (now += ms) };
}

describe('FocusRepo', () => {
	it('starts a block on a task, marks the task Doing, and knows it as the active one', async () => {
		const { db, repo, task } = await setup();
		const session = await repo.start(task, 180);
		expect(session).toMatchObject({ id: 's1', taskId: 'loss', stage: 'model', plannedMin: 180 });
		expect(await repo.active()).toEqual(session);
		expect((await db.tasks.get('loss'))?.status).toBe('doing');
	});

	it('refuses a second block while one runs, and allows one once it has ended', async () => {
		const { repo, task, later } = await setup();
		const first = await repo.start(task, 90);
		await expect(repo.start(task, 90)).rejects.toThrow(BlockRunningError);
		later(30 * 60_000);
		await repo.update(first.id, (s, now) => endSession(s, 'stopped', now));
		expect(await repo.active()).toBeUndefined();
		later(60_000);
		expect((await repo.start(task, 90)).id).toBe('s2');
	});

	it('changes a block as stored, leaving it alone when nothing changes', async () => {
		const { repo, task, later } = await setup();
		const s = await repo.start(task, 180);
		later(10 * 60_000);
		const paused = await repo.update(s.id, (x, now) => pauseSession(x, now));
		expect(paused?.pauses).toEqual([{ from: NOW + 10 * 60_000 }]);
		const again = await repo.update(s.id, (x, now) => pauseSession(x, now));
		expect(again).toEqual(paused);
	});

	it('saves "Where I stopped" on the block and on its task, on one line', async () => {
		const { db, repo, task } = await setup();
		const s = await repo.start(task, 180);
		await repo.saveNote(s.id, 'Sign of the second term\nis wrong');
		expect((await repo.get(s.id))?.note).toBe('Sign of the second term is wrong');
		expect((await db.tasks.get('loss'))?.whereStopped).toBe('Sign of the second term is wrong');
	});

	it('lists the sessions started in a span of time', async () => {
		const { repo, task, later } = await setup();
		const a = await repo.start(task, 90);
		await repo.update(a.id, (s, now) => endSession(s, 'stopped', now + 1));
		later(2 * 3_600_000);
		const b = await repo.start(task, 90);
		expect((await repo.between(NOW, NOW + 3_600_000)).map((s) => s.id)).toEqual([a.id]);
		expect((await repo.between(NOW, NOW + 3 * 3_600_000)).map((s) => s.id)).toEqual([a.id, b.id]);
	});
});
