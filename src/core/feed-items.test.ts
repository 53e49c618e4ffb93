import { describe, expect, it } from 'vitest';
import { mergeItems, normalizeItem, type RawText } from './feed-items';
import { LIMITS } from './limits';
import { safeLink } from './links';
import { htmlToText } from './html-text';
import { countWords, readingMinutes } from './text';

const h = (value: string): RawText => ({ value, type: 'html' });
const t = (value: string): RawText => ({ value, type: 'text' });

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

	it('decodes every named HTML entity', () => {
		expect(htmlToText('caf&eacute; &rarr; &euro;5 &hellip;')).toBe('café → €5 …');
	});

	it('reads Chinese and Japanese by the character', () => {
		const chinese = '机器学习'.repeat(200);
		expect(countWords(chinese)).toBe(800);
		expect(readingMinutes(chinese)).toBe(2);
		expect(readingMinutes('日本語のテキスト'.repeat(100))).toBe(2);
		expect(readingMinutes('short')).toBe(1);
	});
});

describe('normalizeItem', () => {
	it('builds a stored item with a stable id, plain text and reading time', () => {
		const words = Array.from({ length: 530 }, (_, i) => `word${i}`).join(' ');
		const item = normalizeItem(
			{
				guid: 'abc-1',
				title: h('A <em>careful</em> study'),
				link: '/posts/careful',
				author: 'Ada <b>L.</b>',
				published: '2026-11-25T10:00:00Z',
				content: h(`<p>${words}</p>`),
				summary: h('A careful study of things.')
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
		expect(item.id).toBe(normalizeItem({ guid: 'abc-1', title: h('changed') }, ctx).id);
	});

	it('falls back from guid (or Atom id) to link to a hash', () => {
		const byId = normalizeItem({ guid: 'urn:x', guidIsPermaLink: false, title: h('a') }, ctx).id;
		const byLink = normalizeItem({ link: 'https://x.example/1', title: h('a') }, ctx).id;
		const byHash1 = normalizeItem({ title: h('a'), content: h('b') }, ctx).id;
		const byHash2 = normalizeItem({ title: h('a'), content: h('b') }, ctx).id;
		expect(new Set([byId, byLink, byHash1]).size).toBe(3);
		expect(byHash1).toBe(byHash2);
	});

	it('uses the first-seen time when there is no date, and never a date far in the future', () => {
		expect(normalizeItem({ title: h('x') }, ctx).sortAt).toBe(NOW);
		expect(normalizeItem({ title: h('x'), published: 'not a date' }, ctx).sortAt).toBe(NOW);
		expect(normalizeItem({ title: h('x'), published: '2099-01-01T00:00:00Z' }, ctx).sortAt).toBe(
			NOW
		);
	});

	it('reads a date with whitespace around it, and falls back to the updated date', () => {
		expect(
			normalizeItem({ title: h('x'), published: '\n 2026-11-20T12:17:23Z\n' }, ctx).publishedAt
		).toBe(Date.UTC(2026, 10, 20, 12, 17, 23));
		expect(
			normalizeItem({ title: h('x'), published: 'someday', updated: '2026-11-21T00:00:00Z' }, ctx)
				.publishedAt
		).toBe(Date.UTC(2026, 10, 21));
	});

	it('drops dangerous links and keeps titles as text', () => {
		const item = normalizeItem(
			{ title: h('<img src=x onerror=alert(1)>Hi'), link: 'javascript:alert(1)' },
			ctx
		);
		expect(item.link).toBeUndefined();
		expect(item.title).toBe('Hi');
	});

	it('keeps a text title as written and strips markup only from HTML titles', () => {
		expect(normalizeItem({ title: t('The <dialog> element') }, ctx).title).toBe(
			'The <dialog> element'
		);
		expect(normalizeItem({ title: h('Example <b>Atom</b>') }, ctx).title).toBe('Example Atom');
	});

	it('escapes plain-text content so the reader shows it as text', () => {
		const item = normalizeItem({ title: t('x'), content: t('1 < 2 & <b>not bold</b>') }, ctx);
		expect(item.contentHtml).toBe('1 &#60; 2 &#38; &#60;b&#62;not bold&#60;/b&#62;');
	});

	it('resolves links against xml:base and takes a permalink guid as the link', () => {
		const based = normalizeItem(
			{ title: h('x'), link: 'posts/1', base: 'https://example.org/blog/' },
			ctx
		);
		expect(based.link).toBe('https://example.org/blog/posts/1');
		expect(based.contentBase).toBe('https://example.org/blog/');
		const guidOnly = normalizeItem({ title: h('x'), guid: 'https://example.com/p/7' }, ctx);
		expect(guidOnly.link).toBe('https://example.com/p/7');
		expect(guidOnly.contentBase).toBe('https://example.com/p/7');
		const notPermalink = normalizeItem(
			{ title: h('x'), guid: 'https://example.com/p/8', guidIsPermaLink: false },
			ctx
		);
		expect(notPermalink.link).toBeUndefined();
	});

	it('cuts what is past the limits and marks the item, never dropping it', () => {
		const huge = `<p>${'word '.repeat(500_000)}</p>`;
		const item = normalizeItem(
			{ title: h('Huge'), content: h(huge), link: `https://example.com/${'a'.repeat(9000)}` },
			ctx
		);
		expect(item.contentHtml.length).toBe(LIMITS.itemHtml);
		expect(item.truncated).toBe(true);
		expect(item.link).toBeUndefined();
		expect(item.readingMinutes).toBeGreaterThan(1000);
	});
});

describe('mergeItems', () => {
	const a = normalizeItem(
		{ guid: '1', title: h('Label noise at scale'), link: 'https://x.example/a' },
		ctx
	);

	it('keeps the first-seen time and notes of known items', () => {
		const stored = { ...a, firstSeenAt: NOW - 1000, notes: 'mine' };
		const { upserts } = mergeItems([{ ...a, title: 'Label noise at scale (updated)' }], [stored]);
		expect(upserts[0]).toMatchObject({ firstSeenAt: NOW - 1000, notes: 'mine' });
	});

	it('skips the same story from another feed by link or by title', () => {
		const sameLink = normalizeItem(
			{ guid: 'z', title: h('Other title'), link: 'https://www.x.example/a?utm_source=rss' },
			{ ...ctx, feedId: 'f2' }
		);
		const sameTitle = normalizeItem(
			{ guid: 'y', title: h('Label Noise, at Scale!'), link: 'https://y.example/b' },
			{ ...ctx, feedId: 'f3' }
		);
		const fresh = normalizeItem(
			{ guid: 'w', guidIsPermaLink: false, title: h('Something new') },
			{ ...ctx, feedId: 'f2' }
		);
		const result = mergeItems([sameLink, sameTitle, fresh], [a]);
		expect(result.duplicates).toBe(2);
		expect(result.upserts.map((i) => i.title)).toEqual(['Something new']);
	});
});
