// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { exportOpml, parseOpml } from './opml';

describe('OPML', () => {
	it('reads nested outlines and skips duplicates and non-http feeds', () => {
		const feeds = parseOpml(`<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="AI"><outline text="Import AI" xmlUrl="https://importai.substack.com/feed"/>
    <outline text="Deeper"><outline title="Lil'Log" xmlUrl="https://lilianweng.github.io/index.xml"/></outline>
  </outline>
  <outline text="Again" xmlUrl="https://importai.substack.com/feed"/>
  <outline text="Bad" xmlUrl="javascript:alert(1)"/>
</body></opml>`);
		expect(feeds).toEqual([
			{ title: 'Import AI', url: 'https://importai.substack.com/feed' },
			{ title: "Lil'Log", url: 'https://lilianweng.github.io/index.xml' }
		]);
	});

	it('refuses broken and foreign files with a clear message', () => {
		expect(() => parseOpml('<opml><body><outline')).toThrow(/not valid XML/);
		expect(() => parseOpml('<rss version="2.0"></rss>')).toThrow(/not an OPML subscription list/);
		expect(() => parseOpml('<opml><body/></opml>')).toThrow(/lists no feeds/);
	});

	it('round-trips what it exports', () => {
		const feeds = [
			{ title: 'A & B <news>', url: 'https://a.example/feed?x=1&y=2' },
			{ title: 'C', url: 'https://c.example/rss' }
		];
		expect(parseOpml(exportOpml(feeds, Date.UTC(2026, 10, 27)))).toEqual(feeds);
	});
});
