// @vitest-environment jsdom
// DOMPurify needs a full DOM; happy-dom is not one it supports.
import { describe, expect, it } from 'vitest';
import { sanitizeFeedHtml } from './sanitize';

const clean = (html: string, showImages = false) => sanitizeFeedHtml(html, { showImages });

describe('relative addresses', () => {
	it('resolves links and images against the item base before the URL check', () => {
		const html = sanitizeFeedHtml(
			'<a href="../other">a</a> <a href="/about">b</a> <a href="#note">c</a> <img src="img/x.png" alt="x"> <a href="javascript:alert(1)">d</a>',
			{ showImages: true, base: 'https://example.org/blog/posts/1' }
		);
		expect(html).toContain('href="https://example.org/blog/other"');
		expect(html).toContain('href="https://example.org/about"');
		expect(html).toContain('href="#note"');
		expect(html).toContain('src="https://example.org/blog/posts/img/x.png"');
		expect(html).not.toContain('javascript');
	});
});

const PAYLOADS = [
	'<script>window.__pwned=1</script>',
	'<img src=x onerror="window.__pwned=1">',
	'<a href="javascript:window.__pwned=1">x</a>',
	'<a href=" JaVaScRiPt:window.__pwned=1">x</a>',
	'<a href="data:text/html,<script>alert(1)</script>">x</a>',
	'<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
	'<iframe src="https://evil.example/"></iframe>',
	'<svg onload="window.__pwned=1"><circle r="1"/></svg>',
	'<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
	'<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
	'<div style="background:url(javascript:alert(1))">styled</div>',
	'<style>body{display:none}</style>',
	'<form action="https://evil.example/"><input name="x"><button formaction="javascript:alert(1)">go</button></form>',
	'<object data="javascript:alert(1)"></object>',
	'<embed src="javascript:alert(1)">',
	'<base href="https://evil.example/">',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'<details open ontoggle="window.__pwned=1">x</details>',
	'<body onload="window.__pwned=1">',
	'<video><source onerror="window.__pwned=1"></video>',
	'<a href="#" onclick="window.__pwned=1">x</a>'
];

describe('sanitizeFeedHtml', () => {
	it.each(PAYLOADS)('defuses %s', (payload) => {
		const out = clean(`<p>before</p>${payload}<p>after</p>`);
		expect(out).not.toMatch(/<script|<iframe|<svg|<math|<style|<form|<object|<embed|<base|<meta/i);
		expect(out).not.toMatch(/\son\w+=/i);
		expect(out).not.toMatch(/javascript:|data:|srcdoc|style=/i);
		expect(out).toContain('<p>before</p>');
		expect(out).toContain('<p>after</p>');
	});

	it('opens links in a new tab without a referrer', () => {
		expect(clean('<a href="https://ok.example/">ok</a>')).toBe(
			'<a href="https://ok.example/" target="_blank" rel="noopener noreferrer">ok</a>'
		);
	});

	it('drops remote images unless the feed allows them', () => {
		expect(clean('<p>x<img src="https://tracker.example/p.gif"></p>')).toBe('<p>x</p>');
		expect(clean('<img src="https://cdn.example/fig.png" alt="Figure 1">', true)).toContain(
			'src="https://cdn.example/fig.png"'
		);
		expect(clean('<img src="javascript:alert(1)">', true)).not.toContain('javascript');
	});

	it('keeps ordinary formatting', () => {
		const html =
			'<h2>Results</h2><p><strong>Bold</strong> and <em>em</em></p><ul><li>one</li></ul><pre><code>x = 1</code></pre>';
		expect(clean(html)).toBe(html);
	});
});
