import { formatDuration } from './duration';
import { workedMs, type Task, type Timebox } from './task';

/**
 * The two-hour time-box: work on a task (its Doing time) may go on for so long before Lindy says
 * "step away and change your surroundings". Every function takes the time.
 */

const MIN = 60_000;
export const DEFAULT_TIMEBOX_MIN = 120;
export const EXTENSION_MIN = 30;
export const STEP_AWAY_MIN = 20;
/** Tasks with this tag are time-boxed unless the user turns it off. */
export const TIMEBOX_TAG = 'debug';

/** The task's box, if it has one that is on: its own, or the default one for @debug. */
export function boxOf(
	task: Pick<Task, 'timebox' | 'tags'>,
	defaultMin: number
): Timebox | undefined {
	if (task.timebox) return task.timebox.on ? task.timebox : undefined;
	return task.tags.includes(TIMEBOX_TAG)
		? { on: true, limitMin: defaultMin, startMs: 0, extended: false, overruns: [] }
		: undefined;
}

export interface BoxState {
	usedMs: number;
	limitMs: number;
	/** Negative once past the limit. */
	leftMs: number;
	/** Work is under way (the task is Doing), so the box counts. */
	counting: boolean;
	/** Stepping away: the box restarts once this ends. */
	away: boolean;
}

export function boxState(task: Task, box: Timebox, now: number): BoxState {
	const usedMs = Math.max(0, workedMs(task, now) - box.startMs);
	const limitMs = (box.limitMin + (box.extended ? EXTENSION_MIN : 0)) * MIN;
	return {
		usedMs,
		limitMs,
		leftMs: limitMs - usedMs,
		counting: task.status === 'doing',
		away: box.awayUntil !== undefined && now < box.awayUntil
	};
}

/** What a card says of its box: the time left, how far over, or the step away under way. */
export function boxLabel(task: Task, box: Timebox, now: number): { text: string; over: boolean } {
	const state = boxState(task, box, now);
	const min = (ms: number) => formatDuration(Math.max(1, Math.ceil(ms / MIN)));
	if (state.away) return { text: `away — back in ${min(box.awayUntil! - now)}`, over: false };
	if (state.leftMs <= 0) return { text: `${min(-state.leftMs)} over the time-box`, over: true };
	return { text: `time-box: ${min(state.leftMs)} left`, over: false };
}
