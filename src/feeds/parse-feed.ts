import { parseFeed as parseAnyFeed } from 'feedsmith';
import type { RawFeedItem, RawText } from '../core/feed-items';
import { plainText } from '../core/feed-items';
import { looksLikeFeed, looksLikeJsonFeed } from '../core/feed-root.js';
import { truncate } from '../core/text';

// The one module that knows the parser. feedsmith (over fast-xml-parser) was chosen on evidence
// over rss-parser and @rowanmanning/feed-parser: it keeps feeds rss-parser refused (no version,
// bad dates, Atom links without href, prefixed RDF), keeps xhtml text in order, exposes xml:base
// and declared text types, and parsed a 6 MB feed fastest. See the commit that brought it in.

export interface ParsedFeed {
	title: string;
	link?: string;
	items: RawFeedItem[];
}

/** A feed that could not be read, with a sentence for the user. */
export class FeedParseError extends Error {
	override name = 'FeedParseError';
}

type Parsed = ReturnType<typeof parseAnyFeed>;
type AnyRecord = Record<string, unknown>;

const str = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : undefined);
const rec = (value: unknown): AnyRecord =>
	typeof value === 'object' && value !== null ? (value as AnyRecord) : {};

/** RSS leaves the type of its text unsaid; in practice it is HTML, entity-encoded or not. */
const html = (value: unknown): RawText | undefined => {
	const text = str(value);
	return text === undefined ? undefined : { value: text, type: 'html' };
};

/** MIME types (other than text and XML) whose Atom content is base64, per RFC 4287 §4.1.3.3. */
const isBase64Type = (type: string) =>
	type.includes('/') && !type.startsWith('text/') && !/[/+]xml$/.test(type);

