import type { FeedItem } from '../core/feed';
import type { ParseRequest, ParseResponse } from './parse.worker';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<
	number,
	{ resolve: (v: ParsedItems | ImportedFile) => void; reject: (e: Error) => void }
>();

export interface ParsedItems {
	title: string;
	items: FeedItem[];
}

export interface ImportedFile {
	/** The feed's title. */
	title: string;
	added: number;
}

function getWorker(): Worker {
	if (worker) return worker;
	worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
	worker.onmessage = (event: MessageEvent<ParseResponse>) => {
		const job = pending.get(event.data.id);
		if (!job) return;
		pending.delete(event.data.id);
		const data = event.data;
		if (!data.ok) job.reject(new Error(data.message));
		else if ('items' in data) job.resolve({ title: data.title, items: data.items });
		else job.resolve({ title: data.title, added: data.added });
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
	return ask({ type: 'parse', id: nextId++, xml, feedId, feedUrl, now }) as Promise<ParsedItems>;
}

/**
 * Decodes, parses and stores a saved feed file in the worker (adding its feed when new): a file of
 * several megabytes never holds up the page.
 */
export function importFeedFile(file: File, now: number): Promise<ImportedFile> {
	return file.arrayBuffer().then((bytes) => {
		const request: ParseRequest = {
			type: 'import',
			id: nextId++,
			bytes,
			fileName: file.name,
			now
		};
		return ask(request, [bytes]) as Promise<ImportedFile>;
	});
}

function ask(request: ParseRequest, transfer: Transferable[] = []): Promise<unknown> {
	return new Promise((resolve, reject) => {
		pending.set(request.id, { resolve, reject });
		getWorker().postMessage(request, transfer);
	});
}
