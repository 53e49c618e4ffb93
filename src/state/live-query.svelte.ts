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
	#waiting: (() => void)[] = [];

	/**
	 * `onResult` runs before readers see each new result. `early`, when it gives a value before the
	 * query's first result, is shown until that result arrives (see `takeEarlyRead`).
	 */
	constructor(
		query: () => T | Promise<T>,
		onResult?: (value: T) => void,
		early?: Promise<T | undefined>
	) {
		let answered = false;
		void early?.then((value) => {
			if (!answered && value !== undefined) this.#value = value;
		});
		this.#subscribe = createSubscriber((update) => {
			const sub = liveQuery(query).subscribe({
				next: (value) => {
					answered = true;
					onResult?.(value);
					this.#value = value;
					this.#error = undefined;
					update();
					for (const done of this.#waiting.splice(0)) done();
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

	/**
	 * Resolves once a result passes `test` (at once if the current one does): a write shows once
	 * the query reflects it, whatever other writes' results come first. Gives up after `timeoutMs`.
	 */
	until(test: (value: T) => boolean, timeoutMs = 1000): Promise<void> {
		return new Promise((done) => {
			let waiting = true;
			const timer = setTimeout(() => {
				waiting = false;
				done();
			}, timeoutMs);
			const check = () => {
				if (!waiting) return;
				if (this.#value === undefined || !test(this.#value)) return this.#waiting.push(check);
				clearTimeout(timer);
				done();
			};
			check();
		});
	}

	get error(): unknown {
		this.#subscribe();
		return this.#error;
	}
}
