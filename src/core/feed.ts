/** A subscription to one newsletter or blog feed. */
export interface Feed {
	id: string;
	url: string;
	title: string;
	/** −2 … +2: how much the user trusts this source; feeds into every item's score. */
	trust: number;
	paused: boolean;
	/** Remote images in this feed's items are blocked unless the user allows them. */
	showImages: boolean;
	createdAt: number;
	/** HTTP validators kept exactly as received and sent back. */
	etag?: string;
	lastModified?: string;
	lastFetchedAt?: number;
	lastSuccessAt?: number;
	/** No automatic or manual refresh before this instant (Retry-After, 429, back-off). */
	retryAfter?: number;
	consecutiveFailures: number;
	/** Failures to read the feed's text, in a row (network errors do not count). */
	parseFailures?: number;
	lastError?: string;
	/** Set after 3 parse failures in a row; cleared by a good fetch. */
	broken: boolean;
}

/** One article, post or paper from a feed. */
export interface FeedItem {
	/** Stable across refreshes: feed id + guid, Atom id, link, or a hash of title and content. */
	id: string;
	feedId: string;
	title: string;
	/** http or https only; undefined when the feed gave no usable link. */
	link?: string;
	/** The link without tracking parameters, for de-duplication across feeds. */
	canonicalUrl?: string;
	/** The title reduced to its words, for de-duplication across feeds. */
	titleKey: string;
	author?: string;
	/** Published date, else the first-seen time: always set, so it is always indexed. */
	sortAt: number;
	publishedAt?: number;
	firstSeenAt: number;
	summary: string;
	/** Untrusted HTML from the feed; sanitised before it is ever shown. */
	contentHtml: string;
	wordCount: number;
	readingMinutes: number;
	/** The user's notes; items with notes are kept past the retention window. */
	notes?: string;
	/** When the reader read it: opened in Lindy, marked read, or a pass ticked. Unset: unread. */
	readAt?: number;
	/** Saved for later: kept past the retention window and listed until unsaved. */
	savedAt?: number;
	/** The feed sent more than Lindy keeps (see LIMITS); the rest is at the original link. */
	truncated?: boolean;
	/** What relative links in the HTML resolve against: xml:base, else the item link, else the feed. */
	contentBase?: string;
}

/** An item as stored: its HTML lives in a table of its own. */
export type StoredItem = Omit<FeedItem, 'contentHtml' | 'contentBase'>;

export const DEFAULT_FEEDS: readonly { title: string; url: string }[] = [
	{ title: 'Import AI', url: 'https://importai.substack.com/feed' },
	{ title: 'Ahead of AI', url: 'https://magazine.sebastianraschka.com/feed' },
	{ title: 'The Gradient', url: 'https://thegradient.pub/rss/' },
	{ title: "Lil'Log", url: 'https://lilianweng.github.io/index.xml' },
	{ title: 'BAIR', url: 'https://bair.berkeley.edu/blog/feed.xml' },
	{ title: 'Hugging Face blog', url: 'https://huggingface.co/blog/feed.xml' },
	{ title: 'Google Research', url: 'https://research.google/blog/rss/' },
	{ title: 'Last Week in AI', url: 'https://lastweekin.ai/feed' }
];
