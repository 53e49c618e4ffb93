// @ts-check
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { chmod, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { HttpError, fromTheApp, hashToken, readBody, sendJson, sendRefusal } from './http-util.js';

/**
 * Run events: a job reports its end, a metric or a note with its run's token; the events wait in
 * a data folder until a browser has stored them and acknowledged them. The server keeps only a
 * hash of each token and never interprets a report beyond its size and type: what an exit status
 * or a metric means is decided by the app's core.
 */

export const RUNS_LIMITS = {
	bodyBytes: 4096,
	noteChars: 1000,
	metricChars: 200,
	/** Failed tokens per address and window before further tries are refused. */
	failedTokens: 10,
	failedWindowMs: 10 * 60_000,
	runs: 10_000,
	pendingEvents: 10_000,
	ackedKeptMs: 30 * 86_400_000,
	ntfyIntervalMs: 60_000,
	ntfyBytes: 1024 * 1024,
	heartbeatMs: 25_000
};

const ID = /^[A-Za-z0-9_-]{1,200}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;
const TOPIC = /^[A-Za-z0-9_-]{1,64}$/;

/** Where run data lives: LINDY_DATA_DIR, else $XDG_DATA_HOME/lindy, else ~/.local/share/lindy. */
export function defaultDataDir(env = process.env) {
	if (env.LINDY_DATA_DIR) return env.LINDY_DATA_DIR;
	const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
	return join(base, 'lindy');
}

/** @param {string} text */
function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return '';
	}
}

/**
 * @typedef {{ hash: string, topic?: string, registeredAt: number, ended?: boolean }} RunEntry
 * @typedef {{ id: string, runId: string, at: number, exit?: number, metric?: string, note?: string, ackedAt?: number }} StoredEvent
 * @typedef {{ version: 1, runs: Record<string, RunEntry>, events: StoredEvent[], nextEvent: number, ntfySince: Record<string, string> }} RunsData
 */

/** @returns {RunsData} */
const emptyData = () => ({ version: 1, runs: {}, events: [], nextEvent: 1, ntfySince: {} });

/**
 * Reads a report's fields from a form (what curl --data-urlencode sends) or JSON.
 * @param {string} body
 * @param {string | undefined} type
 * @returns {Record<string, unknown>}
 */
function parseFields(body, type) {
	if ((type ?? '').startsWith('application/json')) {
		try {
			const parsed = JSON.parse(body);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
		} catch {
			/* refused below */
		}
		throw new HttpError(400, 'bad_body', 'The report is not a JSON object.');
	}
	return Object.fromEntries(new URLSearchParams(body));
}

/**
 * A job's report: an exit status (0–255), a metric (`f1:0.81`) and a note, each optional but not
 * all absent. Kept as text; the app reads them.
 * @param {Record<string, unknown>} fields
 */
function reportOf(fields) {
	/** @type {{ exit?: number, metric?: string, note?: string }} */
	const report = {};
	if (fields.exit !== undefined && fields.exit !== '') {
		const exit = Number(fields.exit);
		if (!Number.isInteger(exit) || exit < 0 || exit > 255) {
			throw new HttpError(400, 'bad_exit', 'exit must be a whole number from 0 to 255.');
		}
		report.exit = exit;
	}
	for (const [key, max] of /** @type {const} */ ([
		['metric', RUNS_LIMITS.metricChars],
		['note', RUNS_LIMITS.noteChars]
	])) {
		const value = fields[key];
		if (value === undefined || value === '') continue;
		if (typeof value !== 'string' || value.length > max) {
			throw new HttpError(400, `bad_${key}`, `${key} must be text of at most ${max} characters.`);
		}
		report[key] = value;
	}
	if (Object.keys(report).length === 0) {
		throw new HttpError(400, 'empty', 'A report needs exit, metric or note.');
	}
	return report;
}

/**
 * @typedef {object} RunsOptions
 * @property {string} dataDir
 * @property {() => number} [now]
 * @property {string} [ntfyUrl] the ntfy server to poll (LINDY_NTFY_URL; default https://ntfy.sh)
 * @property {Partial<typeof RUNS_LIMITS>} [limits]
 * @property {(message: string) => void} [log]
 */

