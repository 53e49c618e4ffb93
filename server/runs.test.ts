import { execFile } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchSnippet } from '../src/core/runs';
import { createAppServer } from './app.js';
import { defaultDataDir } from './runs.js';

const run = promisify(execFile);
const TOKEN = 'tok_0123456789abcdef0123456789ab';
let parent: string;
let dataDir: string;
let root: string;
const open: { server: Server; close: () => Promise<void> }[] = [];

beforeEach(() => {
	parent = mkdtempSync(join(tmpdir(), 'lindy-runs-'));
	dataDir = join(parent, 'data');
	root = join(parent, 'dist');
	mkdirSync(root);
	writeFileSync(join(root, 'index.html'), '<!doctype html><title>Lindy</title>');
});

afterEach(async () => {
	for (const s of open.splice(0)) await s.close();
	rmSync(parent, { recursive: true, force: true });
});

async function start(options: { ntfyUrl?: string; now?: () => number } = {}) {
	const server = createAppServer({ root, runs: { dataDir, log: () => {}, ...options } });
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const close = () =>
		new Promise<void>((done) => {
			server.closeAllConnections();
			server.close(() => done());
		});
	open.push({ server, close });
	return { server, base, close };
}

const register = (base: string, body: object, headers: Record<string, string> = {}) =>
	fetch(`${base}/api/runs`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});

const report = (base: string, id: string, token: string, body: string) =>
	fetch(`${base}/api/runs/${id}/events`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body
	});

const pending = async (base: string) =>
	(
		(await (await fetch(`${base}/api/runs/events`)).json()) as {
			events: { id: string; runId: string; exit?: number; metric?: string; note?: string }[];
		}
	).events;

/** A GET with a Host header of the test's choosing (fetch does not let one set it). */
function getWithHost(base: string, path: string, host: string): Promise<number> {
	return new Promise((done, fail) => {
		const req = request(`${base}${path}`, { headers: { Host: host } }, (res) => {
			res.resume();
			done(res.statusCode ?? 0);
		});
		req.on('error', fail);
		req.end();
	});
}

