import { oneLine } from './text';
import { formatDuration, parseDuration } from './duration';
import { LIMITS } from './limits';

/**
 * Passive work: a run is a job the user launched and left (training, a sweep, a scrape). Its state
 * follows from its events and the time; nothing here reads the clock.
 */

export const RUN_OUTCOMES = ['finished', 'failed', 'stopped'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
export type RunState = 'running' | 'due' | 'silent' | RunOutcome;

export const RUN_STATE_LABELS: Record<RunState, string> = {
	running: 'Running',
	due: 'Due — check it',
	silent: 'Silent — it may have died',
	finished: 'Finished',
	failed: 'Failed',
	stopped: 'Stopped'
};

export interface Metric {
	name: string;
	value: number;
}

/** Something a run's job reported, or the user marked by hand. */
export interface RunEvent {
	/** The server's event id, or a local one for events marked by hand; a repeat is ignored. */
	id: string;
	at: number;
	source: 'job' | 'hand';
	kind: 'end' | 'metric' | 'note';
	/** For an end. */
	outcome?: RunOutcome;
	/** The job's exit status, for an end the job reported. */
	exit?: number;
	metric?: Metric;
	/** A progress note, as text. */
	text?: string;
}

export interface Run {
	id: string;
	/** Shown as r42. */
	number: number;
	taskId?: string;
	/** One sentence: what this run tests and why. */
	hypothesis: string;
	launchedAt: number;
	expectedMin: number;
	graceMin: number;
	where: string;
	costPerHour?: number;
	budget?: number;
	/** Required checklist items the user launched without. */
	skipped: string[];
	/** The run's secret, in the snippet; the server keeps only its hash. */
	token: string;
	/** Whether Lindy's server has the token's hash (a launch offline registers later). */
	registered: boolean;
	events: RunEvent[];
	/** What the run taught, in the user's words. */
	verdict: string;
	/** When the user confirmed the machine is off; the cost meter stops there. */
	machineOffAt?: number;
	/** Keys of the alerts already delivered (see `alertsDue`). */
	alertsSent: string[];
	createdAt: number;
	updatedAt: number;
}

export interface ChecklistItem {
	id: string;
	text: string;
	required: boolean;
}

export interface RunTemplate {
	id: string;
	name: string;
	items: ChecklistItem[];
	createdAt: number;
	updatedAt: number;
}

/** The pre-flight checklist a new user starts with; editable in Settings. */
export const DEFAULT_CHECKLIST: readonly Omit<ChecklistItem, 'id'>[] = [
	{
		text: 'Ran one batch end to end: the loss changes and the output shapes are right',
		required: true
	},
	{ text: 'Random seeds are set', required: true },
	{ text: 'Paths, output folder and free disk checked', required: true },
	{ text: 'The run stops itself (a time limit, autostop or shutdown)', required: true },
	{ text: 'An alert will reach me (the snippet below is in the script)', required: false }
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Events kept per run besides its end; older progress notes drop off first. */
export const MAX_RUN_EVENTS = LIMITS.runEvents;

/** A fifth of the expected duration, at least 15 minutes. */
export function defaultGraceMin(expectedMin: number): number {
	return Math.max(15, Math.round(expectedMin / 5));
}

export const etaOf = (run: Pick<Run, 'launchedAt' | 'expectedMin'>): number =>
	run.launchedAt + run.expectedMin * MINUTE;

/** Exit 0 finished; killed by a hang-up, Ctrl-C or a stop (129, 130, 143) stopped; else failed. */
export function outcomeOfExit(exit: number): RunOutcome {
	if (exit === 0) return 'finished';
	if (exit === 129 || exit === 130 || exit === 143) return 'stopped';
	return 'failed';
}

const byTime = (a: RunEvent, b: RunEvent) =>
	a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The event that ended the run: the earliest end, whatever order events arrived in. A hand mark
 * ("stopped") before the job's own report (exit 143) stays the truth.
 */
export function endOf(run: Pick<Run, 'events'>): RunEvent | undefined {
	let end: RunEvent | undefined;
	for (const e of run.events) if (e.kind === 'end' && (!end || byTime(e, end) < 0)) end = e;
	return end;
}

/** When the run's job last said anything. */
function lastWordAt(run: Pick<Run, 'events'>): number | undefined {
	let last: number | undefined;
	for (const e of run.events)
		if (e.source === 'job' && (last === undefined || e.at > last)) last = e.at;
	return last;
}

/**
 * running → due (past the expected end) → silent (past the grace period with no word from the
 * job since the expected end) → finished, failed or stopped (by event or by hand).
 */
export function runState(run: Run, now: number): RunState {
	const end = endOf(run);
	if (end) return end.outcome ?? 'finished';
	const eta = etaOf(run);
	if (now < eta) return 'running';
	const quietSince = Math.max(eta, lastWordAt(run) ?? 0);
	return now - quietSince >= run.graceMin * MINUTE ? 'silent' : 'due';
}

export const isOver = (state: RunState): boolean =>
	state === 'finished' || state === 'failed' || state === 'stopped';

/**
 * Adds events to a run, each once (by id), keeping the newest `MAX_RUN_EVENTS` besides its end.
 * Returns the run itself when nothing is new.
 */
export function withEvents(run: Run, incoming: readonly RunEvent[], now: number): Run {
	const known = new Set(run.events.map((e) => e.id));
	const fresh = incoming.filter((e) => !known.has(e.id) && (known.add(e.id), true));
	if (fresh.length === 0) return run;
	let events = [...run.events, ...fresh].sort(byTime);
	if (events.length > MAX_RUN_EVENTS) {
		const end = endOf({ events });
		const rest = events.filter((e) => e !== end).slice(-(MAX_RUN_EVENTS - 1));
		events = (end ? [...rest, end] : rest).sort(byTime);
	}
	return { ...run, events, updatedAt: now };
}

/** A job's report as Lindy's server delivers it: text it has only checked for size and type. */
export interface ServerReport {
	id: string;
	runId: string;
	at: number;
	exit?: number;
	metric?: string;
	note?: string;
}

/** The events a report stands for: an end by its exit status, a metric, a note. */
export function eventsFromReport(report: ServerReport): RunEvent[] {
	const base = { at: report.at, source: 'job' as const };
	const out: RunEvent[] = [];
	if (report.metric !== undefined) {
		const metric = parseMetric(report.metric);
		out.push(
			metric
				? { ...base, id: `${report.id}:m`, kind: 'metric', metric }
				: {
						...base,
						id: `${report.id}:m`,
						kind: 'note',
						text: oneLine(`A metric Lindy could not read: ${report.metric}`, LIMITS.runText)
					}
		);
	}
	if (report.note !== undefined) {
		out.push({
			...base,
			id: `${report.id}:n`,
			kind: 'note',
			text: oneLine(report.note, LIMITS.runText)
		});
	}
	if (report.exit !== undefined) {
		out.push({
			...base,
			id: `${report.id}:e`,
			kind: 'end',
			exit: report.exit,
			outcome: outcomeOfExit(report.exit)
		});
	}
	return out;
}

/** The end of the instance time the meter counts: until the machine is confirmed off. */
const meterEnd = (run: Run, now: number) => Math.max(run.launchedAt, run.machineOffAt ?? now);

/** Hours the run has used so far, machine time included after its end. */
export function hoursUsed(run: Run, now: number): number {
	return (meterEnd(run, now) - run.launchedAt) / HOUR;
}

/** The cost so far, or undefined when the run has no cost per hour. */
export function costSoFar(run: Run, now: number): number | undefined {
	return run.costPerHour === undefined ? undefined : run.costPerHour * hoursUsed(run, now);
}

/**
 * The cost at the expected end; past it (or once the machine is off) what has been spent so far.
 */
export function projectedCost(run: Run, now: number): number | undefined {
	if (run.costPerHour === undefined) return undefined;
	const hours =
		run.machineOffAt !== undefined
			? hoursUsed(run, now)
			: Math.max(run.expectedMin / 60, hoursUsed(run, now));
	return run.costPerHour * hours;
}

/** Cost of the instance time that falls between `from` and `to` (a week, say). */
export function costBetween(run: Run, from: number, to: number, now: number): number {
	if (run.costPerHour === undefined) return 0;
	const start = Math.max(run.launchedAt, from);
	const end = Math.min(meterEnd(run, now), to);
	return end > start ? (run.costPerHour * (end - start)) / HOUR : 0;
}

/** The run ended and its machine may still be on: Lindy asks "Is the machine off?". */
export function machineMayBeOn(run: Run, now: number): boolean {
	return run.machineOffAt === undefined && isOver(runState(run, now));
}

/**
 * Ended, with its machine confirmed off: the run's state, cost and alerts no longer change with
 * time, so a minute's tick can pass it by.
 */
export function isSettled(run: Run): boolean {
	return run.machineOffAt !== undefined && endOf(run) !== undefined;
}

/** A run needs the user: it is due, silent, or over with its machine not confirmed off. */
export function needsAttention(run: Run, now: number): boolean {
	const state = runState(run, now);
	return state === 'due' || state === 'silent' || machineMayBeOn(run, now);
}

const NEED_RANK: Record<RunState, number> = {
	silent: 0,
	due: 1,
	failed: 2,
	stopped: 2,
	finished: 2,
	running: 3
};

/**
 * Runs in the order they need the user: silent, due, ended with the machine maybe on, then those
 * running, the nearest expected end first.
 */
export function byNeed(runs: readonly Run[], now: number): Run[] {
	const keyed = runs.map((run) => {
		const state = runState(run, now);
		return { run, rank: NEED_RANK[state], at: endOf(run)?.at ?? etaOf(run) };
	});
	keyed.sort((a, b) => a.rank - b.rank || a.at - b.at);
	return keyed.map((k) => k.run);
}

export const runName = (run: Pick<Run, 'number'>): string => `r${run.number}`;

export type AlertKind = 'eta' | 'silent' | 'end' | 'budget-80' | 'budget-100' | 'machine';

export interface RunAlert {
	/** Once delivered, stored in `alertsSent` so it is never delivered twice. */
	key: string;
	kind: AlertKind;
	runId: string;
	title: string;
	body: string;
	/** Breaks through a focus block: a failed run, a budget spent. */
	urgent: boolean;
}

/**
 * How often "Is the machine off?" repeats after a run ends: hourly for a day, then daily. Returns
 * which reminder is current (1 an hour after the end), or 0 before the first.
 */
export function machineReminder(endedAt: number, now: number): number {
	const hours = Math.floor((now - endedAt) / HOUR);
	if (hours < 1) return 0;
	if (hours <= 24) return hours;
	return 24 + Math.floor((hours - 24) / 24);
}

/**
 * The alerts a run has due now and not yet delivered: at the expected end, when it goes silent,
 * at its end, at 80 % and 100 % of its budget, and the machine reminders. Alerts a later one makes
 * stale (the expected end of a run that already ended) are not returned.
 */
export function alertsDue(run: Run, now: number, format: (amount: number) => string): RunAlert[] {
	const sent = new Set(run.alertsSent);
	const name = runName(run);
	const about = oneLine(run.hypothesis, 120);
	const out: RunAlert[] = [];
	const add = (key: string, kind: AlertKind, title: string, body: string, urgent = false) => {
		if (!sent.has(key)) out.push({ key, kind, runId: run.id, title, body, urgent });
	};
	const state = runState(run, now);
	const end = endOf(run);
	if (end) {
		// An end the user marked by hand needs no alert: they were there.
		if (end.source === 'hand') sent.add('end');
		const exit = end.exit !== undefined ? ` (exit ${end.exit})` : '';
		add(
			'end',
			'end',
			`${name} ${end.outcome ?? 'finished'}${exit}`,
			about,
			end.outcome === 'failed'
		);
		if (run.machineOffAt === undefined) {
			const n = machineReminder(end.at, now);
			if (n > 0) {
				add(
					`machine-${n}`,
					'machine',
					`Is the machine of ${name} off?`,
					'It ended, and its meter is still counting until you confirm.'
				);
			}
		}
	} else if (state === 'silent') {
		add(
			'silent',
			'silent',
			`${name} has gone silent`,
			`No word since its expected end — it may have died. ${about}`
		);
	} else if (state === 'due') {
		add('eta', 'eta', `${name} should be done by now`, `Check it. ${about}`);
	}
	const spent = costSoFar(run, now);
	if (run.budget !== undefined && run.budget > 0 && spent !== undefined) {
		if (spent >= run.budget) {
			add(
				'budget-100',
				'budget-100',
				`${name} has spent its budget`,
				`${format(spent)} of ${format(run.budget)}.`,
				true
			);
		} else if (spent >= run.budget * 0.8) {
			add(
				'budget-80',
				'budget-80',
				`${name} is at 80 % of its budget`,
				`${format(spent)} of ${format(run.budget)}.`
			);
		}
	}
	return out;
}

/** Urgent first: failed runs and spent budgets. */
export function compareAlerts(a: RunAlert, b: RunAlert): number {
	return Number(b.urgent) - Number(a.urgent);
}

/** The run with these alerts marked delivered; only the latest machine reminder is kept. */
export function markSent(run: Run, keys: readonly string[]): Run {
	if (keys.length === 0) return run;
	const machine = keys.some((k) => k.startsWith('machine-'));
	const kept = machine ? run.alertsSent.filter((k) => !k.startsWith('machine-')) : run.alertsSent;
	return { ...run, alertsSent: [...new Set([...kept, ...keys])] };
}

/** Formats amounts in an ISO currency; an unknown code falls back to US dollars. */
export function moneyFormat(currency: string, locale?: string): (amount: number) => string {
	let format: Intl.NumberFormat;
	try {
		format = new Intl.NumberFormat(locale, { style: 'currency', currency });
	} catch {
		format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
	}
	return (amount) => format.format(amount);
}

/** A hand mark: the run ended as the user says, now. */
export function handEnd(id: string, outcome: RunOutcome, now: number): RunEvent {
	return { id, at: now, source: 'hand', kind: 'end', outcome };
}

const METRIC =
	/^\s*([A-Za-z][\w.\-/]{0,63})\s*[:=]\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*$/i;

/** `f1:0.81`, `val_loss=0.23`, `acc: 9.1e-1`; undefined when the text is not one metric. */
export function parseMetric(text: string): Metric | undefined {
	const m = METRIC.exec(text);
	if (!m) return undefined;
	const value = Number(m[2]);
	return Number.isFinite(value) ? { name: m[1]!, value } : undefined;
}

export const formatMetric = (m: Metric): string => `${m.name} ${m.value}`;

/** What the pre-flight form holds, as typed. */
export interface RunDraftInput {
	hypothesis: string;
	expected: string;
	/** Empty: a fifth of the expected duration, at least 15 minutes. */
	grace: string;
	where: string;
	costPerHour: string;
	budget: string;
}

export interface RunDraft {
	hypothesis: string;
	expectedMin: number;
	graceMin: number;
	where: string;
	costPerHour?: number;
	budget?: number;
}

export type RunDraftField = keyof RunDraftInput;
export type RunDraftCheck =
	{ ok: true; draft: RunDraft } | { ok: false; problems: Partial<Record<RunDraftField, string>> };

/** Whole minutes from `~4h`, `1h30m` or `90m`, as in quick add. */
function durationOf(text: string): number | undefined {
	return parseDuration(text.trim().replace(/^~/, ''));
}

function amountOf(text: string): number | undefined | null {
	const t = text
		.trim()
		.replace(/^[$€£]/, '')
		.replace(',', '.');
	if (t === '') return undefined;
	const n = Number(t);
	return Number.isFinite(n) && n >= 0 && n <= LIMITS.runAmount ? n : null;
}

/** Checks the pre-flight form: every problem at once, in a sentence per field. */
export function checkRunDraft(input: RunDraftInput): RunDraftCheck {
	const problems: Partial<Record<RunDraftField, string>> = {};
	const hypothesis = oneLine(input.hypothesis, Infinity);
	if (hypothesis === '') problems.hypothesis = 'Say in one sentence what this run tests and why.';
	else if (hypothesis.length > LIMITS.runText)
		problems.hypothesis = `Keep it under ${LIMITS.runText} characters.`;
	const expectedMin = durationOf(input.expected);
	if (expectedMin === undefined)
		problems.expected = 'Give the expected duration, such as ~4h or 1h30m.';
	else if (expectedMin > LIMITS.estimateMin)
		problems.expected = 'A run can be expected to take at most 1666 hours.';
	let graceMin = expectedMin === undefined ? 0 : defaultGraceMin(expectedMin);
	if (input.grace.trim() !== '') {
		const grace = durationOf(input.grace);
		if (grace === undefined || grace > LIMITS.estimateMin)
			problems.grace = 'Give the grace period as a duration, such as 30m, or leave it empty.';
		else graceMin = grace;
	}
	const where = oneLine(input.where, Infinity);
	if (where.length > LIMITS.runWhere)
		problems.where = `Keep it under ${LIMITS.runWhere} characters.`;
	const costPerHour = amountOf(input.costPerHour);
	if (costPerHour === null)
		problems.costPerHour = 'The cost per hour must be a number, such as 2.40.';
	const budget = amountOf(input.budget);
	if (budget === null || budget === 0)
		problems.budget = 'The budget must be a number above 0, such as 50.';
	if (Object.keys(problems).length > 0 || expectedMin === undefined) return { ok: false, problems };
	return {
		ok: true,
		draft: {
			hypothesis,
			expectedMin,
			graceMin,
			where,
			...(costPerHour != null ? { costPerHour } : {}),
			...(budget != null ? { budget } : {})
		}
	};
}

/** Elapsed or remaining time as "2h05m", "45m", "<1m". */
export function formatSpan(ms: number): string {
	const minutes = Math.floor(Math.abs(ms) / MINUTE);
	return minutes < 1 ? '<1m' : formatDuration(minutes);
}

/** Progress to the expected end, 0 to 1. */
export function progressOf(run: Run, now: number): number {
	const span = run.expectedMin * MINUTE;
	return span <= 0 ? 1 : Math.min(1, Math.max(0, (now - run.launchedAt) / span));
}

/** Quotes a value for a POSIX shell: nothing inside single quotes is expanded. */
export function shellQuote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface SnippetInput {
	run: Pick<Run, 'id' | 'number' | 'hypothesis' | 'token'>;
	/** Where this Lindy's server listens, as the job will reach it (`http://127.0.0.1:4173`). */
	serverUrl: string;
	/** An ntfy topic URL (`https://ntfy.sh/my-topic`) to post to as well. */
	ntfyUrl?: string;
}

/**
 * The lines to paste at the top of a job script: a POSIX-shell `trap … EXIT` that reports the
 * run's end and exit status with curl, so a job that crashes still reports. Every value is
 * single-quoted; the title sits in a comment on one line.
 */
export function launchSnippet({ run, serverUrl, ntfyUrl }: SnippetInput): string {
	const url = `${serverUrl.replace(/\/+$/, '')}/api/runs/${encodeURIComponent(run.id)}/events`;
	const lines = [
		`# Lindy ${runName(run)}: ${oneLine(run.hypothesis, 200)}`,
		`LINDY_URL=${shellQuote(url)}`,
		`LINDY_TOKEN=${shellQuote(run.token)}`,
		...(ntfyUrl ? [`LINDY_NTFY=${shellQuote(ntfyUrl)}`, `LINDY_RUN=${shellQuote(run.id)}`] : []),
		'lindy_report() {',
		'  curl -fsS -m 10 -o /dev/null -H "Authorization: Bearer $LINDY_TOKEN" "$@" "$LINDY_URL" || true',
		'}',
		'lindy_exit() {',
		'  lindy_status=$?',
		'  lindy_report --data-urlencode "exit=$lindy_status"',
		...(ntfyUrl
			? [
					`  curl -fsS -m 10 -o /dev/null -H "Title: Lindy ${runName(run)} ended (exit $lindy_status)" \\`,
					'    -d "lindy-run=$LINDY_RUN token=$LINDY_TOKEN exit=$lindy_status" "$LINDY_NTFY" || true'
				]
			: []),
		'}',
		'trap lindy_exit EXIT',
		"trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM",
		'# Report a metric:  lindy_report --data-urlencode "metric=f1:0.81"',
		'# Report progress:  lindy_report --data-urlencode "note=epoch 3 of 10"'
	];
	return `${lines.join('\n')}\n`;
}
