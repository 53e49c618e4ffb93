import { describe, expect, it } from 'vitest';
import { mergeItems, normalizeItem, textOf } from './feed-items';
import { canonicalUrl, safeLink } from './links';
import { countWords, htmlToText } from './text';

const NOW = Date.UTC(2026, 10, 27, 9);
const ctx = { feedId: 'f1', feedUrl: 'https://blog.example.com/feed.xml', now: NOW };

describe('safeLink', () => {
	it('keeps http and https and resolves relative links against the feed', () => {
		expect(safeLink('https://a.example/x')).toBe('https://a.example/x');
		expect(safeLink('/posts/1', 'https://blog.example.com/feed.xml')).toBe(
			'https://blog.example.com/posts/1'
		);
		expect(safeLink('post.html', 'https://blog.example.com/feeds/all.xml')).toBe(
			'https://blog.example.com/feeds/post.html'
		);
	});

	it.each([
		'javascript:alert(1)',
		'JaVaScRiPt:alert(1)',
		' javascript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox',
		'mailto:a@b.c',
		'file:///etc/passwd',
		'https://user:pw@example.com/',
		'',
		'http://'
	])('drops %s', (link) => {
		expect(safeLink(link, 'https://blog.example.com/')).toBeUndefined();
	});
});

describe('canonicalUrl', () => {
	it('removes tracking parameters, fragments, www and trailing slashes', () => {
		expect(
			canonicalUrl('http://www.example.com/post/?utm_source=news&utm_medium=email&id=3#top')
		).toBe('https://example.com/post/?id=3');
		expect(canonicalUrl('https://example.com/post/')).toBe('https://example.com/post');
		expect(canonicalUrl('https://example.com/a?fbclid=x&gclid=y')).toBe('https://example.com/a');
	});
});

describe('text helpers', () => {
	it('turns HTML into plain text without scripts or styles', () => {
		expect(htmlToText('<p>Hello&nbsp;<b>world</b> &amp; co</p><script>alert(1)</script>')).toBe(
			'Hello world & co'
		);
		expect(htmlToText('A &lt;b&gt; tag &#8212; &#x2014;')).toBe('A <b> tag — —');
	});

	it('counts words in any script', () => {
		expect(countWords("It's a well-known fact — 3 models")).toBe(6);
		expect(countWords('')).toBe(0);
	});

	it('flattens Atom xhtml titles and xml2js nodes to text', () => {
		expect(textOf({ div: { _: 'Hello', b: ['world'] }, $: { type: 'xhtml' } })).toBe('Hello world');
		expect(textOf(['a', { _: 'b' }])).toBe('a b');
		expect(textOf(undefined)).toBe('');
	});
});

describe('normalizeItem', () => {
	it('builds a stored item with a stable id, plain text and reading time', () => {
		const words = Array.from({ length: 530 }, (_, i) => `word${i}`).join(' ');
		const item = normalizeItem(
			{
				guid: 'abc-1',
				title: 'A <em>careful</em> study',
				link: '/posts/careful',
				creator: 'Ada <b>L.</b>',
				isoDate: '2026-11-25T10:00:00Z',
				'content:encoded': `<p>${words}</p>`,
				contentSnippet: 'A careful study of things.'
			},
			ctx
		);
		expect(item).toMatchObject({
			feedId: 'f1',
			title: 'A careful study',
			link: 'https://blog.example.com/posts/careful',
			canonicalUrl: 'https://blog.example.com/posts/careful',
			author: 'Ada L.',
			publishedAt: Date.UTC(2026, 10, 25, 10),
			sortAt: Date.UTC(2026, 10, 25, 10),
			firstSeenAt: NOW,
			summary: 'A careful study of things.',
			wordCount: 530,
			readingMinutes: 2
		});
		expect(item.id).toBe(normalizeItem({ guid: 'abc-1', title: 'changed' }, ctx).id);
	});

	it('falls back from guid to Atom id to link to a hash', () => {
		const byId = normalizeItem({ id: 'urn:x', title: 'a' }, ctx).id;
		const byLink = normalizeItem({ link: 'https://x.example/1', title: 'a' }, ctx).id;
		const byHash1 = normalizeItem({ title: 'a', content: 'b' }, ctx).id;
		const byHash2 = normalizeItem({ title: 'a', content: 'b' }, ctx).id;
		expect(new Set([byId, byLink, byHash1]).size).toBe(3);
		expect(byHash1).toBe(byHash2);
	});

	it('uses the first-seen time when there is no date, and never a date far in the future', () => {
		expect(normalizeItem({ title: 'x' }, ctx).sortAt).toBe(NOW);
		expect(normalizeItem({ title: 'x', pubDate: 'not a date' }, ctx).sortAt).toBe(NOW);
		expect(normalizeItem({ title: 'x', isoDate: '2099-01-01T00:00:00Z' }, ctx).sortAt).toBe(NOW);
	});

	it('drops dangerous links and keeps titles as text', () => {
		const item = normalizeItem(
			{ title: '<img src=x onerror=alert(1)>Hi', link: 'javascript:alert(1)' },
			ctx
		);
		expect(item.link).toBeUndefined();
		expect(item.title).toBe('Hi');
	});
});

describe('mergeItems', () => {
	const a = normalizeItem(
		{ guid: '1', title: 'Label noise at scale', link: 'https://x.example/a' },
		ctx
	);

	it('keeps the first-seen time and notes of known items', () => {
		const stored = { ...a, firstSeenAt: NOW - 1000, notes: 'mine' };
		const { upserts } = mergeItems([{ ...a, title: 'Label noise at scale (updated)' }], [stored]);
		expect(upserts[0]).toMatchObject({ firstSeenAt: NOW - 1000, notes: 'mine' });
	});

	it('skips the same story from another feed by link or by title', () => {
		const sameLink = normalizeItem(
			{ guid: 'z', title: 'Other title', link: 'https://www.x.example/a?utm_source=rss' },
			{ ...ctx, feedId: 'f2' }
		);
		const sameTitle = normalizeItem(
			{ guid: 'y', title: 'Label Noise, at Scale!', link: 'https://y.example/b' },
			{ ...ctx, feedId: 'f3' }
		);
		const fresh = normalizeItem({ guid: 'w', title: 'Something new' }, { ...ctx, feedId: 'f2' });
		const result = mergeItems([sameLink, sameTitle, fresh], [a]);
		expect(result.duplicates).toBe(2);
		expect(result.upserts.map((i) => i.title)).toEqual(['Something new']);
	});
});