function decodeBase64Text(value: string): string | undefined {
	try {
		const bytes = Uint8Array.from(atob(value.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}

/** An Atom text construct: text, html, xhtml, or a MIME type (base64 unless text or XML). */
function atomText(value: unknown): RawText | undefined {
	const node = rec(value);
	const text = str(node.value);
	if (text === undefined) return undefined;
	const type = (str(node.type) ?? 'text').toLowerCase();
	if (type === 'html' || type === 'xhtml' || type === 'text/html' || /[/+]xml$/.test(type))
		return { value: text, type: 'html' };
	if (isBase64Type(type)) {
		const decoded = decodeBase64Text(text);
		return decoded === undefined ? undefined : { value: decoded, type: 'text' };
	}
	return { value: text, type: 'text' };
}

/** The entry's own xml:base resolved against the feed's, so relative links land right. */
function xmlBase(node: AnyRecord, parent: string | undefined): string | undefined {
	const own = str(rec(node.xml).base);
	if (!own) return parent;
	try {
		return parent ? new URL(own, parent).href : own;
	} catch {
		return parent;
	}
}

function atomLink(entry: AnyRecord): string | undefined {
	const links = Array.isArray(entry.links) ? entry.links.map(rec) : [];
	const alternate =
		links.find((l) => str(l.href) && (str(l.rel) ?? 'alternate') === 'alternate') ??
		links.find((l) => str(l.href));
	return str(alternate?.href);
}

const authorName = (authors: unknown): string | undefined => {
	const a = rec(first(authors));
	return str(a.name) ?? str(a.email);
};

function rssItem(raw: unknown, feedBase: string | undefined): RawFeedItem {
	const item = rec(raw);
	const guid = rec(item.guid);
	const dc = rec(item.dc);
	const encoded = str(rec(item.content).encoded);
	return {
		guid: str(guid.value) ?? str(item.guid),
		guidIsPermaLink: guid.isPermaLink !== false,
		link: str(item.link) ?? atomLink(rec(item.atom)),
		base: xmlBase(item, feedBase),
		title: html(item.title ?? first(dc.titles)),
		content: html(encoded ?? item.description),
		summary: encoded !== undefined ? html(item.description) : undefined,
		author: str(first(dc.creators)) ?? authorName(item.authors),
		published: str(item.pubDate) ?? str(first(dc.dates)),
		updated: str(first(rec(item.dcterms).modified))
	};
}

function atomEntry(raw: unknown, feedBase: string | undefined, feedAuthor?: string): RawFeedItem {
	const entry = rec(raw);
	return {
		guid: str(entry.id),
		guidIsPermaLink: false,
		link: atomLink(entry),
		base: xmlBase(entry, feedBase),
		title: atomText(entry.title),
		content: atomText(entry.content),
		summary: atomText(entry.summary),
		author: authorName(entry.authors) ?? feedAuthor,
		published: str(entry.published),
		updated: str(entry.updated)
	};
}

/** JSON Feed titles and summaries are plain text; `content_html` is HTML, `content_text` is not. */
const plain = (value: unknown): RawText | undefined => {
	const text = str(value);
	return text === undefined ? undefined : { value: text, type: 'text' };
};

function jsonItem(raw: unknown, feedAuthor: string | undefined): RawFeedItem {
	const item = rec(raw);
	return {
		guid: str(item.id),
		guidIsPermaLink: false,
		link: str(item.url) ?? str(item.external_url),
		title: plain(item.title),
		content: html(item.content_html) ?? plain(item.content_text),
		summary: plain(item.summary),
		author: authorName(item.authors) ?? feedAuthor,
		published: str(item.date_published),
		updated: str(item.date_modified)
	};
}

function shapeJson(feed: AnyRecord): ParsedFeed {
	const items = Array.isArray(feed.items) ? feed.items : [];
	const feedAuthor = authorName(feed.authors);
	const parsed: ParsedFeed = {
		title: truncate(plainText(plain(feed.title)), 200),
		items: items.map((i) => jsonItem(i, feedAuthor))
	};
	const link = str(feed.home_page_url);
	if (link) parsed.link = link;
	return parsed;
}

function shape(result: Parsed): ParsedFeed {
	const feed = rec(result.feed);
	if (result.format === 'json') return shapeJson(feed);
	const base = xmlBase(feed, undefined);
	if (result.format === 'atom') {
		const feedAuthor = authorName(feed.authors);
		const entries = Array.isArray(feed.entries) ? feed.entries : [];
		const parsed: ParsedFeed = {
			title: truncate(plainText(atomText(feed.title)), 200),
			items: entries.map((e) => atomEntry(e, base, feedAuthor))
		};
		const link = atomLink(feed);
		if (link) parsed.link = link;
		return parsed;
	}
	const items = Array.isArray(feed.items) ? feed.items : [];
	const parsed: ParsedFeed = {
		title: truncate(plainText(html(feed.title)), 200),
		items: items.map((i) => rssItem(i, base))
	};
	const link = str(feed.link);
	if (link) parsed.link = link;
	return parsed;
}

/**
 * Parses RSS (0.9x, 2.0, without a version too), Atom (0.3, 1.0), RSS 1.0 (RDF) or JSON Feed (1.0,
 * 1.1) text. Faults that real feeds have — a bad date, a link without an address, an empty entry —
 * cost that part only. The result is still untrusted; `normalizeItem` makes it safe to store.
 */
export async function parseFeedText(xml: string): Promise<ParsedFeed> {
	if (xml.trim() === '') throw new FeedParseError('The feed is empty.');
	if (!looksLikeFeed(xml)) {
		throw new FeedParseError(
			'This is not a feed Lindy can read: it is not RSS, Atom, RDF or JSON Feed (perhaps a web page?).'
		);
	}
	// An <rss> without a <channel> is a feed that has nothing in it yet.
	if (/<rss[\s>]/i.test(xml) && !/<channel[\s>]/i.test(xml)) return { title: '', items: [] };
	let result: Parsed;
	try {
		result = parseAnyFeed(looksLikeJsonFeed(xml) ? xml.replace(/^\uFEFF/, '') : xml);
	} catch (error) {
		// The parser's own words ("Invalid feed format") help nobody; say what the user can do.
		const known = error instanceof Error && /feed format/i.test(error.message);
		throw new FeedParseError(
			known
				? 'This is not a feed Lindy can read: its RSS, Atom or RDF is too damaged to make out any items.'
				: 'This feed could not be read: it is damaged in a way Lindy does not recognise.'
		);
	}
	return shape(result);
}
