// Work that must not run in two tabs at once, through the Web Locks API. Where the API is
// missing, the work just runs.

/** Runs `work` once no other tab holds the lock `name`, waiting for it. */
export function oneTabAtATime<T>(name: string, work: () => Promise<T>): Promise<T> {
	if (!navigator.locks) return work();
	return navigator.locks.request(name, work) as Promise<T>;
}

/** Runs `work` unless another tab holds the lock `name`: one tab doing it is enough. */
export async function inOneTab<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
	if (!navigator.locks) return work();
	return navigator.locks.request(name, { ifAvailable: true }, (lock) =>
		lock ? work() : undefined
	) as Promise<T | undefined>;
}
