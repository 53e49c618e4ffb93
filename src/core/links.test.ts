import { describe, expect, it } from 'vitest';
import { canonicalUrl, feedKey } from './links';

describe('canonicalUrl', () => {
	it('removes fragments, www and trailing slashes, and makes the scheme https', () => {
		expect(canonicalUrl('http://www.example.com/post/#top')).toBe('https://example.com/post');
		expect(canonicalUrl('https://example.com/post/')).toBe('https://example.com/post');
		expect(canonicalUrl('https://example.com/')).toBe('https://example.com/');
	});

	it.each([
		'utm_source',
		'utm_medium',
		'utm_campaign',
		'utm_term',
		'utm_content',
		'utm_id',
		'ck_subscriber_id',
		'mkt_tok',
		'_ga',
		'si',
		'fbclid',
		'gclid',
		'mc_cid',
		'mc_eid'
	])('strips the tracker %s', (name) => {
		expect(canonicalUrl(`https://example.com/post?${name}=abc123&id=3`)).toBe(
			'https://example.com/post?id=3'
		);
		expect(canonicalUrl(`https://example.com/post?${name.toUpperCase()}=x`)).toBe(
			'https://example.com/post'
		);
	});

	it.each(['ref', 'source', 'id', 'p', 'page', 'v'])(
		'keeps %s, which can change the page',
		(name) => {
			expect(canonicalUrl(`https://example.com/post?${name}=2`)).toBe(
				`https://example.com/post?${name}=2`
			);
		}
	);

	it('sorts the parameters it keeps, so their order does not make another link', () => {
		expect(canonicalUrl('https://example.com/a?z=1&b=2&utm_source=x&a=3')).toBe(
			'https://example.com/a?a=3&b=2&z=1'
		);
		expect(canonicalUrl('https://example.com/a?b=2&a=3')).toBe(
			canonicalUrl('https://example.com/a?a=3&b=2')
		);
	});
});

describe('feedKey', () => {
	it('makes http and https, www, a trailing slash and trackers one feed', () => {
		const key = feedKey('https://example.com/feed');
		for (const address of [
			'http://example.com/feed',
			'https://www.example.com/feed/',
			'https://example.com/feed?utm_source=newsletter',
			'HTTPS://EXAMPLE.COM/feed#latest'
		])
			expect(feedKey(address)).toBe(key);
	});

	it('keeps feeds that differ in path or a real parameter apart', () => {
		expect(feedKey('https://example.com/feed')).not.toBe(feedKey('https://example.com/rss'));
		expect(feedKey('https://example.com/feed?tag=ml')).not.toBe(
			feedKey('https://example.com/feed?tag=nlp')
		);
	});

	it('has no key for what is not a web address', () => {
		expect(feedKey('javascript:alert(1)')).toBeUndefined();
		expect(feedKey('not a url')).toBeUndefined();
	});
});
