/// <reference lib="webworker" />
import type { Highlight, SearchDoc } from '../core/task-search';
import { TaskFinder } from './task-finder';

export type SearchRequest =
	{ type: 'tasks'; docs: SearchDoc[] } | { type: 'search'; seq: number; query: string };

export interface SearchReply {
	seq: number;
	/** Matching tasks' ids, best first, each with its title's highlights. */
	hits: [string, Highlight][];
}

let finder = new TaskFinder([]);

// The index is built once for each set of tasks the page sends; each query only searches it.
self.onmessage = (event: MessageEvent<SearchRequest>) => {
	const request = event.data;
	if (request.type === 'tasks') finder = new TaskFinder(request.docs);
	else
		self.postMessage({ seq: request.seq, hits: finder.find(request.query) } satisfies SearchReply);
};
