// @ts-check
import { createServer } from 'node:http';
import { createFeedProxy } from './feed-proxy.js';
import { serveStatic } from './static.js';

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
 * Lindy's server: the built app from `root`, and the feed proxy at /api/feed.
 * @param {{ root: string, proxy?: import('./feed-proxy.js').ProxyOptions }} options
 */
export function createAppServer({ root, proxy = {} }) {
	const handleFeed = createFeedProxy(proxy);
	return createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (path === '/api/feed') {
			void handleFeed(req, res);
			return;
		}
		if (path.startsWith('/api/')) {
			res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify({ error: 'not_found', message: 'No such API endpoint.' }));
			return;
		}
		serveStatic(root, req, res, SECURITY_HEADERS).catch((error) => {
			console.error('Lindy server error:', error);
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end('Internal error\n');
		});
	});
}
