import type { LocalDate } from './task';

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
