/// <reference lib="webworker" />
import type { FeedItem } from '../core/feed';
import { normalizeItem } from '../core/feed-items';
import { parseFeedXml } from './parse-feed';

export interface ParseRequest {
	id: number;
	xml: string;
	feedId: string;
	feedUrl: string;
	now: number;
}

export type ParseResponse =
	| { id: number; ok: true; title: string; items: FeedItem[] }
	| { id: number; ok: false; message: string };

// Parsing a large feed takes far longer than a frame, so it happens here, off the main thread.
self.onmessage = async (event: MessageEvent<ParseRequest>) => {
	const { id, xml, feedId, feedUrl, now } = event.data;
	let response: ParseResponse;
	try {
		const parsed = await parseFeedXml(xml);
		const items = parsed.items.map((raw) => normalizeItem(raw, { feedId, feedUrl, now }));
		response = { id, ok: true, title: parsed.title, items };
	} catch (error) {
		response = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
	}
	self.postMessage(response);
};
