/**
 * Feed HTML to plain text. Apart from text.ts because HTML's entity table is large: only the
 * reading side needs it, never the board.
 */
import { decodeHTML } from 'entities/decode';

/** Text made safe to place inside HTML. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
	// Every HTML entity, named (all of HTML's: `&eacute;`, `&rarr;`, `&euro;`) or numeric.
	return decodeHTML(text).replace(/\s+/g, ' ').trim();
}
