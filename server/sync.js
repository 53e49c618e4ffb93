// @ts-check
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '@hocuspocus/extension-database';
import { Hocuspocus } from '@hocuspocus/server';
import BetterSqlite3 from 'better-sqlite3';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { HttpError, fromTheApp, hashToken, readBody, sendJson, sendRefusal } from './http-util.js';

/**
 * Sync between a user's devices: Hocuspocus (a Yjs server) at /api/sync over WebSocket, one
 * document per workspace, stored in SQLite in the data folder. Every value in a document is
 * encrypted by the devices before it leaves them; the server merges ciphertext by record id and
 * field name and never holds a key. It keeps only hashes of the device tokens and of the current
 * pairing invite.
 *
 * The HTTP side creates workspaces, pairs devices with an invite, lists and revokes them. Sync is
 * only answered on connections from this machine: another device reaches it through an HTTPS
 * proxy on this machine (a TLS reverse proxy, `tailscale serve`), so a token never crosses a
 * network in the clear.
 */

export const SYNC_LIMITS = {
	bodyBytes: 4096,
	deviceName: 60,
	devicesPerWorkspace: 50,
	workspaces: 1000,
	/** The largest WebSocket message: a fresh device's first exchange carries the whole workspace. */
	messageBytes: 64 * 1024 * 1024,
	/** Failed tokens per address and window before further tries are refused. */
	failedTokens: 20,
	failedWindowMs: 10 * 60_000
};

const ID = /^[A-Za-z0-9_-]{16,64}$/;
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

