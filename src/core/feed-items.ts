import { DAY_MS } from './local-date';
import type { FeedItem, StoredItem } from './feed';
import { canonicalUrl, safeLink, titleKey } from './links';
import { fitHtml, fitLink } from './fit-records';
import { escapeHtml, htmlToText } from './html-text';
import { countWords, hashText, readingMinutes, truncate } from './text';

/** Text from a feed with its declared type: `text` is shown as is, `html` (and xhtml) is markup. */
export interface RawText {
	value: string;
	type: 'text' | 'html';
}

/**
 * One entry as the parser hands it over, whatever the feed's format: every field optional, every
 * value untrusted. `guid` is the RSS guid or the Atom id; `base` is the xml:base in effect.
 */
export interface RawFeedItem {
	guid?: string;
	/** An RSS guid that is (or defaults to being) the item's address. */
	guidIsPermaLink?: boolean;
	link?: string;
	base?: string;
	title?: RawText;
	content?: RawText;
	summary?: RawText;
	author?: string;
	published?: string;
	updated?: string;
}

function parseDate(value: string | undefined): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? ms : undefined;
}

/** Plain text of a feed text: markup removed only from what the feed declared to be markup. */
export function plainText(raw: RawText | undefined): string {
	if (!raw) return '';
	return raw.type === 'html' ? htmlToText(raw.value) : raw.value.replace(/\s+/g, ' ').trim();
}

/** HTML for the reading view: plain text is escaped, markup is kept for the sanitiser. */
function asHtml(raw: RawText | undefined): string {
	if (!raw) return '';
	return raw.type === 'html' ? raw.value : escapeHtml(raw.value);
}

export interface NormalizeContext {
	feedId: string;
	/** The address the feed came from, to resolve relative links. */
	feedUrl: string;
	now: number;
}

/**
 * A parsed item made safe to store: plain-text title and author, http(s) link resolved against
 * xml:base, dates (a bad one costs the item its date, nothing more), counts, and every field
 * within LIMITS — what does not fit is cut and the item marked truncated, never dropped.
 */
export function normalizeItem(raw: RawFeedItem, ctx: NormalizeContext): FeedItem {
	const xmlBase = safeLink(raw.base, ctx.feedUrl);
	const base = xmlBase ?? ctx.feedUrl;
	const fullHtml = asHtml(raw.content ?? raw.summary);
	const { html: contentHtml, truncated } = fitHtml(fullHtml);
	const bodyText = htmlToText(fullHtml);
	const title = truncate(plainText(raw.title), 300) || truncate(bodyText, 80) || 'Untitled';
	const guid = raw.guid?.trim() ?? '';
	const link =
		safeLink(raw.link, base) ??
		// A permalink guid must be an address by itself; a relative one is only an id.
		(raw.guidIsPermaLink !== false ? safeLink(guid || undefined) : undefined);
	const snippet = raw.content && raw.summary ? plainText(raw.summary) : '';
	const summary = truncate(snippet || bodyText, 400);
	const stableKey = guid || link || `h:${hashText(`${title}\n${fullHtml}`)}`;
	const publishedAt = parseDate(raw.published) ?? parseDate(raw.updated);
	const wordCount = countWords(bodyText || summary);
	const author = truncate(htmlToText(raw.author ?? ''), 200) || undefined;
	const item: FeedItem = {
		id: `${ctx.feedId}:${hashText(stableKey)}`,
		feedId: ctx.feedId,
		title,
		titleKey: titleKey(title),
		sortAt: publishedAt !== undefined && publishedAt <= ctx.now + DAY_MS ? publishedAt : ctx.now,
		firstSeenAt: ctx.now,
		summary,
		contentHtml,
		contentBase: xmlBase ?? link ?? ctx.feedUrl,
		wordCount,
		readingMinutes: readingMinutes(bodyText || summary)
	};
	if (link) {
		item.link = link;
		// Canonical form can be a character longer (http becomes https).
		const canonical = fitLink(canonicalUrl(link));
		if (canonical) item.canonicalUrl = canonical;
	}
	if (author) item.author = author;
	if (publishedAt !== undefined) item.publishedAt = publishedAt;
	if (truncated) item.truncated = true;
	return item;
}

export interface MergeResult {
	/** New items and updated copies of known ones (first-seen time and the reader's state kept). */
	upserts: FeedItem[];
	/** Items skipped because another feed already has the same story. */
	duplicates: number;
}

/**
 * Merges freshly parsed items into what is stored: known ids keep their first-seen time, notes,
 * read state and saving;
 * a new item whose canonical link or title matches a stored item from another feed is skipped.
 */
export function mergeItems(fresh: readonly FeedItem[], stored: readonly StoredItem[]): MergeResult {
	const byId = new Map(stored.map((i) => [i.id, i]));
	const urls = new Set<string>();
	const titles = new Set<string>();
	for (const item of stored) {
		if (item.canonicalUrl) urls.add(item.canonicalUrl);
		titles.add(item.titleKey);
	}
	const upserts: FeedItem[] = [];
	let duplicates = 0;
	for (const item of fresh) {
		const known = byId.get(item.id);
		if (known) {
			const updated: FeedItem = { ...item, firstSeenAt: known.firstSeenAt };
			if (known.notes) updated.notes = known.notes;
			if (known.readAt !== undefined) updated.readAt = known.readAt;
			if (known.savedAt !== undefined) updated.savedAt = known.savedAt;
			if (item.publishedAt === undefined) updated.sortAt = known.sortAt;
			upserts.push(updated);
			continue;
		}
		const key = item.titleKey;
		if ((item.canonicalUrl && urls.has(item.canonicalUrl)) || (key.length > 8 && titles.has(key))) {
			duplicates++;
			continue;
		}
		if (item.canonicalUrl) urls.add(item.canonicalUrl);
		titles.add(key);
		byId.set(item.id, item);
		upserts.push(item);
	}
	return { upserts, duplicates };
}
