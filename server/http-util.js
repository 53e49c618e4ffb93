// @ts-check
import { createHash } from 'node:crypto';

/** A refusal with an HTTP status, a stable code and a sentence for people. */
export class HttpError extends Error {
	/** @param {number} status @param {string} code @param {string} message */
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

/** @param {string} token */
export const hashToken = (token) => createHash('sha256').update(token).digest();

/**
 * A request's body as text, refused with 413 past `max` bytes.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} max
 * @param {string} what what the body is, for the refusal ("A report")
 * @returns {Promise<string>}
 */
export function readBody(req, max, what) {
	const tooLarge = () => new HttpError(413, 'too_large', `${what} may be at most ${max} bytes.`);
	return new Promise((done, fail) => {
		const declared = Number(req.headers['content-length'] ?? 0);
		if (declared > max) {
			fail(tooLarge());
			return;
		}
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > max) {
				fail(tooLarge());
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
		req.on('error', fail);
	});
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
export function sendJson(res, status, body) {
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff'
	});
	res.end(JSON.stringify(body));
}

/**
 * Answers an HttpError as JSON; anything else is rethrown for the server's 500.
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 */
export function sendRefusal(res, error) {
	if (!(error instanceof HttpError)) throw error;
	if (!res.headersSent) sendJson(res, error.status, { error: error.code, message: error.message });
	else res.end();
}

/**
 * Only the app itself may call an endpoint: a request another origin's page makes carries its
 * Origin or a cross-site Sec-Fetch-Site, and is refused.
 * @param {import('node:http').IncomingMessage} req
 */
export function fromTheApp(req) {
	const site = req.headers['sec-fetch-site'];
	if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
	const origin = req.headers.origin;
	if (origin === undefined) return true;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}
