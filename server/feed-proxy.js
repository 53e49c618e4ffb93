// @ts-check
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { PassThrough } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { isBlockedAddress, isLocalName } from './address-policy.js';
import { looksLikeFeed, looksLikeJsonFeed } from '../src/core/feed-root.js';
import { decodeFeed } from '../src/core/charset.js';
import { describePage, discoverFeeds } from '../src/core/feed-discovery.js';

export const PROXY_LIMITS = {
	maxBytes: 8 * 1024 * 1024,
	connectTimeoutMs: 10_000,
	totalTimeoutMs: 20_000,
	maxRedirects: 5
};

const USER_AGENT = 'Lindy/0.1 (local-first feed reader; +https://github.com/lindy-app/lindy)';
const ACCEPT =
	'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const FORWARDED_REQUEST_HEADERS = ['if-none-match', 'if-modified-since'];
const PASSED_RESPONSE_HEADERS = ['etag', 'last-modified', 'cache-control', 'retry-after'];

/** A refusal with a stable code, an HTTP status and a sentence for the user. */
export class ProxyError extends Error {
	/**
	 * @param {'bad_url' | 'blocked_address' | 'too_large' | 'timeout' | 'upstream_status' | 'not_a_feed' | 'fetch_failed'} code
	 * @param {number} status
	 * @param {string} message
	 */
	constructor(code, status, message) {
		super(message);
		this.code = code;
		this.status = status;
	}
}

/**
 * @typedef {object} ProxyOptions
 * @property {boolean} [allowPrivate] lift the private-network block (LINDY_ALLOW_PRIVATE_NETWORKS=1)
 * @property {string[]} [allowAddresses] exact addresses allowed despite the block (tests only)
 * @property {Partial<typeof PROXY_LIMITS>} [limits]
 */

/**
 * @param {string} raw
 * @returns {URL}
 */
function parseFeedUrl(raw) {
	if (raw.length > 2048) throw new ProxyError('bad_url', 400, 'That address is too long.');
	let url;
	try {
		url = new URL(raw);
	} catch {
		throw new ProxyError('bad_url', 400, 'That is not a web address.');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ProxyError(
			'bad_url',
			400,
			`Only http and https feeds can be fetched, not ${url.protocol}`
		);
	}
	if (url.username || url.password) {
		throw new ProxyError(
			'bad_url',
			400,
			'Feed addresses with a user name or password are not supported.'
		);
	}
	url.hash = '';
	return url;
}

/** The proxy's two addresses. */
export const PROXY_PATHS = ['/api/feed', '/api/discover'];

/**
 * The handler of GET /api/feed (a feed, as UTF-8) and GET /api/discover (the feeds a web page
 * announces, as JSON; or the address itself, when it is a feed). Both fetch under the same address
 * policy and limits.
 * @param {ProxyOptions} [options]
 */