/** @param {RunsOptions} options */
export function createRuns({
	dataDir,
	now = Date.now,
	ntfyUrl = 'https://ntfy.sh',
	limits: overrides = {},
	log = (m) => console.warn(m)
}) {
	const limits = { ...RUNS_LIMITS, ...overrides };
	const file = join(dataDir, 'runs.json');
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const data = load();
	/** @type {Set<import('node:http').ServerResponse>} */
	const streams = new Set();
	/** @type {Map<string, { fails: number, since: number }>} */
	const failures = new Map();
	let saving = Promise.resolve();
	let saveNumber = 0;

	/** @returns {RunsData} */
	function load() {
		let text;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			return emptyData();
		}
		try {
			const parsed = JSON.parse(text);
			if (parsed?.version === 1 && Array.isArray(parsed.events))
				return { ...emptyData(), ...parsed };
		} catch {
			/* kept aside below */
		}
		const aside = `${file}.unreadable-${now()}`;
		renameSync(file, aside);
		log(`Lindy: ${file} could not be read; it was kept as ${aside} and runs start afresh.`);
		return emptyData();
	}

	/** Writes the whole state atomically (a temporary file, then a rename), one write at a time. */
	function save() {
		const text = JSON.stringify(data);
		const temp = `${file}.${process.pid}.${++saveNumber}.tmp`;
		saving = saving
			.then(async () => {
				await writeFile(temp, text, { mode: 0o600 });
				await rename(temp, file);
			})
			.catch((error) => log(`Lindy could not save run events: ${error.message}`));
		return saving;
	}

	function prune() {
		const cutoff = now() - limits.ackedKeptMs;
		data.events = data.events.filter((e) => e.ackedAt === undefined || e.ackedAt > cutoff);
		const ids = Object.keys(data.runs);
		if (ids.length > limits.runs) {
			const pending = new Set(
				data.events.filter((e) => e.ackedAt === undefined).map((e) => e.runId)
			);
			ids
				.filter((id) => !pending.has(id))
				.sort((a, b) => (data.runs[a]?.registeredAt ?? 0) - (data.runs[b]?.registeredAt ?? 0))
				.slice(0, ids.length - limits.runs)
				.forEach((id) => delete data.runs[id]);
		}
	}
	prune();

	/** @param {string} runId @param {{ exit?: number, metric?: string, note?: string }} report */
	function addEvent(runId, report) {
		const pending = data.events.filter((e) => e.ackedAt === undefined).length;
		if (pending >= limits.pendingEvents) {
			throw new HttpError(507, 'full', 'Too many events are waiting for Lindy to take them.');
		}
		/** @type {StoredEvent} */
		const event = { id: `e${data.nextEvent++}`, runId, at: now(), ...report };
		data.events.push(event);
		const entry = data.runs[runId];
		if (report.exit !== undefined && entry) entry.ended = true;
		const line = `event: run\nid: ${event.id}\ndata: ${JSON.stringify(publicEvent(event))}\n\n`;
		for (const res of streams) res.write(line);
		return event;
	}

	/** @param {StoredEvent} e */
	const publicEvent = ({ ackedAt: _acked, ...rest }) => rest;
	const pendingEvents = () => data.events.filter((e) => e.ackedAt === undefined).map(publicEvent);

	/** @param {string} address */
	function rateLimited(address) {
		const entry = failures.get(address);
		if (!entry || now() - entry.since > limits.failedWindowMs) return false;
		return entry.fails >= limits.failedTokens;
	}

	/** @param {string} address */
	function recordFailure(address) {
		const entry = failures.get(address);
		if (!entry || now() - entry.since > limits.failedWindowMs)
			failures.set(address, { fails: 1, since: now() });
		else entry.fails += 1;
	}

	/** Whether `token` is the run's, compared in constant time. @param {string} runId @param {string} token */
	function tokenMatches(runId, token) {
		const run = Object.hasOwn(data.runs, runId) ? data.runs[runId] : undefined;
		const given = hashToken(token);
		const stored = run ? Buffer.from(run.hash, 'hex') : hashToken(randomUUID());
		return timingSafeEqual(given, stored) && run !== undefined;
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async function register(req, res) {
		const fields = parseFields(
			await readBody(req, limits.bodyBytes, 'A report'),
			'application/json'
		);
		const { id, token, topic } = fields;
		if (typeof id !== 'string' || !ID.test(id))
			throw new HttpError(400, 'bad_id', 'The run id is not valid.');
		if (typeof token !== 'string' || !TOKEN.test(token))
			throw new HttpError(400, 'bad_token', 'The run token is not valid.');
		if (topic !== undefined && (typeof topic !== 'string' || !TOPIC.test(topic))) {
			throw new HttpError(
				400,
				'bad_topic',
				'An ntfy topic may hold letters, digits, - and _, at most 64.'
			);
		}
		const hash = hashToken(token).toString('hex');
		const known = Object.hasOwn(data.runs, id) ? data.runs[id] : undefined;
		if (known && known.hash !== hash) throw new HttpError(409, 'taken', 'Another run has this id.');
		data.runs[id] = {
			...known,
			hash,
			registeredAt: known?.registeredAt ?? now(),
			...(topic ? { topic } : {})
		};
		prune();
		await save();
		sendJson(res, known ? 200 : 201, { id });
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} runId */
	async function report(req, res, runId) {
		const address = req.socket.remoteAddress ?? '?';
		if (rateLimited(address)) {
			res.setHeader('Retry-After', String(Math.ceil(limits.failedWindowMs / 1000)));
			throw new HttpError(429, 'rate_limited', 'Too many wrong tokens; try again later.');
		}
		const auth = req.headers.authorization ?? '';
		const token = /^Bearer (\S+)$/.exec(auth)?.[1] ?? '';
		if (!tokenMatches(runId, token)) {
			recordFailure(address);
			throw new HttpError(401, 'bad_token', 'The run id or its token is wrong.');
		}
		const body = await readBody(req, limits.bodyBytes, 'A report');
		const event = addEvent(runId, reportOf(parseFields(body, req.headers['content-type'])));
		await save();
		sendJson(res, 201, { id: event.id });
	}

	/** @param {import('node:http').ServerResponse} res */
	function stream(res) {
		res.writeHead(200, {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-store',
			Connection: 'keep-alive'
		});
		res.write('retry: 5000\n\n');
		for (const e of pendingEvents())
			res.write(`event: run\nid: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`);
		streams.add(res);
		const beat = setInterval(() => res.write(': still here\n\n'), limits.heartbeatMs);
		res.on('close', () => {
			clearInterval(beat);
			streams.delete(res);
		});
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async function acknowledge(req, res) {
		const { ids } = parseFields(
			await readBody(req, 64 * 1024, 'A list of ids'),
			'application/json'
		);
		if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
			throw new HttpError(400, 'bad_ids', 'ids must be a list of event ids.');
		}
		const wanted = new Set(ids);
		let count = 0;
		for (const e of data.events) {
			if (e.ackedAt === undefined && wanted.has(e.id)) {
				e.ackedAt = now();
				count++;
			}
		}
		prune();
		await save();
		sendJson(res, 200, { acknowledged: count });
	}

	/**
	 * Handles /api/runs…; false when the path is not one of its own.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {string} path
	 */
	async function handle(req, res, path) {
		if (path !== '/api/runs' && !path.startsWith('/api/runs/')) return false;
		try {
			const eventsOf = /^\/api\/runs\/([^/]+)\/events$/.exec(path);
			if (eventsOf && req.method === 'POST') {
				await report(req, res, safeDecode(eventsOf[1] ?? ''));
				return true;
			}
			if (!fromTheApp(req))
				throw new HttpError(403, 'other_origin', 'Runs are only for Lindy itself.');
			if (path === '/api/runs' && req.method === 'POST') await register(req, res);
			else if (path === '/api/runs/stream' && req.method === 'GET') stream(res);
			else if (path === '/api/runs/events' && req.method === 'GET')
				sendJson(res, 200, { events: pendingEvents() });
			else if (path === '/api/runs/ack' && req.method === 'POST') await acknowledge(req, res);
			else throw new HttpError(404, 'not_found', 'No such runs endpoint.');
		} catch (error) {
			sendRefusal(res, error);
		}
		return true;
	}

	/** @type {ReturnType<typeof setInterval> | undefined} */
	let ntfyTimer;

	/**
	 * Reads each ntfy topic of the runs still under way, and turns its messages that carry a run's
	 * id and token into events. A message without the right token is ignored.
	 */
	async function pollNtfy() {
		const topics = new Set(
			Object.values(data.runs)
				.filter((r) => r.topic && !r.ended && now() - r.registeredAt < limits.ackedKeptMs)
				.map((r) => /** @type {string} */ (r.topic))
		);
		let changed = false;
		for (const topic of topics) {
			const since = data.ntfySince[topic] ?? 'all';
			let text;
			try {
				const res = await fetch(
					`${ntfyUrl.replace(/\/+$/, '')}/${topic}/json?poll=1&since=${encodeURIComponent(since)}`,
					{
						signal: AbortSignal.timeout(10_000),
						redirect: 'error'
					}
				);
				if (!res.ok) continue;
				text = await res.text();
			} catch {
				continue;
			}
			for (const line of text.slice(0, limits.ntfyBytes).split('\n')) {
				let message;
				try {
					message = JSON.parse(line);
				} catch {
					continue;
				}
				if (message?.event !== 'message' || typeof message.id !== 'string') continue;
				data.ntfySince[topic] = message.id;
				changed = true;
				const fields = /^lindy-run=(\S+) token=(\S+)((?: \w+=\S+)*)/.exec(
					String(message.message ?? '')
				);
				if (!fields) continue;
				const [, runId = '', token = '', rest = ''] = fields;
				if (!ID.test(runId) || !tokenMatches(runId, token)) continue;
				if (data.runs[runId]?.ended && rest.includes('exit=')) continue;
				try {
					addEvent(
						runId,
						reportOf(
							Object.fromEntries(
								rest
									.trim()
									.split(' ')
									.filter(Boolean)
									.map((p) => p.split('=', 2))
							)
						)
					);
				} catch {
					/* a malformed report is ignored */
				}
			}
		}
		if (changed) await save();
	}

	return {
		handle,
		pollNtfy,
		/** Polls ntfy on an interval while the server runs. */
		startNtfy() {
			ntfyTimer = setInterval(() => void pollNtfy(), limits.ntfyIntervalMs);
			ntfyTimer.unref();
		},
		async close() {
			if (ntfyTimer) clearInterval(ntfyTimer);
			for (const res of streams) res.end();
			streams.clear();
			await saving;
		},
		/** Makes sure the folder is private even when it existed before. */
		async secureFolder() {
			await chmod(dataDir, 0o700);
		}
	};
}
