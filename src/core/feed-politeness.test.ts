import { describe, expect, it } from 'vitest';
import type { Feed } from './feed';
import { afterFailure, afterSuccess, refreshDecision, retryAfterFailure } from './feed-politeness';

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

describe('afterFailure', () => {
	const parseError = { message: 'This is not a feed Lindy can read.', parse: true };

	it('marks a feed broken after three unreadable answers in a row, showing the last error', () => {
		let f = feed();
		for (let i = 0; i < 3; i++) f = { ...f, ...afterFailure(f, parseError, NOW) };
		expect(f).toMatchObject({ broken: true, parseFailures: 3, lastError: parseError.message });
	});

	it('does not count network errors towards broken, and backs off each time', () => {
		let f = feed();
		for (let i = 0; i < 5; i++)
			f = { ...f, ...afterFailure(f, { message: 'offline', parse: false }, NOW) };
		expect(f.broken).toBe(false);
		expect(f.consecutiveFailures).toBe(5);
		expect(f.retryAfter).toBe(NOW + 16 * 3_600_000);
	});

	it('takes the server’s Retry-After when it gave one', () => {
		expect(afterFailure(feed(), { ...parseError, retryAt: NOW + 5 }, NOW).retryAfter).toBe(NOW + 5);
	});

	it('is forgotten after a good fetch', () => {
		const broken = { ...feed(), broken: true, parseFailures: 3, consecutiveFailures: 3 };
		expect({ ...broken, ...afterSuccess(NOW) }).toMatchObject({
			broken: false,
			parseFailures: 0,
			consecutiveFailures: 0,
			lastSuccessAt: NOW
		});
	});
});
