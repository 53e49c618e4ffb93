import type { FeedItem, StoredItem } from './feed';
import { WORDS_PER_MINUTE } from './feed';
import { canonicalUrl, safeLink, titleKey } from './links';
import { countWords, hashText, htmlToText, truncate } from './text';

/** An item as rss-parser returns it; every field may be missing or of an odd shape. */
export interface RawFeedItem {
	guid?: unknown;
	id?: unknown;
	link?: unknown;
	title?: unknown;
	creator?: unknown;
	author?: unknown;
	isoDate?: unknown;
	pubDate?: unknown;
	content?: unknown;
	contentSnippet?: unknown;
	'content:encoded'?: unknown;
	summary?: unknown;
	[key: string]: unknown;
}

/**
 * Text out of whatever a parser produced: a string, an xml2js node (`{ _: text, $: attrs }`),
 * an Atom xhtml title (nested elements), or an array of those.
 */
export function textOf(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.map(textOf).join(' ');
	if (typeof value === 'object') {
		const parts: string[] = [];
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			if (key === '$') continue;
			parts.push(textOf(child));
		}
		return parts.join(' ');
	}
	return '';
}

function parseDate(value: unknown): number | undefined {
	const text = textOf(value).trim();
	if (!text) return undefined;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? ms : undefined;
}

export interface NormalizeContext {
	feedId: string;
	/** The address the feed came from, to resolve relative links. */
	feedUrl: string;
	now: number;
}

/** A parsed item made safe to store: plain-text title and author, http(s) link, dates, counts. */
export function normalizeItem(raw: RawFeedItem, ctx: NormalizeContext): FeedItem {
	const contentHtml = textOf(raw['content:encoded'] ?? raw.content ?? raw.summary ?? '');
	const bodyText = htmlToText(contentHtml);
	const title =
		truncate(htmlToText(textOf(raw.title)), 300) || truncate(bodyText, 80) || 'Untitled';
	const link = safeLink(textOf(raw.link), ctx.feedUrl);
	const snippet = htmlToText(textOf(raw.contentSnippet ?? raw.summary ?? ''));
	const summary = truncate(snippet || bodyText, 400);
	const stableKey =
		textOf(raw.guid).trim() ||
		textOf(raw.id).trim() ||
		link ||
		`h:${hashText(`${title}\n${contentHtml}`)}`;
	const publishedAt = parseDate(raw.isoDate) ?? parseDate(raw.pubDate);
	const wordCount = countWords(bodyText || summary);
	const author = htmlToText(textOf(raw.creator ?? raw.author)).slice(0, 200) || undefined;
	const item: FeedItem = {
		id: `${ctx.feedId}:${hashText(stableKey)}`,
		feedId: ctx.feedId,
		title,
		titleKey: titleKey(title),
		sortAt:
			publishedAt !== undefined && publishedAt <= ctx.now + 86_400_000 ? publishedAt : ctx.now,
		firstSeenAt: ctx.now,
		summary,
		contentHtml,
		wordCount,
		readingMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE))
	};
	if (link) {
		item.link = link;
		item.canonicalUrl = canonicalUrl(link);
	}
	if (author) item.author = author;
	if (publishedAt !== undefined) item.publishedAt = publishedAt;
	return item;
}

export interface MergeResult {
	/** New items and updated copies of known ones (first-seen time and notes kept). */
	upserts: FeedItem[];
	/** Items skipped because another feed already has the same story. */
	duplicates: number;
}

/**
 * Merges freshly parsed items into what is stored: known ids keep their first-seen time and notes;
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
