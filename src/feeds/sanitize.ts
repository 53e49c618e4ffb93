import DOMPurify from 'dompurify';
import { escapeHtml, htmlToText } from '../core/html-text';

export interface SanitizeOptions {
	/** Remote images track the reader and fail offline, so they are off unless the feed allows them. */
	showImages: boolean;
	/** The address relative links and images resolve against (xml:base, item link or feed). */
	base?: string | undefined;
}

const FORBID_TAGS = [
	'style',
	'script',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'form',
	'input',
	'button',
	'textarea',
	'select',
	'option',
	'base',
	'meta',
	'link',
	'svg',
	'math',
	'audio',
	'video',
	'source',
	'track',
	'picture',
	'noscript',
	'template'
];
const FORBID_ATTR = [
	'style',
	'srcdoc',
	'formaction',
	'srcset',
	'background',
	'ping',
	'class',
	'id'
];
const SAFE_URL = /^(?:https?:|#)/i;

/** An address resolved against a base; anything unparsable is left for the URL check to drop. */
function resolve(value: string, base: string): string {
	const trimmed = value.trim();
	if (trimmed === '' || trimmed.startsWith('#')) return value;
	try {
		return new URL(trimmed, base).href;
	} catch {
		return value;
	}
}

let hooked = false;
let current: SanitizeOptions = { showImages: false };

function installHooks() {
	if (hooked) return;
	hooked = true;
	DOMPurify.addHook('uponSanitizeElement', (node, data) => {
		if (data.tagName === 'img' && !current.showImages) node.parentNode?.removeChild(node);
	});
	// Relative addresses become absolute before the URL check, so they are kept, not emptied.
	DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
		if ((data.attrName === 'href' || data.attrName === 'src') && current.base)
			data.attrValue = resolve(data.attrValue, current.base);
	});
	DOMPurify.addHook('afterSanitizeAttributes', (node) => {
		const el = node as Element;
		for (const attr of ['href', 'src']) {
			const value = el.getAttribute?.(attr);
			if (value !== null && value !== undefined && !SAFE_URL.test(value.trim()))
				el.removeAttribute(attr);
		}
		if (el.tagName === 'A') {
			el.setAttribute('target', '_blank');
			el.setAttribute('rel', 'noopener noreferrer');
		}
		if (el.tagName === 'IMG') {
			el.setAttribute('loading', 'lazy');
			el.setAttribute('referrerpolicy', 'no-referrer');
		}
	});
}

/**
 * Chromium reports CSP violations while DOMPurify parses some payloads in its inert document (an
 * SVG's onload is attempted, a <base> tries to set the base URI): blocked, but noisy. Those parts
 * are cut before parsing. This is not the sanitiser — DOMPurify is — only quiet for the console.
 */
function preStrip(html: string): string {
	let out = html
		.replace(/<(svg|math)[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<\/?(svg|math|base|meta)\b[^>]*>/gi, '');
	const handler = /(<[^>]*?)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
	for (let previous = ''; previous !== out;) {
		previous = out;
		out = out.replace(handler, '$1');
	}
	return out;
}

/**
 * Feed HTML made safe to show: no scripts, event handlers, frames, forms, styles or non-http(s)
 * URLs; links open in a new tab without a referrer; images only when the feed allows them.
 */
export function sanitizeFeedHtml(html: string, options: SanitizeOptions): string {
	// Without a DOM it can trust, DOMPurify hands its input back unchanged: show text instead.
	if (!DOMPurify.isSupported) return escapeHtml(htmlToText(html));
	installHooks();
	current = options;
	return DOMPurify.sanitize(preStrip(html), {
		FORBID_TAGS,
		FORBID_ATTR,
		ALLOW_DATA_ATTR: false,
		ALLOW_ARIA_ATTR: false,
		ALLOWED_URI_REGEXP: SAFE_URL,
		ADD_ATTR: ['target']
	});
}
