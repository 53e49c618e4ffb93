import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServer } from '../../server/app.js';
import { CHROMIUM_ARGS, findChromium } from '../setup/browser.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN_BUILD_DIR = resolve(ROOT, 'dist');
/** A second build labelled "B", made by the global setup for the update test. */
export const UPDATE_BUILD_DIR = resolve(ROOT, 'dist-e2e-b');

export const STAGE_NAMES = {
	problem: 'Problem definition',
	data: 'Data quality',
	model: 'Model selection',
	deploy: 'Deployment'
} as const;

/** The ports of Lindy's own servers in these tests; the browser may talk to nothing else. */
export const APP_PORTS = new Set([
	'4174',
	'4181',
	'4182',
	'4183',
	'4184',
	'4191',
	'4192',
	'4193',
	'4194',
	'4195',
	'4196'
]);

/**
 * Fails the test on anything a user would call broken even when the visible checks pass: an
 * uncaught page error, a console error, or a request to any origin but the app's own.
 */
export function guardPage(page: Page, problems: string[], allowConsole: RegExp[] = []) {
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const text = message.text();
		if (!allowConsole.some((re) => re.test(text))) problems.push(`console error: ${text}`);
	});
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol === 'data:' || url.protocol === 'blob:') return;
		if (url.hostname !== '127.0.0.1' || !APP_PORTS.has(url.port)) {
			problems.push(`request to another origin: ${request.url()}`);
		}
	});
}

type Flagged = typeof globalThis & { __lindyTestOffline?: boolean; __lindyTestEvent?: boolean };

/**
 * Makes `navigator.onLine` follow `context.setOffline` in every document, those loaded later
 * included. Debian's Chromium 150 (what apt installs at times) applies offline emulation to
 * `navigator.onLine` only in documents already open when it is set: a page loaded or reloaded
 * offline believed it was online, and fetched. The Chromium of earlier CI runs did this itself,
 * and there this agrees with it. Requests fail offline either way: that part is the browser's own.
 */
async function followOffline(context: BrowserContext): Promise<BrowserContext> {
	await context.addInitScript(() => {
		const real = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!.get!;
		Object.defineProperty(Navigator.prototype, 'onLine', {
			configurable: true,
			get(this: Navigator) {
				const offline = (globalThis as Flagged).__lindyTestOffline;
				return offline === undefined ? real.call(this) : !offline;
			}
		});
	});
	const setOffline = context.setOffline.bind(context);
	context.setOffline = async (offline: boolean) => {
		const flag = (value: boolean) => ((globalThis as Flagged).__lindyTestOffline = value);
		await context.addInitScript(flag, offline);
		const pages = context.pages();
		const inEach = (action: (page: Page) => Promise<unknown>) =>
			Promise.all(pages.map((page) => action(page).catch(() => undefined)));
		const type = offline ? 'offline' : 'online';
		await inEach((page) =>
			page.evaluate(
				([value, type]) => {
					(globalThis as Flagged).__lindyTestOffline = value;
					(globalThis as Flagged).__lindyTestEvent = false;
					addEventListener(type, () => ((globalThis as Flagged).__lindyTestEvent = true), {
						once: true
					});
				},
				[offline, type] as const
			)
		);
		await setOffline(offline);
		// A document that never saw itself offline gets no "online" event from that Chromium.
		await inEach((page) =>
			page.evaluate(async (type) => {
				await new Promise((next) => requestAnimationFrame(() => requestAnimationFrame(next)));
				if (!(globalThis as Flagged).__lindyTestEvent) dispatchEvent(new Event(type));
			}, type)
		);
	};
	return context;
}

interface Fixtures {
	problems: string[];
	allowConsole: RegExp[];
}

export const test = base.extend<Fixtures>({
	context: async ({ context }, use) => {
		await use(await followOffline(context));
	},
	allowConsole: [[], { option: true }],
	problems: [
		async ({ context, allowConsole }, use) => {
			const problems: string[] = [];
			context.on('page', (page) => guardPage(page, problems, allowConsole));
			await use(problems);
			expect(problems, 'page errors, console errors or foreign requests').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

export function column(page: Page, stage: keyof typeof STAGE_NAMES) {
	return page.getByRole('region', { name: STAGE_NAMES[stage], exact: true });
}

export function card(scope: Page | ReturnType<Page['locator']>, title: string) {
	return scope.getByRole('listitem', { name: title, exact: true });
}

/** Opens the app on an empty board, past the first-run screen. */
export async function startEmpty(page: Page, url = '/') {
	await page.goto(url);
	await page.getByRole('button', { name: 'Start empty' }).click();
	await expect(page.getByRole('textbox', { name: 'New task' })).toBeFocused();
}

export async function quickAdd(page: Page, text: string) {
	const box = page.getByRole('textbox', { name: 'New task' });
	await box.fill(text);
	await box.press('Enter');
	await expect(box).toHaveValue('');
}

/** From Settings: deletes everything as a user confirms it, and waits for the welcome screen. */
export async function deleteEverything(page: Page) {
	await page.getByRole('button', { name: 'Delete everything…' }).click();
	await page.getByLabel(/Type DELETE to confirm/).fill('DELETE');
	await page.getByRole('button', { name: 'Delete everything', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Welcome to Lindy' })).toBeVisible();
}

/** A server of the app's own, for tests that stop it or swap the build it serves. */
export async function startServer(root: string, port = 0) {
	const dataDir = mkdtempSync(join(tmpdir(), 'lindy-e2e-runs-'));
	const server = createAppServer({ root, runs: { dataDir, log: () => {} } });
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(port, '127.0.0.1', done);
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}/`,
		port: address.port,
		close: () =>
			new Promise<void>((done) => {
				// Run streams end cleanly first, as when a real server stops.
				void server.runs?.close();
				server.closeAllConnections();
				server.close(() => {
					rmSync(dataDir, { recursive: true, force: true });
					done();
				});
			})
	};
}

/** A real browser profile on disk, so service worker and IndexedDB survive a relaunch. */
export function makeProfileDir(): { dir: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'lindy-profile-'));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launchProfile(dir: string): Promise<BrowserContext> {
	return followOffline(
		await chromium.launchPersistentContext(dir, {
			executablePath: findChromium(),
			args: CHROMIUM_ARGS,
			viewport: { width: 1280, height: 800 }
		})
	);
}

/** Waits until the service worker controls the page (not just until it is ready). */
/** Waits until the page has started the worker that writes the board's moves (once idle). */
export async function moveWorkerStarted(page: Page) {
	await expect.poll(() => page.workers().some((w) => w.url().includes('move.worker'))).toBe(true);
}

export async function waitForServiceWorker(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true));
	await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
		timeout: 15_000
	});
}
