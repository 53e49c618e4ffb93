import { startSession, type FocusSession } from '../core/focus';
import { oneLine } from '../core/text';
import { LIMITS } from '../core/limits';
import { withStatus, type Task } from '../core/task';
import type { AppDB } from './app-db';
import { newId } from './new-id';
import { trackWrite } from './pending-writes';

/** Another block is already running: one at a time. */
export class BlockRunningError extends Error {
	override name = 'BlockRunningError';
}

/** The only way the app reads and writes focus sessions. */
export class FocusRepo {
	readonly #db: AppDB;
	readonly #newId: () => string;
	readonly #now: () => number;

	constructor(db: AppDB, makeId: () => string = newId, now: () => number = () => Date.now()) {
		this.#db = db;
		this.#newId = makeId;
		this.#now = now;
	}

	/** The block under way, if any: the latest session, while it has not ended. */
	async active(): Promise<FocusSession | undefined> {
		const latest = await this.#db.focusSessions.orderBy('startedAt').last();
		return latest && latest.endedAt === undefined ? latest : undefined;
	}

	get(id: string): Promise<FocusSession | undefined> {
		return this.#db.focusSessions.get(id);
	}

	/** Sessions started in [from, to), oldest first. */
	between(from: number, to: number): Promise<FocusSession[]> {
		return this.#db.focusSessions.where('startedAt').between(from, to, true, false).toArray();
	}

	/**
	 * Starts a block on a task and marks the task Doing. Refuses while another block runs (in
	 * this tab or another one).
	 */
	start(task: Pick<Task, 'id' | 'title' | 'stage'>, plannedMin: number): Promise<FocusSession> {
		const { focusSessions, tasks } = this.#db;
		return trackWrite(
			this.#db.transaction('rw', focusSessions, tasks, async () => {
				if (await this.active()) throw new BlockRunningError('A focus block is already running.');
				const now = this.#now();
				const session = startSession(
					{
						id: this.#newId(),
						taskId: task.id,
						taskTitle: task.title,
						stage: task.stage,
						plannedMin
					},
					now
				);
				await focusSessions.add(session);
				const stored = await tasks.get(task.id);
				if (stored?.status === 'todo')
					await tasks.put({
						...withStatus(stored, 'doing', now),
						updatedAt: Math.max(now, stored.updatedAt + 1)
					});
				return session;
			})
		);
	}

	/**
	 * Changes a session as stored now, in one transaction (another tab may have changed it).
	 * `change` returns the session itself when nothing is to change.
	 */
	update(
		id: string,
		change: (session: FocusSession, now: number) => FocusSession
	): Promise<FocusSession | undefined> {
		const { focusSessions } = this.#db;
		return trackWrite(
			this.#db.transaction('rw', focusSessions, async () => {
				const session = await focusSessions.get(id);
				if (!session) return undefined;
				const next = change(session, this.#now());
				if (next !== session) await focusSessions.put(next);
				return next;
			})
		);
	}

	/** Saves "Where I stopped" on the session and on its task, where the next block shows it. */
	saveNote(id: string, note: string): Promise<void> {
		const { focusSessions, tasks } = this.#db;
		const text = oneLine(note, LIMITS.focusNote);
		return trackWrite(
			this.#db.transaction('rw', focusSessions, tasks, async () => {
				const session = await focusSessions.get(id);
				if (!session) return;
				const now = this.#now();
				await focusSessions.put({
					...session,
					note: text,
					updatedAt: Math.max(now, session.updatedAt)
				});
				const task = await tasks.get(session.taskId);
				if (task && text !== '' && task.whereStopped !== text)
					await tasks.put({
						...task,
						whereStopped: text,
						updatedAt: Math.max(now, task.updatedAt + 1)
					});
			})
		);
	}
}
