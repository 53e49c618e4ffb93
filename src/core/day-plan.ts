import type { LocalDate, Mode, Task } from './task';

/**
 * A day plan: the day as a timeline of typed blocks, made from a template, with tasks put into
 * the blocks. Times are minutes after local midnight, in the time zone the plan was made in.
 */

export const PLAN_KINDS = ['deep', 'launch', 'away', 'analyse', 'overnight'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
	deep: 'Deep work',
	launch: 'Launch runs',
	away: 'Away while training',
	analyse: 'Analyse results',
	overnight: 'Set up overnight runs'
};

export interface PlanSlot {
	id: string;
	kind: PlanKind;
	/** Minutes after local midnight. */
	startMin: number;
	endMin: number;
}

export interface PlanBlock extends PlanSlot {
	taskIds: string[];
}

export interface DayPlan {
	date: LocalDate;
	/** The IANA time zone the plan's hours are in. */
	zone: string;
	blocks: PlanBlock[];
	createdAt: number;
	updatedAt: number;
}

export interface PlanTemplate {
	id: string;
	name: string;
	slots: PlanSlot[];
	createdAt: number;
	updatedAt: number;
}

/** A remote ML engineer's day: deep work 7–10, launch 10–11, away 11–15, analyse 15–17, overnight runs 17–18. */
export const DEFAULT_PLAN_SLOTS: readonly PlanSlot[] = [
	{ id: 'deep', kind: 'deep', startMin: 7 * 60, endMin: 10 * 60 },
	{ id: 'launch', kind: 'launch', startMin: 10 * 60, endMin: 11 * 60 },
	{ id: 'away', kind: 'away', startMin: 11 * 60, endMin: 15 * 60 },
	{ id: 'analyse', kind: 'analyse', startMin: 15 * 60, endMin: 17 * 60 },
	{ id: 'overnight', kind: 'overnight', startMin: 17 * 60, endMin: 18 * 60 }
];

const MIN = 60_000;