describe('run events on the server', () => {
	it('takes a report only with the run’s token', async () => {
		const { base } = await start();
		expect((await register(base, { id: 'run-1', token: TOKEN })).status).toBe(201);
		expect((await report(base, 'run-1', 'wrong-token-0123456789', 'exit=0')).status).toBe(401);
		expect((await report(base, 'run-1', '', 'exit=0')).status).toBe(401);
		expect((await report(base, 'nobody', TOKEN, 'exit=0')).status).toBe(401);
		const ok = await report(
			base,
			'run-1',
			TOKEN,
			'exit=1&metric=f1%3A0.81&note=%3Cb%3Eepoch%3C%2Fb%3E'
		);
		expect(ok.status).toBe(201);
		expect(await pending(base)).toMatchObject([
			{ runId: 'run-1', exit: 1, metric: 'f1:0.81', note: '<b>epoch</b>' }
		]);
	});

	it('refuses bad reports with a sentence', async () => {
		const { base } = await start();
		await register(base, { id: 'run-1', token: TOKEN });
		for (const body of ['', 'exit=256', 'exit=-1', 'exit=1.5', `note=${'x'.repeat(1001)}`]) {
			const res = await report(base, 'run-1', TOKEN, body);
			expect(res.status, body).toBe(400);
			expect(((await res.json()) as { message: string }).message).toMatch(/\.$/);
		}
	});

	it('limits bodies to 4 KB', async () => {
		const { base } = await start();
		await register(base, { id: 'run-1', token: TOKEN });
		expect((await report(base, 'run-1', TOKEN, `note=${'x'.repeat(5000)}`)).status).toBe(413);
	});

	it('rate-limits an address after ten wrong tokens, even with the right one', async () => {
		let now = Date.UTC(2026, 10, 27);
		const { base } = await start({ now: () => now });
		await register(base, { id: 'run-1', token: TOKEN });
		for (let i = 0; i < 10; i++)
			expect((await report(base, 'run-1', `bad-token-${i}-0123456789`, 'exit=0')).status).toBe(401);
		const limited = await report(base, 'run-1', TOKEN, 'exit=0');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('600');
		now += 11 * 60_000;
		expect((await report(base, 'run-1', TOKEN, 'exit=0')).status).toBe(201);
	});

	it('keeps only the token’s hash, in a private folder', async () => {
		const { base } = await start();
		await register(base, { id: 'run-1', token: TOKEN });
		const stored = readFileSync(join(dataDir, 'runs.json'), 'utf8');
		expect(stored).not.toContain(TOKEN);
		expect(stored).toContain('run-1');
		expect(statSync(dataDir).mode & 0o777).toBe(0o700);
		expect(statSync(join(dataDir, 'runs.json')).mode & 0o777).toBe(0o600);
	});

	it('refuses another registration of a taken id, and registering again is harmless', async () => {
		const { base } = await start();
		await register(base, { id: 'run-1', token: TOKEN });
		expect((await register(base, { id: 'run-1', token: TOKEN })).status).toBe(200);
		expect((await register(base, { id: 'run-1', token: `${TOKEN}x` })).status).toBe(409);
		expect((await register(base, { id: 'a b', token: TOKEN })).status).toBe(400);
		expect((await register(base, { id: 'run-2', token: TOKEN, topic: '../x' })).status).toBe(400);
	});

	it('keeps events across a restart until a browser acknowledges them, then delivers them no more', async () => {
		const first = await start();
		await register(first.base, { id: 'run-1', token: TOKEN });
		await report(first.base, 'run-1', TOKEN, 'exit=0');
		await first.close();
		const second = await start();
		const events = await pending(second.base);
		expect(events).toHaveLength(1);
		const ack = await fetch(`${second.base}/api/runs/ack`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ ids: [events[0]!.id] })
		});
		expect(await ack.json()).toEqual({ acknowledged: 1 });
		expect(await pending(second.base)).toEqual([]);
		await second.close();
		const third = await start();
		expect(await pending(third.base)).toEqual([]);
	});

	it('streams waiting events, then new ones as they come', async () => {
		const { base } = await start();
		await register(base, { id: 'run-1', token: TOKEN });
		await report(base, 'run-1', TOKEN, 'note=started');
		const controller = new AbortController();
		const res = await fetch(`${base}/api/runs/stream`, { signal: controller.signal });
		expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
		const reader = res.body!.getReader();
		let text = '';
		const until = async (needle: string) => {
			while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value);
		};
		await until('"note":"started"');
		await report(base, 'run-1', TOKEN, 'exit=0');
		await until('"exit":0');
		controller.abort();
	});

	it('keeps runs away from other origins', async () => {
		const { base } = await start();
		const foreign = { Origin: 'https://evil.example' };
		expect((await register(base, { id: 'run-1', token: TOKEN }, foreign)).status).toBe(403);
		expect((await fetch(`${base}/api/runs/events`, { headers: foreign })).status).toBe(403);
		expect(
			(await fetch(`${base}/api/runs/events`, { headers: { 'Sec-Fetch-Site': 'cross-site' } }))
				.status
		).toBe(403);
		const ack = await fetch(`${base}/api/runs/ack`, {
			method: 'POST',
			headers: foreign,
			body: '{"ids":[]}'
		});
		expect(ack.status).toBe(403);
		expect(
			(await fetch(`${base}/api/runs/events`)).headers.get('access-control-allow-origin')
		).toBeNull();
	});

	it('answers only to its own host names, for the app, the runs and the feed proxy', async () => {
		const { base } = await start();
		for (const path of ['/', '/api/runs/events', '/api/feed?url=https%3A%2F%2Fexample.com']) {
			expect(await getWithHost(base, path, 'evil.example:4173'), path).toBe(421);
			expect(await getWithHost(base, path, 'rebind.attacker.test'), path).toBe(421);
		}
		expect(await getWithHost(base, '/', 'localhost:4173')).toBe(200);
		expect(await getWithHost(base, '/', '[::1]:4173')).toBe(200);
	});

	it('turns an ntfy message with a run’s id and token into an event, and ignores the rest', async () => {
		const messages = [
			{ id: 'm1', event: 'open' },
			{
				id: 'm2',
				event: 'message',
				message: `lindy-run=run-1 token=wrong-token-0123456789 exit=0`
			},
			{ id: 'm3', event: 'message', message: 'hello from someone else' },
			{ id: 'm4', event: 'message', message: `lindy-run=run-1 token=${TOKEN} exit=2` }
		];
		const asked: string[] = [];
		const ntfy = createServer((req, res) => {
			asked.push(req.url ?? '');
			res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
			const since = new URL(req.url!, 'http://x').searchParams.get('since');
			const from = since === 'all' ? 0 : messages.findIndex((m) => m.id === since) + 1;
			res.end(
				messages
					.slice(from)
					.map((m) => JSON.stringify(m))
					.join('\n')
			);
		});
		await new Promise<void>((done) => ntfy.listen(0, '127.0.0.1', done));
		try {
			const { base, server } = await start({
				ntfyUrl: `http://127.0.0.1:${(ntfy.address() as AddressInfo).port}`
			});
			await register(base, { id: 'run-1', token: TOKEN, topic: 'my-runs' });
			const runs = (server as unknown as { runs: { pollNtfy: () => Promise<void> } }).runs;
			await runs.pollNtfy();
			expect(asked).toEqual(['/my-runs/json?poll=1&since=all']);
			expect(await pending(base)).toMatchObject([{ runId: 'run-1', exit: 2 }]);
			await runs.pollNtfy();
			expect(asked).toHaveLength(1);
		} finally {
			await new Promise((done) => ntfy.close(done));
		}
	});

	it('sets the data folder from LINDY_DATA_DIR, XDG_DATA_HOME or the home folder', () => {
		expect(defaultDataDir({ LINDY_DATA_DIR: '/d' })).toBe('/d');
		expect(defaultDataDir({ XDG_DATA_HOME: '/x' })).toBe('/x/lindy');
		expect(defaultDataDir({})).toMatch(/\.local\/share\/lindy$/);
	});

	it('keeps an unreadable data file aside and starts afresh', async () => {
		mkdirSync(dataDir, { recursive: true });
		writeFileSync(join(dataDir, 'runs.json'), '{not json');
		const { base } = await start();
		expect(await pending(base)).toEqual([]);
		expect(
			readFileSync(
				join(
					dataDir,
					(await import('node:fs')).readdirSync(dataDir).find((f) => f.includes('unreadable'))!
				),
				'utf8'
			)
		).toBe('{not json');
	});
});

