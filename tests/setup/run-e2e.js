// @ts-check
// Runs the Playwright suite against the production build, after checking that a browser exists.
import { spawnSync } from 'node:child_process';
import { findChromium, NO_BROWSER_MESSAGE } from './browser.js';

if (!findChromium()) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}
const result = spawnSync(
	'npx',
	['playwright', 'test', '--config', 'tests/playwright.config.ts', ...process.argv.slice(2)],
	{ stdio: 'inherit' }
);
process.exit(result.status ?? 1);