/** Today's plan, made from a template's slots, in the zone the device is in. */
export function planFromTemplate(
	date: LocalDate,
	zone: string,
	slots: readonly PlanSlot[],
	now: number
): DayPlan {
	return {
		date,
		zone,
		blocks: [...slots].sort((a, b) => a.startMin - b.startMin).map((s) => ({ ...s, taskIds: [] })),
		createdAt: now,
		updatedAt: now
	};
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(instant: number, zone: string) {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(instant);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') };
}

/** How far a zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, zone: string): number {
	const w = wallClock(instant, zone);
	return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - Math.floor(instant / MIN) * MIN;
}

/**
 * The instant a zone's clock shows `minute` past midnight on `date`. In a daylight-saving gap
 * the time that does not exist moves forward with the clocks.
 */
export function instantOf(date: LocalDate, minute: number, zone: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const wall = Date.UTC(y, m - 1, d) + minute * MIN;
	let guess = wall - offsetAt(wall, zone);
	guess = wall - offsetAt(guess, zone);
	return guess;
}

/** Minutes past local midnight of an instant in a zone, and that day's date. */
export function wallMinute(instant: number, zone: string): { date: LocalDate; minute: number } {
	const w = wallClock(instant, zone);
	const pad = (n: number) => String(n).padStart(2, '0');
	return { date: `${w.y}-${pad(w.m)}-${pad(w.d)}`, minute: w.h * 60 + w.min };
}

/** `HH:MM` for minutes past midnight. */
export const clockText = (minute: number): string =>
	`${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** A plan's blocks as instants, wherever the device now is. */
export function blockSpans(plan: DayPlan): { block: PlanBlock; from: number; to: number }[] {
	return plan.blocks.map((block) => ({
		block,
		from: instantOf(plan.date, block.startMin, plan.zone),
		to: instantOf(plan.date, block.endMin, plan.zone)
	}));
}

/**
 * The offer after a change of time zone: the plan's hours, moved to the same local hours where the
 * device is now ("You are now in Asia/Tokyo: move today's plan to 07:00–18:00 local?").
 */
export function zoneShift(
	plan: DayPlan,
	zone: string
): { from: string; to: string; hours: string } | undefined {
	if (plan.zone === zone || plan.blocks.length === 0) return undefined;
	const first = Math.min(...plan.blocks.map((b) => b.startMin));
	const last = Math.max(...plan.blocks.map((b) => b.endMin));
	return { from: plan.zone, to: zone, hours: `${clockText(first)}–${clockText(last)}` };
}

/** Which modes of task suit a kind of block. */
export const SUITS: Record<PlanKind, readonly Mode[]> = {
	deep: ['active'],
	launch: ['passive'],
	away: ['low'],
	analyse: ['low', 'active'],
	overnight: ['passive']
};

/** Tasks that suit a block and are not in the plan yet, in the order given (priority). */
export function suggestFor(
	block: PlanBlock,
	plan: DayPlan,
	tasks: readonly Pick<Task, 'id' | 'mode' | 'status'>[],
	limit = 3
): string[] {
	const planned = new Set(plan.blocks.flatMap((b) => b.taskIds));
	return tasks
		.filter((t) => t.status !== 'done' && !planned.has(t.id) && SUITS[block.kind].includes(t.mode))
		.slice(0, limit)
		.map((t) => t.id);
}

/** Puts a task into a block (out of any other block of the plan), at the end. */
export function placeTask(plan: DayPlan, taskId: string, blockId: string, now: number): DayPlan {
	if (!plan.blocks.some((b) => b.id === blockId)) return plan;
	return {
		...plan,
		blocks: plan.blocks.map((b) => ({
			...b,
			taskIds:
				b.id === blockId
					? [...b.taskIds.filter((id) => id !== taskId), taskId]
					: b.taskIds.filter((id) => id !== taskId)
		})),
		updatedAt: now
	};
}

export function unplanTask(plan: DayPlan, taskId: string, now: number): DayPlan {
	return {
		...plan,
		blocks: plan.blocks.map((b) => ({ ...b, taskIds: b.taskIds.filter((id) => id !== taskId) })),
		updatedAt: now
	};
}

/** Where each run under way ends on the plan: "r42 ends 15:40 — in your analyse block". */
export function runEnds(
	plan: DayPlan,
	runs: readonly { id: string; name: string; endsAt: number }[],
	zone: string,
	time: (instant: number) => string = (instant) => clockText(wallMinute(instant, zone).minute)
): { runId: string; text: string; blockId?: string }[] {
	const spans = blockSpans(plan);
	return runs.map((run) => {
		const at = wallMinute(run.endsAt, zone);
		const span = spans.find((s) => run.endsAt >= s.from && run.endsAt < s.to);
		const day = at.date === plan.date ? '' : ` (${at.date})`;
		const where = span
			? ` — in your ${PLAN_KIND_LABELS[span.block.kind].toLowerCase()} block`
			: ' — outside the plan';
		return {
			runId: run.id,
			text: `${run.name} ends ${time(run.endsAt)}${day}${where}`,
			...(span ? { blockId: span.block.id } : {})
		};
	});
}

/** Why a template's slots cannot be saved, or undefined. */
export function slotsProblem(slots: readonly PlanSlot[]): string | undefined {
	if (slots.length === 0) return 'A template needs at least one block.';
	const bad = slots.find((s) => s.endMin <= s.startMin);
	if (bad) return `The ${PLAN_KIND_LABELS[bad.kind].toLowerCase()} block ends before it starts.`;
	const sorted = [...slots].sort((a, b) => a.startMin - b.startMin);
	for (let i = 1; i < sorted.length; i++) {
		if (sorted[i]!.startMin < sorted[i - 1]!.endMin)
			return `The ${PLAN_KIND_LABELS[sorted[i]!.kind].toLowerCase()} block overlaps the one before it.`;
	}
	return undefined;
}
