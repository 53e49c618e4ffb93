import { STAGES, STAGE_LABELS, type Stage, type Task } from './task';

/** Tasks without an estimate count as one hour of effort. */
export const DEFAULT_EFFORT_MIN = 60;

export interface StageShare {
	stage: Stage;
	openMin: number;
	/** 0…1 of all open effort; 0 when nothing is open. */
	openShare: number;
	doneThisWeekMin: number;
	doneThisWeekShare: number;
}

export interface StageBalance {
	stages: StageShare[];
	openTotalMin: number;
	doneThisWeekTotalMin: number;
	/** A gentle sentence when Model selection holds more than half of the open effort. */
	nudge?: string;
}

export function effortOf(task: Pick<Task, 'estimateMin'>): number {
	return task.estimateMin ?? DEFAULT_EFFORT_MIN;
}

/**
 * Where effort sits along the value chain: each stage's share of open effort, and of effort
 * completed since `weekStartMs` (the start of the current week, local time).
 */
export function stageBalance(tasks: readonly Task[], weekStartMs: number): StageBalance {
	const open = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
	const done = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
	for (const t of tasks) {
		if (t.status === 'done') {
			if ((t.doneAt ?? 0) >= weekStartMs) done.set(t.stage, done.get(t.stage)! + effortOf(t));
		} else {
			open.set(t.stage, open.get(t.stage)! + effortOf(t));
		}
	}
	const openTotalMin = [...open.values()].reduce((a, b) => a + b, 0);
	const doneThisWeekTotalMin = [...done.values()].reduce((a, b) => a + b, 0);
	const stages = STAGES.map((stage) => ({
		stage,
		openMin: open.get(stage)!,
		openShare: openTotalMin ? open.get(stage)! / openTotalMin : 0,
		doneThisWeekMin: done.get(stage)!,
		doneThisWeekShare: doneThisWeekTotalMin ? done.get(stage)! / doneThisWeekTotalMin : 0
	}));
	const model = stages.find((s) => s.stage === 'model')!;
	const nudge =
		model.openShare > 0.5
			? `${STAGE_LABELS.model} holds ${Math.round(model.openShare * 100)}% of your open effort. ` +
				'Value is made at the ends of the chain — is there a problem to sharpen or data to clean?'
			: undefined;
	return { stages, openTotalMin, doneThisWeekTotalMin, nudge };
}
