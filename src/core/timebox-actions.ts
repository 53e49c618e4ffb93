import { boxOf, boxState, STEP_AWAY_MIN } from './timebox';
import { withStatus, workedMs, type Task, type Timebox } from './task';

/**
 * What the time-box does at its limit: ask once, step away with three lines, extend once; and
 * the overruns the weekly review counts. Apart from timebox.ts, which the board's cards need, so
 * that this stays out of the board's first bundle.
 */

const MIN = 60_000;
const MAX_OVERRUNS = 50;

/** At the limit and not asked yet: Lindy shows the dialog and a notification, once per box. */
export function dueToAsk(task: Task, box: Timebox, now: number): boolean {
	const state = boxState(task, box, now);
	return state.counting && state.leftMs <= 0 && box.askedAt === undefined;
}

export const markAsked = (task: Task, box: Timebox, now: number): Task => ({
	...task,
	timebox: { ...box, askedAt: now }
});

/** Minutes past the limit, whole; 0 within it. */
export function overrunMin(task: Task, box: Timebox, now: number): number {
	return Math.max(0, Math.floor(-boxState(task, box, now).leftMs / MIN));
}

/** The three lines written before stepping away. */
export interface StepAwayNote {
	tried: string;
	suspect: string;
	next: string;
}

/** What the three lines add to the task's notes. */
export function stepAwayText(note: StepAwayNote, when: string): string {
	return [
		`Stepped away (${when}):`,
		`- Tried: ${note.tried.trim()}`,
		`- Suspect: ${note.suspect.trim()}`,
		`- Next: ${note.next.trim()}`
	].join('\n');
}

/**
 * Step away: the three lines go into the task's notes, the work stops (the task is no longer
 * Doing), an overrun is recorded, and a new box starts after 20 minutes away.
 */
export function stepAway(
	task: Task,
	box: Timebox,
	note: StepAwayNote,
	when: string,
	now: number,
	maxNotes: number
): Task {
	const over = overrunMin(task, box, now);
	const stopped = withStatus(task, 'todo', now);
	const added = stepAwayText(note, when);
	const notes = task.notes.trim() === '' ? added : `${task.notes.trimEnd()}\n\n${added}`;
	return {
		...stopped,
		notes: notes.length > maxNotes ? notes.slice(notes.length - maxNotes) : notes,
		timebox: {
			on: true,
			limitMin: box.limitMin,
			startMs: workedMs(stopped, now),
			extended: false,
			awayUntil: now + STEP_AWAY_MIN * MIN,
			overruns:
				over > 0 ? [...box.overruns, { at: now, min: over }].slice(-MAX_OVERRUNS) : box.overruns
		}
	};
}

/** Extend the box by 30 minutes, once; Lindy asks again at the new limit. */
export function extendBox(task: Task, box: Timebox): Task {
	if (box.extended) return task;
	const { askedAt, ...rest } = box;
	return { ...task, timebox: { ...rest, extended: true } };
}

/** Turns the box on or off, keeping its history. */
export function setBox(task: Task, on: boolean, defaultMin: number, now: number): Task {
	const box = task.timebox ?? {
		on,
		limitMin: defaultMin,
		startMs: workedMs(task, now),
		extended: false,
		overruns: []
	};
	return { ...task, timebox: { ...box, on } };
}

/** Overrun minutes recorded in [from, to), and the one under way if it is past its limit now. */
export function overrunsBetween(
	tasks: readonly Task[],
	defaultMin: number,
	from: number,
	to: number,
	now: number
): { taskId: string; title: string; min: number }[] {
	const out: { taskId: string; title: string; min: number }[] = [];
	for (const task of tasks) {
		const box = boxOf(task, defaultMin);
		if (!box && !task.timebox) continue;
		let min = (task.timebox?.overruns ?? [])
			.filter((o) => o.at >= from && o.at < to)
			.reduce((sum, o) => sum + o.min, 0);
		if (box && now >= from && now < to) min += overrunMin(task, box, now);
		if (min > 0) out.push({ taskId: task.id, title: task.title, min });
	}
	return out;
}

/** A step away whose 20 minutes are up: Lindy says so once, and the box counts again. */
export const awayOver = (box: Timebox, now: number): boolean =>
	box.awayUntil !== undefined && now >= box.awayUntil;

export function endAway(task: Task, box: Timebox): Task {
	const { awayUntil, ...rest } = box;
	return { ...task, timebox: rest };
}
