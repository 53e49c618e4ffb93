import type { Task } from '../core/task';
import type { Highlight } from '../core/task-search';
import type { SearchReply, SearchRequest } from './task-search.worker';

/**
 * The board's fuzzy search, in a worker: over years of done tasks (twenty thousand, say) it takes
 * tens of milliseconds a query, which would hold up typing. The page sends the tasks' text when
 * the tasks searched change, and otherwise only each query.
 */
export class TaskSearch {
	/** The latest search's answer: matching tasks' title highlights, best first. */
	found = $state.raw<ReadonlyMap<string, Highlight> | undefined>(undefined);
	#worker: Worker | undefined;
	#broken = false;
	#sent: readonly Task[] | undefined;
	#seq = 0;

	/** Starts the worker ahead of the first query (when the search box takes focus). */
	warm(): void {
		this.#start();
	}

	search(query: string, tasks: readonly Task[]): void {
		const worker = this.#start();
		if (!worker) return;
		if (tasks !== this.#sent) {
			this.#sent = tasks;
			const docs = tasks.map(({ id, title, notes, tags }) => ({ id, title, notes, tags }));
			worker.postMessage({ type: 'tasks', docs } satisfies SearchRequest);
		}
		worker.postMessage({ type: 'search', seq: ++this.#seq, query } satisfies SearchRequest);
	}

	/**
	 * When the search is cleared: forgets the answer, and stops the worker, so its copy of every
	 * task's text (and the page's hold on the done tasks) goes. The next search starts afresh.
	 */
	clear(): void {
		this.#seq++;
		this.found = undefined;
		this.#sent = undefined;
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#start(): Worker | undefined {
		if (this.#worker || this.#broken) return this.#worker;
		const worker = new Worker(new URL('./task-search.worker.ts', import.meta.url), {
			type: 'module'
		});
		worker.onmessage = (event: MessageEvent<SearchReply>) => {
			if (event.data.seq === this.#seq) this.found = new Map(event.data.hits);
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
