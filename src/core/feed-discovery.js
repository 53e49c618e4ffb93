// @ts-check
// Plain JavaScript so that both the browser code and the Node server can use it.

/** The feed types a page may announce in `<link rel="alternate" type=…>`, and what Lindy calls them. */
const FEED_TYPES = /** @type {const} */ ({
	'application/rss+xml': 'RSS',
	'application/atom+xml': 'Atom',
	'application/rdf+xml': 'RDF',
	'application/feed+json': 'JSON Feed',
	'application/json': 'JSON Feed'
});

/** At most this many feeds are offered from one page. */
export const MAX_DISCOVERED = 20;

/**
 * @typedef {object} DiscoveredFeed
 * @property {string} url absolute http(s) address
 * @property {string} title the link's title, or '' when the page gave none
 * @property {string} format RSS, Atom, RDF or JSON Feed
 */

/** @param {string} value */
function decodeAttribute(value) {
	return value
		.replace(/&quot;/gi, '"')
		.replace(/&#39;|&apos;/gi, "'")
		.replace(/&lt;/gi, '<')
		.replace(/&gt;/gi, '>')
		.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Math.min(+code, 0x10ffff)))
		.replace(/&#x([\da-f]+);/gi, (_, code) =>
			String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff))
		)
		.replace(/&amp;/gi, '&');
}

/**
 * The attributes of one start tag, names lower-cased.
 * @param {string} tag
 */
function attributesOf(tag) {
	/** @type {Record<string, string>} */
	const attributes = {};
	const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
	for (const match of tag.replace(/^<\w+/, '').matchAll(pattern)) {
		const name = match[1]?.toLowerCase() ?? '';
		if (!(name in attributes))
			attributes[name] = decodeAttribute(match[2] ?? match[3] ?? match[4] ?? '');
	}
	return attributes;
}

/**
 * What a page says of itself, for a link shared to Lindy: its title and description (Open Graph
 * first, then `<title>` and `<meta name="description">`), as plain text; '' where it says nothing.
 * @param {string} html
 * @returns {{ title: string, description: string }}
 */
export function describePage(html) {
	const page = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');
	/** @type {Record<string, string>} */
	const meta = {};
	for (const [tag] of page.matchAll(/<meta\b[^>]*>/gi)) {
		const { name = '', property = '', content = '' } = attributesOf(tag);
		const key = (property || name).toLowerCase();
		if (key && !(key in meta)) meta[key] = content;
	}
	const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(page)?.[1] ?? '';
	const squeeze = (/** @type {string} */ text, /** @type {number} */ max) =>
		text.replace(/\s+/g, ' ').trim().slice(0, max);
	return {
		title: squeeze(meta['og:title'] || decodeAttribute(titleTag.replace(/<[^>]*>/g, ' ')), 300),
		description: squeeze(meta['og:description'] || meta.description || '', 1000)
	};
}

/**
 * The feeds a web page announces with `<link rel="alternate">` (RSS, Atom, RDF, JSON Feed), in page
 * order, resolved against the page's `<base href>` or its address; http(s) only, each once.
 * Comments and scripts are skipped; the page is untrusted and only its link tags are read.
 * @param {string} html
 * @param {string} pageUrl
 * @returns {DiscoveredFeed[]}
 */
export function discoverFeeds(html, pageUrl) {
	const page = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');
	let base = pageUrl;
	const baseTag = /<base\b[^>]*>/i.exec(page);
	if (baseTag) {
		const href = attributesOf(baseTag[0]).href;
		if (href) {
			try {
				base = new URL(href, pageUrl).href;
			} catch {
				// a broken <base> is ignored, as browsers do
			}
		}
	}
	/** @type {DiscoveredFeed[]} */
	const feeds = [];
	const seen = new Set();
	for (const [tag] of page.matchAll(/<link\b[^>]*>/gi)) {
		const { rel = '', type = '', href = '', title = '' } = attributesOf(tag);
		if (!rel.toLowerCase().split(/\s+/).includes('alternate')) continue;
		const format =
			FEED_TYPES[/** @type {keyof typeof FEED_TYPES} */ (type.trim().toLowerCase().split(';')[0])];
		if (!format || !href.trim()) continue;
		let url;
		try {
			url = new URL(href.trim(), base);
		} catch {
			continue;
		}
		if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
			continue;
		url.hash = '';
		if (seen.has(url.href)) continue;
		seen.add(url.href);
		feeds.push({ url: url.href, title: title.trim().replace(/\s+/g, ' ').slice(0, 200), format });
		if (feeds.length === MAX_DISCOVERED) break;
	}
	return feeds;
}
