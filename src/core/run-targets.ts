import { endOf, type Metric, type Run } from './runs';
import type { TargetFacts } from './good-enough';
import type { Target, Task } from './task';

/** What a task's runs say about its "good enough" target. */

const meets = (target: Target, value: number) =>
	target.op === '>=' ? value >= target.value : value <= target.value;

const better = (target: Target, a: number, b: number) => (target.op === '>=' ? a > b : a < b);

/** The best value of the target's metric across the runs, when it meets the target. */
export function targetMet(target: Target, runs: readonly Run[]): Metric | undefined {
	let best: Metric | undefined;
	for (const run of runs) {
		for (const e of run.events) {
			const m = e.metric;
			if (m?.name === target.metric && (!best || better(target, m.value, best.value))) best = m;
		}
	}
	return best && meets(target, best.value) ? best : undefined;
}

/** How long a run took (or has taken so far). */
export const runMinutes = (run: Run, now: number): number =>
	Math.max(0, ((endOf(run)?.at ?? now) - run.launchedAt) / 60_000);

/** The facts about each task with a target, from the runs launched on it. */
export function targetFacts(
	tasks: readonly Task[],
	runs: readonly Run[],
	now: number
): Map<string, TargetFacts> {
	const runsByTask = new Map<string, Run[]>();
	for (const run of runs) {
		if (run.taskId === undefined) continue;
		const list = runsByTask.get(run.taskId);
		if (list) list.push(run);
		else runsByTask.set(run.taskId, [run]);
	}
	const out = new Map<string, TargetFacts>();
	for (const task of tasks) {
		const target = task.target;
		const own = runsByTask.get(task.id);
		if (!target || !own) continue;
		const facts: TargetFacts = {};
		const met = targetMet(target, own);
		if (met) facts.met = met;
		if (target.tuningBudgetMin !== undefined) {
			const used = own.reduce((sum, run) => sum + runMinutes(run, now), 0);
			const over = Math.floor(used - target.tuningBudgetMin);
			if (over > 0) facts.overBudgetMin = over;
		}
		if (facts.met || facts.overBudgetMin) out.set(task.id, facts);
	}
	return out;
}
