/// <reference lib="webworker" />
import type { Stage, Task } from '../core/task';
import { AppDB } from './app-db';
import { loadRecordChecks } from './record-guard';
import { TaskRepo } from './task-repo';

export type MoveRequest =
	| { type: 'open'; dbName: string }
	| { type: 'move'; seq: number; held: Task; stage: Stage; order: number; now: number };

export type MoveReply =
	/** When the move's transaction committed, in ms since the epoch (`timeOrigin` + `now()`). */
	{ seq: number; committedAt: number } | { seq: number; failed: { name: string; message: string } };

// A move's transaction reads the stored row beside its write (TaskRepo.move), and commits only
// once that read's answer has been handled. On the page, the answer waits behind whatever the
// page is doing, most often the frame that draws the move. Here nothing else runs: the move
// commits a few milliseconds after the key press, whatever the page is busy with.
let db: AppDB | undefined;

onmessage = async ({ data }: MessageEvent<MoveRequest>) => {
	if (data.type === 'open') {
		db = new AppDB(data.dbName);
		// A newer Lindy in another tab needs every connection closed to upgrade the database.
		db.on('versionchange', () => {
			db?.close();
			return false;
		});
		await Promise.all([db.open().catch(() => undefined), loadRecordChecks()]);
		return;
	}
	const { seq, held, stage, order, now } = data;
	try {
		if (!db) throw new Error('the database is not open.');
		await new TaskRepo(db, undefined, () => now).move(held, stage, order);
		postMessage({ seq, committedAt: performance.timeOrigin + performance.now() });
	} catch (error) {
		// Dexie wraps what IndexedDB threw (a full disk's QuotaExceededError, say) as `inner`.
		const inner = (error as { inner?: unknown }).inner ?? error;
		const name = inner instanceof Error ? inner.name : 'Error';
		const message = error instanceof Error ? error.message : String(error);
		postMessage({ seq, failed: { name, message } } satisfies MoveReply);
	}
};
