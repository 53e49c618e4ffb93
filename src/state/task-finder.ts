import Fuse from 'fuse.js';
import type { Highlight, SearchDoc } from '../core/task-search';

/** Fuzzy search over tasks' titles, notes and tags: built once for a set of tasks, asked often. */
export class TaskFinder {
	#fuse: Fuse<SearchDoc>;

	constructor(docs: readonly SearchDoc[]) {
		this.#fuse = new Fuse(docs, {
			keys: ['title', 'notes', 'tags'],
			includeMatches: true,
			ignoreLocation: true,
			threshold: 0.35,
			minMatchCharLength: 2
		});
	}

	/** The tasks matching `query`, best first, each with its title's highlights. */
	find(query: string): [string, Highlight][] {
		return this.#fuse.search(query).map((r) => {
			const title = r.matches?.find((m) => m.key === 'title');
			return [r.item.id, (title?.indices ?? []) as Highlight];
		});
	}
}
