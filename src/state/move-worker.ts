import type { Stage, Task } from '../core/task';
import type { MoveReply, MoveRequest } from '../db/move.worker';
import { trackWrite } from '../db/pending-writes';
import type { TaskRepo } from '../db/task-repo';

interface Waiting {
	request: Extract<MoveRequest, { type: 'move' }>;
	resolve: (committedAt: number) => void;
	reject: (error: Error) => void;
}

/**
 * Writes keyboard and drag moves from a worker of their own, so a move commits without waiting
 * for the page's main thread. Until the worker is started (`start`, once the board has shown),
 * or if it cannot run, moves are written from the page, through the same `TaskRepo.move`.
 */
export class MoveWorker {
	#worker: Worker | undefined;
	#waiting = new Map<number, Waiting>();
	#seq = 0;
	#tasks: TaskRepo;
	#dbName: string;
	#now: () => number;
	#create: () => Worker;

	constructor(
		tasks: TaskRepo,
		dbName: string,
		now: () => number = () => Date.now(),
		create = () => new Worker(new URL('../db/move.worker.ts', import.meta.url), { type: 'module' })
	) {
		this.#tasks = tasks;
		this.#dbName = dbName;
		this.#now = now;
		this.#create = create;
	}

	/** Starts the worker and opens its connection, ahead of the first move. */
	start(): void {
		if (this.#worker) return;
		let worker: Worker;
		try {
			worker = this.#create();
		} catch {
			return;
		}
		worker.onmessage = ({ data }: MessageEvent<MoveReply>) => {
			const waiting = this.#waiting.get(data.seq);
			if (!waiting) return;
			this.#waiting.delete(data.seq);
			if ('failed' in data)
				waiting.reject(Object.assign(new Error(data.failed.message), { name: data.failed.name }));
			else waiting.resolve(data.committedAt - performance.timeOrigin);
		};
		worker.onerror = (event) => {
			event.preventDefault();
			this.#worker = undefined;
			worker.terminate();
			for (const [seq, { request, resolve, reject }] of this.#waiting) {
				this.#waiting.delete(seq);
				this.#onPage(request.held, request.stage, request.order).then(resolve, reject);
			}
		};
		worker.postMessage({ type: 'open', dbName: this.#dbName } satisfies MoveRequest);
		this.#worker = worker;
	}

	/**
	 * Moves the task held to a stage and position (see `TaskRepo.move`). Resolves with the time the
	 * move committed, on the page's clock (`performance.now()`).
	 */
	move(held: Task, stage: Stage, order: number): Promise<number> {
		const worker = this.#worker;
		if (!worker) return this.#onPage(held, stage, order);
		const request = {
			type: 'move',
			seq: ++this.#seq,
			held,
			stage,
			order,
			now: this.#now()
		} as const;
		return trackWrite(
			new Promise<number>((resolve, reject) => {
				this.#waiting.set(request.seq, { request, resolve, reject });
				worker.postMessage(request satisfies MoveRequest);
				// The worker holds its reply until this frame, which draws the move, has begun.
				requestAnimationFrame(() => worker.postMessage({ type: 'drawn' } satisfies MoveRequest));
			})
		);
	}

	#onPage(held: Task, stage: Stage, order: number): Promise<number> {
		return this.#tasks.move(held, stage, order).then(() => performance.now());
	}
}
