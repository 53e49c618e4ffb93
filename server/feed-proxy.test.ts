import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from './app.js';
import { looksLikeFeed } from '../src/core/feed-root.js';
import { isBlockedAddress } from './address-policy.js';

const RSS =
	'<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title></channel></rss>';

const RSS_CAFE =
	'<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Café</title></channel></rss>';

const JSON_FEED = JSON.stringify({
	version: 'https://jsonfeed.org/version/1.1',
	title: 'JSON fixture',
	items: [{ id: '1', url: 'https://example.com/1', content_text: 'Hello' }]
});

/** The last request headers each fixture path saw. */
const seen = new Map<string, IncomingHttpHeaders>();
let fixture: Server;
let fixturePort: number;
let proxy: Server;
let proxyBase: string;
let openProxy: Server;
let openProxyBase: string;
let root: string;

/** Fixture on 127.0.0.2: the one address the proxy under test is told to allow. */
const allowed = (path: string) => `http://127.0.0.2:${fixturePort}${path}`;

async function listen(server: Server, host = '127.0.0.1'): Promise<number> {
	await new Promise<void>((done) => server.listen(0, host, done));
	return (server.address() as AddressInfo).port;
}

async function viaProxy(
	target: string,
	headers: Record<string, string> = {},
	base = proxyBase,
	endpoint: 'feed' | 'discover' = 'feed'
) {
	const res = await fetch(`${base}/api/${endpoint}?url=${encodeURIComponent(target)}`, {
		headers
	});
	const text = await res.text();
	let json: { error?: string; message?: string; isFeed?: boolean; feeds?: unknown[] } = {};
	try {
		json = JSON.parse(text);
	} catch {
		// a feed body, not JSON
	}
	return { res, text, json };
}

beforeAll(async () => {
	fixture = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0]!;
		seen.set(path, req.headers);
		switch (path) {
			case '/feed.xml':
				if (req.headers['if-none-match'] === '"v1"') {
					res.writeHead(304, { etag: '"v1"' });
					res.end();
					return;
				}
				res.writeHead(200, {
					'content-type': 'application/rss+xml',
					etag: '"v1"',
					'last-modified': 'Fri, 27 Nov 2026 08:00:00 GMT',
					'cache-control': 'max-age=600',
					'set-cookie': 'tracker=1'
				});
				res.end(RSS);
				return;
			case '/latin1.xml':
				res.writeHead(200, { 'content-type': 'text/xml; charset=ISO-8859-1' });
				res.end(
					Buffer.from('<rss><channel><title>Caf\xe9 na\xefve</title></channel></rss>', 'latin1')
				);
				return;
			case '/gzip.xml':
				res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
				res.end(gzipSync(RSS));
				return;
			case '/deflate.xml':
				res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'deflate' });
				res.end(deflateSync(RSS));
				return;
			case '/deflate-raw.xml':
				res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'deflate' });
				res.end(deflateRawSync(RSS));
				return;
			case '/bom.xml':
				res.writeHead(200, { 'content-type': 'application/xml; charset=ISO-8859-1' });
				res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RSS_CAFE)]));
				return;
			case '/doctype.xml':
				res.writeHead(200, { 'content-type': 'application/xml' });
				res.end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY d "&#8212;">]>${RSS.slice(21)}`);
				return;
			case '/huge.xml':
				res.writeHead(200, { 'content-type': 'application/xml' });
				res.end(Buffer.alloc(9 * 1024 * 1024, 'a'));
				return;
			case '/bomb.xml':
				res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
				res.end(gzipSync(Buffer.alloc(20 * 1024 * 1024, 0)));
				return;
			case '/slow.xml':
				return; // never answers
			case '/limited.xml':
				res.writeHead(429, { 'retry-after': '120' });
				res.end('slow down');
				return;
			case '/broken.xml':
				res.writeHead(500);
				res.end('oops');
				return;
			case '/feed.json':
				res.writeHead(200, { 'content-type': 'application/feed+json' });
				res.end(JSON_FEED);
				return;
			case '/site/':
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
				res.end(
					'<!doctype html><head><title>Site</title>' +
						'<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">' +
						'<link rel="alternate" type="application/feed+json" title="Posts (JSON)" href="../feed.json">' +
						'</head><body>Hello</body>'
				);
				return;
			case '/page.html':
				res.writeHead(200, { 'content-type': 'text/html' });
				res.end('<!doctype html><html><body>Not a feed</body></html>');
				return;
			case '/to-loopback':
				res.writeHead(302, { location: `http://127.0.0.1:${fixturePort}/feed.xml` });
				res.end();
				return;
			case '/to-allowed':
				res.writeHead(301, { location: '/feed.xml' });
				res.end();
				return;
			case '/to-file':
				res.writeHead(302, { location: 'file:///etc/passwd' });
				res.end();
				return;
			case '/loop':
				res.writeHead(302, { location: '/loop' });
				res.end();
				return;
			default:
				res.writeHead(404);
				res.end();
		}
	});
	fixturePort = await listen(fixture, '0.0.0.0');
	root = mkdtempSync(join(tmpdir(), 'lindy-proxy-'));
	writeFileSync(join(root, 'index.html'), '<!doctype html>');
	proxy = createAppServer({
		root,
		proxy: {
			allowAddresses: ['127.0.0.2'],
			limits: { totalTimeoutMs: 1500, connectTimeoutMs: 1000 }
		}
	});
	proxyBase = `http://127.0.0.1:${await listen(proxy)}`;
	openProxy = createAppServer({ root, proxy: { allowPrivate: true } });
	openProxyBase = `http://127.0.0.1:${await listen(openProxy)}`;
});

