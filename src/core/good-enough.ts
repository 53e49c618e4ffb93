import { formatDuration } from './duration';
import type { Metric } from './runs';
import type { Target } from './task';

/**
 * A task's "good enough" target in words. What runs say about it is worked out in `run-targets.ts`,
 * which the board loads with the runs: this module is all the board's first load needs.
 */

/** What a task's runs say about its target. */
export interface TargetFacts {
	/** The best reported or typed value of the target's metric, when it meets the target. */
	met?: Metric;
	/** Minutes of runs past the tuning budget. */
	overBudgetMin?: number;
}

/** Whether two sets of facts say the same (absent and absent are the same). */
export const sameTargetFacts = (a: TargetFacts | undefined, b: TargetFacts | undefined): boolean =>
	a === b ||
	(a?.met?.name === b?.met?.name &&
		a?.met?.value === b?.met?.value &&
		a?.overBudgetMin === b?.overBudgetMin);

const OP_SIGNS = { '>=': '≥', '<=': '≤' } as const;

/** "Good enough: f1 0.81 ≥ 0.8 — stop tuning, ship it". */
export function goodEnoughText(target: Target, met: Metric): string {
	return `Good enough: ${met.name} ${met.value} ${OP_SIGNS[target.op]} ${target.value} — stop tuning, ship it`;
}

/** "3h over the tuning budget". */
export const overBudgetText = (minutes: number): string =>
	`${formatDuration(minutes)} over the tuning budget`;

const TARGET =
	/^\s*([A-Za-z][\w.\-/]{0,63})\s*(>=|≥|<=|≤)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*$/i;

/** `f1 >= 0.8`, `val_loss ≤ 0.3`; undefined when the text is not a target. */
export function parseTarget(text: string): Omit<Target, 'tuningBudgetMin'> | undefined {
	const m = TARGET.exec(text);
	if (!m) return undefined;
	const value = Number(m[3]);
	if (!Number.isFinite(value)) return undefined;
	return { metric: m[1]!, op: m[2] === '>=' || m[2] === '≥' ? '>=' : '<=', value };
}

/** A target as the edit form shows it: `f1 >= 0.8`. */
export const targetText = (t: Target): string => `${t.metric} ${t.op} ${t.value}`;
