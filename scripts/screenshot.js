// @ts-check
// Screenshots of the real app with the example board, light and dark, 1280 and 390 px wide,
// into docs/screenshots/. The README shows board-light-1280.png. `npm run screenshot` builds first.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAppServer } from '../server/app.js';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_MESSAGE } from '../tests/setup/browser.js';

const executablePath = findChromium();
if (!executablePath) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}

const server = createAppServer({ root: resolve('dist') });
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
			await page
				.getByRole('button', {
					name: 'Why this rank for “Write the one-page problem statement for churn prediction”'
				})
				.last()
				.click();
			await page.mouse.move(0, 0);
			const file = `docs/screenshots/board-${scheme}-${width}.png`;
			await page.screenshot({ path: file });
			console.log(`wrote ${file}`);
			await context.close();
		}
	}
} finally {
	await browser.close();
	server.close();
}