afterAll(async () => {
	for (const server of [fixture, proxy, openProxy]) {
		server.closeAllConnections();
		await new Promise((done) => server.close(done));
	}
	rmSync(root, { recursive: true, force: true });
});

describe('GET /api/feed', () => {
	it('returns the feed as UTF-8 with the upstream caching headers', async () => {
		const { res, text } = await viaProxy(allowed('/feed.xml'), {
			cookie: 'secret=1',
			referer: 'http://x/'
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
		expect(res.headers.get('etag')).toBe('"v1"');
		expect(res.headers.get('last-modified')).toBe('Fri, 27 Nov 2026 08:00:00 GMT');
		expect(res.headers.get('cache-control')).toBe('max-age=600');
		expect(res.headers.get('set-cookie')).toBeNull();
		expect(text).toBe(RSS);
	});

	it('sends a descriptive User-Agent and Accept, and no cookie or referrer', async () => {
		await viaProxy(allowed('/feed.xml'), {
			cookie: 'secret=1',
			referer: 'http://x/',
			'x-custom': '1'
		});
		const headers = seen.get('/feed.xml')!;
		expect(headers['user-agent']).toMatch(/^Lindy\//);
		expect(headers.accept).toContain('application/rss+xml');
		expect(headers.accept).toContain('application/atom+xml');
		expect(headers.accept).toContain('application/rdf+xml');
		expect(headers.cookie).toBeUndefined();
		expect(headers.referer).toBeUndefined();
		expect(headers['x-custom']).toBeUndefined();
	});

	it('passes 304 through when the browser sends back the ETag', async () => {
		const { res } = await viaProxy(allowed('/feed.xml'), { 'if-none-match': '"v1"' });
		expect(res.status).toBe(304);
		expect(seen.get('/feed.xml')!['if-none-match']).toBe('"v1"');
	});

	it('passes 429 through with Retry-After', async () => {
		const { res } = await viaProxy(allowed('/limited.xml'));
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('120');
	});

	it('decodes Latin-1 and gzip', async () => {
		expect((await viaProxy(allowed('/latin1.xml'))).text).toContain('Café naïve');
		expect((await viaProxy(allowed('/gzip.xml'))).text).toBe(RSS);
	});

	it('inflates deflate bodies with or without the zlib wrapper', async () => {
		expect((await viaProxy(allowed('/deflate.xml'))).text).toBe(RSS);
		expect((await viaProxy(allowed('/deflate-raw.xml'))).text).toBe(RSS);
	});

	it('lets a UTF-8 byte-order mark win over a Latin-1 header and prolog', async () => {
		expect((await viaProxy(allowed('/bom.xml'))).text).toContain('<title>Café</title>');
	});

	it('takes a feed whose DOCTYPE has an internal subset for a feed', async () => {
		const { res } = await viaProxy(allowed('/doctype.xml'));
		expect(res.status).toBe(200);
	});

	it('follows redirects to allowed addresses', async () => {
		const { res, text } = await viaProxy(allowed('/to-allowed'));
		expect(res.status).toBe(200);
		expect(text).toBe(RSS);
		expect(res.headers.get('x-lindy-final-url')).toBe(allowed('/feed.xml'));
	});

	it.each([
		['loopback', () => `http://127.0.0.1:${fixturePort}/feed.xml`],
		['10/8', () => 'http://10.0.0.1/feed.xml'],
		['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
		['IPv6 loopback', () => `http://[::1]:${fixturePort}/feed.xml`],
		['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${fixturePort}/feed.xml`],
		['octal IPv4', () => `http://0177.0.0.1:${fixturePort}/feed.xml`],
		['hex IPv4', () => `http://0x7f.1:${fixturePort}/feed.xml`],
		['decimal IPv4', () => `http://2130706433:${fixturePort}/feed.xml`],
		['a name resolving to loopback', () => `http://localhost:${fixturePort}/feed.xml`],
		['localhost with a trailing dot', () => `http://localhost.:${fixturePort}/feed.xml`],
		['a .localhost name', () => `http://feeds.localhost:${fixturePort}/feed.xml`],
		['IPv4-translated IPv6', () => `http://[::ffff:0:7f00:1]:${fixturePort}/feed.xml`],
		['IPv4-compatible IPv6', () => `http://[::127.0.0.1]:${fixturePort}/feed.xml`],
		['NAT64 of loopback', () => `http://[64:ff9b::7f00:1]:${fixturePort}/feed.xml`],
		['NAT64 of 10/8', () => 'http://[64:ff9b::a00:1]/feed.xml'],
		['6to4 of loopback', () => `http://[2002:7f00:1::1]:${fixturePort}/feed.xml`],
		['6to4 of 192.168/16', () => 'http://[2002:c0a8:101::1]/feed.xml'],
		['Teredo', () => 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/feed.xml'],
		['IPv6 unique local', () => 'http://[fd00::1]/feed.xml'],
		['IPv6 link-local', () => 'http://[fe80::1]/feed.xml'],
		['IPv6 documentation (3fff::/20)', () => 'http://[3fff::1]/feed.xml'],
		['IPv6 discard', () => 'http://[100::1]/feed.xml'],
		['IPv6 multicast', () => 'http://[ff02::1]/feed.xml'],
		['unspecified', () => `http://0.0.0.0:${fixturePort}/feed.xml`],
		['unspecified IPv6', () => `http://[::]:${fixturePort}/feed.xml`],
		['carrier-grade NAT', () => 'http://100.64.0.1/feed.xml'],
		['benchmarking', () => 'http://198.18.0.1/feed.xml'],
		['multicast', () => 'http://224.0.0.1/feed.xml'],
		['broadcast', () => 'http://255.255.255.255/feed.xml'],
		['a redirect to loopback', () => allowed('/to-loopback')]
	])('refuses %s as blocked_address', async (_name, target) => {
		const before = seen.get('/feed.xml');
		seen.delete('/feed.xml');
		const { res, json } = await viaProxy(target());
		expect(res.status).toBe(403);
		expect(json.error).toBe('blocked_address');
		expect(json.message).toMatch(/private or local/);
		expect(seen.has('/feed.xml')).toBe(false);
		if (before) seen.set('/feed.xml', before);
	});

	it.each([
		['file:', 'file:///etc/passwd'],
		['ftp:', 'ftp://example.com/feed.xml'],
		['javascript:', 'javascript:alert(1)'],
		['not a URL', 'feed.xml'],
		['credentials', 'http://user:pw@example.com/feed.xml']
	])('refuses %s as bad_url', async (_name, target) => {
		const { res, json } = await viaProxy(target);
		expect(res.status).toBe(400);
		expect(json.error).toBe('bad_url');
	});

	it('refuses a redirect to file:', async () => {
		const { json } = await viaProxy(allowed('/to-file'));
		expect(json.error).toBe('bad_url');
	});

	it('stops after 5 redirects', async () => {
		const { res, json } = await viaProxy(allowed('/loop'));
		expect(res.status).toBe(502);
		expect(json).toMatchObject({
			error: 'upstream_status',
			message: expect.stringMatching(/5 times/)
		});
	});

	it('refuses bodies over 8 MiB, compressed or not', async () => {
		for (const path of ['/huge.xml', '/bomb.xml']) {
			const { res, json } = await viaProxy(allowed(path));
			expect(res.status, path).toBe(413);
			expect(json.error, path).toBe('too_large');
		}
	});

	it('gives up on a server that never answers', async () => {
		const started = Date.now();
		const { res, json } = await viaProxy(allowed('/slow.xml'));
		expect(res.status).toBe(504);
		expect(json.error).toBe('timeout');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('passes a JSON Feed through as JSON', async () => {
		const { res, text } = await viaProxy(allowed('/feed.json'));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
		expect(text).toBe(JSON_FEED);
	});

	it('reports upstream errors and pages that are not feeds', async () => {
		const broken = await viaProxy(allowed('/broken.xml'));
		expect(broken.res.status).toBe(502);
		expect(broken.json).toMatchObject({
			error: 'upstream_status',
			message: expect.stringContaining('500')
		});
		const page = await viaProxy(allowed('/page.html'));
		expect(page.res.status).toBe(422);
		expect(page.json.error).toBe('not_a_feed');
	});

	it('asks for a url', async () => {
		const res = await fetch(`${proxyBase}/api/feed`);
		expect(res.status).toBe(400);
		expect((await res.json()).error).toBe('bad_url');
	});

	it('fetches from private networks only when allowed to', async () => {
		const { res, text } = await viaProxy(
			`http://127.0.0.1:${fixturePort}/feed.xml`,
			{},
			openProxyBase
		);
		expect(res.status).toBe(200);
		expect(text).toBe(RSS);
	});
});

describe('GET /api/discover', () => {
	it('lists the feeds a page announces, resolved against the address it was fetched from', async () => {
		const { res, json } = await viaProxy(allowed('/site/'), {}, proxyBase, 'discover');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(json).toEqual({
			isFeed: false,
			feeds: [
				{ url: allowed('/feed.xml'), title: 'Posts', format: 'RSS' },
				{ url: allowed('/feed.json'), title: 'Posts (JSON)', format: 'JSON Feed' }
			],
			page: { title: 'Site', description: '' }
		});
	});

	it('says so when the address is a feed itself, and finds nothing in a page without feeds', async () => {
		const feed = await viaProxy(allowed('/feed.xml'), {}, proxyBase, 'discover');
		expect(feed.json).toMatchObject({ isFeed: true, feeds: [{ url: allowed('/feed.xml') }] });
		const page = await viaProxy(allowed('/page.html'), {}, proxyBase, 'discover');
		expect(page.json).toEqual({ isFeed: false, feeds: [], page: { title: '', description: '' } });
	});

	it('keeps the address policy: no private addresses, no file: redirects', async () => {
		const blocked = await viaProxy(
			`http://127.0.0.1:${fixturePort}/site/`,
			{},
			proxyBase,
			'discover'
		);
		expect(blocked.res.status).toBe(403);
		expect(blocked.json.error).toBe('blocked_address');
		const file = await viaProxy(allowed('/to-file'), {}, proxyBase, 'discover');
		expect(file.res.status).toBe(400);
	});
});

describe('looksLikeFeed', () => {
	it('knows RSS, Atom and RDF roots after a prolog, comments and a doctype', () => {
		expect(looksLikeFeed('<?xml version="1.0"?>\n<!-- hi --><rss/>')).toBe(true);
		expect(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toBe(true);
		expect(looksLikeFeed('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"/>')).toBe(true);
		expect(looksLikeFeed('<!DOCTYPE rss [<!ENTITY d "&#8212;"><!ENTITY n "x">]><rss/>')).toBe(true);
		expect(looksLikeFeed('<!DOCTYPE html><html></html>')).toBe(false);
		expect(looksLikeFeed('{"items": []}')).toBe(false);
		expect(looksLikeFeed(JSON_FEED)).toBe(true);
		expect(looksLikeFeed('{"version": "https://jsonfeed.org/version/1.1"')).toBe(false);
	});
});

describe('isBlockedAddress', () => {
	it('judges every form that embeds an IPv4 address by that address', () => {
		expect(isBlockedAddress('::ffff:8.8.8.8')).toBe(false);
		expect(isBlockedAddress('64:ff9b::808:808')).toBe(false);
		expect(isBlockedAddress('2002:808:808::1')).toBe(false);
		expect(isBlockedAddress('2606:4700:4700::1111')).toBe(false);
		expect(isBlockedAddress('64:ff9b::a9fe:a9fe')).toBe(true);
		expect(isBlockedAddress('::ffff:0:a00:1')).toBe(true);
		expect(isBlockedAddress('not an address')).toBe(true);
	});
});
