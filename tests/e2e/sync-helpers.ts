import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { parsePairing } from '../../src/core/pairing';
import { workspaceKeys } from '../../src/sync/crypto';
import {
	card,
	guardPage,
	launchProfile,
	makeProfileDir,
	MAIN_BUILD_DIR,
	quickAdd,
	startEmpty,
	waitForServiceWorker
} from './helpers';

/**
 * A Lindy server of its own for a sync test, as a real process: it can be stopped, killed and
 * started again on the same port (the devices' origin) with the same data folder. `env` adds to
 * its environment (a shared Postgres and Redis in the scaling test).
 */
export function syncServer(port: number, env: Record<string, string> = {}) {
	const dataDir = mkdtempSync(join(tmpdir(), 'lindy-e2e-sync-'));
	let child: ChildProcess | undefined;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		dataDir,
		async start() {
			child = spawn(process.execPath, ['server/main.js'], {
				env: {
					...process.env,
					PORT: String(port),
					HOST: '127.0.0.1',
					LINDY_ROOT: MAIN_BUILD_DIR,
					LINDY_DATA_DIR: dataDir,
					...env
				},
				stdio: ['ignore', 'pipe', 'inherit']
			});
			await new Promise<void>((done, fail) => {
				child!.stdout!.on('data', (chunk: Buffer) => {
					if (chunk.toString().includes('Lindy is running')) done();
				});
				child!.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
			});
		},
		/** Stops the server: SIGTERM lets it store every document first, SIGKILL does not. */
		async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
			const running = child;
			child = undefined;
			if (!running || running.exitCode !== null) return;
			const exited = new Promise((done) => running.once('exit', done));
			running.kill(signal);
			await exited;
		},
		async remove() {
			await this.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface Device {
	readonly context: BrowserContext;
	readonly page: Page;
	/** Closes the browser at once and opens the same profile again, as after a crash or restart. */
	relaunch: () => Promise<void>;
	close: () => Promise<void>;
}

/** A device: a browser profile of its own on disk, guarded like every test page. */
export async function device(problems: string[], allowConsole: RegExp[] = []): Promise<Device> {
	const profile = makeProfileDir();
	const open = async () => {
		const context = await launchProfile(profile.dir);
		context.on('page', (page) => guardPage(page, problems, allowConsole));
		const page = context.pages()[0] ?? (await context.newPage());
		guardPage(page, problems, allowConsole);
		return { context, page };
	};
	let current = await open();
	return {
		get context() {
			return current.context;
		},
		get page() {
			return current.page;
		},
		relaunch: async () => {
			await current.context.close();
			current = await open();
		},
		close: async () => {
			await current.context.close();
			profile.remove();
		}
	};
}

export const syncStatus = (page: Page) =>
	page.getByRole('banner').getByRole('link', { name: /^Sync/ });

/** Turns sync on from Settings and returns the pairing link it shows. */
export async function turnOnSync(page: Page, base: string, name = 'Laptop'): Promise<string> {
	await page.goto(`${base}/settings`);
	const section = page.getByRole('region', { name: 'Sync' });
	await section.getByLabel('Name of this device').fill(name);
	await section.getByLabel('Address your other devices open Lindy at').fill(base);
	await section.getByRole('button', { name: 'Turn on sync' }).click();
	await expect(syncStatus(page)).toHaveText(/Synced/, { timeout: 15_000 });
	await expect(section.getByRole('img', { name: 'Pairing code as a QR code' })).toBeVisible();
	const link = await section.getByLabel('Pairing link').inputValue();
	expect(link).toMatch(new RegExp(`^${base}/settings#join=[\\w-]{22}\\.[\\w-]{43}\\.[\\w-]{43}$`));
	return link;
}

/** Opens a pairing link on a device and joins its workspace. */
export async function joinSync(page: Page, link: string, name = 'Phone') {
	await page.goto(link);
	const section = page.getByRole('region', { name: 'Sync' });
	await section.getByLabel('Name of this device').fill(name);
	await section.getByRole('button', { name: 'Join this workspace' }).click();
	await expect(syncStatus(page)).toHaveText(/Synced/, { timeout: 20_000 });
}

/** What Chromium logs while a test has stopped the server: expected there, not a fault. */
export const SERVER_DOWN = [
	/WebSocket connection/,
	/ERR_CONNECTION_REFUSED/,
	/ERR_INCOMPLETE_CHUNKED_ENCODING/
];

/**
 * A server, a laptop that starts a workspace with `tasks` quick-added, and a phone that joins
 * it; both pages end on the board with the service worker in control (so they work with the
 * server stopped).
 */
export async function pairedDevices(
	problems: string[],
	port: number,
	tasks: string[] = [],
	allowConsole: RegExp[] = []
) {
	const server = syncServer(port);
	await server.start();
	const laptop = await device(problems, [...SERVER_DOWN, ...allowConsole]);
	const phone = await device(problems, [...SERVER_DOWN, ...allowConsole]);
	// startEmpty waits for the board: leaving the page before the choice is stored could lose it.
	await startEmpty(laptop.page, server.url);
	for (const task of tasks) await quickAdd(laptop.page, task);
	const link = await turnOnSync(laptop.page, server.url);
	await joinSync(phone.page, link);
	for (const { page } of [laptop, phone]) {
		await waitForServiceWorker(page);
		await page.getByRole('link', { name: 'Board' }).click();
	}
	return {
		server,
		laptop,
		phone,
		link,
		async close() {
			await laptop.close();
			await phone.close();
			await server.remove();
		}
	};
}

/** Opens a task's edit dialog. */
export async function editTask(page: Page, title: string) {
	await card(page, title)
		.getByRole('button', { name: `Edit “${title}”` })
		.click();
	return page.getByRole('dialog', { name: 'Edit task' });
}

/**
 * A device that is not a browser: it joins a workspace over Lindy's own API and then writes
 * whatever a test wants into the workspace's document, as another (perhaps newer or broken)
 * Lindy could.
 */
export async function scriptDevice(base: string) {
	let provider: HocuspocusProvider | undefined;
	let socket: HocuspocusProviderWebsocket | undefined;
	return {
		async join(link: string) {
			const parsed = parsePairing(link);
			if (!parsed.ok) throw new Error(parsed.message);
			const { workspace, invite, secret } = parsed.pairing;
			const res = await fetch(`${base}/api/sync/workspaces/${workspace}/join`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ invite, deviceName: 'Script' })
			});
			expect(res.status).toBe(201);
			const { token } = (await res.json()) as { token: string };
			const doc = new Y.Doc();
			socket = new HocuspocusProviderWebsocket({
				url: `${base.replace('http', 'ws')}/api/sync`,
				WebSocketPolyfill: WebSocket
			});
			provider = new HocuspocusProvider({
				websocketProvider: socket,
				name: workspace,
				token,
				document: doc
			});
			provider.attach();
			await new Promise<void>((done) => provider!.on('synced', () => done()));
			return { doc, keys: await workspaceKeys(secret) };
		},
		close() {
			provider?.destroy();
			socket?.destroy();
			provider = undefined;
			socket = undefined;
		}
	};
}
