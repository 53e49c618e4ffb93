import { effortOf } from './balance';
import { focusIntervals, type FocusSession } from './focus';
import { addDays, startOfLocalDay, weekStart, weekdayIndex } from './local-date';
import { costBetween, endOf, runState, type Run } from './runs';
import { STAGES, STAGE_LABELS, type LocalDate, type Stage, type Task } from './task';
import { overrunsBetween } from './timebox-actions';
import { formatDuration } from './duration';

/**
 * The weekly review: where the focus hours went by value-chain stage, beside the open effort;
 * time-box overruns; runs and their spend; tasks done; reading passes. Plain data from plain data.
 */

const MIN = 60_000;

export interface WeekReview {
	/** The Monday that starts the week. */
	week: LocalDate;
	focusMin: Record<Stage, number>;
	blocks: number;
	/** Open effort per stage now, in minutes (estimates, an hour where there is none). */
	openMin: Record<Stage, number>;
	overruns: { taskId: string; title: string; min: number }[];
	runs: { launched: number; finished: number; failed: number; stopped: number; silent: number };
	spend: number;
	done: Record<Stage, number>;
	readingPasses: number;
}

export interface ReviewInput {
	week: LocalDate;
	sessions: readonly FocusSession[];
	/** Open tasks, and tasks done (at least those done this week). */
	tasks: readonly Task[];
	runs: readonly Run[];
	/** Passes ticked on the week's reading list. */
	readingPasses: number;
	timeboxMin: number;
	now: number;
}

const perStage = (): Record<Stage, number> =>
	Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

/** Friday's one gentle reminder of the review and the reading list, until it is answered. */
export const fridayReminderDue = (today: LocalDate, answeredWeek: string): boolean =>
	weekdayIndex(today) === 4 && answeredWeek !== weekStart(today);

/** The week's bounds in local time: Monday 00:00 to the next Monday 00:00 (DST-aware). */
export function weekBounds(week: LocalDate): [number, number] {
	return [startOfLocalDay(week), startOfLocalDay(addDays(week, 7))];
}

export function reviewWeek(input: ReviewInput): WeekReview {
	const [from, to] = weekBounds(input.week);
	const focusMin = perStage();
	let blocks = 0;
	for (const s of input.sessions) {
		let ms = 0;
		for (const [a, b] of focusIntervals(s, input.now))
			ms += Math.max(0, Math.min(b, to) - Math.max(a, from));
		if (ms <= 0) continue;
		blocks++;
		focusMin[s.stage] += ms / MIN;
	}
	const openMin = perStage();
	const done = perStage();
	for (const t of input.tasks) {
		if (t.status !== 'done') openMin[t.stage] += effortOf(t);
		else if (t.doneAt !== undefined && t.doneAt >= from && t.doneAt < to) done[t.stage]++;
	}
	const runs = { launched: 0, finished: 0, failed: 0, stopped: 0, silent: 0 };
	let spend = 0;
	for (const run of input.runs) {
		spend += costBetween(run, from, to, input.now);
		if (run.launchedAt >= from && run.launchedAt < to) {
			runs.launched++;
			if (run.alertsSent.includes('silent') || runState(run, input.now) === 'silent') runs.silent++;
		}
		const end = endOf(run);
		if (end && end.at >= from && end.at < to) runs[end.outcome ?? 'finished']++;
	}
	return {
		week: input.week,
		focusMin,
		blocks,
		openMin,
		overruns: overrunsBetween(input.tasks, input.timeboxMin, from, to, input.now),
		runs,
		spend,
		done,
		readingPasses: input.readingPasses
	};
}

const hours = (min: number) => (min < 1 ? '0h' : formatDuration(Math.round(min)));

/** The review as Markdown, for a status update. User text is escaped. */
export function reviewMarkdown(r: WeekReview, money: (amount: number) => string): string {
	const escape = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
	const focusTotal = STAGES.reduce((sum, s) => sum + r.focusMin[s], 0);
	const lines = [
		`# Week of ${r.week}`,
		'',
		`## Focus: ${hours(focusTotal)} in ${r.blocks} ${r.blocks === 1 ? 'block' : 'blocks'}`,
		'',
		'| Stage | Focus | Open effort | Tasks done |',
		'| --- | --- | --- | --- |',
		...STAGES.map(
			(s) =>
				`| ${STAGE_LABELS[s]} | ${hours(r.focusMin[s])} | ${hours(r.openMin[s])} | ${r.done[s]} |`
		),
		'',
		`## Runs: ${r.runs.launched} launched, ${r.runs.finished} finished, ${r.runs.failed} failed, ${r.runs.silent} gone silent — ${money(r.spend)} spent`,
		'',
		'## Time-box overruns',
		'',
		...(r.overruns.length === 0
			? ['None.']
			: r.overruns.map((o) => `- ${escape(o.title)}: ${formatDuration(o.min)} over`)),
		'',
		`## Reading: ${r.readingPasses} ${r.readingPasses === 1 ? 'pass' : 'passes'} done`,
		''
	];
	return lines.join('\n');
}
