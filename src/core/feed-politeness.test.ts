import { describe, expect, it } from 'vitest';
import type { Feed } from './feed';
import { refreshDecision, retryAfterFailure } from './feed-politeness';

const NOW = Date.UTC(2026, 10, 27, 12);
const feed = (changes: Partial<Feed> = {}): Feed => ({
	id: 'f',
	url: 'https://a.example/feed',
	title: 'A',
	trust: 0,
	paused: false,
	showImages: false,
	createdAt: 0,
	consecutiveFailures: 0,
	broken: false,
	...changes
});

describe('refreshDecision', () => {
	it('fetches a feed that has not been checked in the last hour', () => {
		expect(refreshDecision(feed(), NOW)).toEqual({ fetch: true });
		expect(refreshDecision(feed({ lastFetchedAt: NOW - 3_600_001 }), NOW)).toEqual({ fetch: true });
	});

	it('never fetches one feed more than hourly', () => {
		expect(refreshDecision(feed({ lastFetchedAt: NOW - 60_000 }), NOW)).toEqual({
			fetch: false,
			reason: 'Checked less than an hour ago'
		});
	});

	it('honours Retry-After and back-off', () => {
		const d = refreshDecision(feed({ retryAfter: NOW + 60_000 }), NOW);
		expect(d.fetch).toBe(false);
		expect(!d.fetch && d.reason).toMatch(/^Waiting until \d\d:\d\d/);
	});

	it('skips paused and imported feeds', () => {
		expect(refreshDecision(feed({ paused: true }), NOW)).toEqual({
			fetch: false,
			reason: 'Paused'
		});
		expect(refreshDecision(feed({ url: 'file:saved.xml' }), NOW)).toEqual({
			fetch: false,
			reason: 'Imported from a file'
		});
	});
});

describe('retryAfterFailure', () => {
	it('doubles the wait up to a day', () => {
		const hours = [1, 2, 3, 4, 5, 6, 7].map((n) => (retryAfterFailure(n, NOW) - NOW) / 3_600_000);
		expect(hours).toEqual([1, 2, 4, 8, 16, 24, 24]);
	});
});