export function createFeedProxy(options = {}) {
	const limits = { ...PROXY_LIMITS, ...options.limits };
	const allowed = new Set(options.allowAddresses ?? []);
	/** @param {string} address */
	const refused = (address) =>
		!options.allowPrivate &&
		!allowed.has(address.replace(/^\[|\]$/g, '')) &&
		isBlockedAddress(address);

	/** @type {import('node:net').LookupFunction} */
	const guardedLookup = (hostname, lookupOptions, callback) => {
		dnsLookup(hostname, { all: true, family: lookupOptions.family ?? 0 }, (error, addresses) => {
			if (error) return callback(error, '', 4);
			const usable = addresses.filter((a) => !refused(a.address));
			const [first] = usable;
			if (!first) {
				const blocked = Object.assign(new Error(`${hostname} resolves to a private address`), {
					code: 'LINDY_BLOCKED'
				});
				return callback(blocked, '', 4);
			}
			if (lookupOptions.all) return /** @type {any} */ (callback)(null, usable);
			callback(null, first.address, first.family);
		});
	};

	/**
	 * One HTTP exchange, no redirects followed.
	 * @param {URL} url
	 * @param {Record<string, string>} headers
	 * @param {AbortSignal} signal
	 * @returns {Promise<import('node:http').IncomingMessage>}
	 */
	function exchange(url, headers, signal) {
		const host = url.hostname.replace(/^\[|\]$/g, '');
		if ((isIP(host) && refused(host)) || (!options.allowPrivate && isLocalName(host))) {
			return Promise.reject(
				new ProxyError(
					'blocked_address',
					403,
					`Lindy does not fetch from private or local addresses (${host}).`
				)
			);
		}
		const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
		return new Promise((resolve, reject) => {
			const req = send(url, {
				method: 'GET',
				headers,
				lookup: guardedLookup,
				signal,
				agent: false
			});
			const connectTimer = setTimeout(() => {
				req.destroy(
					new ProxyError('timeout', 504, 'The feed’s server did not accept a connection in time.')
				);
			}, limits.connectTimeoutMs);
			req.on('socket', (socket) => {
				socket.once('connect', () => {
					clearTimeout(connectTimer);
					// Whatever path the address came by, check what was actually connected to.
					if (socket.remoteAddress && refused(socket.remoteAddress)) {
						req.destroy(
							new ProxyError(
								'blocked_address',
								403,
								'Lindy does not fetch from private or local addresses.'
							)
						);
					}
				});
			});
			req.on('response', (res) => {
				clearTimeout(connectTimer);
				resolve(res);
			});
			req.on('error', (error) => {
				clearTimeout(connectTimer);
				reject(error);
			});
			req.end();
		});
	}

	/**
	 * Reads a body, decompressed, refusing it past the size cap.
	 * @param {import('node:http').IncomingMessage} res
	 * @returns {Promise<Buffer>}
	 */
	function readBody(res) {
		const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
		/** @type {NodeJS.ReadableStream} */
		let stream = res;
		if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
		else if (encoding === 'deflate') stream = inflateEitherForm(res);
		else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
		const declared = Number(res.headers['content-length']);
		if (!encoding && declared > limits.maxBytes) {
			res.destroy();
			return Promise.reject(tooLarge());
		}
		return new Promise((resolve, reject) => {
			/** @type {Buffer[]} */
			const chunks = [];
			let size = 0;
			stream.on('data', (/** @type {Buffer} */ chunk) => {
				size += chunk.length;
				if (size > limits.maxBytes) {
					res.destroy();
					reject(tooLarge());
					return;
				}
				chunks.push(chunk);
			});
			stream.on('end', () => resolve(Buffer.concat(chunks)));
			stream.on('error', (error) =>
				reject(
					error instanceof ProxyError
						? error
						: new ProxyError('fetch_failed', 502, `The feed could not be read: ${error.message}`)
				)
			);
			res.on('error', reject);
		});
	}

	function tooLarge() {
		const mib = Math.round(limits.maxBytes / 1024 / 1024);
		return new ProxyError(
			'too_large',
			413,
			`The feed is larger than ${mib} MiB, so Lindy did not load it.`
		);
	}

	/**
	 * Fetches a feed, following up to maxRedirects redirects, each hop checked again.
	 * @param {string} rawUrl
	 * @param {import('node:http').IncomingHttpHeaders} incoming
	 */
	async function fetchFeed(rawUrl, incoming) {
		let url = parseFeedUrl(rawUrl);
		/** @type {Record<string, string>} */
		const headers = {
			'user-agent': USER_AGENT,
			accept: ACCEPT,
			'accept-encoding': 'gzip, deflate, br'
		};
		for (const name of FORWARDED_REQUEST_HEADERS) {
			const value = incoming[name];
			if (typeof value === 'string') headers[name] = value;
		}
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), limits.totalTimeoutMs);
		try {
			for (let hop = 0; ; hop++) {
				const res = await exchange(url, headers, controller.signal);
				const status = res.statusCode ?? 0;
				const location = res.headers.location;
				if ([301, 302, 303, 307, 308].includes(status) && location) {
					res.resume();
					if (hop >= limits.maxRedirects) {
						throw new ProxyError(
							'upstream_status',
							502,
							`The feed redirected more than ${limits.maxRedirects} times.`
						);
					}
					url = parseFeedUrl(new URL(location, url).href);
					continue;
				}
				if (status === 304 || status === 429) {
					res.resume();
					return { status, url, res, body: undefined };
				}
				if (status < 200 || status > 299) {
					res.resume();
					throw Object.assign(
						new ProxyError('upstream_status', 502, `The feed’s server answered ${status}.`),
						{ upstreamStatus: status }
					);
				}
				const body = await readBody(res);
				return { status, url, res, body };
			}
		} catch (error) {
			throw classify(error, controller.signal.aborted, limits.totalTimeoutMs);
		} finally {
			clearTimeout(timer);
		}
	}

	/**
	 * Answers what feeds an address offers: itself, when it is a feed; else those its page
	 * announces, with the page's own title and description (for a shared link). Only these leave
	 * the server, never the page.
	 * @param {string} target
	 * @param {import('node:http').ServerResponse} res
	 */
	async function discover(target, res) {
		const result = await fetchFeed(target, {});
		if (!result.body) {
			throw new ProxyError(
				'upstream_status',
				502,
				`The site answered ${result.status}; try again later.`
			);
		}
		const { text } = decodeFeed(result.body, result.res.headers['content-type']);
		const isFeed = looksLikeFeed(text);
		const feeds = isFeed
			? [
					{
						url: result.url.href,
						title: '',
						format: looksLikeJsonFeed(text) ? 'JSON Feed' : 'RSS, Atom or RDF'
					}
				]
			: discoverFeeds(text, result.url.href);
		const page = isFeed ? { title: '', description: '' } : describePage(text);
		res.writeHead(200, {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		});
		res.end(JSON.stringify({ isFeed, feeds, page }));
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	return async function handleFeedRequest(req, res) {
		if (req.method !== 'GET') {
			sendError(res, new ProxyError('bad_url', 405, 'Use GET.'));
			return;
		}
		const requested = new URL(req.url ?? '/', 'http://localhost');
		const target = requested.searchParams.get('url');
		try {
			if (!target) throw new ProxyError('bad_url', 400, 'Add the feed address as ?url=…');
			if (requested.pathname === '/api/discover') {
				await discover(target, res);
				return;
			}
			const result = await fetchFeed(target, req.headers);
			/** @type {Record<string, string>} */
			const out = { 'x-lindy-final-url': result.url.href, 'x-content-type-options': 'nosniff' };
			for (const name of PASSED_RESPONSE_HEADERS) {
				const value = result.res.headers[name];
				if (typeof value === 'string') out[name] = value;
			}
			if (!result.body) {
				res.writeHead(result.status, out);
				res.end();
				return;
			}
			const { text } = decodeFeed(result.body, result.res.headers['content-type']);
			if (!looksLikeFeed(text)) {
				throw new ProxyError(
					'not_a_feed',
					422,
					'That address answered with a page, not an RSS, Atom or JSON feed.'
				);
			}
			const type = looksLikeJsonFeed(text) ? 'application/feed+json' : 'application/xml';
			res.writeHead(200, { ...out, 'content-type': `${type}; charset=utf-8` });
			res.end(text);
		} catch (error) {
			sendError(res, classify(error, false, limits.totalTimeoutMs));
		}
	};
}

