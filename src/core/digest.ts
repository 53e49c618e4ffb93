import { addDays, weekStart, WEEK_MS } from './local-date';
import type { LocalDate } from './task';

/** The three-pass method: how long each pass takes, in minutes. */
export const PASSES = [
	{ pass: 1, minutes: 15, label: 'Skim', what: 'title, abstract, introduction, figures' },
	{ pass: 2, minutes: 45, label: 'Methods', what: 'methods and results' },
	{ pass: 3, minutes: 120, label: 'Deep dive', what: 'the maths and the implementation' }
] as const;

export type PassNumber = 1 | 2 | 3;

export { DEFAULT_BUDGET_MIN, DEFAULT_MAX_ITEMS } from './reading-defaults';
/** How many of the top entries get a planned second pass. */
export const SECOND_PASS_FOR_TOP = 2;

/** No pass is planned shorter than this, however short the item. */
export const MIN_PASS_MINUTES = 5;
/** How many readings of the item each pass needs at most: a skim is half, a deep dive three. */
const READS_PER_PASS: Record<PassNumber, number> = { 1: 0.5, 2: 1, 3: 3 };

/**
 * Minutes a pass takes: the method's time, capped by the item's length (with a small floor), so a
 * one-minute post never plans a 45-minute second pass.
 */
export function passMinutes(pass: PassNumber, readingMinutes?: number): number {
	const full = PASSES[pass - 1]!.minutes;
	if (readingMinutes === undefined) return full;
	return Math.min(
		full,
		Math.max(MIN_PASS_MINUTES, Math.ceil(readingMinutes * READS_PER_PASS[pass]))
	);
}

export function plannedMinutes(passes: readonly PassNumber[], readingMinutes?: number): number {
	return passes.reduce((sum, p) => sum + passMinutes(p, readingMinutes), 0);
}

/** Whether the item is short enough that its passes are planned shorter than the method's. */
export function passesShortened(passes: readonly PassNumber[], readingMinutes: number): boolean {
	return plannedMinutes(passes, readingMinutes) < plannedMinutes(passes);
}

export interface DigestCandidate {
	id: string;
	score: number;
	readingMinutes?: number;
}

export interface DigestPick {
	id: string;
	plannedPasses: PassNumber[];
	readingMinutes?: number;
}

/**
 * Fills a week's reading list greedily under a reading-time budget and a cap on entries. Items are
 * taken by score per minute of planned reading (ties: higher score, then id, so the result never
 * depends on input order). The first picks get a second pass planned; an item that no longer
 * fits is skipped so a smaller one can still come in. Items already chosen (pinned) come first
 * and keep their plans.
 */
export function selectDigest(
	candidates: readonly DigestCandidate[],
	budgetMin: number,
	maxItems: number,
	kept: readonly DigestPick[] = []
): DigestPick[] {
	const picks: DigestPick[] = kept.map((k) => ({ ...k, plannedPasses: [...k.plannedPasses] }));
	let used = picks.reduce((sum, p) => sum + plannedMinutes(p.plannedPasses, p.readingMinutes), 0);
	const taken = new Set(picks.map((p) => p.id));
	const pass1 = passMinutes(1);
	const ranked = candidates
		.filter((c) => !taken.has(c.id))
		.sort(
			(a, b) => b.score / pass1 - a.score / pass1 || b.score - a.score || (a.id < b.id ? -1 : 1)
		);
	for (const candidate of ranked) {
		if (picks.length >= maxItems) break;
		const plan: PassNumber[] = picks.length < SECOND_PASS_FOR_TOP ? [1, 2] : [1];
		let cost = plannedMinutes(plan, candidate.readingMinutes);
		if (used + cost > budgetMin && plan.length > 1) {
			plan.pop();
			cost = plannedMinutes(plan, candidate.readingMinutes);
		}
		if (used + cost > budgetMin) continue;
		picks.push({ id: candidate.id, plannedPasses: plan });
		taken.add(candidate.id);
		used += cost;
	}
	return picks;
}

/** The Monday that starts the reading week holding `today` — the list's key. */
export function readingWeekOf(today: LocalDate): LocalDate {
	return weekStart(today);
}

/** The Friday a reading week belongs to. */
export function fridayOf(week: LocalDate): LocalDate {
	return addDays(week, 4);
}

/** Items first seen in the 7 days before `madeAt` are candidates for the list made then. */
export function candidateWindow(madeAt: number): { from: number; to: number } {
	return { from: madeAt - WEEK_MS, to: madeAt };
}
