// @ts-check
import { createServer } from 'node:http';
import { createFeedProxy, PROXY_PATHS } from './feed-proxy.js';
import { createRuns } from './runs.js';
import { serveStatic } from './static.js';
import { createSync } from './sync.js';

/** The app's Content-Security-Policy: no inline or evaluated script, no other origins. */
export const CONTENT_SECURITY_POLICY = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: https:",
	"connect-src 'self'",
	"manifest-src 'self'",
	"worker-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'"
].join('; ');

const SECURITY_HEADERS = {
	'Content-Security-Policy': CONTENT_SECURITY_POLICY,
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY'
};

/**
 * Answers a request whose handler failed unexpectedly with a plain 500, and logs why.
 * @param {import('node:http').ServerResponse} res
 * @param {string} part
 */
const internalError = (res, part) => (/** @type {unknown} */ error) => {
	console.error(`Lindy ${part} error:`, error);
	if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end('Internal error\n');
};

/** The names every Lindy server answers to. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'];

/**
 * The host name of a Host header, without its port and brackets; undefined when malformed.
 * @param {string | undefined} header
 */
export function hostName(header) {
	if (!header) return undefined;
	const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/.exec(header.trim());
	return m ? (m[1] ?? m[2] ?? '').toLowerCase() : undefined;
}

/**
 * Lindy's server: the built app from `root`, the feed proxy at /api/feed and /api/discover, run events under
 * /api/runs. Every request must name one of `allowedHosts` in its Host header — the defence
 * against DNS rebinding, by which a web page could otherwise reach this server as its own origin.
 * Sync between devices is under /api/sync (`sync.js`).
 * @param {{ root: string, proxy?: import('./feed-proxy.js').ProxyOptions, runs?: import('./runs.js').RunsOptions, sync?: import('./sync.js').SyncOptions, allowedHosts?: string[] }} options
 */
export function createAppServer({
	root,
	proxy = {},
	runs: runsOptions,
	sync: syncOptions,
	allowedHosts = []
}) {
	const handleFeed = createFeedProxy(proxy);
	const runs = runsOptions ? createRuns(runsOptions) : undefined;
	const sync = syncOptions ? createSync(syncOptions) : undefined;
	const hosts = new Set([...LOCAL_HOSTS, ...allowedHosts].map((h) => hostName(h) ?? h));
	/** @param {import('node:http').IncomingMessage} req */
	const knownHost = (req) => {
		const name = hostName(req.headers.host);
		return name !== undefined && hosts.has(name);
	};
	const server = createServer((req, res) => {
		if (!knownHost(req)) {
			res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end('This Lindy server does not answer to that host name.\n');
			return;
		}
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (PROXY_PATHS.includes(path)) {
			void handleFeed(req, res);
			return;
		}
		if (runs && (path === '/api/runs' || path.startsWith('/api/runs/'))) {
			runs.handle(req, res, path).catch(internalError(res, 'runs'));
			return;
		}
		if (sync && path.startsWith('/api/sync/')) {
			sync.handle(req, res, path).catch(internalError(res, 'sync'));
			return;
		}
		if (path.startsWith('/api/')) {
			res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify({ error: 'not_found', message: 'No such API endpoint.' }));
			return;
		}
		serveStatic(root, req, res, SECURITY_HEADERS).catch(internalError(res, 'server'));
	});
	server.on('upgrade', (req, socket, head) => {
		if (sync && knownHost(req)) sync.upgrade(req, socket, head);
		else socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
	});
	server.on('close', () => void runs?.close());
	// Open sync sockets would keep `close` waiting for ever: end them (storing every document) first.
	const closeServer = server.close.bind(server);
	server.close = (done) => {
		void (sync ? sync.close() : Promise.resolve()).then(() => closeServer(done));
		return server;
	};
	return Object.assign(server, { runs, sync });
}
