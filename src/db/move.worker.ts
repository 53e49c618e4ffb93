/// <reference lib="webworker" />
import type { Stage, Task } from '../core/task';
import { AppDB } from './app-db';
import { loadRecordChecks } from './record-guard';
import { TaskRepo } from './task-repo';

export type MoveRequest =
	| { type: 'open'; dbName: string }
	/** The page's next frame after a move has begun. */
	| { type: 'drawn' }
	| { type: 'move'; seq: number; held: Task; stage: Stage; order: number; now: number };

export type MoveReply =
	/** When the move's transaction committed, in ms since the epoch (`timeOrigin` + `now()`). */
	{ seq: number; committedAt: number } | { seq: number; failed: { name: string; message: string } };

// A move's transaction reads the stored row beside its write (TaskRepo.move), and commits only
// once that read's answer has been handled. On the page, the answer waits behind whatever the
// page is doing, most often the frame that draws the move. Here nothing else runs: the move
// commits a few milliseconds after the key press, whatever the page is busy with.
let db: AppDB | undefined;

/**
 * What the worker says once a move commits — its reply, and Dexie's broadcast that tells the
 * page's live queries (and other tabs) to re-read — costs the page 2–6 ms of its main thread.
 * Arriving before the frame that draws the move, that work delays the frame. So from a move until
 * the page says its next frame has begun (`drawn`), or 100 ms at most (a hidden tab draws no
 * frames), the worker holds what it would send. The commit itself never waits.
 */
class Outgoing {
	#held: (() => void)[] | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;

	hold(): void {
		this.#held ??= [];
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.release(), 100);
	}

	release(): void {
		clearTimeout(this.#timer);
		const held = this.#held ?? [];
		this.#held = undefined;
		for (const send of held) send();
	}

	send(send: () => void): void {
		if (this.#held) this.#held.push(send);
		else send();
	}
}

const outgoing = new Outgoing();
// Dexie's only channel here is its storage-mutated broadcast.
const broadcast = BroadcastChannel.prototype.postMessage;
BroadcastChannel.prototype.postMessage = function (message: unknown) {
	outgoing.send(() => broadcast.call(this, message));
};

async function move({ held, stage, order, now }: Extract<MoveRequest, { type: 'move' }>) {
	if (!db) throw new Error('the database is not open.');
	await new TaskRepo(db, undefined, () => now).move(held, stage, order);
	return performance.timeOrigin + performance.now();
}

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
	if (data.type === 'drawn') return outgoing.release();
	outgoing.hold();
	let reply: MoveReply;
	try {
		reply = { seq: data.seq, committedAt: await move(data) };
	} catch (error) {
		// Dexie wraps what IndexedDB threw (a full disk's QuotaExceededError, say) as `inner`.
		const inner = (error as { inner?: unknown }).inner ?? error;
		const name = inner instanceof Error ? inner.name : 'Error';
		const message = error instanceof Error ? error.message : String(error);
		reply = { seq: data.seq, failed: { name, message } };
	}
	outgoing.send(() => postMessage(reply));
};
