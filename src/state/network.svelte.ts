import { createSubscriber } from 'svelte/reactivity';

/** navigator.onLine as a reactive value. */
export class Network {
	#subscribe = createSubscriber((update) => {
		addEventListener('online', update);
		addEventListener('offline', update);
		return () => {
			removeEventListener('online', update);
			removeEventListener('offline', update);
		};
	});

	get online(): boolean {
		this.#subscribe();
		return navigator.onLine;
	}
}
