import { describe, expect, it } from 'vitest';
import { decodeFeed, detectCharset } from './charset.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('feed charset decoding', () => {
	it('takes the charset from the Content-Type header first', () => {
		const body = latin1('<?xml version="1.0" encoding="utf-8"?><rss><t>caf\xe9</t></rss>');
		const { text, charset } = decodeFeed(body, 'application/rss+xml; charset=ISO-8859-1');
		expect(charset).toBe('iso-8859-1');
		expect(text).toContain('<t>café</t>');
		expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
	});

	it('falls back to the XML prolog', () => {
		const body = latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>na\xefve</t></rss>');
		expect(decodeFeed(body, 'text/xml').text).toContain('<t>naïve</t>');
	});

	it('lets a byte-order mark win over the header and the prolog', () => {
		const body = Buffer.concat([
			Buffer.from([0xef, 0xbb, 0xbf]),
			Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>café</t></rss>')
		]);
		const { text, charset } = decodeFeed(body, 'application/rss+xml; charset=ISO-8859-1');
		expect(charset).toBe('utf-8');
		expect(text).toContain('<t>café</t>');
	});

	it('reads a byte-order mark without a header or prolog', () => {
		const utf16 = Buffer.concat([
			Buffer.from([0xff, 0xfe]),
			Buffer.from('<rss><t>ünïcode</t></rss>', 'utf16le')
		]);
		expect(detectCharset(utf16, undefined)).toBe('utf-16le');
		expect(decodeFeed(utf16, undefined).text).toBe('<rss><t>ünïcode</t></rss>');
		const utf8bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss/>')]);
		expect(decodeFeed(utf8bom, undefined).text).toBe('<rss/>');
	});

	it('defaults to UTF-8 and survives unknown charsets', () => {
		const body = Buffer.from('<rss><t>日本語</t></rss>');
		expect(decodeFeed(body, 'text/xml').text).toContain('日本語');
		expect(decodeFeed(body, 'text/xml; charset=x-made-up').charset).toBe('utf-8');
	});

	it('decodes windows-1252 smart quotes', () => {
		const body = Buffer.from([0x3c, 0x74, 0x3e, 0x93, 0x68, 0x69, 0x94, 0x3c, 0x2f, 0x74, 0x3e]);
		expect(decodeFeed(body, 'text/xml; charset=windows-1252').text).toBe('<t>“hi”</t>');
	});
});
