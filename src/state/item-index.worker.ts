/// <reference lib="webworker" />
import Fuse from 'fuse.js';
import type { StoredItem } from '../core/feed';
import { compileLists, viewOf, type ItemView, type WordLists } from '../core/hype';
import type { Task } from '../core/task';
import { AppDB } from '../db/app-db';
import { scoreStoredItem, TaskMatcher } from './relevance';

export type IndexRequest =
	| {
			type: 'index';
			seq: number;
			wordLists: WordLists;
			tasks: Task[];
			/** Each feed's trust, by feed id. */
			trust: [string, number][];
	  }
	| { type: 'search'; seq: number; query: string };

export type IndexReply =
	/** The next items in order, newest first, sorted into the three lists; which of them are read. */
	| ({ type: 'ids'; seq: number; scored: number; total: number; read: string[] } & Record<
			ItemView,
			string[]
	  >)
	| { type: 'indexed'; seq: number }
	| { type: 'found'; seq: number; ids: string[] }
	| { type: 'failed'; seq: number; message: string };

/** How many items are scored between two messages to the page (each a small, quick copy). */
const BATCH = 5000;

let items: StoredItem[] = [];

// Scoring every stored item (a hundred thousand of them, say) takes seconds: it happens here, and
// the page gets the order of the three lists in small batches, never the items themselves.
async function index(request: Extract<IndexRequest, { type: 'index' }>) {
	const db = new AppDB();
	try {
		items = await db.items.toArray();
	} finally {
		db.close();
	}
	items.sort((a, b) => b.sortAt - a.sortAt || (a.id < b.id ? -1 : 1));
	const lists = compileLists(request.wordLists);
	const matcher = new TaskMatcher(request.tasks);
	const trust = new Map(request.trust);
	for (let start = 0; start < items.length || start === 0; start += BATCH) {
		const batch: Record<ItemView, string[]> = { kept: [], filtered: [], muted: [] };
		const read: string[] = [];
		for (const item of items.slice(start, start + BATCH)) {
			const score = scoreStoredItem(item, lists, matcher, trust.get(item.feedId) ?? 0);
			batch[viewOf(score)].push(item.id);
			if (item.readAt !== undefined) read.push(item.id);
		}
		const scored = Math.min(start + BATCH, items.length);
		const reply: IndexReply = {
			type: 'ids',
			seq: request.seq,
			scored,
			total: items.length,
			read,
			...batch
		};
		self.postMessage(reply);
	}
	self.postMessage({ type: 'indexed', seq: request.seq });
}

function search(query: string): string[] {
	const fuse = new Fuse(items, {
		keys: [
			{ name: 'title', weight: 0.7 },
			{ name: 'summary', weight: 0.3 }
		],
		ignoreLocation: true,
		threshold: 0.35
	});
	return fuse.search(query, { limit: 200 }).map((r) => r.item.id);
}

self.onmessage = async (event: MessageEvent<IndexRequest>) => {
	const request = event.data;
	try {
		if (request.type === 'index') await index(request);
		else self.postMessage({ type: 'found', seq: request.seq, ids: search(request.query) });
	} catch (error) {
		self.postMessage({
			type: 'failed',
			seq: request.seq,
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
