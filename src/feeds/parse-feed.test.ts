import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFeed } from '../core/charset.js';
import { normalizeItem } from '../core/feed-items';
import { parseFeedText } from './parse-feed';

const fixture = (name: string) =>
	readFileSync(new URL(`../../tests/fixtures/feeds/${name}`, import.meta.url));
const text = (name: string) => fixture(name).toString('utf8');
const NOW = Date.UTC(2026, 10, 27, 9);

async function itemsOf(
	name: string,
	feedUrl = 'https://feeds.example.com/feed.xml',
	xml = text(name)
) {
	const parsed = await parseFeedText(xml);
	return {
		parsed,
		items: parsed.items.map((raw) => normalizeItem(raw, { feedId: 'f', feedUrl, now: NOW }))
	};
}

describe('parseFeedText', () => {
	it('reads JSON Feed 1.1: HTML content, plain-text titles and summaries, authors, dates', async () => {
		const { parsed, items } = await itemsOf(
			'json-feed-1.1.json',
			'https://evals.example.com/feed.json'
		);
		expect(parsed).toMatchObject({ title: 'Evaluation Notes', link: 'https://evals.example.com/' });
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			title: 'Why your holdout set leaks <and how to stop it>',
			link: 'https://evals.example.com/posts/holdout?utm_source=jsonfeed',
			canonicalUrl: 'https://evals.example.com/posts/holdout',
			author: 'Ada Lovelace',
			summary: 'Near-duplicates across splits inflate every metric.',
			publishedAt: Date.UTC(2026, 10, 24, 8, 30)
		});
		expect(items[0]!.contentHtml).toContain('<b>near-duplicates</b>');
		// A numeric id is still an id; an item without a url links to its external_url.
		expect(items[1]).toMatchObject({
			link: 'https://arxiv.example.org/abs/2611.00042',
			author: 'Grace Hopper'
		});
		expect(items[1]!.publishedAt).toBeUndefined();
		// content_text is text: escaped, never read as markup.
		expect(items[1]!.contentHtml).toContain('3 &#60; 4 &#38; models overfit.');
		expect(items[1]!.id).not.toBe(items[0]!.id);
	});

	it('reads JSON Feed 1.0, with its single author and escaped slashes', async () => {
		const { parsed, items } = await itemsOf(
			'json-feed-1.0.json',
			'https://diaries.example.com/feed'
		);
		expect(parsed.title).toBe('Data Diaries');
		expect(items[0]).toMatchObject({
			title: 'Label audits in practice',
			link: 'https://diaries.example.com/1',
			author: 'Karen Spärck Jones',
			publishedAt: Date.UTC(2026, 10, 20, 11)
		});
	});

	it.each([
		['JSON that is not a feed', '{"title": "A page", "items": []}'],
		['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": ['],
		[
			'a JSON Feed of an unknown version',
			'{"version": "https://jsonfeed.org/version/2", "items": []}'
		]
	])('refuses %s with a sentence', async (_, json) => {
		await expect(parseFeedText(json)).rejects.toThrow(/not a feed Lindy can read/);
	});

	it('reads RSS 2.0 with CDATA, entities, creators and relative links', async () => {
		const { parsed, items } = await itemsOf('rss2.xml', 'https://dq.example.com/feed.xml');
		expect(parsed.title).toBe('Data Quality Weekly');
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			title: 'Finding label noise in the train set with confident learning',
			link: 'https://dq.example.com/posts/label-noise?utm_source=rss&utm_medium=feed',
			canonicalUrl: 'https://dq.example.com/posts/label-noise',
			author: 'Ada Lovelace',
			publishedAt: Date.UTC(2026, 10, 25, 9)
		});
		expect(items[0]!.contentHtml).toContain('<b>scikit-learn</b>');
		expect(items[1]!.title).toBe('Entities & symbols: café — naïve <tags>');
	});

	it('reads Atom, flattening an xhtml title', async () => {
		const { parsed, items } = await itemsOf('atom.xml', 'https://eval.example.org/atom.xml');
		expect(parsed.title).toBe('Evaluation Notes');
		expect(items[0]).toMatchObject({
			title: 'Ablation studies done right',
			link: 'https://eval.example.org/notes/ablation.html',
			author: 'Grace Hopper',
			publishedAt: Date.UTC(2026, 10, 26, 12)
		});
	});

	it('reads RSS 1.0 (RDF) with dc:date', async () => {
		const { parsed, items } = await itemsOf('rdf.xml');
		expect(parsed.title).toBe('Statistics Digest');
		expect(items[0]).toMatchObject({
			title: 'Bayesian calibration for classifiers',
			publishedAt: Date.UTC(2026, 10, 23, 8)
		});
	});

	it('reads a feed with a bare ampersand leniently', async () => {
		const { items } = await itemsOf('bare-ampersand.xml');
		expect(items[0]).toMatchObject({
			title: 'Pandas & NumPy tips',
			link: 'https://sloppy.example.com/p?a=1&b=2',
			// The old lenient fallback lower-cased pubDate and lost every date.
			publishedAt: Date.UTC(2026, 10, 23, 8)
		});
	});

	it('reads Latin-1 once decoded', async () => {
		const { text: xml } = decodeFeed(fixture('latin1.xml'), undefined);
		const { parsed, items } = await itemsOf('latin1.xml', undefined, xml);
		expect(parsed.title).toBe('Café Notes');
		expect(items[0]!.title).toBe('Naïve Bayes, revisité');
	});

	it('dates undated items by when they were first seen', async () => {
		const { items } = await itemsOf('no-dates.xml');
		expect(items[0]!.sortAt).toBe(NOW);
		expect(items[0]!.publishedAt).toBeUndefined();
	});

	it('treats an <rss> with no <channel> as a feed with no items', async () => {
		expect(await parseFeedText(text('no-channel.xml'))).toEqual({ title: '', items: [] });
	});

	it('keeps hostile titles as text and drops script links', async () => {
		const { parsed, items } = await itemsOf('xss.xml');
		expect(parsed.title).toBe('Hostile');
		expect(items[0]!.title).toBe('Hostile title');
		expect(items[0]!.link).toBeUndefined();
	});

	it('refuses HTML pages, JSON and empty text with a clear message', async () => {
		await expect(parseFeedText('<!doctype html><html><body>hi</body></html>')).rejects.toThrow(
			/not a feed Lindy can read/
		);
		await expect(parseFeedText('{"items":[]}')).rejects.toThrow(/not a feed Lindy can read/);
		await expect(parseFeedText('   ')).rejects.toThrow('The feed is empty.');
	});

	it('reads an <rss> without a version attribute', async () => {
		const { parsed, items } = await itemsOf('no-version.xml');
		expect(parsed.title).toBe('No version');
		expect(items.map((i) => i.title)).toEqual(['First post']);
	});

	it('costs a bad date only that item its date, never the feed', async () => {
		const { items } = await itemsOf('rss-bad-date.xml');
		expect(items.map((i) => [i.title, i.publishedAt])).toEqual([
			['Someday', undefined],
			['Good', Date.UTC(2026, 10, 10, 10)]
		]);
	});

	it('reads Atom with a padded date, a link without href and an empty entry', async () => {
		const { items } = await itemsOf('bad-dates.xml');
		expect(items[0]).toMatchObject({
			title: 'Spaced date',
			link: 'https://example.com/a',
			publishedAt: Date.UTC(2003, 11, 13, 12, 17, 23)
		});
		expect(items[1]).toMatchObject({ title: 'No link href' });
		expect(items[1]!.link).toBeUndefined();
		expect(items.length).toBeLessThanOrEqual(3);
	});

	it('reads RSS 1.0 with rss:-prefixed elements, and one with no items', async () => {
		const { parsed, items } = await itemsOf('rdf-prefixed.xml');
		expect(parsed.title).toBe('Prefixed RDF');
		expect(items[0]).toMatchObject({
			title: 'Prefixed item',
			link: 'https://example.com/p1',
			publishedAt: Date.UTC(2026, 10, 10, 10)
		});
		const empty = await itemsOf('rdf-empty.xml');
		expect(empty.parsed.title).toBe('Empty RDF');
		expect(empty.items).toEqual([]);
	});

	it('reads a feed whose DOCTYPE has an internal subset', async () => {
		const { items } = await itemsOf('doctype-subset.xml');
		expect(items[0]!.title).toBe('Dash — here');
	});

	it('keeps xhtml text in order and a text title as written, and resolves xml:base', async () => {
		const { items } = await itemsOf('xhtml.xml', 'https://example.org/feed.atom');
		expect(items.map((i) => i.title)).toEqual([
			'Why not ship it?',
			'Example Atom',
			'The <dialog> element',
			'Base64'
		]);
		expect(items[0]!.link).toBe('https://example.org/blog/posts/1');
		expect(items[0]!.summary).toBe('This is XHTML content. rel');
		expect(items[0]!.contentBase).toBe('https://example.org/blog/');
	});

	it('decodes every named entity in titles and takes a permalink guid as the link', async () => {
		const { items } = await itemsOf('markup-title.xml', 'https://example.com/feed');
		expect(items.map((i) => i.title)).toEqual(['Example Atom', 'café → €5', 'Relative guid']);
		expect(items[1]!.link).toBe('https://example.com/guid-only');
		expect(items[2]!.link).toBeUndefined();
	});

	it('decodes base64 Atom content and drops binary content', async () => {
		const { items } = await itemsOf('base64.xml');
		expect(items[0]!.contentHtml).toBe('Hello world, café!');
		expect(items[1]!.contentHtml).toBe('');
	});

	it('never shows the parser’s own error text for a broken feed', async () => {
		await expect(
			parseFeedText('<rss version="2.0"><channel><title>x</title><item><title>a</item></channel>')
		).rejects.toThrow(/^(?!.*Cannot read properties).*Lindy/);
	});
});
