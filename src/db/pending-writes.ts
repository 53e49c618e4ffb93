const pending = new Set<Promise<unknown>>();

/** Remembers a write until it settles, so an app update can wait for it. */
export function trackWrite<T>(write: Promise<T>): Promise<T> {
	pending.add(write);
	const forget = () => pending.delete(write);
	write.then(forget, forget);
	return write;
}

/** Resolves once every write started so far has settled. */
export async function writesSettled(): Promise<void> {
	while (pending.size > 0) await Promise.allSettled([...pending]);
}