const newId = () => randomBytes(16).toString('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/**
 * Whether a request came over this machine's loopback: a browser on this machine, or an HTTPS
 * proxy on it. A plain-HTTP connection from the network is refused.
 * @param {import('node:http').IncomingMessage} req
 */
export function overLoopback(req) {
	const address = req.socket.remoteAddress ?? '';
	return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** @param {Buffer} stored @param {string} token */
function sameHash(stored, token) {
	return timingSafeEqual(stored, hashToken(token));
}

/**
 * @typedef {object} SyncOptions
 * @property {string} dataDir
 * @property {() => number} [now]
 * @property {number} [debounceMs] how long Hocuspocus gathers changes before storing a document
 */

/** @param {SyncOptions} options */
export function createSync({ dataDir, now = Date.now, debounceMs = 500 }) {
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const db = new BetterSqlite3(join(dataDir, 'sync.sqlite'));
	db.pragma('journal_mode = WAL');
	db.exec(`
		CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL);
		CREATE TABLE IF NOT EXISTS workspaces (
			id TEXT PRIMARY KEY, invite_hash BLOB NOT NULL, created_at INTEGER NOT NULL);
		CREATE TABLE IF NOT EXISTS devices (
			id TEXT PRIMARY KEY, workspace TEXT NOT NULL REFERENCES workspaces(id),
			name TEXT NOT NULL, token_hash BLOB NOT NULL,
			created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
		CREATE INDEX IF NOT EXISTS devices_by_workspace ON devices(workspace);
	`);
	const q = {
		fetchDoc: db.prepare('SELECT data FROM documents WHERE name = ?'),
		storeDoc: db.prepare(
			'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data'
		),
		countWorkspaces: db.prepare('SELECT count(*) AS n FROM workspaces'),
		addWorkspace: db.prepare(
			'INSERT INTO workspaces (id, invite_hash, created_at) VALUES (?, ?, ?)'
		),
		workspace: db.prepare('SELECT invite_hash FROM workspaces WHERE id = ?'),
		setInvite: db.prepare('UPDATE workspaces SET invite_hash = ? WHERE id = ?'),
		addDevice: db.prepare(
			'INSERT INTO devices (id, workspace, name, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)'
		),
		devices: db.prepare(
			'SELECT id, name, token_hash, created_at, last_seen_at FROM devices WHERE workspace = ? ORDER BY created_at'
		),
		seen: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
		removeDevice: db.prepare('DELETE FROM devices WHERE id = ? AND workspace = ?')
	};

	/** @type {Map<string, { count: number, since: number }>} */
	const failures = new Map();
	/** The open sockets of each device, closed when it is removed. */
	/** @type {WeakMap<import('node:http').IncomingMessage, import('ws').WebSocket>} */
	const socketOf = new WeakMap();
	/** @type {Map<string, Set<import('ws').WebSocket>>} */
	const deviceSockets = new Map();
	/** @param {string} address */
	function checkRate(address) {
		const entry = failures.get(address);
		if (entry && now() - entry.since < SYNC_LIMITS.failedWindowMs) {
			if (entry.count >= SYNC_LIMITS.failedTokens)
				throw new HttpError(429, 'rate_limited', 'Too many wrong tokens; try again later.');
		} else failures.delete(address);
	}
	/** @param {string} address */
	function recordFailure(address) {
		const entry = failures.get(address) ?? { count: 0, since: now() };
		entry.count += 1;
		failures.set(address, entry);
	}

	/**
	 * The device a token belongs to in a workspace, or undefined.
	 * @param {string} workspace @param {string} token
	 * @returns {{ id: string, name: string } | undefined}
	 */
	function deviceOf(workspace, token) {
		if (!ID.test(workspace) || !TOKEN.test(token)) return undefined;
		const rows = /** @type {{ id: string, name: string, token_hash: Buffer }[]} */ (
			q.devices.all(workspace)
		);
		const found = rows.find((row) => sameHash(row.token_hash, token));
		return found && { id: found.id, name: found.name };
	}

	const hocuspocus = new Hocuspocus({
		quiet: true,
		debounce: debounceMs,
		maxDebounce: debounceMs * 4,
		extensions: [
			new Database({
				fetch: async ({ documentName }) => {
					const row = /** @type {{ data: Buffer } | undefined} */ (q.fetchDoc.get(documentName));
					return row ? new Uint8Array(row.data) : null;
				},
				store: async ({ documentName, state }) => {
					if (db.open) q.storeDoc.run(documentName, state);
				}
			})
		],
		async onAuthenticate({ token, documentName, request }) {
			const address = request?.socket?.remoteAddress ?? '';
			try {
				checkRate(address);
			} catch {
				throw { reason: 'rate-limited' };
			}
			const device = deviceOf(documentName, token);
			if (!device) {
				recordFailure(address);
				throw { reason: 'This device is not paired with the workspace, or was removed.' };
			}
			q.seen.run(now(), device.id);
			const socket = request && socketOf.get(request);
			if (socket) {
				const open = deviceSockets.get(device.id) ?? new Set();
				open.add(socket);
				deviceSockets.set(device.id, open);
				socket.once('close', () => open.delete(socket));
			}
			return { deviceId: device.id };
		}
	});

	const sockets = new WebSocketServer({ noServer: true, maxPayload: SYNC_LIMITS.messageBytes });
	sockets.on('connection', (socket, request) => {
		socket.on('error', (error) => console.error('Lindy sync socket error:', error.message));
		socketOf.set(request, socket);
		hocuspocus.handleConnection(socket, request);
	});

	/**
	 * Takes a WebSocket upgrade at /api/sync; anything else is refused.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:stream').Duplex} socket
	 * @param {Buffer} head
	 */
	function upgrade(req, socket, head) {
		const path = (req.url ?? '/').split('?')[0];
		if (path !== '/api/sync' || !overLoopback(req) || !fromTheApp(req)) {
			socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
			return;
		}
		sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
	}

	/** @param {import('node:http').IncomingMessage} req */
	async function jsonBody(req) {
		const text = await readBody(req, SYNC_LIMITS.bodyBytes, 'A sync request');
		try {
			const parsed = JSON.parse(text || '{}');
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
		} catch {
			/* refused below */
		}
		throw new HttpError(400, 'bad_body', 'The request is not a JSON object.');
	}

	/** @param {unknown} name */
	function deviceName(name) {
		if (typeof name !== 'string' || name.trim() === '' || name.length > SYNC_LIMITS.deviceName)
			throw new HttpError(
				400,
				'bad_name',
				`A device name must be 1 to ${SYNC_LIMITS.deviceName} characters.`
			);
		return name.trim();
	}

	/** @param {string} workspace @param {string} name */
	function addDevice(workspace, name) {
		const id = newId();
		const token = newToken();
		const at = now();
		q.addDevice.run(id, workspace, name, hashToken(token), at, at);
		return { device: { id, name }, token };
	}

	/**
	 * The device a request's bearer token names, or a 401.
	 * @param {import('node:http').IncomingMessage} req @param {string} workspace
	 */
	function authorised(req, workspace) {
		const address = req.socket.remoteAddress ?? '';
		checkRate(address);
		const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
		const device = deviceOf(workspace, token);
		if (!device) {
			recordFailure(address);
			throw new HttpError(
				401,
				'bad_token',
				'This device is not paired with the workspace, or was removed.'
			);
		}
		return device;
	}

	/** @param {string} workspace */
	function rotateInvite(workspace) {
		const invite = newToken();
		q.setInvite.run(hashToken(invite), workspace);
		return invite;
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async function createWorkspace(req, res) {
		const name = deviceName((await jsonBody(req)).deviceName);
		const { n } = /** @type {{ n: number }} */ (q.countWorkspaces.get());
		if (n >= SYNC_LIMITS.workspaces)
			throw new HttpError(507, 'full', 'This server holds as many workspaces as it may.');
		const id = newId();
		const invite = newToken();
		const made = db.transaction(() => {
			q.addWorkspace.run(id, hashToken(invite), now());
			return addDevice(id, name);
		})();
		sendJson(res, 201, { workspace: id, invite, device: made.device, token: made.token });
	}

	/**
	 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
	 * @param {string} workspace
	 */
	async function joinWorkspace(req, res, workspace) {
		const address = req.socket.remoteAddress ?? '';
		checkRate(address);
		const body = await jsonBody(req);
		const name = deviceName(body.deviceName);
		const row = /** @type {{ invite_hash: Buffer } | undefined} */ (q.workspace.get(workspace));
		const invite = typeof body.invite === 'string' && TOKEN.test(body.invite) ? body.invite : '';
		if (!row || !invite || !sameHash(row.invite_hash, invite)) {
			recordFailure(address);
			throw new HttpError(
				403,
				'bad_invite',
				'This pairing code is not valid any more. Show a new one on a paired device.'
			);
		}
		const count = q.devices.all(workspace).length;
		if (count >= SYNC_LIMITS.devicesPerWorkspace)
			throw new HttpError(507, 'full', 'This workspace has as many devices as it may.');
		const made = addDevice(workspace, name);
		sendJson(res, 201, { workspace, device: made.device, token: made.token });
	}

	/** @param {string} workspace @param {string} current */
	function deviceList(workspace, current) {
		const rows =
			/** @type {{ id: string, name: string, created_at: number, last_seen_at: number }[]} */ (
				q.devices.all(workspace)
			);
		return rows.map((row) => ({
			id: row.id,
			name: row.name,
			createdAt: row.created_at,
			lastSeenAt: row.last_seen_at,
			current: row.id === current
		}));
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {string} path
	 */
	async function handle(req, res, path) {
		try {
			if (!overLoopback(req))
				throw new HttpError(
					403,
					'needs_https',
					'Sync answers only through HTTPS: put this server behind a TLS proxy on its machine.'
				);
			if (!fromTheApp(req)) throw new HttpError(403, 'other_origin', 'Sync is only for Lindy.');
			const parts = path.split('/').slice(3);
			const workspace = parts[1] ?? '';
			if (parts[0] !== 'workspaces') throw new HttpError(404, 'not_found', 'No such endpoint.');
			if (parts.length === 1 && req.method === 'POST') return await createWorkspace(req, res);
			if (!ID.test(workspace)) throw new HttpError(404, 'not_found', 'No such workspace.');
			if (parts.length === 3 && parts[2] === 'join' && req.method === 'POST')
				return await joinWorkspace(req, res, workspace);
			const device = authorised(req, workspace);
			q.seen.run(now(), device.id);
			if (parts.length === 3 && parts[2] === 'devices' && req.method === 'GET')
				return sendJson(res, 200, { devices: deviceList(workspace, device.id) });
			if (parts.length === 3 && parts[2] === 'invite' && req.method === 'POST')
				return sendJson(res, 200, { invite: rotateInvite(workspace) });
			if (parts.length === 4 && parts[2] === 'devices' && req.method === 'DELETE') {
				const gone = parts[3] ?? '';
				if (q.removeDevice.run(gone, workspace).changes === 0)
					throw new HttpError(404, 'not_found', 'No such device.');
				const invite = rotateInvite(workspace);
				for (const socket of deviceSockets.get(gone) ?? []) socket.close(4401, 'Device removed');
				deviceSockets.delete(gone);
				return sendJson(res, 200, { invite, devices: deviceList(workspace, device.id) });
			}
			throw new HttpError(404, 'not_found', 'No such sync endpoint.');
		} catch (error) {
			sendRefusal(res, error);
		}
	}

	let closed = false;
	/** Stores every open document, ends the sockets and closes the database. */
	async function close() {
		if (closed) return;
		closed = true;
		for (const socket of sockets.clients) socket.terminate();
		sockets.close();
		hocuspocus.closeConnections();
		await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
		for (const document of hocuspocus.documents.values())
			q.storeDoc.run(document.name, Y.encodeStateAsUpdate(document));
		db.close();
	}

	return { handle, upgrade, close, hocuspocus };
}
