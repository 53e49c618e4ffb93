import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

/**
 * A Dexie live query as a rune-friendly value: it subscribes only while something reads it, and
 * follows writes from this tab and from other open tabs.
 */
export class LiveQuery<T> {
	#value = $state.raw<T | undefined>(undefined);
	#error = $state.raw<unknown>(undefined);
	#subscribe: () => void;

	constructor(query: () => T | Promise<T>) {
		this.#subscribe = createSubscriber((update) => {
			const sub = liveQuery(query).subscribe({
				next: (value) => {
					this.#value = value;
					this.#error = undefined;
					update();
				},
				error: (error: unknown) => {
					this.#error = error;
					update();
				}
			});
			return () => sub.unsubscribe();
		});
	}

	get current(): T | undefined {
		this.#subscribe();
		return this.#value;
	}

	get error(): unknown {
		this.#subscribe();
		return this.#error;
	}
}
