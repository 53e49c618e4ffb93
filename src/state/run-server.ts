import type { ServerReport } from '../core/runs';

const POLL_MS = 60_000;

/**
 * Lindy's own server, as the runs need it: registering a run's token, hearing reports (Server-Sent
 * Events, or polling where the stream fails) and acknowledging them once they are stored.
 */
export class RunServer {
	readonly #base: string;

	constructor(base = '') {
		this.#base = base;
	}

	/** Tells the server a run's token; false while the server cannot be reached. */
	async register(run: { id: string; token: string }, topic: string): Promise<boolean> {
		if (!navigator.onLine) return false;
		try {
			const res = await fetch(`${this.#base}/api/runs`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ id: run.id, token: run.token, ...(topic ? { topic } : {}) })
			});
			return res.ok;
		} catch {
			return false;
		}
	}

	async ack(ids: readonly string[]): Promise<void> {
		if (ids.length === 0) return;
		await fetch(`${this.#base}/api/runs/ack`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ ids })
		}).catch(() => {});
	}

	/**
	 * Calls `onReports` with reports as they come (the waiting ones first) and `onConnect` each time
	 * the server is reached. Returns a function that stops listening.
	 */
	listen(onReports: (reports: ServerReport[]) => void, onConnect: () => void): () => void {
		let source: EventSource | undefined;
		let poll: ReturnType<typeof setTimeout> | undefined;
		let batch: ServerReport[] = [];
		const flush = () => {
			const reports = batch;
			batch = [];
			if (reports.length > 0) onReports(reports);
		};
		const pollOnce = async () => {
			try {
				const res = await fetch(`${this.#base}/api/runs/events`);
				if (res.ok) {
					onConnect();
					onReports(((await res.json()) as { events: ServerReport[] }).events);
				}
			} catch {
				/* unreachable: the next poll tries again */
			}
			if (source) poll = setTimeout(() => void pollOnce(), POLL_MS);
		};
		const connect = () => {
			if (source) return;
			source = new EventSource(`${this.#base}/api/runs/stream`);
			source.addEventListener('open', onConnect);
			source.addEventListener('run', (event) => {
				try {
					if (batch.length === 0) queueMicrotask(flush);
					batch.push(JSON.parse((event as MessageEvent<string>).data) as ServerReport);
				} catch {
					/* a malformed event is skipped */
				}
			});
			// The browser retries a dropped stream by itself; a stream refused outright falls back
			// to polling.
			const opened = source;
			opened.addEventListener('error', () => {
				if (opened.readyState === EventSource.CLOSED && poll === undefined) void pollOnce();
			});
		};
		// While the browser is offline nothing is asked (reports wait on the server, none is lost).
		const disconnect = () => {
			source?.close();
			source = undefined;
			clearTimeout(poll);
			poll = undefined;
		};
		if (navigator.onLine) connect();
		addEventListener('online', connect);
		addEventListener('offline', disconnect);
		return () => {
			removeEventListener('online', connect);
			removeEventListener('offline', disconnect);
			disconnect();
		};
	}
}
