/** The four stages where ML value is made, in value-chain order. */
export const STAGES = ['problem', 'data', 'model', 'deploy'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
	problem: 'Problem definition',
	data: 'Data quality',
	model: 'Model selection',
	deploy: 'Deployment'
};

export const MODES = ['active', 'passive', 'low'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_LABELS: Record<Mode, string> = {
	active: 'Active',
	passive: 'Passive',
	low: 'Low-energy'
};

export const STATUSES = ['todo', 'doing', 'done'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
	todo: 'To do',
	doing: 'Doing',
	done: 'Done'
};

/** p1 is the highest impact, p4 the lowest. */
export const IMPACTS = [1, 2, 3, 4] as const;
export type Impact = (typeof IMPACTS)[number];

/** A calendar date in the user's local time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** A task's "good enough" target: stop tuning once a run's metric reaches it. */
export interface Target {
	metric: string;
	op: '>=' | '<=';
	value: number;
	/** Minutes of runs the tuning may take; past them the priority says so. */
	tuningBudgetMin?: number;
}

export const sameTarget = (a: Target | undefined, b: Target | undefined): boolean =>
	a === b ||
	(a !== undefined &&
		b !== undefined &&
		a.metric === b.metric &&
		a.op === b.op &&
		a.value === b.value &&
		a.tuningBudgetMin === b.tuningBudgetMin);

export interface Task {
	id: string;
	title: string;
	notes: string;
	stage: Stage;
	mode: Mode;
	status: Status;
	impact: Impact;
	/** Minutes; absent when the user gave no estimate. */
	estimateMin?: number;
	due?: LocalDate;
	tags: string[];
	/** Position within its stage, ascending; fractional so a move writes one row. */
	order: number;
	createdAt: number;
	updatedAt: number;
	doneAt?: number;
	target?: Target;
	/** "Where I stopped" at the end of the last focus block: the next block shows it first. */
	whereStopped?: string;
	/** Since when the task is Doing (set while it is). */
	doingSince?: number;
	/** Time spent Doing before the current stretch, in ms. */
	workedMs?: number;
	/** The task's time-box; absent, a task tagged @debug has the default one. */
	timebox?: Timebox;
}

/**
 * A time-box: how long work on the task may go before Lindy says "step away". It counts the
 * task's Doing time since `startMs` (of `workedMs`); a step away starts a new box.
 */
export interface Timebox {
	on: boolean;
	limitMin: number;
	/** The task's worked time when this box started. */
	startMs: number;
	/** The one 30-minute extension was taken. */
	extended: boolean;
	/** When Lindy asked at the limit (once per box). */
	askedAt?: number;
	/** A step away ends then. */
	awayUntil?: number;
	/** Time past the limit, in minutes, of boxes that ended over it. */
	overruns: { at: number; min: number }[];
}

/** Time spent Doing the task so far, in ms. */
export const workedMs = (
	task: Pick<Task, 'status' | 'doingSince' | 'workedMs'>,
	now: number
): number =>
	(task.workedMs ?? 0) +
	(task.status === 'doing' && task.doingSince !== undefined
		? Math.max(0, now - task.doingSince)
		: 0);

/** The task with a new status: its Doing time accounted, and `doneAt` kept in step. */
export function withStatus(task: Task, status: Status, now: number): Task {
	if (task.status === status) return task;
	const { doingSince, workedMs: stored, doneAt, ...rest } = task;
	const worked = workedMs(task, now);
	return {
		...rest,
		status,
		...(worked > 0 ? { workedMs: worked } : {}),
		...(status === 'doing' ? { doingSince: now } : {}),
		...(status === 'done' ? { doneAt: now } : {})
	};
}

export function isMode(value: unknown): value is Mode {
	return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

/** Whether two task rows hold the same values (the tags compared one by one). */
export function sameTask(a: Task, b: Task): boolean {
	for (const key of Object.keys(a) as (keyof Task)[]) {
		if (key === 'target') {
			if (!sameTarget(a.target, b.target)) return false;
		} else if (key === 'timebox') {
			if (a.timebox !== b.timebox && JSON.stringify(a.timebox) !== JSON.stringify(b.timebox))
				return false;
		} else if (key !== 'tags' && a[key] !== b[key]) return false;
	}
	return (
		Object.keys(a).length === Object.keys(b).length &&
		a.tags.length === b.tags.length &&
		a.tags.every((tag, i) => tag === b.tags[i])
	);
}

/**
 * A fresh read of tasks with every unchanged task kept as the object already held, and the held
 * list itself when nothing changed: what is derived from tasks (priorities, columns, cards) can
 * then skip the tasks a change did not touch.
 */
export function keepUnchanged(held: readonly Task[], fresh: Task[]): Task[] {
	const byId = new Map(held.map((t) => [t.id, t]));
	let changed = held.length !== fresh.length;
	const out = fresh.map((task, i) => {
		const old = byId.get(task.id);
		if (old && sameTask(old, task)) {
			if (held[i] !== old) changed = true;
			return old;
		}
		changed = true;
		return task;
	});
	return changed ? out : (held as Task[]);
}