/**
 * HTTP's "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: the first two
 * bytes tell which (a zlib header is a multiple of 31 with compression method 8).
 * @param {import('node:http').IncomingMessage} res
 * @returns {NodeJS.ReadableStream}
 */
function inflateEitherForm(res) {
	const out = new PassThrough();
	let started = false;
	res.once('data', (/** @type {Buffer} */ first) => {
		started = true;
		res.pause();
		const [cmf = 0, flg = 0] = first;
		const wrapped = first.length >= 2 && (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
		const inflate = wrapped ? createInflate() : createInflateRaw();
		inflate.on('error', (error) => out.destroy(error));
		inflate.pipe(out);
		inflate.write(first);
		res.pipe(inflate);
		res.resume();
	});
	res.once('end', () => {
		if (!started) out.end();
	});
	res.once('error', (error) => out.destroy(error));
	return out;
}

/**
 * @param {unknown} error
 * @param {boolean} timedOut
 * @param {number} totalTimeoutMs
 * @returns {ProxyError}
 */
function classify(error, timedOut, totalTimeoutMs) {
	if (error instanceof ProxyError) return error;
	const e = /** @type {{ code?: string, name?: string, message?: string, cause?: unknown }} */ (
		error
	);
	if (e.cause instanceof ProxyError) return e.cause;
	if (timedOut || e.name === 'AbortError') {
		const seconds = Math.round(totalTimeoutMs / 1000);
		return new ProxyError(
			'timeout',
			504,
			`The feed took longer than ${seconds} s, so Lindy gave up.`
		);
	}
	if (e.code === 'LINDY_BLOCKED') {
		return new ProxyError(
			'blocked_address',
			403,
			'Lindy does not fetch from private or local addresses.'
		);
	}
	if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
		return new ProxyError('fetch_failed', 502, 'That feed’s server name could not be found.');
	}
	return new ProxyError(
		'fetch_failed',
		502,
		`The feed could not be fetched (${e.code ?? e.message ?? 'network error'}).`
	);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {ProxyError} error
 */
function sendError(res, error) {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	res.writeHead(error.status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store'
	});
	res.end(JSON.stringify({ error: error.code, message: error.message }));
}