describe('the launch snippet in a real shell', () => {
	const hostile = `'; touch PWNED; echo '\n$(touch PWNED2) \`touch PWNED3\``;

	async function runScript(base: string, body: string, id = 'run-1') {
		const snippet = launchSnippet({
			run: { id, number: 7, hypothesis: hostile, token: TOKEN },
			serverUrl: base
		});
		return run('sh', ['-c', `${snippet}${body}`], { cwd: parent }).catch(
			(e: { code: number }) => e
		);
	}

	it('reports a crash with its exit status, and metrics and notes on the way', async () => {
		const { base } = await start();
		await register(base, { id: 'run-1', token: TOKEN });
		const result = await runScript(
			base,
			'lindy_report --data-urlencode "metric=f1:0.81"\nlindy_report --data-urlencode "note=epoch 3 of 10"\nfalse_command_that_does_not_exist\nexit 3\n'
		);
		expect((result as { code?: number }).code).toBe(3);
		expect(await pending(base)).toMatchObject([
			{ metric: 'f1:0.81' },
			{ note: 'epoch 3 of 10' },
			{ exit: 3 }
		]);
		for (const f of ['PWNED', 'PWNED2', 'PWNED3'])
			expect(existsSync(join(parent, f)), f).toBe(false);
	});

	it('reports a job stopped by a signal as exit 143', async () => {
		const { base } = await start();
		await register(base, { id: 'run-1', token: TOKEN });
		await runScript(base, 'kill -TERM $$\nsleep 5\n');
		expect(await pending(base)).toMatchObject([{ exit: 143 }]);
	});

	it('does not fail the job when Lindy cannot be reached', async () => {
		const result = await runScript('http://127.0.0.1:9', 'echo done\n');
		expect(result).toMatchObject({ stdout: 'done\n' });
	});
});
