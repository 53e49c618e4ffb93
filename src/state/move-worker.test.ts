import { beforeEach, describe, expect, it } from 'vitest';
import { makeTask } from '../core/test-tasks';
import type { MoveReply, MoveRequest } from '../db/move.worker';
import { TaskRepo } from '../db/task-repo';
import { testDb } from '../db/test-db';
import type { AppDB } from '../db/app-db';
import { MoveWorker } from './move-worker';
import { describeError } from './toasts.svelte';

/** Stands in for the move worker's thread: keeps what the page sends, answers when told to. */
class FakeWorker {
	posted: MoveRequest[] = [];
	onmessage: ((event: MessageEvent<MoveReply>) => void) | null = null;
	onerror: ((event: { preventDefault(): void }) => void) | null = null;
	terminated = false;

	postMessage(request: MoveRequest): void {
		this.posted.push(request);
	}

	reply(data: MoveReply): void {
		this.onmessage?.({ data } as MessageEvent<MoveReply>);
	}

	terminate(): void {
		this.terminated = true;
	}
}

let db: AppDB;
let repo: TaskRepo;
let fake: FakeWorker;
let created = 0;

beforeEach(() => {
	db = testDb('move-worker');
	repo = new TaskRepo(db);
	fake = new FakeWorker();
	created = 0;
});

function moveWorker(): MoveWorker {
	return new MoveWorker(
		repo,
		db.name,
		() => 5_000,
		() => {
			created++;
			return fake as unknown as Worker;
		}
	);
}

describe('MoveWorker', () => {
	it('writes from the page until it is started', async () => {
		const task = makeTask({ id: 'a', stage: 'problem' });
		await db.tasks.put(task);
		const moves = moveWorker();

		await moves.move(task, 'data', 3);

		expect(created).toBe(0);
		expect(await db.tasks.get('a')).toMatchObject({ stage: 'data', order: 3 });
	});

	it('opens the same database in the worker, sends each move with its time and then its frame, and resolves with the commit on the page’s clock', async () => {
		const task = makeTask({ id: 'a' });
		const moves = moveWorker();
		moves.start();
		moves.start();
		expect(created).toBe(1);
		expect(fake.posted).toEqual([{ type: 'open', dbName: db.name }]);

		const committed = moves.move(task, 'model', 7);
		const request = fake.posted[1]!;
		expect(request).toEqual({
			type: 'move',
			seq: 1,
			held: task,
			stage: 'model',
			order: 7,
			now: 5_000
		});
		await new Promise((frame) => requestAnimationFrame(frame));
		expect(fake.posted[2]).toEqual({ type: 'drawn' });
		fake.reply({ seq: 1, committedAt: performance.timeOrigin + 12.5 });

		expect(await committed).toBeCloseTo(12.5, 3);
		expect(await db.tasks.get('a')).toBeUndefined();
	});

	it('rejects with the error the worker met, so a full disk is named as one', async () => {
		const moves = moveWorker();
		moves.start();
		const move = moves.move(makeTask(), 'data', 1);
		fake.reply({ seq: 1, failed: { name: 'QuotaExceededError', message: 'Quota exceeded' } });

		const error = await move.catch((e: unknown) => e);
		expect(describeError(error)).toMatch(/^the disk is full/);
	});

	it('writes from the page the moves a stopped worker held, and every move after', async () => {
		const [a, b] = [makeTask({ id: 'a' }), makeTask({ id: 'b' })];
		await db.tasks.bulkPut([a, b]);
		const moves = moveWorker();
		moves.start();
		const held = moves.move(a, 'deploy', 1);

		let prevented = false;
		fake.onerror?.({ preventDefault: () => (prevented = true) });
		await held;
		await moves.move(b, 'model', 2);

		expect(prevented).toBe(true);
		expect(fake.terminated).toBe(true);
		expect(fake.posted.filter((r) => r.type === 'move')).toHaveLength(1);
		expect(await db.tasks.get('a')).toMatchObject({ stage: 'deploy' });
		expect(await db.tasks.get('b')).toMatchObject({ stage: 'model' });
	});
});
