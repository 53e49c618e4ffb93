import type { FeedItem } from './feed';
import { normalizeItem } from './feed-items';
import { safeLink } from './links';

/** Links shared to Lindy are items of this pseudo-feed: no subscription, never refreshed. */
export const SHARED_FEED_ID = 'shared';
export const SHARED_FEED_TITLE = 'Shared with Lindy';

/** The name an item's source goes by: its feed's title, or that of shared links. */
export function sourceTitle(feedId: string, feed: { title: string } | undefined): string {
	return feed?.title ?? (feedId === SHARED_FEED_ID ? SHARED_FEED_TITLE : 'Unknown feed');
}

/** What another app shared: Web Share Target's title, text and url. */
export interface Share {
	title: string;
	text: string;
	/** An http(s) address: the url sent, else the first address in the text. */
	url?: string;
}

/**
 * Reads a share. Many apps send the link inside the text rather than as the url; then the link is
 * taken out of the text, so neither the task nor the item repeats it.
 */
export function readShare(params: {
	title?: string | null;
	text?: string | null;
	url?: string | null;
}): Share {
	const title = (params.title ?? '').trim();
	let text = (params.text ?? '').trim();
	let url = safeLink(params.url ?? undefined);
	if (!url) {
		const found = /https?:\/\/\S+/i.exec(text)?.[0]?.replace(/[).,;!?'"”’]+$/, '');
		url = safeLink(found);
		if (url && found) text = text.replace(found, '').replace(/\s+/g, ' ').trim();
	}
	return url ? { title, text, url } : { title, text };
}

/** A quick-add line from a share: its title, else its text, on one line. */
export function shareTaskLine(share: Share): string {
	return (share.title || share.text || share.url || '').replace(/\s+/g, ' ').trim();
}

/**
 * The reading item for a shared link: what its page says of itself when Lindy could fetch it,
 * else what was shared. Undefined without a link.
 */
export function sharedItem(
	share: Share,
	page: { title: string; description: string } | undefined,
	now: number
): FeedItem | undefined {
	if (!share.url) return undefined;
	const title = page?.title || share.title || share.text || share.url;
	const summary = page?.description || share.text;
	return normalizeItem(
		{
			guid: share.url,
			guidIsPermaLink: true,
			link: share.url,
			title: { value: title, type: 'text' },
			...(summary ? { content: { value: summary, type: 'text' as const } } : {})
		},
		{ feedId: SHARED_FEED_ID, feedUrl: share.url, now }
	);
}
