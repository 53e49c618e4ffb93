import { endOf, etaOf, runName, type Run } from './runs';
import type { Task } from './task';

/**
 * The tired view's help: low-energy tasks that fit before the next run under way ends, so a
 * tired hour is spent on something that will be finished when the results come in.
 */
export interface FitsBeforeRun {
	runName: string;
	minutesLeft: number;
	tasks: Task[];
}

export function fitsBeforeNextRun(
	tasks: readonly Task[],
	runs: readonly Run[],
	now: number,
	limit = 5
): FitsBeforeRun | undefined {
	const next = runs
		.filter((r) => !endOf(r) && etaOf(r) > now)
		.sort((a, b) => etaOf(a) - etaOf(b))[0];
	if (!next) return undefined;
	const minutesLeft = Math.floor((etaOf(next) - now) / 60_000);
	const fitting = tasks
		.filter(
			(t) =>
				t.mode === 'low' &&
				t.status !== 'done' &&
				t.estimateMin !== undefined &&
				t.estimateMin <= minutesLeft
		)
		.sort((a, b) => b.estimateMin! - a.estimateMin!)
		.slice(0, limit);
	return fitting.length > 0 ? { runName: runName(next), minutesLeft, tasks: fitting } : undefined;
}
