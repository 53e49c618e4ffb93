import { LIMITS } from './limits';

/**
 * Query parameters that only track the reader (newsletters, ad clicks, share links); removed to
 * compare links. Parameters that can change the page, such as `ref`, `source` or `id`, stay.
 */
const TRACKING =
	/^(utm_[a-z0-9_]+|ck_subscriber_id|mkt_tok|_ga|_gl|si|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|ref_src|s_cid|igshid|yclid)$/i;

/**
 * An absolute http(s) link, resolved against the feed's address, short enough to store; undefined
 * for anything else (`javascript:`, `data:`, `mailto:`, junk, past LIMITS.url).
 */
export function safeLink(raw: unknown, base?: string): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const trimmed = raw.trim();
	if (trimmed === '') return undefined;
	let url: URL;
	try {
		url = base ? new URL(trimmed, base) : new URL(trimmed);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	if (url.username || url.password) return undefined;
	return url.href.length <= LIMITS.url ? url.href : undefined;
}

/**
 * The same link as Lindy compares it: https, no `www.`, no fragment, no trailing slash, no tracking
 * parameters, the rest sorted by name (their order never changes the page).
 */
export function canonicalUrl(link: string): string {
	const url = new URL(link);
	for (const key of [...url.searchParams.keys()])
		if (TRACKING.test(key)) url.searchParams.delete(key);
	url.searchParams.sort();
	url.hash = '';
	url.hostname = url.hostname.replace(/^www\./, '');
	url.protocol = 'https:';
	let href = url.href;
	if (url.search === '' && href.endsWith('/') && url.pathname !== '/') href = href.slice(0, -1);
	return href;
}

/**
 * What makes two feed addresses the same subscription: `http` and `https`, `www.`, a trailing
 * slash and tracking parameters do not. Undefined for anything that is not an http(s) address.
 */
export function feedKey(address: string): string | undefined {
	const link = safeLink(address);
	return link ? canonicalUrl(link) : undefined;
}

/** A title reduced to its words, for spotting the same story under two feeds. */
export function titleKey(title: string): string {
	return title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}
