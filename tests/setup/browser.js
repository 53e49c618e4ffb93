// @ts-check
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags that let Debian's Chromium run headless as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/**
 * The Chromium to test with: Playwright's own when it is installed, else CHROMIUM_PATH, else
 * /usr/bin/chromium. Returns undefined when there is none.
 * @returns {string | undefined}
 */
export function findChromium() {
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) return own;
	} catch {
		// Playwright's browser is not installed; fall through to the system one.
	}
	for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium']) {
		if (candidate && existsSync(candidate)) return candidate;
	}
	return undefined;
}

export const NO_BROWSER_MESSAGE =
	'No Chromium found: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.';
