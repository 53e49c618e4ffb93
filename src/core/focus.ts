import type { AlertCategory } from './focus-settings';

export {
	ALERT_CATEGORIES,
	DEFAULT_BREAK_THROUGH,
	DEFAULT_FOCUS_MIN,
	FOCUS_LENGTHS,
	type AlertCategory
} from './focus-settings';
import type { AlertKind, RunAlert } from './runs';
import type { Stage } from './task';

/**
 * Focus blocks: long, protected stretches of deep work on one task, stored as sessions. Every
 * function here takes the time; nothing reads the clock.
 */

const MIN = 60_000;

/** The first minutes of a block are for loading context: nothing interrupts them. */
export const CONTEXT_LOAD_MIN = 45;
/** A block not seen running for longer than this was interrupted (a crash, a closed lid). */
export const RECOVERY_GAP_MS = 5 * MIN;

export interface Pause {
	from: number;
	/** Absent while the block is paused. */
	to?: number;
}

/** How a block ended: its time ran out, the user stopped it early, or it ended while Lindy was closed. */
export type SessionEnding = 'done' | 'stopped' | 'interrupted';

/** An alert held during a block, delivered with the others in one summary when it ends. */
export type HeldAlert = Pick<RunAlert, 'key' | 'kind' | 'runId' | 'title' | 'body' | 'urgent'>;

export interface FocusSession {
	id: string;
	taskId: string;
	/** The task's title and stage when the block started: the review counts what the work was. */
	taskTitle: string;
	stage: Stage;
	startedAt: number;
	plannedMin: number;
	pauses: Pause[];
	endedAt?: number;
	ending?: SessionEnding;
	/** The last time an open Lindy saw the block running; a longer gap means it was interrupted. */
	seenAt: number;
	/** "Where I stopped", written at the end. */
	note: string;
	held: HeldAlert[];
	createdAt: number;
	updatedAt: number;
}

export type BlockPhase = 'loading' | 'focus' | 'paused' | 'over' | 'ended';

export function startSession(
	init: Pick<FocusSession, 'id' | 'taskId' | 'taskTitle' | 'stage' | 'plannedMin'>,
	now: number
): FocusSession {
	return {
		...init,
		startedAt: now,
		pauses: [],
		seenAt: now,
		note: '',
		held: [],
		createdAt: now,
		updatedAt: now
	};
}

export const isPaused = (s: FocusSession): boolean =>
	s.endedAt === undefined && s.pauses.at(-1)?.to === undefined && s.pauses.length > 0;

/** The end of what counts: when the block ended, else now. */
const until = (s: FocusSession, now: number) => Math.max(s.startedAt, s.endedAt ?? now);

/** Time spent paused, an open pause counted to now (or to the block's end). */
export function pausedMs(s: FocusSession, now: number): number {
	const end = until(s, now);
	return s.pauses.reduce((sum, p) => sum + Math.max(0, Math.min(p.to ?? end, end) - p.from), 0);
}

/** Time spent in focus so far: the block's span less its pauses. */
export const focusedMs = (s: FocusSession, now: number): number =>
	until(s, now) - s.startedAt - pausedMs(s, now);

export const remainingMs = (s: FocusSession, now: number): number =>
	s.plannedMin * MIN - focusedMs(s, now);

/** When the block's time runs out, pauses so far included (while paused, it keeps moving). */
export const plannedEndAt = (s: FocusSession, now: number): number =>
	s.startedAt + s.plannedMin * MIN + pausedMs(s, now);

export function blockPhase(s: FocusSession, now: number): BlockPhase {
	if (s.endedAt !== undefined) return 'ended';
	if (isPaused(s)) return 'paused';
	const focused = focusedMs(s, now);
	if (focused >= s.plannedMin * MIN) return 'over';
	return focused < CONTEXT_LOAD_MIN * MIN ? 'loading' : 'focus';
}

const touched = (s: FocusSession, now: number): FocusSession => ({
	...s,
	seenAt: Math.max(s.seenAt, now),
	updatedAt: Math.max(s.updatedAt, now)
});

export function pauseSession(s: FocusSession, now: number): FocusSession {
	if (s.endedAt !== undefined || isPaused(s)) return s;
	return touched({ ...s, pauses: [...s.pauses, { from: now }] }, now);
}

export function resumeSession(s: FocusSession, now: number): FocusSession {
	if (!isPaused(s)) return s;
	const pauses = s.pauses.map((p, i) => (i === s.pauses.length - 1 ? { ...p, to: now } : p));
	return touched({ ...s, pauses }, now);
}

