import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './setup/browser.js';

const port = Number(process.env.LINDY_E2E_PORT ?? 4174);
const reportDir = process.env.LINDY_REPORT_DIR;

export default defineConfig({
	testDir: './e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: '../test-results',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 7_000 },
	forbidOnly: !!process.env.CI,
	globalSetup: './setup/e2e-global-setup.ts',
	reporter: reportDir
		? [['list'], ['json', { outputFile: `${reportDir}/playwright.json` }]]
		: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	webServer: {
		command: 'node server/main.js',
		cwd: '..',
		url: `http://127.0.0.1:${port}/`,
		// The reading tests serve fixture feeds on 127.0.0.1, which the proxy refuses by default.
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			LINDY_ROOT: 'dist',
			LINDY_ALLOW_PRIVATE_NETWORKS: '1',
			// Run events of the tests stay in a folder of their own.
			LINDY_DATA_DIR: process.env.LINDY_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'lindy-e2e-data-'))
		},
		reuseExistingServer: false,
		timeout: 30_000
	}
});
