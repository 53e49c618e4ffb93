import type { Task } from './task';

/** Title character ranges to highlight, inclusive. */
export type Highlight = readonly [number, number][];

/** The text of a task that search looks through. */
export type SearchDoc = Pick<Task, 'id' | 'title' | 'notes' | 'tags'>;

/**
 * Plain substring matching, best for the moment before the fuzzy search answers: tasks whose
 * title, notes or tags contain `query`, in the order given.
 */
export function substringHits(query: string, tasks: readonly SearchDoc[]): Map<string, Highlight> {
	const hits = new Map<string, Highlight>();
	const needle = query.toLowerCase();
	for (const t of tasks) {
		const at = t.title.toLowerCase().indexOf(needle);
		if (at >= 0) hits.set(t.id, [[at, at + needle.length - 1]]);
		else if (`${t.notes} ${t.tags.join(' ')}`.toLowerCase().includes(needle)) hits.set(t.id, []);
	}
	return hits;
}
