import Dexie from 'dexie';
import { storableOrder } from '../core/board';
import type { ValidTask } from '../core/task-draft';
import { sameTask, STAGES, withStatus, type Stage, type Task } from '../core/task';
import type { AppDB } from './app-db';
import { newId } from './new-id';
import { trackWrite } from './pending-writes';

export type NewTask = Pick<Task, 'title' | 'stage'> &
	Partial<Pick<Task, 'notes' | 'mode' | 'status' | 'impact' | 'estimateMin' | 'due' | 'tags'>>;

function withoutUndefined<T extends object>(obj: T): T {
	for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
	return obj;
}

/** The only way the app reads and writes tasks. */
export class TaskRepo {
	readonly #db: AppDB;
	readonly #newId: () => string;
	readonly #now: () => number;

	constructor(db: AppDB, makeId: () => string = newId, now: () => number = () => Date.now()) {
		this.#db = db;
		this.#newId = makeId;
		this.#now = now;
	}

	/**
	 * Open tasks (to do and doing), through the status index: the board never reads its history.
	 * Two `equals` reads, because Dexie walks `anyOf` with a cursor, one round trip per task.
	 *
	 * Beside them, one row is read through the primary key's whole range. In a live query that
	 * makes the query follow every write to the table, so Dexie no longer records each task it
	 * reads one by one (2,000 keys into a balanced tree, ~13 ms of the main thread at every
	 * re-read of a 2,000-task board). The cost: a write that only touches a done task re-reads the
	 * open ones too.
	 */
	async open(): Promise<Task[]> {
		const [, doing, todo] = await Promise.all([
			this.#db.tasks.limit(1).toArray(),
			...(['doing', 'todo'] as const).map((status) =>
				this.#db.tasks.where('status').equals(status).toArray()
			)
		]);
		return [...doing!, ...todo!];
	}

