// @ts-check
// Plain JavaScript so that both the browser code and the Node server can use it.

/**
 * Whether text is a feed Lindy reads: an RSS, Atom or RDF root element (after any prolog, comments
 * and doctype), or a JSON Feed.
 * @param {string} text
 */
export function looksLikeFeed(text) {
	return looksLikeJsonFeed(text) || looksLikeXmlFeed(text);
}

/**
 * A JSON object whose `version` names JSON Feed (1.0 or 1.1).
 * @param {string} text
 */
export function looksLikeJsonFeed(text) {
	const body = text.replace(/^\uFEFF/, '').trimStart();
	if (!body.startsWith('{')) return false;
	try {
		const version = JSON.parse(body)?.version;
		return (
			typeof version === 'string' && /^https?:\/\/jsonfeed\.org\/version\/1(\.1)?\/?$/.test(version)
		);
	} catch {
		return false;
	}
}

/** @param {string} text */
function looksLikeXmlFeed(text) {
	const body = text
		.replace(/^\uFEFF/, '')
		.replace(/^(\s*(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>))*/i, '')
		.trimStart();
	const root = /^<([\w.-]+:)?([\w.-]+)/.exec(body)?.[2]?.toLowerCase();
	return root === 'rss' || root === 'feed' || root === 'rdf';
}
