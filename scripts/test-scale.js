// @ts-check
// `npm run test:scale`: two Lindy sync servers sharing one Postgres and one Redis, with a browser
// on each (tests/scale). Installs Redis and Postgres from Debian's packages when they are missing
// (as root), starts private throwaway instances of both on loopback, runs the check, and removes
// them again. Not part of `npm test`: it needs root on a fresh machine, and time.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findChromium, NO_BROWSER_MESSAGE } from '../tests/setup/browser.js';

const REDIS_PORT = 6391;
const POSTGRES_PORT = 5441;

/** @param {string} command */
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** The newest installed Postgres's programs, or undefined. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const newest = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return newest && join(root, newest, 'bin');
}

/** @param {string[]} packages */
function install(packages) {
	if (userInfo().uid !== 0) {
		console.error(`test:scale needs ${packages.join(' and ')}: install them, or run as root.`);
		process.exit(1);
	}
	console.log(`Installing ${packages.join(', ')} from Debian's packages…`);
	execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-q', ...packages], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
}

/**
 * Starts a program and resolves once a line of its output matches `ready`.
 * @param {string} command @param {string[]} args @param {RegExp} ready
 */
function startUntil(command, args, ready) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((done, fail) => {
		let seen = '';
		const look = (/** @type {Buffer} */ chunk) => {
			seen += chunk.toString();
			if (ready.test(seen)) done(child);
		};
		child.stdout.on('data', look);
		child.stderr.on('data', look);
		child.once('exit', (code) => fail(new Error(`${command} exited with ${code}:\n${seen}`)));
	});
}

if (!findChromium()) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}
const missing = [
	...(has('redis-server') ? [] : ['redis-server']),
	...(postgresBin() ? [] : ['postgresql'])
];
if (missing.length > 0) install(missing);
const bin = /** @type {string} */ (postgresBin());

execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'lindy-scale-'));
const pgData = join(work, 'pg');
// Postgres refuses to run as root: as root, its own user runs it.
const asRoot = userInfo().uid === 0;
/**
 * A Postgres program with its arguments, as the user that may run it.
 * @param {string} program @param {string[]} args @returns {[string, string[]]}
 */
const asPostgres = (program, args) =>
	asRoot
		? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
		: [join(bin, program), args];
/** @type {import('node:child_process').ChildProcess[]} */
const services = [];
let status;
try {
	if (asRoot) chownSync(work, Number(execFileSync('id', ['-u', 'postgres'])), 0);
	execFileSync(...asPostgres('initdb', ['-D', pgData, '-A', 'trust', '-U', 'lindy']), {
		stdio: 'ignore'
	});
	const [pgCmd, pgArgs] = asPostgres('postgres', [
		'-D',
		pgData,
		'-p',
		String(POSTGRES_PORT),
		'-k',
		work,
		'-c',
		'listen_addresses=127.0.0.1'
	]);
	services.push(await startUntil(pgCmd, pgArgs, /ready to accept connections/));
	services.push(
		await startUntil(
			'redis-server',
			['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			/Ready to accept connections/
		)
	);
	console.log(`Postgres on 127.0.0.1:${POSTGRES_PORT}, Redis on 127.0.0.1:${REDIS_PORT}.`);
	const result = spawnSync(
		'npx',
		[
			'playwright',
			'test',
			'--config',
			'tests/scale/playwright.config.ts',
			...process.argv.slice(2)
		],
		{
			stdio: 'inherit',
			env: {
				...process.env,
				LINDY_SYNC_POSTGRES: `postgres://lindy@127.0.0.1:${POSTGRES_PORT}/postgres`,
				LINDY_SYNC_REDIS: `redis://127.0.0.1:${REDIS_PORT}`
			}
		}
	);
	status = result.status ?? 1;
} finally {
	for (const service of services) service.kill('SIGTERM');
	await Promise.all(
		services.map((s) => (s.exitCode === null ? new Promise((done) => s.once('exit', done)) : 0))
	);
	rmSync(work, { recursive: true, force: true });
}
process.exit(status);
