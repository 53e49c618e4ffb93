import { createSubscriber } from 'svelte/reactivity';

/** The current time, refreshed every minute while something reads it (for due dates and weeks). */
export class Clock {
	#now = $state(Date.now());
	#subscribe = createSubscriber((update) => {
		const timer = setInterval(() => {
			this.#now = Date.now();
			update();
		}, 60_000);
		return () => clearInterval(timer);
	});

	get now(): number {
		this.#subscribe();
		return this.#now;
	}
}
