// @ts-check
// Plain JavaScript so that both the browser (imported feed files) and the Node server (the feed
// proxy) decode feeds the same way.

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Labels the Encoding Standard maps to windows-1252 (ISO-8859-1 included). */
const WINDOWS_1252_LABELS = new Set([
	'ansi_x3.4-1968',
	'ascii',
	'cp1252',
	'cp819',
	'csisolatin1',
	'ibm819',
	'iso-8859-1',
	'iso-ir-100',
	'iso8859-1',
	'iso88591',
	'iso_8859-1',
	'iso_8859-1:1987',
	'l1',
	'latin1',
	'us-ascii',
	'windows-1252',
	'x-cp1252'
]);

/** Windows-1252's characters for bytes 0x80–0x9F (the rest match Latin-1). */
const CP1252_HIGH =
	'\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
	'\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Node 20's TextDecoder decodes windows-1252 as plain Latin-1, turning curly quotes into control
 * characters, so this one is decoded here.
 * @param {Uint8Array} body
 */
function decodeWindows1252(body) {
	let out = '';
	for (let i = 0; i < body.length; i += 8192) {
		const chunk = body.subarray(i, i + 8192);
		out += String.fromCharCode(
			...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b))
		);
	}
	return out;
}

/**
 * The character set of a feed body: a byte-order mark wins (as the WHATWG Encoding Standard
 * says), then the Content-Type header's charset, then the XML prolog's encoding, else UTF-8.
 * @param {Uint8Array} body
 * @param {string | undefined} contentType
 */
export function detectCharset(body, contentType) {
	if (UTF8_BOM.every((b, i) => body[i] === b)) return 'utf-8';
	if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
	if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
	const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
	if (fromHeader) return fromHeader.toLowerCase();
	const head = String.fromCharCode(...body.subarray(0, 1024));
	const fromProlog =
		/^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
	if (fromProlog) return fromProlog.toLowerCase();
	return 'utf-8';
}

/**
 * Decodes a feed body to a JavaScript string and rewrites its XML prolog to say UTF-8, so that
 * a parser downstream does not try to decode it a second time. Unknown charsets fall back to UTF-8.
 * @param {Uint8Array} body
 * @param {string | undefined} contentType
 */
export function decodeFeed(body, contentType) {
	let charset = detectCharset(body, contentType);
	let text;
	if (WINDOWS_1252_LABELS.has(charset)) {
		text = decodeWindows1252(body);
	} else {
		/** @type {TextDecoder} */
		let decoder;
		try {
			decoder = new TextDecoder(charset);
		} catch {
			charset = 'utf-8';
			decoder = new TextDecoder('utf-8');
		}
		text = decoder.decode(body).replace(/^\uFEFF/, '');
	}
	return {
		charset,
		text: text.replace(/^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[\w.:-]+(["'])/i, '$1UTF-8$2')
	};
}
