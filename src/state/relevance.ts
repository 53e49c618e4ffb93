import Fuse from 'fuse.js';
import { scoreItem, type CompiledLists, type ItemScore, type TaskMatch } from '../core/hype';
import type { StoredItem } from '../core/feed';
import type { Task } from '../core/task';

const STOPWORDS = new Set(
	'about after also and are based been being but can could does done for from has have how into its just like make more most new not now only other our out over should some such than that the their them then there these they this those through under using very was way were what when where which while who why will with without would your yours'.split(
		' '
	)
);

/** The words of a title worth matching on: four letters or more, not filler. */
export function keywords(text: string): string[] {
	const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}-]{3,}/gu) ?? [];
	return [...new Set(words.filter((w) => !STOPWORDS.has(w)))];
}

/** How many of an item's words are looked at (its title first, then the start of its summary). */
const MAX_WORDS = 30;

/**
 * Finds the open task an item is about. Each of the item's keywords is looked up among the words
 * of open tasks' titles — exactly, or fuzzily with fuse.js ("labels" finds "label") — and among
 * their tags. A task must share at least two words (a tag counts twice) to match, and words found
 * in many tasks ("model", "data") are too common to count.
 */
export class TaskMatcher {
	#tasks: Task[];
	/** Task indexes by word. */
	#byWord = new Map<string, number[]>();
	#byTag = new Map<string, number[]>();
	/** Task words by their first three letters, each group searchable with fuse.js. */
	#buckets = new Map<string, Fuse<{ word: string }>>();
	#similarCache = new Map<string, string[]>();
	#votes: Int32Array;

	constructor(tasks: readonly Task[]) {
		this.#tasks = tasks.filter((t) => t.status !== 'done');
		this.#votes = new Int32Array(this.#tasks.length);
		const tooCommon = Math.max(3, Math.ceil(this.#tasks.length * 0.1));
		this.#tasks.forEach((task, index) => {
			for (const word of keywords(task.title)) push(this.#byWord, word, index);
			for (const tag of task.tags) push(this.#byTag, tag.toLowerCase(), index);
		});
		for (const [word, indexes] of this.#byWord)
			if (indexes.length > tooCommon) this.#byWord.delete(word);
		// Fuzzy lookups only compare words that start alike, which keeps matching thousands of items
		// against hundreds of tasks fast.
		const groups = new Map<string, { word: string }[]>();
		for (const word of this.#byWord.keys()) {
			const key = word.slice(0, 3);
			if (!groups.has(key)) groups.set(key, []);
			groups.get(key)!.push({ word });
		}
		for (const [key, words] of groups) {
			this.#buckets.set(
				key,
				new Fuse(words, {
					keys: ['word'],
					threshold: 0.25,
					ignoreLocation: true,
					minMatchCharLength: 4
				})
			);
		}
	}

	get size(): number {
		return this.#tasks.length;
	}

	/** Task words that equal `word`, exactly or fuzzily. */
	#similar(word: string): string[] {
		let hit = this.#similarCache.get(word);
		if (!hit) {
			hit = this.#byWord.has(word)
				? [word]
				: (this.#buckets.get(word.slice(0, 3))?.search(word, { limit: 3 }) ?? []).map(
						(r) => r.item.word
					);
			this.#similarCache.set(word, hit);
		}
		return hit;
	}

	/** The best-matching open task for an item's title and summary, if any. */
	match(title: string, summary: string): TaskMatch | undefined {
		if (this.#tasks.length === 0) return undefined;
		const votes = this.#votes;
		const touched: number[] = [];
		const vote = (index: number, weight: number) => {
			if (votes[index] === 0) touched.push(index);
			votes[index]! += weight;
		};
		for (const word of keywords(`${title} ${summary.slice(0, 240)}`).slice(0, MAX_WORDS)) {
			const seen = new Set<number>();
			for (const similar of this.#similar(word)) {
				for (const index of this.#byWord.get(similar)!) {
					if (!seen.has(index)) {
						seen.add(index);
						vote(index, 1);
					}
				}
			}
			for (const index of this.#byTag.get(word) ?? []) vote(index, 2);
		}
		let best = -1;
		for (const index of touched) {
			const count = votes[index]!;
			if (
				count >= 2 &&
				(best < 0 || count > votes[best]! || (count === votes[best]! && index < best))
			) {
				best = index;
			}
		}
		for (const index of touched) votes[index] = 0;
		if (best < 0) return undefined;
		const task = this.#tasks[best]!;
		return { taskId: task.id, title: task.title };
	}
}

function push(map: Map<string, number[]>, key: string, value: number) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** An item's score: its words against the lists, its feed's trust, and the open task it is about. */
export function scoreStoredItem(
	item: Pick<StoredItem, 'title' | 'summary'>,
	lists: CompiledLists,
	matcher: TaskMatcher,
	trust: number
): ItemScore {
	const match = matcher.match(item.title, item.summary);
	return scoreItem(
		{ title: item.title, summary: item.summary, trust, ...(match ? { match } : {}) },
		lists
	);
}
