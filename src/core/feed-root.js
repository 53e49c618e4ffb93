// @ts-check
// Plain JavaScript so that both the browser code and the Node server can use it.

/**
 * Whether text's root element is an RSS, Atom or RDF feed (after any prolog, comments and doctype).
 * @param {string} text
 */
export function looksLikeFeed(text) {
	const body = text
		.replace(/^\uFEFF/, '')
		.replace(/^(\s*(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>))*/i, '')
		.trimStart();
	const root = /^<([\w.-]+:)?([\w.-]+)/.exec(body)?.[2]?.toLowerCase();
	return root === 'rss' || root === 'feed' || root === 'rdf';
}
