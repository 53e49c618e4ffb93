import type { ItemView, WordLists } from '../core/hype';
import type { Task } from '../core/task';
import type { IndexReply, IndexRequest } from './item-index.worker';

export interface IndexInputs {
	wordLists: WordLists;
	tasks: Task[];
	trust: [string, number][];
}

type Lists = Record<ItemView, string[]>;
const emptyLists = (): Lists => ({ kept: [], filtered: [], muted: [] });

/**
 * "All items" in order, newest first, sorted into kept, filtered out and muted: scored in a
 * worker, so a hundred thousand stored items never hold up the page. The page only holds the ids
 * and reads the rows it shows.
 */
export class ItemIndex {
	#worker: Worker | undefined;
	#next = 0;
	#indexSeq = 0;
	#searchSeq = 0;
	#building: Lists = emptyLists();
	#timer: ReturnType<typeof setTimeout> | undefined;

	lists = $state.raw<Lists>(emptyLists());
	/**
	 * The items that were read when the lists were sorted. "Unread only" filters by it, so an item
	 * read meanwhile stays in place until the lists are sorted again.
	 */
	read = $state.raw<ReadonlySet<string>>(new Set());
	#buildingRead = new Set<string>();
	/** Whether the lists cover every stored item (false until the first scoring has finished). */
	ready = $state(false);
	scored = $state(0);
	total = $state(0);
	/** The ids a search found, best first; undefined when not searching. */
	found = $state.raw<string[] | undefined>(undefined);
	searching = $state(false);
	problem = $state('');

	/** Scores everything again for these inputs; a quick run of changes scores once. */
	build(inputs: IndexInputs): void {
		clearTimeout(this.#timer);
		const delay = this.#indexSeq === 0 ? 0 : 400;
		this.#timer = setTimeout(() => {
			this.#indexSeq = ++this.#next;
			this.#building = emptyLists();
			this.#buildingRead = new Set();
			this.#post({ type: 'index', seq: this.#indexSeq, ...inputs });
		}, delay);
	}

	search(query: string): void {
		if (!query) {
			this.#searchSeq = 0;
			this.found = undefined;
			this.searching = false;
			return;
		}
		this.#searchSeq = ++this.#next;
		this.searching = true;
		this.#post({ type: 'search', seq: this.#searchSeq, query });
	}

	stop(): void {
		clearTimeout(this.#timer);
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#post(request: IndexRequest): void {
		this.#worker ??= this.#start();
		this.#worker.postMessage(request);
	}

	#start(): Worker {
		const worker = new Worker(new URL('./item-index.worker.ts', import.meta.url), {
			type: 'module'
		});
		worker.onmessage = (event: MessageEvent<IndexReply>) => this.#receive(event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			this.problem = `Lindy could not sort the items: ${event.message || 'the worker stopped.'}`;
			this.#worker = undefined;
		};
		return worker;
	}

	#receive(reply: IndexReply): void {
		if (reply.type === 'found') {
			if (reply.seq !== this.#searchSeq) return;
			this.found = reply.ids;
			this.searching = false;
			return;
		}
		if (reply.seq !== this.#indexSeq) return;
		if (reply.type === 'failed') {
			this.problem = `Lindy could not sort the items: ${reply.message}`;
			return;
		}
		if (reply.type === 'indexed') {
			this.lists = this.#building;
			this.read = this.#buildingRead;
			this.ready = true;
			return;
		}
		const lists = this.#building;
		for (const view of ['kept', 'filtered', 'muted'] as const) lists[view].push(...reply[view]);
		for (const id of reply.read) this.#buildingRead.add(id);
		this.scored = reply.scored;
		this.total = reply.total;
		// The first time, the lists grow as the worker goes; later they change once, when done.
		if (!this.ready) {
			this.read = new Set(this.#buildingRead);
			this.lists = {
				kept: [...lists.kept],
				filtered: [...lists.filtered],
				muted: [...lists.muted]
			};
		}
	}
}
