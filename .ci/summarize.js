// Reads the Vitest and Playwright JSON reports and prints "N passed, N failed".
// A failing step that runs no tests (type check, lint, build) counts as one failure.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [dir, statusArg] = process.argv.slice(2);
const status = Number(statusArg);
let passed = 0;
let failed = 0;

for (const file of existsSync(dir) ? readdirSync(dir) : []) {
	const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
	if (file.startsWith('vitest-')) {
		passed += report.numPassedTests;
		failed += report.numFailedTests;
	} else if (file === 'playwright.json') {
		passed += report.stats.expected + report.stats.flaky;
		failed += report.stats.unexpected;
	}
}
if (status !== 0 && failed === 0) {
	console.log('A step without tests failed (type check, lint or build): see above.');
	failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
