/**
 * Runs `fn` when the browser is idle (at the latest after `timeout` ms), or after `fallback` ms
 * where there is no requestIdleCallback. Returns a cancel.
 */
export function whenIdle(fn: () => void, { timeout = 500, fallback = 50 } = {}): () => void {
	if (window.requestIdleCallback) {
		const handle = window.requestIdleCallback(fn, { timeout });
		return () => window.cancelIdleCallback(handle);
	}
	const handle = setTimeout(fn, fallback);
	return () => clearTimeout(handle);
}
