import type { StageBalance } from './balance';
import { formatDuration } from './duration';
import { goodEnoughText, overBudgetText, sameTargetFacts, type TargetFacts } from './good-enough';
import { daysBetween, describeDue, WEEK_MS } from './local-date';
import { STAGES, STAGE_LABELS, type LocalDate, type Stage, type Task } from './task';

export interface PriorityReason {
	/** A plain phrase a user can read: "p1", "due in 2 days", "Deployment is under-served". */
	label: string;
	points: number;
}

export interface Priority {
	score: number;
	reasons: PriorityReason[];
}

export interface PriorityContext {
	today: LocalDate;
	now: number;
	balance: StageBalance;
	/** What runs say about tasks' "good enough" targets (absent: no task has one met or overrun). */
	targets?: ReadonlyMap<string, TargetFacts>;
}

const IMPACT_POINTS = { 1: 40, 2: 25, 3: 10, 4: 0 } as const;
const FAIR_SHARE = 1 / STAGES.length;

function dueReason(due: LocalDate, today: LocalDate): PriorityReason | undefined {
	const days = daysBetween(today, due);
	if (days < 0) return { label: `overdue by ${-days} day${days === -1 ? '' : 's'}`, points: 35 };
	if (days <= 7) return { label: `due ${describeDue(due, today)}`, points: 30 - days * 3 };
	return undefined;
}

function estimateReason(minutes: number | undefined): PriorityReason | undefined {
	if (minutes === undefined) return undefined;
	if (minutes <= 30) return { label: `quick win (~${formatDuration(minutes)})`, points: 10 };
	if (minutes <= 60) return { label: `short (~${formatDuration(minutes)})`, points: 5 };
	if (minutes > 240)
		return { label: `large (~${formatDuration(minutes)}) — split it?`, points: -5 };
	return undefined;
}

const weeksWaiting = (createdAt: number, now: number) => Math.floor((now - createdAt) / WEEK_MS);

function ageReason(createdAt: number, now: number): PriorityReason | undefined {
	const weeks = weeksWaiting(createdAt, now);
	if (weeks < 1) return undefined;
	return { label: `waiting ${weeks} week${weeks === 1 ? '' : 's'}`, points: Math.min(weeks, 8) };
}

function balanceReason(stage: Stage, balance: StageBalance): PriorityReason | undefined {
	if (balance.openTotalMin === 0) return undefined;
	const share = balance.stages.find((s) => s.stage === stage)!.openShare;
	if (share < FAIR_SHARE * 0.8) {
		return {
			label: `${STAGE_LABELS[stage]} is under-served`,
			points: Math.round(15 * (1 - share / FAIR_SHARE))
		};
	}
	if (stage === 'model' && share > 0.5) {
		return { label: `${STAGE_LABELS.model} already holds most open effort`, points: -5 };
	}
	return undefined;
}

/**
 * A met target nudges a task out of Model selection and lifts it once in Deployment; tuning past
 * its budget lowers it.
 */
function targetReasons(task: Task, facts: TargetFacts | undefined): PriorityReason[] {
	const out: PriorityReason[] = [];
	if (facts?.met && task.target) {
		const text = goodEnoughText(task.target, facts.met);
		out.push(
			task.stage === 'deploy'
				? { label: text.replace(' — stop tuning, ship it', ' — ship it'), points: 15 }
				: { label: text, points: -10 }
		);
	}
	if (facts?.overBudgetMin) out.push({ label: overBudgetText(facts.overBudgetMin), points: -10 });
	return out;
}

/**
 * An explainable priority for one open task: a score and the phrases that made it. Impact counts
 * most; near due dates, quick wins, long waits and under-served stages add to it.
 */
export function prioritise(task: Task, ctx: PriorityContext): Priority {
	const reasons: PriorityReason[] = [
		{ label: `p${task.impact}`, points: IMPACT_POINTS[task.impact] }
	];
	const extra = [
		task.due ? dueReason(task.due, ctx.today) : undefined,
		estimateReason(task.estimateMin),
		ageReason(task.createdAt, ctx.now),
		balanceReason(task.stage, ctx.balance),
		...targetReasons(task, ctx.targets?.get(task.id))
	];
	for (const r of extra) if (r) reasons.push(r);
	const score = reasons.reduce((sum, r) => sum + r.points, 0);
	return { score, reasons };
}

/** Higher score first; ties broken by earlier due date, then older task, then id. */
export function compareByPriority(
	a: Task,
	b: Task,
	priorities: ReadonlyMap<string, Priority>
): number {
	return compareByScore(a, priorities.get(a.id)?.score ?? 0, b, priorities.get(b.id)?.score ?? 0);
}

/** `compareByPriority` with each task's score already looked up. */
export function compareByScore(a: Task, aScore: number, b: Task, bScore: number): number {
	const diff = bScore - aScore;
	if (diff !== 0) return diff;
	if (a.due !== b.due) return (a.due ?? '9999') < (b.due ?? '9999') ? -1 : 1;
	if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function prioritiseAll(tasks: readonly Task[], ctx: PriorityContext): Map<string, Priority> {
	return createPrioritiser()(tasks, ctx);
}

/**
 * `prioritiseAll` with a memory, for a board that changes one task at a time: a task whose object,
 * day, weeks of waiting and stage reason are as last time keeps its Priority object, so only the
 * tasks a change touched are scored again, and what shows the others need not redraw.
 */
export function createPrioritiser(): (
	tasks: readonly Task[],
	ctx: PriorityContext
) => Map<string, Priority> {
	const memo = new WeakMap<
		Task,
		{
			today: LocalDate;
			weeks: number;
			stageReason: string;
			facts: TargetFacts | undefined;
			priority: Priority;
		}
	>();
	return (tasks, ctx) => {
		const stageReasons = new Map(
			STAGES.map((stage) => {
				const reason = balanceReason(stage, ctx.balance);
				return [stage, reason ? `${reason.label}|${reason.points}` : ''] as const;
			})
		);
		const out = new Map<string, Priority>();
		for (const task of tasks) {
			if (task.status === 'done') continue;
			const weeks = weeksWaiting(task.createdAt, ctx.now);
			const stageReason = stageReasons.get(task.stage)!;
			const facts = ctx.targets?.get(task.id);
			let entry = memo.get(task);
			if (
				entry?.today !== ctx.today ||
				entry.weeks !== weeks ||
				entry.stageReason !== stageReason ||
				!sameTargetFacts(entry.facts, facts)
			) {
				entry = { today: ctx.today, weeks, stageReason, facts, priority: prioritise(task, ctx) };
				memo.set(task, entry);
			}
			out.set(task.id, entry.priority);
		}
		return out;
	};
}
