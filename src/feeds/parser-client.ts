import type { FeedItem } from '../core/feed';
import type { ParseRequest, ParseResponse } from './parse.worker';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<
	number,
	{ resolve: (v: ParsedItems) => void; reject: (e: Error) => void }
>();

export interface ParsedItems {
	title: string;
	items: FeedItem[];
}

function getWorker(): Worker {
	if (worker) return worker;
	worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
	worker.onmessage = (event: MessageEvent<ParseResponse>) => {
		const job = pending.get(event.data.id);
		if (!job) return;
		pending.delete(event.data.id);
		if (event.data.ok) job.resolve({ title: event.data.title, items: event.data.items });
		else job.reject(new Error(event.data.message));
	};
	worker.onerror = (event) => {
		for (const job of pending.values())
			job.reject(new Error(`The feed parser stopped: ${event.message}`));
		pending.clear();
		worker = undefined;
	};
	return worker;
}

/** Parses feed text in a worker and returns normalised items, ready to store. */
export function parseFeed(
	xml: string,
	feedId: string,
	feedUrl: string,
	now: number
): Promise<ParsedItems> {
	const id = nextId++;
	const request: ParseRequest = { id, xml, feedId, feedUrl, now };
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject });
		getWorker().postMessage(request);
	});
}
