import Fuse from 'fuse.js';
import type { TaskMatch } from '../core/hype';
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

/**
 * Finds the open task an item is about, with fuse.js: each of the item's keywords is looked up
 * fuzzily among the tasks' titles and tags, and a task must share at least two of them (or one
 * tag) to count, so one common word does not make a match.
 */
export class TaskMatcher {
	/** Task words by their first three letters, each group searchable with fuse.js. */
	#buckets = new Map<string, Fuse<{ word: string }>>();
	#byWord = new Map<string, Set<string>>();
	#tasks = new Map<string, Task>();
	#tags = new Map<string, Set<string>>();

	constructor(tasks: readonly Task[]) {
		const entries = tasks
			.filter((t) => t.status !== 'done')
			.map((task) => ({ task, words: keywords(task.title) }));
		for (const { task, words } of entries) {
			this.#tasks.set(task.id, task);
			for (const tag of task.tags) {
				const key = tag.toLowerCase();
				if (!this.#tags.has(key)) this.#tags.set(key, new Set());
				this.#tags.get(key)!.add(task.id);
			}
			for (const word of words) {
				if (!this.#byWord.has(word)) this.#byWord.set(word, new Set());
				this.#byWord.get(word)!.add(task.id);
			}
		}
		// Fuzzy lookups only compare words that start alike, which keeps matching thousands of
		// items against hundreds of tasks fast; a hit maps back to the tasks holding the word.
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
		return this.#tasks.size;
	}

	#cache = new Map<string, string[]>();

	/** Task words that fuzzily equal `word` ("labels" finds "label"). */
	#similar(word: string): string[] {
		let hit = this.#cache.get(word);
		if (!hit) {
			hit = this.#byWord.has(word)
				? [word]
				: (this.#buckets.get(word.slice(0, 3))?.search(word, { limit: 3 }) ?? []).map(
						(r) => r.item.word
					);
			this.#cache.set(word, hit);
		}
		return hit;
	}

	/** The best-matching open task for an item's title and summary, if any. */
	match(title: string, summary: string): TaskMatch | undefined {
		if (this.#tasks.size === 0) return undefined;
		const votes = new Map<string, number>();
		const words = keywords(`${title} ${summary.slice(0, 300)}`).slice(0, 40);
		for (const word of words) {
			const tasks = new Set<string>();
			for (const similar of this.#similar(word))
				for (const id of this.#byWord.get(similar) ?? []) tasks.add(id);
			for (const id of this.#tags.get(word) ?? []) {
				tasks.add(id);
				votes.set(id, (votes.get(id) ?? 0) + 1);
			}
			for (const id of tasks) votes.set(id, (votes.get(id) ?? 0) + 1);
		}
		let best: { id: string; votes: number } | undefined;
		for (const [id, count] of votes) {
			if (count >= 2 && (!best || count > best.votes || (count === best.votes && id < best.id))) {
				best = { id, votes: count };
			}
		}
		if (!best) return undefined;
		const task = this.#tasks.get(best.id)!;
		return { taskId: task.id, title: task.title };
	}
}
