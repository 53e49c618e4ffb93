// @ts-check
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Hocuspocus } from '@hocuspocus/server';
import RedisClient from 'ioredis';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { HttpError, fromTheApp, hashToken, readBody, sendJson, sendRefusal } from './http-util.js';
import { postgresStore, sqliteStore } from './sync-store.js';

/**
 * Sync between a user's devices: Hocuspocus (a Yjs server) at /api/sync over WebSocket, one
 * document per workspace, stored in SQLite in the data folder — or, for several servers behind a
 * load balancer, in a shared Postgres with Redis passing changes between them (docs/SCALING.md). Every value in a document is
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
 * @property {string} [postgres] a Postgres connection string: store there instead of SQLite
 * @property {string} [redis] a Redis URL: share documents with the other servers using it
 */

/** @param {SyncOptions} options */
export function createSync({ dataDir, now = Date.now, debounceMs = 500, postgres, redis }) {
	/** The store, once reached: Postgres is connected to and its tables made before first use. */
	const ready = postgres ? postgresStore(postgres) : Promise.resolve(sqliteStore(dataDir));
	/** Other servers, when there are: Redis carries document changes and device removals. */
	const shared = redis ? redisShare(redis) : undefined;
	let closed = false;

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
	 * @returns {Promise<{ id: string, name: string } | undefined>}
	 */
	async function deviceOf(workspace, token) {
		if (!ID.test(workspace) || !TOKEN.test(token)) return undefined;
		const rows = await (await ready).devices(workspace);
		const found = rows.find((row) => sameHash(row.tokenHash, token));
		return found && { id: found.id, name: found.name };
	}

	const hocuspocus = new Hocuspocus({
		quiet: true,
		debounce: debounceMs,
		maxDebounce: debounceMs * 4,
		extensions: [
			...(shared ? [shared.extension] : []),
			new Database({
				fetch: async ({ documentName }) => (await ready).fetchDocument(documentName),
				store: async ({ documentName, state }) => {
					if (!closed) await (await ready).storeDocument(documentName, state);
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
			const device = await deviceOf(documentName, token);
			if (!device) {
				recordFailure(address);
				throw { reason: 'This device is not paired with the workspace, or was removed.' };
			}
			await (await ready).seen(device.id, now());
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

	/** A new device of `workspace` with its token, not yet stored. @param {string} workspace @param {string} name */
	function newDevice(workspace, name) {
		const token = newToken();
		const row = { id: newId(), workspace, name, tokenHash: hashToken(token), at: now() };
		return { row, device: { id: row.id, name }, token };
	}

	/**
	 * The device a request's bearer token names, or a 401.
	 * @param {import('node:http').IncomingMessage} req @param {string} workspace
	 */
	async function authorised(req, workspace) {
		const address = req.socket.remoteAddress ?? '';
		checkRate(address);
		const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
		const device = await deviceOf(workspace, token);
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
	async function rotateInvite(workspace) {
		const invite = newToken();
		await (await ready).setInvite(workspace, hashToken(invite));
		return invite;
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async function createWorkspace(req, res) {
		const name = deviceName((await jsonBody(req)).deviceName);
		const db = await ready;
		if ((await db.countWorkspaces()) >= SYNC_LIMITS.workspaces)
			throw new HttpError(507, 'full', 'This server holds as many workspaces as it may.');
		const id = newId();
		const invite = newToken();
		const made = newDevice(id, name);
		await db.createWorkspace({ id, inviteHash: hashToken(invite), at: now() }, made.row);
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
		const db = await ready;
		const inviteHash = await db.inviteHash(workspace);
		const invite = typeof body.invite === 'string' && TOKEN.test(body.invite) ? body.invite : '';
		if (!inviteHash || !invite || !sameHash(inviteHash, invite)) {
			recordFailure(address);
			throw new HttpError(
				403,
				'bad_invite',
				'This pairing code is not valid any more. Show a new one on a paired device.'
			);
		}
		if ((await db.devices(workspace)).length >= SYNC_LIMITS.devicesPerWorkspace)
			throw new HttpError(507, 'full', 'This workspace has as many devices as it may.');
		const made = newDevice(workspace, name);
		await db.addDevice(made.row);
		sendJson(res, 201, { workspace, device: made.device, token: made.token });
	}

	/** @param {string} workspace @param {string} current */
	async function deviceList(workspace, current) {
		const rows = await (await ready).devices(workspace);
		return rows.map(({ id, name, createdAt, lastSeenAt }) => ({
			id,
			name,
			createdAt,
			lastSeenAt,
			current: id === current
		}));
	}

	/** Ends the sockets a removed device holds on this server. @param {string} id */
	function disconnect(id) {
		for (const socket of deviceSockets.get(id) ?? []) socket.close(4401, 'Device removed');
		deviceSockets.delete(id);
	}
	shared?.onRemoved(disconnect);

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
			const device = await authorised(req, workspace);
			const db = await ready;
			await db.seen(device.id, now());
			if (parts.length === 3 && parts[2] === 'devices' && req.method === 'GET')
				return sendJson(res, 200, { devices: await deviceList(workspace, device.id) });
			if (parts.length === 3 && parts[2] === 'invite' && req.method === 'POST')
				return sendJson(res, 200, { invite: await rotateInvite(workspace) });
			if (parts.length === 4 && parts[2] === 'devices' && req.method === 'DELETE') {
				const gone = parts[3] ?? '';
				if (!(await db.removeDevice(gone, workspace)))
					throw new HttpError(404, 'not_found', 'No such device.');
				const invite = await rotateInvite(workspace);
				disconnect(gone);
				await shared?.announceRemoved(gone);
				return sendJson(res, 200, { invite, devices: await deviceList(workspace, device.id) });
			}
			throw new HttpError(404, 'not_found', 'No such sync endpoint.');
		} catch (error) {
			sendRefusal(res, error);
		}
	}

	/** Stores every open document, ends the sockets and closes the database. */
	async function close() {
		if (closed) return;
		closed = true;
		for (const socket of sockets.clients) socket.terminate();
		sockets.close();
		hocuspocus.closeConnections();
		await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
		shared?.close();
		// A store never reached (Postgres down at start) has nothing to keep.
		const db = await ready.catch(() => undefined);
		if (!db) return;
		for (const document of hocuspocus.documents.values())
			await db.storeDocument(document.name, Y.encodeStateAsUpdate(document));
		await db.close();
	}

	return { handle, upgrade, close, hocuspocus, ready };
}

const REMOVED_CHANNEL = 'lindy:sync:removed';

/**
 * What several sync servers share through Redis: Hocuspocus's Redis extension passes document
 * changes between them, and a channel of Lindy's tells every server when a device is removed, so
 * the one holding its socket ends it.
 * @param {string} url
 */
function redisShare(url) {
	const client = () => {
		const made = new RedisClient(url, { maxRetriesPerRequest: 3 });
		made.on('error', (error) => console.error('Lindy sync Redis error:', error.message));
		return made;
	};
	const publisher = client();
	const subscriber = client();
	subscriber.subscribe(REMOVED_CHANNEL).catch((error) => {
		console.error('Lindy sync could not listen for removed devices on Redis:', error.message);
	});
	return {
		extension: new Redis({ createClient: client }),
		/** @param {(device: string) => void} listener */
		onRemoved(listener) {
			subscriber.on('message', (_channel, device) => listener(device));
		},
		/**
		 * Tells the other servers; the device is removed either way (its token no longer opens a
		 * connection), so Redis being down only leaves an open socket to end at its next reconnect.
		 * @param {string} device
		 */
		async announceRemoved(device) {
			await publisher.publish(REMOVED_CHANNEL, device).catch((error) => {
				console.error('Lindy sync could not announce a removed device on Redis:', error.message);
			});
		},
		close() {
			publisher.disconnect();
			subscriber.disconnect();
		}
	};
}
