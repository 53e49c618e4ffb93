/// <reference lib="webworker" />
import type { Highlight, SearchDoc } from '../core/task-search';
import { TaskFinder } from './task-finder';

export type SearchRequest =
	/** Tasks whose text is new or changed, and ids of tasks no longer searched. */
	| { type: 'tasks'; put: SearchDoc[]; remove: string[] }
	| { type: 'search'; seq: number; query: string };

export interface SearchReply {
	seq: number;
	/** Matching tasks' ids, best first, each with its title's highlights. */
	hits: [string, Highlight][];
}

const docs = new Map<string, SearchDoc>();
/** The index over `docs`, built again at the first search after they change. */
let finder: TaskFinder | undefined;

self.onmessage = (event: MessageEvent<SearchRequest>) => {
	const request = event.data;
	if (request.type === 'tasks') {
		for (const id of request.remove) docs.delete(id);
		for (const doc of request.put) docs.set(doc.id, doc);
		finder = undefined;
		return;
	}
	finder ??= new TaskFinder([...docs.values()]);
	self.postMessage({ seq: request.seq, hits: finder.find(request.query) } satisfies SearchReply);
};
