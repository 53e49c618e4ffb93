import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createAppServer } from './app.js';
import { overLoopback } from './sync.js';

let parent: string;
let root: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(() => {
	parent = mkdtempSync(join(tmpdir(), 'lindy-sync-'));
	root = parent;
	writeFileSync(join(root, 'index.html'), '<!doctype html><title>Lindy</title>');
});

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	rmSync(parent, { recursive: true, force: true });
});

async function start(port = 0) {
	const server = createAppServer({ root, sync: { dataDir: join(parent, 'data'), debounceMs: 20 } });
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	let closed = false;
	const close = () =>
		closed
			? Promise.resolve()
			: new Promise<void>((done) => {
					closed = true;
					server.closeAllConnections();
					server.close(() => done());
				});
	cleanups.push(close);
	return { server, base, close };
}

const post = (url: string, body: object, token?: string) =>
	fetch(url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			...(token ? { Authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body)
	});

async function workspace(base: string) {
	const res = await post(`${base}/api/sync/workspaces`, { deviceName: 'Laptop' });
	expect(res.status).toBe(201);
	return (await res.json()) as {
		workspace: string;
		invite: string;
		token: string;
		device: { id: string };
	};
}

function connect(base: string, name: string, token: string) {
	const doc = new Y.Doc();
	const failures: string[] = [];
	const socket = new HocuspocusProviderWebsocket({
		url: base.replace('http', 'ws') + '/api/sync',
		WebSocketPolyfill: WebSocket,
		delay: 50,
		minDelay: 50,
		maxDelay: 200
	});
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name,
		token,
		document: doc,
		onAuthenticationFailed: ({ reason }) => void failures.push(reason)
	});
	provider.attach();
	cleanups.push(() => {
		provider.destroy();
		socket.destroy();
	});
	const synced = new Promise<void>((done) => provider.on('synced', () => done()));
	return { doc, provider, failures, synced };
}

async function until(check: () => boolean, what: string) {
	for (let i = 0; i < 200; i++) {
		if (check()) return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error(`timed out waiting for ${what}`);
}

describe('sync server', () => {
	it('pairs a second device with the invite, and both converge through the server', async () => {
		const { base } = await start();
		const made = await workspace(base);
		const joined = await post(`${base}/api/sync/workspaces/${made.workspace}/join`, {
			invite: made.invite,
			deviceName: 'Phone'
		});
		expect(joined.status).toBe(201);
		const phone = (await joined.json()) as { token: string };

		const a = connect(base, made.workspace, made.token);
		const b = connect(base, made.workspace, phone.token);
		await Promise.all([a.synced, b.synced]);
		a.doc.getMap('tasks').set('t1', new Uint8Array([1, 2, 3]));
		await until(() => b.doc.getMap('tasks').has('t1'), 'the phone to see the laptop’s record');

		const list = await fetch(`${base}/api/sync/workspaces/${made.workspace}/devices`, {
			headers: { Authorization: `Bearer ${phone.token}` }
		});
		const { devices } = (await list.json()) as { devices: { name: string; current: boolean }[] };
		expect(devices.map((d) => [d.name, d.current])).toEqual([
			['Laptop', false],
			['Phone', true]
		]);
	});

	it('refuses a wrong token, a wrong invite and a revoked device; revoking rotates the invite', async () => {
		const { base } = await start();
		const made = await workspace(base);
		const wrong = connect(base, made.workspace, 'x'.repeat(43));
		await until(() => wrong.failures.length > 0, 'the wrong token to be refused');
		expect(wrong.doc.getMap('tasks').size).toBe(0);

		const badInvite = await post(`${base}/api/sync/workspaces/${made.workspace}/join`, {
			invite: 'y'.repeat(43),
			deviceName: 'Thief'
		});
		expect(badInvite.status).toBe(403);
		expect(((await badInvite.json()) as { message: string }).message).toMatch(/not valid/);

		const phone = (await (
			await post(`${base}/api/sync/workspaces/${made.workspace}/join`, {
				invite: made.invite,
				deviceName: 'Phone'
			})
		).json()) as { token: string; device: { id: string } };
		const laptop = connect(base, made.workspace, made.token);
		const phoneDoc = connect(base, made.workspace, phone.token);
		await Promise.all([laptop.synced, phoneDoc.synced]);

		const revoked = await fetch(
			`${base}/api/sync/workspaces/${made.workspace}/devices/${phone.device.id}`,
			{ method: 'DELETE', headers: { Authorization: `Bearer ${made.token}` } }
		);
		expect(revoked.status).toBe(200);
		const { invite: rotated } = (await revoked.json()) as { invite: string };
		expect(rotated).not.toBe(made.invite);
		await until(() => phoneDoc.failures.length > 0, 'the revoked phone to be refused');

		laptop.doc.getMap('tasks').set('after', new Uint8Array([9]));
		await new Promise((r) => setTimeout(r, 200));
		expect(phoneDoc.doc.getMap('tasks').has('after')).toBe(false);

		const old = await post(`${base}/api/sync/workspaces/${made.workspace}/join`, {
			invite: made.invite,
			deviceName: 'Again'
		});
		expect(old.status).toBe(403);
		const listed = await fetch(`${base}/api/sync/workspaces/${made.workspace}/devices`, {
			headers: { Authorization: `Bearer ${phone.token}` }
		});
		expect(listed.status).toBe(401);
	});

	it('keeps a workspace across a restart, in its SQLite file', async () => {
		const first = await start();
		const made = await workspace(first.base);
		const a = connect(first.base, made.workspace, made.token);
		await a.synced;
		a.doc.getMap('tasks').set('kept', new Uint8Array([7]));
		await new Promise((r) => setTimeout(r, 100));
		a.provider.destroy();
		await first.close();
		expect(readFileSync(join(parent, 'data', 'sync.sqlite')).length).toBeGreaterThan(0);

		const second = await start();
		const b = connect(second.base, made.workspace, made.token);
		await b.synced;
		expect(b.doc.getMap('tasks').get('kept')).toEqual(new Uint8Array([7]));
	});

	it('answers only to known host names and only over loopback', async () => {
		const { base } = await start();
		const status = await new Promise<number | undefined>((done) => {
			const req = request(`${base}/api/sync/workspaces`, {
				method: 'POST',
				headers: { Host: 'evil.example', 'Content-Type': 'application/json' }
			});
			req.on('response', (res) => {
				res.resume();
				done(res.statusCode);
			});
			req.end('{"deviceName":"x"}');
		});
		expect(status).toBe(421);
		const socket = new WebSocket(base.replace('http', 'ws') + '/api/sync', {
			headers: { Host: 'evil.example' }
		});
		const refused = await new Promise<string>((done) => {
			socket.on('unexpected-response', (_req, response) => done(String(response.statusCode)));
			socket.on('error', (error) => done(error.message));
		});
		expect(refused).toMatch(/403/);
		const remote = { socket: { remoteAddress: '192.168.1.20' } } as never;
		const local = { socket: { remoteAddress: '::ffff:127.0.0.1' } } as never;
		expect(overLoopback(remote)).toBe(false);
		expect(overLoopback(local)).toBe(true);
	});

	it('refuses requests from other origins', async () => {
		const { base } = await start();
		const res = await fetch(`${base}/api/sync/workspaces`, {
			method: 'POST',
			headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
			body: '{"deviceName":"x"}'
		});
		expect(res.status).toBe(403);
	});
});
