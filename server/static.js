// @ts-check
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** @type {Record<string, string>} */
export const MIME_TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.woff2': 'font/woff2',
	'.map': 'application/json; charset=utf-8'
};

/** Files that must be checked on every load so that updates are seen. */
const ALWAYS_REVALIDATE = new Set([
	'/index.html',
	'/early-read.js',
	'/sw.js',
	'/manifest.webmanifest'
]);

/**
 * Cache-Control for a served path: Vite's hashed assets never change, so they are immutable;
 * the entry points of an update are revalidated every time; anything else for an hour.
 * @param {string} urlPath
 */
export function cacheControlFor(urlPath) {
	if (ALWAYS_REVALIDATE.has(urlPath)) return 'no-cache';
	if (urlPath.startsWith('/assets/') || /^\/workbox-[0-9a-f]{8}\.js$/.test(urlPath)) {
		return 'public, max-age=31536000, immutable';
	}
	return 'public, max-age=3600';
}

/**
 * Maps a URL path to a file inside root, or null when it would leave root or is malformed.
 * @param {string} root absolute path
 * @param {string} rawPath the URL's pathname, still percent-encoded
 */
export function resolveInside(root, rawPath) {
	let decoded;
	try {
		decoded = decodeURIComponent(rawPath);
	} catch {
		return null;
	}
	if (decoded.includes('\0') || decoded.includes('\\')) return null;
	const segments = decoded.split('/');
	if (segments.includes('..')) return null;
	const file = normalize(join(root, decoded));
	const base = resolve(root);
	if (file !== base && !file.startsWith(base + sep)) return null;
	return file;
}

/** @param {string} file */
async function fileStat(file) {
	try {
		const s = await stat(file);
		return s.isFile() ? s : null;
	} catch {
		return null;
	}
}

/**
 * Serves a built app from root: exact files first, index.html for app routes (paths without an
 * extension), 404 for missing assets, 400 for paths that try to leave root.
 * @param {string} root
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} extraHeaders
 */
export async function serveStatic(root, req, res, extraHeaders) {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
		res.end('Method not allowed\n');
		return;
	}
	const url = new URL(req.url ?? '/', 'http://localhost');
	let urlPath = url.pathname;
	const file = resolveInside(root, urlPath);
	if (file === null) {
		res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
		res.end('Bad path\n');
		return;
	}
	let target = file;
	let info = await fileStat(target);
	if (!info && urlPath.endsWith('/')) {
		target = join(file, 'index.html');
		info = await fileStat(target);
		urlPath = '/index.html';
	}
	if (!info && extname(urlPath) === '') {
		target = join(root, 'index.html');
		info = await fileStat(target);
		urlPath = '/index.html';
	}
	if (!info && urlPath === '/favicon.ico') {
		// Browsers ask for this on pages without an icon link (robots.txt, the manifest).
		res.writeHead(308, {
			Location: '/icons/icon-192.png',
			'Cache-Control': 'public, max-age=86400'
		});
		res.end();
		return;
	}
	if (!info) {
		res.writeHead(404, {
			'Content-Type': 'text/plain; charset=utf-8',
			'Cache-Control': 'no-cache'
		});
		res.end('Not found\n');
		return;
	}
	res.writeHead(200, {
		...extraHeaders,
		'Content-Type': MIME_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
		'Content-Length': info.size,
		'Cache-Control': cacheControlFor(urlPath),
		'Last-Modified': info.mtime.toUTCString(),
		'X-Content-Type-Options': 'nosniff'
	});
	if (req.method === 'HEAD') {
		res.end();
		return;
	}
	createReadStream(target).pipe(res);
}
