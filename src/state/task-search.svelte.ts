import type { Task } from '../core/task';
import type { Highlight, SearchDoc } from '../core/task-search';
import type { SearchReply, SearchRequest } from './task-search.worker';

/** Whether two versions of a task read the same to search. */
function sameText(a: Task, b: Task): boolean {
	return (
		a === b ||
		(a.title === b.title &&
			a.notes === b.notes &&
			a.tags.length === b.tags.length &&
			a.tags.every((tag, i) => tag === b.tags[i]))
	);
}

/**
 * The board's fuzzy search, in a worker: over years of done tasks (twenty thousand, say) it takes
 * tens of milliseconds a query, which would hold up typing. The worker holds the tasks' text; the
 * page sends it once, then only the tasks whose text changed, and each new query. A change that
 * leaves every text as it was (a move, a status) sends nothing and searches nothing again.
 */
export class TaskSearch {
	/** The latest search's answer: matching tasks' title highlights, best first. */
	found = $state.raw<ReadonlyMap<string, Highlight> | undefined>(undefined);
	#worker: Worker | undefined;
	#broken = false;
	/** The tasks as last sent to the worker, by id. */
	#sent = new Map<string, Task>();
	#lastTasks: readonly Task[] | undefined;
	#lastQuery = '';
	#seq = 0;
	/** A query is with the worker; newer ones wait for its answer, and only the latest is sent. */
	#busy = false;
	#waiting = false;

	/** Starts the worker ahead of the first query (when the search box takes focus). */
	warm(): void {
		this.#start();
	}

	search(query: string, tasks: readonly Task[]): void {
		const worker = this.#start();
		if (!worker) return;
		const changed = tasks !== this.#lastTasks && this.#sendChanges(worker, tasks);
		if (!changed && query === this.#lastQuery) return;
		this.#lastQuery = query;
		this.#seq++;
		if (this.#busy) this.#waiting = true;
		else this.#ask(worker);
	}

	/**
	 * Sends the latest query. One at a time: over twenty thousand tasks a broad query takes the
	 * worker longer than the gap between keys, and each answer it was already asked for would cost
	 * the page its unpacking, only to be dropped.
	 */
	#ask(worker: Worker): void {
		this.#busy = true;
		this.#waiting = false;
		const request: SearchRequest = { type: 'search', seq: this.#seq, query: this.#lastQuery };
		worker.postMessage(request);
	}

	/** Sends the worker the tasks whose text it does not hold, and which it holds no more. */
	#sendChanges(worker: Worker, tasks: readonly Task[]): boolean {
		this.#lastTasks = tasks;
		const next = new Map<string, Task>();
		const put: SearchDoc[] = [];
		for (const task of tasks) {
			next.set(task.id, task);
			const before = this.#sent.get(task.id);
			if (!before || !sameText(before, task)) {
				const { id, title, notes, tags } = task;
				put.push({ id, title, notes, tags });
			}
		}
		const remove = [...this.#sent.keys()].filter((id) => !next.has(id));
		this.#sent = next;
		if (put.length === 0 && remove.length === 0) return false;
		worker.postMessage({ type: 'tasks', put, remove } satisfies SearchRequest);
		return true;
	}

	/**
	 * When the search is cleared: forgets the answer, and stops the worker, so its copy of every
	 * task's text (and the page's hold on the done tasks) goes. The next search starts afresh.
	 */
	clear(): void {
		this.#seq++;
		this.found = undefined;
		this.#sent = new Map();
		this.#lastTasks = undefined;
		this.#lastQuery = '';
		this.#busy = this.#waiting = false;
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#start(): Worker | undefined {
		if (this.#worker || this.#broken) return this.#worker;
		const worker = new Worker(new URL('./task-search.worker.ts', import.meta.url), {
			type: 'module'
		});
		worker.onmessage = (event: MessageEvent<SearchReply>) => {
			this.#busy = false;
			if (this.#waiting) this.#ask(worker);
			else if (event.data.seq === this.#seq) this.found = new Map(event.data.hits);
		};
		// Without the worker, search goes on matching plain substrings on the page.
		worker.onerror = (event) => {
			event.preventDefault();
			worker.terminate();
			this.#worker = undefined;
			this.#broken = true;
			this.found = undefined;
		};
		this.#worker = worker;
		return worker;
	}
}
