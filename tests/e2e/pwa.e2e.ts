import { fileURLToPath } from 'node:url';
import {
	MAIN_BUILD_DIR,
	UPDATE_BUILD_DIR,
	card,
	column,
	expect,
	guardPage,
	launchProfile,
	makeProfileDir,
	quickAdd,
	startEmpty,
	startServer,
	test,
	waitForServiceWorker
} from './helpers';

// These tests run their own servers on fixed ports: a service worker belongs to one origin, so
// the relaunch and update tests must come back to the same port.
test.describe.configure({ mode: 'serial' });

test('Chromium finds the app installable', async () => {
	const server = await startServer(MAIN_BUILD_DIR, 4181);
	const profile = makeProfileDir();
	const context = await launchProfile(profile.dir);
	const problems: string[] = [];
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		guardPage(page, problems);
		await page.goto(server.url);
		await waitForServiceWorker(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);

		const manifest = await (await page.request.get(`${server.url}manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
		expect(manifest.shortcuts.map((s: { name: string }) => s.name)).toEqual([
			'New task',
			"This week's reading"
		]);
		expect(manifest.share_target).toEqual({
			action: '/share',
			method: 'GET',
			params: { title: 'title', text: 'text', url: 'url' }
		});
		expect(manifest.file_handlers[0].action).toBe('/reading');
		expect(Object.values(manifest.file_handlers[0].accept).flat()).toEqual([
			'.opml',
			'.rss',
			'.atom',
			'.xml'
		]);
		for (const shot of manifest.screenshots as { src: string; sizes: string }[]) {
			const image = await page.request.get(new URL(shot.src, server.url).href);
			expect(image.ok(), shot.src).toBe(true);
			const bytes = await image.body();
			expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(shot.sizes);
		}
		expect(manifest.screenshots.map((s: { form_factor: string }) => s.form_factor)).toEqual([
			'wide',
			'narrow'
		]);
		expect(problems).toEqual([]);
	} finally {
		await context.close();
		await server.close();
		profile.remove();
	}
});

test.describe('offline', () => {
	// The browser logs the failed /api/ request that proves the proxy is never cached.
	test.use({ allowConsole: [/ERR_INTERNET_DISCONNECTED|Failed to fetch/] });

	test('works fully offline once the service worker controls the page', async ({
		page,
		context
	}) => {
		const server = await startServer(MAIN_BUILD_DIR, 4182);
		try {
			await startEmpty(page, server.url);
			await waitForServiceWorker(page);
			await quickAdd(page, 'Written online #data');

			await context.setOffline(true);
			await page.reload();
			await expect(page.getByText('Offline — everything still works')).toBeVisible();
			await expect(card(column(page, 'data'), 'Written online')).toBeVisible();

			await quickAdd(page, 'Written offline #problem ~30m');
			const offline = card(column(page, 'problem'), 'Written offline');
			await offline.getByRole('button', { name: 'Edit “Written offline”' }).click();
			const dialog = page.getByRole('dialog', { name: 'Edit task' });
			await dialog.getByLabel('Title').fill('Written and edited offline');
			await dialog.getByRole('button', { name: 'Save' }).click();
			const edited = card(column(page, 'problem'), 'Written and edited offline');
			await edited.press('Alt+ArrowRight');
			await expect(card(column(page, 'data'), 'Written and edited offline')).toBeFocused();
			await card(column(page, 'data'), 'Written online').press('Delete');
			await expect(card(page, 'Written online')).toBeHidden();

			await page.reload();
			await expect(card(column(page, 'data'), 'Written and edited offline')).toBeVisible();
			await expect(card(page, 'Written online')).toBeHidden();
			// Search forgives typos in a worker of its own, which also comes from the precache.
			const search = page.getByRole('searchbox', { name: 'Search tasks' });
			await search.fill('ofline');
			await expect(card(page, 'Written and edited offline')).toBeVisible();
			await search.fill('ofline zzzz');
			await expect(page.getByText('No tasks match “ofline zzzz”.')).toBeVisible();
			// Clearing stops the worker; the next search starts another.
			await search.press('Escape');
			await search.fill('edited ofline');
			await expect(card(page, 'Written and edited offline')).toBeVisible();
			await search.press('Escape');
			// The feed proxy is never answered from the service worker's cache.
			const api = await page.evaluate(() =>
				fetch('/api/feed?url=https%3A%2F%2Fexample.com%2Ffeed').then(
					(r) => `status ${r.status}`,
					() => 'network error'
				)
			);
			expect(api).toBe('network error');
			await page.getByRole('link', { name: 'Settings' }).click();
			await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
		} finally {
			await context.setOffline(false);
			await server.close();
		}
	});
});

test.describe('offline, a new window', () => {
	test.use({ allowConsole: [/ERR_INTERNET_DISCONNECTED/] });

	test("the app's files come straight from the precache, without the worker", async ({
		page,
		context
	}) => {
		const server = await startServer(MAIN_BUILD_DIR, 4182);
		try {
			const cdp = await context.newCDPSession(page);
			const rules: string[] = [];
			cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) =>
				rules.push(...versions.map((v) => v.routerRules ?? ''))
			);
			await cdp.send('ServiceWorker.enable');
			await startEmpty(page, server.url);
			await waitForServiceWorker(page);
			await quickAdd(page, 'Opened from the dock #deploy');
			// The worker declared its static route: hashed files are read from the caches by the
			// browser, with no worker start-up or fetch handler in the way.
			await expect
				.poll(() => rules.map((r) => (r ? JSON.parse(r) : [])).flat())
				.toContainEqual(
					expect.objectContaining({
						condition: { urlPattern: expect.objectContaining({ pathname: '/assets/*' }) },
						source: ['cache']
					})
				);

			// Offline, a new window (the installed app started again) loads every file that way.
			await context.setOffline(true);
			const window = await context.newPage();
			await window.goto(server.url);
			await expect(card(column(window, 'deploy'), 'Opened from the dock')).toBeVisible();
			await window.getByRole('link', { name: 'Review' }).click();
			await expect(window.getByRole('heading', { name: 'Weekly review' })).toBeVisible();
		} finally {
			await context.setOffline(false);
			await server.close();
		}
	});
});

test('cold start: opens with its data after the browser and server were closed', async () => {
	const server = await startServer(MAIN_BUILD_DIR, 4183);
	const profile = makeProfileDir();
	const problems: string[] = [];
	try {
		let context = await launchProfile(profile.dir);
		let page = context.pages()[0] ?? (await context.newPage());
		guardPage(page, problems);
		await startEmpty(page, server.url);
		await waitForServiceWorker(page);
		await quickAdd(page, 'Survives a cold start #deploy p1');
		await context.close();
		await server.close();

		context = await launchProfile(profile.dir);
		page = context.pages()[0] ?? (await context.newPage());
		// With its server gone, the app still tries to reach it for run reports; that is expected.
		guardPage(page, problems, [/ERR_CONNECTION_REFUSED/]);
		await page.goto(server.url);
		await expect(card(column(page, 'deploy'), 'Survives a cold start')).toBeVisible();
		await context.close();
		expect(problems).toEqual([]);
	} finally {
		await server.close();
		profile.remove();
	}
});

test('an update waits for the user, then runs the new version with every store intact', async ({
	page
}) => {
	let server = await startServer(MAIN_BUILD_DIR, 4184);
	try {
		await startEmpty(page, server.url);
		await waitForServiceWorker(page);
		await quickAdd(page, 'Made in version A #model');
		await expect(page.getByText(/^Lindy 0\.1\.0$/)).toBeVisible();
		// A feed, its items and a reading list with progress, all made in version A.
		await page.getByRole('link', { name: 'Reading' }).click();
		await page.getByRole('button', { name: 'Start without feeds' }).click();
		await page.getByRole('tab', { name: 'Feeds' }).click();
		await page
			.getByLabel('Import a saved feed file…')
			.setInputFiles(fileURLToPath(new URL('../fixtures/feeds/rss2.xml', import.meta.url)));
		await expect(page.getByText(/^Imported 2 new items/)).toBeVisible();
		await page.getByRole('tab', { name: 'This week' }).click();
		const entry = page.getByRole('article').first();
		const entryTitle = await entry.getByRole('heading').innerText();
		await entry.getByRole('checkbox', { name: /Pass 1/ }).check();
		await entry.getByRole('textbox', { name: /^Notes on/ }).fill('Read in version A');
		await entry.getByRole('textbox', { name: /^Notes on/ }).blur();
		// The notes are saved when the box loses focus; the reload below must not race that write.
		await expect
			.poll(() =>
				page.evaluate(
					() =>
						new Promise<string[]>((done) => {
							const req = indexedDB.open('lindy');
							req.onsuccess = () => {
								const all = req.result
									.transaction('readingLists')
									.objectStore('readingLists')
									.getAll();
								all.onsuccess = () => {
									done(
										(all.result as { entries: { notes: string }[] }[]).flatMap((l) =>
											l.entries.map((e) => e.notes)
										)
									);
									req.result.close();
								};
							};
						})
				)
			)
			.toContain('Read in version A');

		await server.close();
		server = await startServer(UPDATE_BUILD_DIR, 4184);
		await page.reload();
		const banner = page.getByRole('status').filter({ hasText: 'A new version of Lindy is ready' });
		await expect(banner).toBeVisible({ timeout: 15_000 });
		// Still version A until the user says so.
		await expect(page.getByText(/^Lindy 0\.1\.0$/)).toBeVisible();

		await banner.getByRole('button', { name: 'Reload' }).click();
		await expect(page.getByText('Lindy 0.1.0+B')).toBeVisible({ timeout: 15_000 });
		await expect(banner).toBeHidden();
		const again = page.getByRole('article', { name: entryTitle });
		await expect(again.getByRole('checkbox', { name: /Pass 1/ })).toBeChecked();
		await expect(again.getByRole('textbox', { name: /^Notes on/ })).toHaveValue(
			'Read in version A'
		);
		await page.getByRole('tab', { name: 'Feeds' }).click();
		await expect(page.getByRole('textbox', { name: 'Name of Data Quality Weekly' })).toBeVisible();
		await page.getByRole('tab', { name: /All items/ }).click();
		await expect(page.getByRole('article')).toHaveCount(2);
		await page.getByRole('link', { name: 'Board' }).click();
		await expect(card(column(page, 'model'), 'Made in version A')).toBeVisible();
	} finally {
		await server.close();
	}
});
