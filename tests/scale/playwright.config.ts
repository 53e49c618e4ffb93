import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../setup/browser.js';

/**
 * The scaling check (`npm run test:scale`, docs/SCALING.md): two Lindy servers sharing Postgres
 * and Redis, which scripts/test-scale.js starts and names in LINDY_SYNC_POSTGRES and
 * LINDY_SYNC_REDIS. Not part of `npm test`.
 */
export default defineConfig({
	testDir: '.',
	testMatch: '*.e2e.ts',
	outputDir: '../../test-results/scale',
	workers: 1,
	retries: 0,
	timeout: 180_000,
	expect: { timeout: 15_000 },
	reporter: [['list']],
	use: {
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
		trace: 'retain-on-failure'
	}
});
