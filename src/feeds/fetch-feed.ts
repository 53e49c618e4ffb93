import type { Feed } from '../core/feed';

export type FetchOutcome =
	| { kind: 'ok'; xml: string; etag?: string; lastModified?: string; finalUrl: string }
	| { kind: 'not-modified' }
	| { kind: 'rate-limited'; retryAt: number }
	| { kind: 'error'; code: string; message: string; retryAt?: number };

/** Retry-After as an instant: seconds from now, or an HTTP date. */
export function retryAfterToInstant(header: string | null, now: number): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
	const date = Date.parse(header);
	return Number.isFinite(date) ? date : undefined;
}

/** Fetches one feed through Lindy's own server, sending back the validators it was given. */
export async function fetchFeed(
	feed: Pick<Feed, 'url' | 'etag' | 'lastModified'>,
	now: number
): Promise<FetchOutcome> {
	const headers: Record<string, string> = {};
	if (feed.etag) headers['If-None-Match'] = feed.etag;
	if (feed.lastModified) headers['If-Modified-Since'] = feed.lastModified;
	let res: Response;
	try {
		res = await fetch(`/api/feed?url=${encodeURIComponent(feed.url)}`, {
			headers,
			cache: 'no-store'
		});
	} catch {
		return { kind: 'error', code: 'offline', message: 'Lindy’s server could not be reached.' };
	}
	if (res.status === 304) return { kind: 'not-modified' };
	const retryAt = retryAfterToInstant(res.headers.get('retry-after'), now);
	if (res.status === 429) return { kind: 'rate-limited', retryAt: retryAt ?? now + 3_600_000 };
	if (!res.ok) {
		let body: { error?: string; message?: string } = {};
		try {
			body = await res.json();
		} catch {
			// not JSON: describe the status instead
		}
		return {
			kind: 'error',
			code: body.error ?? 'upstream_status',
			message: body.message ?? `Lindy’s server answered ${res.status}.`,
			...(retryAt ? { retryAt } : {})
		};
	}
	const outcome: FetchOutcome = {
		kind: 'ok',
		xml: await res.text(),
		finalUrl: res.headers.get('x-lindy-final-url') ?? feed.url
	};
	const etag = res.headers.get('etag');
	const lastModified = res.headers.get('last-modified');
	if (etag) outcome.etag = etag;
	if (lastModified) outcome.lastModified = lastModified;
	return outcome;
}

export interface DiscoveredFeed {
	url: string;
	title: string;
	format: string;
}

export type Discovery =
	| {
			kind: 'feeds';
			isFeed: boolean;
			feeds: DiscoveredFeed[];
			/** What the page says of itself ('' where it says nothing). */
			page: { title: string; description: string };
	  }
	| { kind: 'refused'; message: string }
	| { kind: 'unknown' };

/**
 * Asks Lindy's server which feeds an address offers: the address itself when it is a feed, else
 * those its page names. `refused` when the address may never be fetched; `unknown` when the site
 * or the server could not say (offline, down, not found): then the address is taken as given.
 */
export async function discoverFeeds(url: string): Promise<Discovery> {
	let res: Response;
	try {
		res = await fetch(`/api/discover?url=${encodeURIComponent(url)}`, { cache: 'no-store' });
	} catch {
		return { kind: 'unknown' };
	}
	let body: {
		isFeed?: unknown;
		feeds?: unknown;
		page?: { title?: unknown; description?: unknown };
		error?: unknown;
		message?: unknown;
	};
	try {
		body = await res.json();
	} catch {
		return { kind: 'unknown' };
	}
	if (res.ok && Array.isArray(body.feeds)) {
		const feeds = body.feeds.filter(
			(f): f is DiscoveredFeed =>
				typeof f?.url === 'string' && typeof f.title === 'string' && typeof f.format === 'string'
		);
		const text = (value: unknown) => (typeof value === 'string' ? value : '');
		const page = { title: text(body.page?.title), description: text(body.page?.description) };
		return { kind: 'feeds', isFeed: body.isFeed === true, feeds, page };
	}
	if (
		(body.error === 'blocked_address' || body.error === 'bad_url') &&
		typeof body.message === 'string'
	)
		return { kind: 'refused', message: body.message };
	return { kind: 'unknown' };
}
