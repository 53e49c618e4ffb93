/** Small pure helpers for feed text: hashing, tag stripping, entity decoding, word counts. */

/** FNV-1a, 53 bits, as base-36: a stable id from text, without crypto. */
export function hashText(text: string): string {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995);
	}
	return ((h2 >>> 0) * 2 ** 21 + ((h1 >>> 0) & 0x1fffff)).toString(36);
}

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	mdash: '—',
	ndash: '–',
	hellip: '…',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	copy: '©',
	reg: '®',
	trade: '™'
};

/** Decodes numeric entities and the common named ones; unknown names stay as written. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
			return Number.isInteger(code) && code > 0 && code <= 0x10ffff
				? String.fromCodePoint(code)
				: whole;
		}
		return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
	});
}

/** HTML elements whose tags are removed from titles and summaries; other `<words>` stay as text. */
const HTML_TAGS =
	'a|abbr|acronym|address|article|aside|audio|b|base|bdi|bdo|big|blockquote|body|br|button|canvas|caption|center|cite|code|col|colgroup|data|dd|del|details|dfn|dialog|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|frame|frameset|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|mark|marquee|math|menu|meta|meter|nav|object|ol|optgroup|option|output|p|param|picture|pre|progress|q|rp|rt|ruby|s|samp|section|select|small|source|span|strike|strong|sub|summary|sup|svg|table|tbody|td|textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr|circle|path|g|rect|line|polygon|use|mi|mo|mn|mrow';
const TAG = new RegExp(`<\\/?(?:${HTML_TAGS})(?:[\\s/][^>]*)?>`, 'gi');
const BLOCK = /<\/?(p|div|br|li|h[1-6]|tr|blockquote|section|article)(?:[\s/][^>]*)?>/gi;

/**
 * Plain text out of feed HTML, for titles, summaries and scoring. Never used to render: rendered
 * HTML goes through DOMPurify. Things that only look like tags ("List<String>") are kept.
 */
export function htmlToText(html: string): string {
	const withoutHidden = html
		.replace(/<(script|style|noscript|template)[\s\S]*?<\/\1\s*>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ');
	const text = withoutHidden.replace(BLOCK, ' ').replace(TAG, '');
	return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

export function countWords(text: string): number {
	const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
	return words ? words.length : 0;
}

/** Shortens text at a word boundary. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
