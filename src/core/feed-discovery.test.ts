import { describe, expect, it } from 'vitest';
import { describePage, discoverFeeds, MAX_DISCOVERED } from './feed-discovery.js';

const PAGE = 'https://blog.example.com/posts/';

describe('discoverFeeds', () => {
	it('finds RSS, Atom and JSON Feed links in page order, resolved against the page', () => {
		const html = `<!doctype html><html><head>
			<link rel="stylesheet" href="/style.css">
			<link rel="alternate" type="application/rss+xml" title="All posts (RSS)" href="/index.xml">
			<link type='application/atom+xml' href='atom.xml' rel='alternate' title='Atom &amp; more'>
			<LINK REL="Alternate" TYPE="application/feed+json" HREF="https://blog.example.com/feed.json">
			<link rel="alternate" hreflang="fr" href="/fr/">
		</head><body></body></html>`;
		expect(discoverFeeds(html, PAGE)).toEqual([
			{ url: 'https://blog.example.com/index.xml', title: 'All posts (RSS)', format: 'RSS' },
			{ url: 'https://blog.example.com/posts/atom.xml', title: 'Atom & more', format: 'Atom' },
			{ url: 'https://blog.example.com/feed.json', title: '', format: 'JSON Feed' }
		]);
	});

	it('resolves against <base href>, and lists each address once', () => {
		const html = `<base href="https://cdn.example.net/site/">
			<link rel="alternate" type="application/rss+xml" href="feed">
			<link rel="alternate feed" type="application/rss+xml; charset=utf-8" href="feed#top">`;
		expect(discoverFeeds(html, PAGE)).toEqual([
			{ url: 'https://cdn.example.net/site/feed', title: '', format: 'RSS' }
		]);
	});

	it('ignores links in comments and scripts, and addresses that are not http(s)', () => {
		const html = `<!-- <link rel="alternate" type="application/rss+xml" href="/old.xml"> -->
			<script>document.write('<link rel="alternate" type="application/rss+xml" href="/js.xml">')</script>
			<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
			<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
			<link rel="alternate" type="application/rss+xml" href="https://user:pw@example.com/feed">
			<link rel="alternate" type="application/rss+xml" href="">`;
		expect(discoverFeeds(html, PAGE)).toEqual([]);
	});

	it('finds nothing in a page without feeds', () => {
		expect(discoverFeeds('<html><head><title>Hi</title></head></html>', PAGE)).toEqual([]);
	});

	it(`offers at most ${MAX_DISCOVERED} feeds`, () => {
		const html = Array.from(
			{ length: 50 },
			(_, i) => `<link rel="alternate" type="application/rss+xml" href="/tag/${i}.xml">`
		).join('');
		expect(discoverFeeds(html, PAGE)).toHaveLength(MAX_DISCOVERED);
	});
});

describe('describePage', () => {
	it('prefers Open Graph, then the title and description tags, as plain text', () => {
		expect(
			describePage(`<head><title>Site | Post</title>
				<meta name="description" content="Plain description">
				<meta property="og:title" content="Calibration &amp; you">
				<meta property="og:description" content="How to &lt;really&gt; calibrate"></head>`)
		).toEqual({ title: 'Calibration & you', description: 'How to <really> calibrate' });
		expect(
			describePage(
				'<title>\n  A   <b>post</b>  </title><meta name="Description" content="About it">'
			)
		).toEqual({ title: 'A post', description: 'About it' });
	});

	it('says nothing for a page that says nothing, and ignores scripts', () => {
		expect(
			describePage('<script>document.title = "<title>Fake</title>"</script><p>Hi</p>')
		).toEqual({ title: '', description: '' });
	});
});
