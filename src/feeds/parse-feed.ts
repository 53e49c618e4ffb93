import Parser from 'rss-parser';
import type { RawFeedItem } from '../core/feed-items';
import { textOf } from '../core/feed-items';
import { looksLikeFeed } from '../core/feed-root.js';
import { htmlToText, truncate } from '../core/text';

export interface ParsedFeed {
	title: string;
	link?: string;
	items: RawFeedItem[];
}

/** A feed that could not be read, with a sentence for the user. */
export class FeedParseError extends Error {
	override name = 'FeedParseError';
}

const ITEM_FIELDS = ['summary', 'id', 'dc:date'];
const strict = new Parser({ customFields: { item: ITEM_FIELDS } });
// For feeds with a bare `&` and other sloppy XML: xml2js's non-strict mode, with tag and
// attribute names lower-cased as the strict parser would see them.
const lenient = new Parser({
	customFields: { item: ITEM_FIELDS },
	xml2js: {
		strict: false,
		normalizeTags: true,
		attrNameProcessors: [(name: string) => name.toLowerCase()]
	}
});

type Output = Awaited<ReturnType<typeof strict.parseString>>;

function shape(output: Output): ParsedFeed {
	const items = (output.items ?? []).map((raw) => {
		const item = raw as unknown as RawFeedItem;
		// RSS 1.0 puts the date in dc:date.
		if (!item.isoDate && !item.pubDate && item['dc:date']) item.isoDate = item['dc:date'];
		return item;
	});
	const parsed: ParsedFeed = {
		title: truncate(htmlToText(textOf(output.title)), 200),
		items
	};
	if (typeof output.link === 'string') parsed.link = output.link;
	return parsed;
}

const LENIENT_TIMEOUT_MS = 10_000;

/** xml2js in non-strict mode can stall on some broken input without ever answering. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the parser gave up')), ms);
		work.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}

/** rss-parser throws on an <rss> with no <channel>: such a feed simply has no items. */
function isEmptyRss(xml: string): boolean {
	return /<rss[\s>]/i.test(xml) && !/<channel[\s>]/i.test(xml);
}

/**
 * Parses RSS 2.0, Atom or RSS 1.0 (RDF) text: strictly first, then leniently for sloppy feeds.
 * The result is still untrusted; `normalizeItem` makes it safe to store.
 */
export async function parseFeedXml(xml: string): Promise<ParsedFeed> {
	if (xml.trim() === '') throw new FeedParseError('The feed is empty.');
	if (!looksLikeFeed(xml)) {
		throw new FeedParseError(
			'This is not a feed Lindy can read: it is not RSS, Atom or RDF (perhaps a web page?).'
		);
	}
	if (isEmptyRss(xml)) return { title: '', items: [] };
	try {
		return shape(await strict.parseString(xml));
	} catch (strictError) {
		try {
			return shape(await withTimeout(lenient.parseString(xml), LENIENT_TIMEOUT_MS));
		} catch {
			const reason = strictError instanceof Error ? strictError.message.split('\n')[0] : '';
			throw new FeedParseError(
				`This is not a feed Lindy can read (RSS, Atom or RDF)${reason ? `: ${reason}` : ''}.`
			);
		}
	}
}
