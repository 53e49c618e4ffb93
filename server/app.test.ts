import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from './app.js';

let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
	const parent = mkdtempSync(join(tmpdir(), 'lindy-server-'));
	root = join(parent, 'dist');
	mkdirSync(join(root, 'assets'), { recursive: true });
	writeFileSync(join(root, 'index.html'), '<!doctype html><title>Lindy</title>');
	writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
	writeFileSync(join(root, 'early-read.js'), '(() => {})();');
	writeFileSync(join(root, 'manifest.webmanifest'), '{}');
	writeFileSync(join(root, 'robots.txt'), 'User-agent: *\nDisallow:\n');
	writeFileSync(join(root, 'assets', 'index-AbC123.js'), 'console.log(1)');
	writeFileSync(join(root, 'assets', 'index-AbC123.css'), 'body{}');
	writeFileSync(join(parent, 'secret.txt'), 'outside');
	server = createAppServer({ root });
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((done) => server.close(done));
	rmSync(join(root, '..'), { recursive: true, force: true });
});

/** A raw GET that sends the path exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
	return new Promise((done, fail) => {
		const req = request(`${base}/`, { path }, (res) => {
			let body = '';
			res.on('data', (c) => (body += c));
			res.on('end', () => done({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', fail);
		req.end();
	});
}

describe('the app server', () => {
	it('serves files with their MIME types', async () => {
		const cases: [string, string][] = [
			['/', 'text/html; charset=utf-8'],
			['/sw.js', 'text/javascript; charset=utf-8'],
			['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
			['/assets/index-AbC123.css', 'text/css; charset=utf-8']
		];
		for (const [path, type] of cases) {
			const res = await fetch(base + path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('content-type'), path).toBe(type);
		}
	});

	it('marks hashed assets immutable and update entry points no-cache', async () => {
		const asset = await fetch(`${base}/assets/index-AbC123.js`);
		expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const entryPoints = ['/', '/index.html', '/early-read.js', '/sw.js', '/manifest.webmanifest'];
		for (const path of [...entryPoints, '/reading']) {
			expect((await fetch(base + path)).headers.get('cache-control'), path).toBe('no-cache');
		}
	});

	it('falls back to index.html for app routes but not for missing assets', async () => {
		const route = await fetch(`${base}/reading?week=2026-11-27`);
		expect(route.status).toBe(200);
		expect(await route.text()).toContain('<title>Lindy</title>');
		expect((await fetch(`${base}/assets/missing-123.js`)).status).toBe(404);
	});

	it('answers /robots.txt with the real file', async () => {
		const res = await fetch(`${base}/robots.txt`);
		expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await res.text()).toContain('User-agent');
	});

	it('refuses path traversal in every spelling', async () => {
		for (const path of [
			'/../secret.txt',
			'/assets/../../secret.txt',
			'/%2e%2e/secret.txt',
			'/%2e%2e%2fsecret.txt',
			'/..%5csecret.txt',
			'/%00index.html',
			'/%E0%A4%A'
		]) {
			const res = await rawGet(path);
			expect(res.body, path).not.toContain('outside');
			expect([400, 404], path).toContain(res.status);
		}
	});

	it('sends a strict Content-Security-Policy with the app', async () => {
		const csp = (await fetch(base)).headers.get('content-security-policy') ?? '';
		expect(csp).toContain("script-src 'self'");
		expect(csp).not.toMatch(/script-src[^;]*unsafe/);
		expect(csp).toContain("connect-src 'self'");
	});

	it('answers HEAD without a body and refuses other methods', async () => {
		const head = await fetch(base, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(await head.text()).toBe('');
		expect((await fetch(base, { method: 'POST' })).status).toBe(405);
	});

	it('answers unknown API paths with a JSON error', async () => {
		const res = await fetch(`${base}/api/nope`);
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: 'not_found' });
	});
});