	/** Done tasks of one stage completed at or after `since`, newest last (an index range). */
	#done(stage: Stage, since: number = Dexie.minKey as number) {
		return this.#db.tasks
			.where('[status+stage+doneAt]')
			.between(['done', stage, since], ['done', stage, Dexie.maxKey], true, true);
	}

	/** How many done tasks each stage holds, counted on the index without reading them. */
	async doneCounts(): Promise<Record<Stage, number>> {
		const counts = await Promise.all(STAGES.map((stage) => this.#done(stage).count()));
		return Object.fromEntries(STAGES.map((stage, i) => [stage, counts[i]!])) as Record<
			Stage,
			number
		>;
	}

	/** A stage's most recently completed tasks, newest first. */
	doneIn(stage: Stage, limit: number): Promise<Task[]> {
		return this.#done(stage).reverse().limit(limit).toArray();
	}

	/** Tasks completed at or after `since` (for the week's balance). */
	async doneSince(since: number): Promise<Task[]> {
		const perStage = await Promise.all(STAGES.map((stage) => this.#done(stage, since).toArray()));
		return perStage.flat();
	}

	/**
	 * Every done task, for search and filters, oldest first in each stage. Read `slice` at a time:
	 * one read of twenty thousand would hold the main thread for one long turn while IndexedDB's
	 * answer is unpacked, and the board could not answer a key until it ended.
	 */
	async allDone(slice = 2000): Promise<Task[]> {
		const all: Task[] = [];
		for (const stage of STAGES) {
			// Slices meet at a completion time; `seen` holds the tasks read at that exact time.
			let from = Dexie.minKey as number;
			let seen = new Set<string>();
			for (;;) {
				const limit = slice + seen.size;
				const rows = await this.#done(stage, from).limit(limit).toArray();
				for (const task of rows) if (!seen.has(task.id)) all.push(task);
				if (rows.length < limit) break;
				from = rows.at(-1)!.doneAt!;
				seen = new Set(rows.filter((t) => t.doneAt === from).map((t) => t.id));
			}
		}
		return all;
	}

	/** Tasks by id, open or done, in the order asked (a missing one is left out). */
	async some(ids: readonly string[]): Promise<Task[]> {
		return (await this.#db.tasks.bulkGet([...ids])).filter((t) => t !== undefined);
	}

	get(id: string): Promise<Task | undefined> {
		return this.#db.tasks.get(id);
	}

	count(): Promise<number> {
		return this.#db.tasks.count();
	}

	/** Adds a task at the end of its stage. */
	add(input: NewTask): Promise<Task> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.tasks, async () => {
				const now = this.#now();
				const last = await this.#lastOrder(input.stage);
				const task: Task = withoutUndefined({
					id: this.#newId(),
					title: input.title,
					notes: input.notes ?? '',
					stage: input.stage,
					mode: input.mode ?? 'active',
					status: input.status ?? 'todo',
					impact: input.impact ?? 3,
					estimateMin: input.estimateMin,
					due: input.due,
					tags: input.tags ?? [],
					order: last + 1,
					createdAt: now,
					updatedAt: now,
					doneAt: input.status === 'done' ? now : undefined,
					doingSince: input.status === 'doing' ? now : undefined
				});
				await this.#db.tasks.add(task);
				return task;
			})
		);
	}

	/**
	 * Changes a task as stored now, in one transaction (another tab may have changed it since).
	 * `change` returns the task itself when nothing is to change.
	 */
	change(id: string, change: (task: Task, now: number) => Task): Promise<Task | undefined> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.tasks, async () => {
				const before = await this.#db.tasks.get(id);
				if (!before) return undefined;
				const now = this.#now();
				const after = change(before, now);
				if (after === before) return before;
				const stored = { ...after, updatedAt: Math.max(now, before.updatedAt + 1) };
				await this.#db.tasks.put(stored);
				return stored;
			})
		);
	}

	/** Replaces a task's editable fields; keeps doneAt in step with the status. */
	update(id: string, fields: ValidTask): Promise<Task> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.tasks, async () => {
				const before = await this.#db.tasks.get(id);
				if (!before)
					throw new Error('This task no longer exists — it may have been deleted in another tab.');
				const now = this.#now();
				const stageChanged = before.stage !== fields.stage;
				const after: Task = withoutUndefined({
					...withStatus(before, fields.status, now),
					...fields,
					order: stageChanged ? (await this.#lastOrder(fields.stage)) + 1 : before.order,
					updatedAt: now
				});
				await this.#db.tasks.put(after);
				return after;
			})
		);
	}

	setStatus(id: string, status: Task['status']): Promise<Task | undefined> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.tasks, async () => {
				const before = await this.#db.tasks.get(id);
				if (!before) return undefined;
				const now = this.#now();
				const after: Task = { ...withStatus(before, status, now), updatedAt: now };
				await this.#db.tasks.put(after);
				return after;
			})
		);
	}

	/**
	 * Moves the task this tab holds to a stage and position, in one round trip to IndexedDB: the
	 * moved row is written at once (from the key handler, before the board redraws), beside a read
	 * of the row as stored. Only the stage, order and time are the move's: if the stored row differs
	 * from the one held (another tab or device edited it since), the move is written again onto the
	 * stored row, in the same transaction, so that edit is kept; if the task is gone, it stays gone.
	 */
	move(held: Task, stage: Stage, order: number): Promise<void> {
		const moved = (task: Task): Task => ({
			...task,
			stage,
			order: storableOrder(order),
			updatedAt: Math.max(this.#now(), task.updatedAt + 1)
		});
		return trackWrite(
			this.#db.transaction('rw', this.#db.tasks, async () => {
				const [stored] = await Promise.all([
					this.#db.tasks.get(held.id),
					this.#db.tasks.put(moved(held))
				]);
				if (!stored) await this.#db.tasks.delete(held.id);
				else if (!sameTask(stored, held)) await this.#db.tasks.put(moved(stored));
			})
		);
	}

	/** Writes many positions at once (used when the board switches to manual order). */
	setOrders(orders: readonly { id: string; order: number }[]): Promise<void> {
		return trackWrite(
			this.#db.tasks
				.bulkUpdate(
					orders.map(({ id, order }) => ({ key: id, changes: { order: storableOrder(order) } }))
				)
				.then(() => undefined)
		);
	}

	/** Deletes a task and returns it, so the caller can offer undo. */
	remove(id: string): Promise<Task | undefined> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.tasks, async () => {
				const task = await this.#db.tasks.get(id);
				if (task) await this.#db.tasks.delete(id);
				return task;
			})
		);
	}

	/** Puts tasks back exactly as they were (undo, example board, imports). */
	putAll(tasks: readonly Task[]): Promise<void> {
		return trackWrite(this.#db.tasks.bulkPut([...tasks]).then(() => undefined));
	}

	async #lastOrder(stage: Stage): Promise<number> {
		let last = -1;
		await this.#db.tasks
			.where('stage')
			.equals(stage)
			.each((t) => {
				if (t.order > last) last = t.order;
			});
		return last;
	}
}
