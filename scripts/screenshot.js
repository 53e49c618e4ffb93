// @ts-check
// Screenshots of the real app with the example board, light and dark, 1280 and 390 px wide,
// into docs/screenshots/. The README shows board-light-1280.png. `npm run screenshot` builds first.
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_MESSAGE } from '../tests/setup/browser.js';

const executablePath = findChromium();
if (!executablePath) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}

// Fixture feeds for the Reading page, served here; the app's proxy may fetch from 127.0.0.1.
const feeds = createServer((req, res) => {
	try {
		const body = readFileSync(resolve('tests/fixtures/feeds', (req.url ?? '/').slice(1)));
		res.writeHead(200, { 'content-type': 'application/rss+xml' });
		res.end(body);
	} catch {
		res.writeHead(404);
		res.end();
	}
});
await new Promise((done) => feeds.listen(0, '127.0.0.1', () => done(undefined)));
const feedAddress = feeds.address();
const feedBase = `http://127.0.0.1:${typeof feedAddress === 'object' && feedAddress ? feedAddress.port : 0}/`;

const server = createAppServer({ root: resolve('dist'), proxy: { allowPrivate: true } });
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
mkdirSync('docs/screenshots', { recursive: true });

try {
	for (const scheme of /** @type {const} */ (['light', 'dark'])) {
		for (const width of [1280, 390]) {
			const context = await browser.newContext({
				viewport: { width, height: width > 600 ? 860 : 844 },
				colorScheme: scheme,
				deviceScaleFactor: 1
			});
			const page = await context.newPage();
			await page.goto(url);
			await page.getByRole('button', { name: 'Load an example board' }).click();
			await page
				.getByRole('textbox', { name: 'New task' })
				.fill('Label 200 hard examples #data ~2h p1 due:fri @labels');
			if (width > 600)
				await page
					.getByRole('button', {
						name: 'Why this rank for “Write the one-page problem statement for churn prediction”'
					})
					.last()
					.click();
			await page.mouse.move(0, 0);
			await page.evaluate(() => window.scrollTo(0, 0));
			const file = `docs/screenshots/board-${scheme}-${width}.png`;
			await page.screenshot({ path: file });
			console.log(`wrote ${file}`);

			await page.getByRole('textbox', { name: 'New task' }).fill('');
			await page.getByRole('link', { name: 'Reading' }).click();
			await page.getByRole('button', { name: 'Start without feeds' }).click();
			await page.getByRole('tab', { name: 'Feeds' }).click();
			for (const name of ['rss2.xml', 'atom.xml', 'rdf.xml', 'hype.xml', 'bare-ampersand.xml']) {
				await page.getByLabel('Add a feed').fill(feedBase + name);
				await page.getByRole('button', { name: 'Add', exact: true }).click();
				await page.getByText(feedBase + name).waitFor();
			}
			await page.getByText('Not fetched yet').first().waitFor({ state: 'detached' });
			await page.getByRole('tab', { name: 'This week' }).click();
			await page.getByRole('article').first().waitFor();
			const reading = `docs/screenshots/reading-${scheme}-${width}.png`;
			await page.screenshot({ path: reading });
			console.log(`wrote ${reading}`);
			await context.close();
		}
	}
} finally {
	await browser.close();
	server.close();
	feeds.close();
}
