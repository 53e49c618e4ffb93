import type { Feed } from '../core/feed';
import { safeLink } from '../core/links';

export interface OpmlFeed {
	title: string;
	url: string;
}

/** An OPML file that cannot be used, with a sentence that says why. */
export class OpmlError extends Error {
	override name = 'OpmlError';
}

/** Reads every feed outline, however deeply nested in folders; duplicates are dropped. */
export function parseOpml(text: string): OpmlFeed[] {
	const doc = new DOMParser().parseFromString(text, 'application/xml');
	if (doc.getElementsByTagName('parsererror').length > 0) {
		throw new OpmlError('This file is not valid XML, so it cannot be an OPML subscription list.');
	}
	if (doc.documentElement.nodeName.toLowerCase() !== 'opml') {
		throw new OpmlError('This is an XML file, but not an OPML subscription list.');
	}
	const feeds: OpmlFeed[] = [];
	const seen = new Set<string>();
	for (const outline of Array.from(doc.getElementsByTagName('outline'))) {
		const url = safeLink(outline.getAttribute('xmlUrl') ?? outline.getAttribute('xmlurl') ?? '');
		if (!url || seen.has(url)) continue;
		seen.add(url);
		const title = (outline.getAttribute('title') ?? outline.getAttribute('text') ?? '').trim();
		feeds.push({ title: title || new URL(url).hostname, url });
	}
	if (feeds.length === 0) throw new OpmlError('This OPML file lists no feeds.');
	return feeds;
}

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The subscriptions as an OPML 2.0 file that other feed readers can import. */
export function exportOpml(feeds: readonly Pick<Feed, 'title' | 'url'>[], now: number): string {
	const outlines = feeds
		.filter((f) => /^https?:/.test(f.url))
		.map(
			(f) =>
				`    <outline type="rss" text="${escapeXml(f.title)}" title="${escapeXml(f.title)}" xmlUrl="${escapeXml(f.url)}"/>`
		)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Lindy subscriptions</title>
    <dateCreated>${new Date(now).toUTCString()}</dateCreated>
  </head>
  <body>
${outlines}
  </body>
</opml>
`;
}
