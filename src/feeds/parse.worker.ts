/// <reference lib="webworker" />
import { decodeFeed } from '../core/charset.js';
import type { FeedItem } from '../core/feed';
import { normalizeItem } from '../core/feed-items';
import { AppDB } from '../db/app-db';
import { FeedRepo } from '../db/feed-repo';
import { parseFeedText } from './parse-feed';

export type ParseRequest =
	| { type: 'parse'; id: number; xml: string; feedId: string; feedUrl: string; now: number }
	/** A saved feed file: decoded, parsed and stored here, so the page only learns the counts. */
	| { type: 'import'; id: number; bytes: ArrayBuffer; fileName: string; now: number };

export type ParseResponse =
	| { id: number; ok: true; title: string; items: FeedItem[] }
	| { id: number; ok: true; title: string; added: number }
	| { id: number; ok: false; message: string };

async function importFile(bytes: ArrayBuffer, fileName: string, now: number) {
	const { text } = decodeFeed(new Uint8Array(bytes), undefined);
	const url = `file:${fileName}`;
	const db = new AppDB();
	try {
		const repo = new FeedRepo(db);
		let feed = await repo.feedByUrl(url);
		const parsed = await parseFeedText(text);
		feed ??= await repo.addFeed(url, parsed.title || fileName, now);
		const feedId = feed.id;
		const items = parsed.items.map((raw) => normalizeItem(raw, { feedId, feedUrl: url, now }));
		const { added } = await repo.saveItems(items);
		return { title: feed.title, added };
	} finally {
		db.close();
	}
}

// Parsing a large feed takes far longer than a frame, so it happens here, off the main thread.
self.onmessage = async (event: MessageEvent<ParseRequest>) => {
	const request = event.data;
	let response: ParseResponse;
	try {
		if (request.type === 'import') {
			response = {
				id: request.id,
				ok: true,
				...(await importFile(request.bytes, request.fileName, request.now))
			};
		} else {
			const { feedId, feedUrl, now } = request;
			const parsed = await parseFeedText(request.xml);
			const items = parsed.items.map((raw) => normalizeItem(raw, { feedId, feedUrl, now }));
			response = { id: request.id, ok: true, title: parsed.title, items };
		}
	} catch (error) {
		response = {
			id: request.id,
			ok: false,
			message: error instanceof Error ? error.message : String(error)
		};
	}
	self.postMessage(response);
};
