import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UPDATE_BUILD_DIR } from '../e2e/helpers';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The update test needs a second, visibly different build of the app. It is built once here,
 * beside the main build that `npm test` has already made.
 */
export default function globalSetup() {
	if (!existsSync(`${root}/dist/index.html`)) {
		throw new Error(
			'No production build in dist/. Run `npm run build` before the end-to-end tests.'
		);
	}
	execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, LINDY_BUILD_LABEL: 'B', LINDY_OUT_DIR: UPDATE_BUILD_DIR }
	});
}
