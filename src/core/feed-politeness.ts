import type { Feed } from './feed';

const HOUR = 3_600_000;
/** Never fetch one feed more often than this, by hand or not. */
export const MIN_REFRESH_MS = HOUR;
/** The automatic refresh runs once a day. */
export const AUTO_REFRESH_MS = 24 * HOUR;
/** After this many parse failures in a row a feed is marked broken. */
export const BROKEN_AFTER = 3;

export type RefreshDecision = { fetch: true } | { fetch: false; reason: string };

function clock(ms: number): string {
	const d = new Date(ms);
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Whether a feed may be fetched now: paused, imported, rate-limited and fresh feeds wait. */
export function refreshDecision(feed: Feed, now: number): RefreshDecision {
	if (feed.paused) return { fetch: false, reason: 'Paused' };
	if (!/^https?:/.test(feed.url)) return { fetch: false, reason: 'Imported from a file' };
	if (feed.retryAfter && feed.retryAfter > now) {
		return {
			fetch: false,
			reason: `Waiting until ${clock(feed.retryAfter)} (the server asked for a pause)`
		};
	}
	if (feed.lastFetchedAt && now - feed.lastFetchedAt < MIN_REFRESH_MS) {
		return { fetch: false, reason: 'Checked less than an hour ago' };
	}
	return { fetch: true };
}

/** Back-off after the n-th failure in a row: 1 h, 2 h, 4 h … at most a day. */
export function retryAfterFailure(failures: number, now: number): number {
	return now + Math.min(AUTO_REFRESH_MS, HOUR * 2 ** Math.max(0, failures - 1));
}

export interface FeedFailure {
	message: string;
	/** The text arrived but was not a feed Lindy could read. */
	parse: boolean;
	/** When the server asked to be left alone until (Retry-After). */
	retryAt?: number;
}

/**
 * What a failed fetch changes on a feed: the error is kept, the next try backs off, and after
 * three unreadable answers in a row the feed is marked broken until a good fetch.
 */
export function afterFailure(feed: Feed, failure: FeedFailure, now: number): Partial<Feed> {
	const failures = feed.consecutiveFailures + 1;
	const parseFailures = failure.parse ? (feed.parseFailures ?? 0) + 1 : (feed.parseFailures ?? 0);
	return {
		lastFetchedAt: now,
		lastError: failure.message,
		consecutiveFailures: failures,
		parseFailures,
		retryAfter: failure.retryAt ?? retryAfterFailure(failures, now),
		broken: feed.broken || parseFailures >= BROKEN_AFTER
	};
}

/** What a good fetch changes: failures forgotten, the feed no longer broken. */
export function afterSuccess(now: number): Partial<Feed> {
	return {
		lastFetchedAt: now,
		lastSuccessAt: now,
		consecutiveFailures: 0,
		parseFailures: 0,
		broken: false,
		lastError: undefined,
		retryAfter: undefined
	};
}