/**
 * Ends a block. Its time having run out, it ends when it did, not when Lindy noticed; stopped
 * early, it ends now. An open pause closes at the end.
 */
export function endSession(s: FocusSession, ending: SessionEnding, now: number): FocusSession {
	if (s.endedAt !== undefined) return s;
	const endedAt =
		ending === 'done' ? Math.min(now, plannedEndAt(s, now)) : Math.max(s.startedAt, now);
	const pauses = s.pauses.map((p) => (p.to === undefined ? { ...p, to: endedAt } : p));
	return touched({ ...s, pauses, endedAt, ending }, now);
}

/** Marks the block as seen running now (the heartbeat that tells a crash from a reload). */
export const seenSession = (s: FocusSession, now: number): FocusSession =>
	s.endedAt === undefined && now > s.seenAt ? touched(s, now) : s;

/** A running block Lindy has not seen for a while: ask the user what happened. */
export const needsRecovery = (s: FocusSession, now: number): boolean =>
	s.endedAt === undefined && now - s.seenAt > RECOVERY_GAP_MS;

/**
 * What the user says happened while Lindy was away from a running block:
 * - `worked`: they kept working; the gap counts as focus;
 * - `break`: they took a break and are back; the gap is a pause;
 * - `stopped`: they stopped when Lindy went away; the block ends when it was last seen.
 */
export type RecoveryAnswer = 'worked' | 'break' | 'stopped';

export function recoverSession(s: FocusSession, answer: RecoveryAnswer, now: number): FocusSession {
	if (s.endedAt !== undefined) return s;
	if (answer === 'stopped') {
		const ended = endSession(s, 'interrupted', s.seenAt);
		return { ...ended, updatedAt: Math.max(ended.updatedAt, now) };
	}
	let next = s;
	if (answer === 'break' && !isPaused(s)) {
		next = { ...s, pauses: [...s.pauses, { from: s.seenAt, to: now }] };
	}
	next = touched(next, now);
	return blockPhase(next, now) === 'over' ? endSession(next, 'done', now) : next;
}

export const ALERT_CATEGORY_LABELS: Record<AlertCategory, string> = {
	failed: 'A run failed',
	'budget-100': 'A run spent its budget',
	silent: 'A run went silent',
	finished: 'A run finished or stopped',
	eta: 'A run is past its expected end',
	'budget-80': 'A run is at 80 % of its budget',
	machine: '“Is the machine off?” reminders'
};

const CATEGORY_OF: Record<Exclude<AlertKind, 'end'>, AlertCategory> = {
	eta: 'eta',
	silent: 'silent',
	'budget-80': 'budget-80',
	'budget-100': 'budget-100',
	machine: 'machine'
};

export function alertCategory(alert: Pick<RunAlert, 'kind' | 'urgent'>): AlertCategory {
	if (alert.kind === 'end') return alert.urgent ? 'failed' : 'finished';
	return CATEGORY_OF[alert.kind];
}

/**
 * Whether an alert waits for the end of the block under way. Nothing interrupts the first 45
 * minutes; after them, only what the user lets break through. A paused block holds nothing.
 */
export function holdsAlert(
	block: FocusSession | undefined,
	alert: Pick<RunAlert, 'kind' | 'urgent'>,
	breakThrough: readonly AlertCategory[],
	now: number
): boolean {
	if (!block) return false;
	const phase = blockPhase(block, now);
	if (phase === 'loading') return true;
	if (phase !== 'focus') return false;
	return !breakThrough.includes(alertCategory(alert));
}

/** The one notification that delivers what a block held. */
export function heldSummary(held: readonly HeldAlert[]): { title: string; body: string } {
	const n = held.length;
	return {
		title: `While you focused: ${n} ${n === 1 ? 'alert' : 'alerts'}`,
		body: held.map((a) => (/[.?!]$/.test(a.title) ? a.title : `${a.title}.`)).join(' ')
	};
}

/** The stretches of focus in a block: its span with the pauses cut out. */
export function focusIntervals(s: FocusSession, now: number): [number, number][] {
	const end = until(s, now);
	const out: [number, number][] = [];
	let from = s.startedAt;
	for (const p of [...s.pauses].sort((a, b) => a.from - b.from)) {
		const pauseFrom = Math.min(Math.max(p.from, from), end);
		if (pauseFrom > from) out.push([from, pauseFrom]);
		from = Math.max(from, Math.min(p.to ?? end, end));
	}
	if (end > from) out.push([from, end]);
	return out;
}
