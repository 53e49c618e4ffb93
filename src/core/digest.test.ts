import { describe, expect, it } from 'vitest';
import {
	candidateWindow,
	fridayOf,
	MIN_PASS_MINUTES,
	passesShortened,
	passMinutes,
	plannedMinutes,
	readingWeekOf,
	selectDigest,
	type DigestCandidate
} from './digest';
import { startOfLocalDay, toLocalDate } from './local-date';

const cands = (scores: number[]): DigestCandidate[] =>
	scores.map((score, i) => ({ id: `i${String(i).padStart(3, '0')}`, score }));

const total = (picks: ReturnType<typeof selectDigest>) =>
	picks.reduce((s, p) => s + plannedMinutes(p.plannedPasses), 0);

describe('selectDigest', () => {
	it('plans pass 1 for every entry and pass 2 for the top two', () => {
		const picks = selectDigest(cands([5, 9, 7, 1]), 180, 7);
		expect(picks.map((p) => p.id)).toEqual(['i001', 'i002', 'i000', 'i003']);
		expect(picks.map((p) => p.plannedPasses)).toEqual([[1, 2], [1, 2], [1], [1]]);
		expect(total(picks)).toBe(150);
	});

	it('never exceeds the reading budget', () => {
		for (const budget of [0, 10, 15, 59, 60, 75, 119, 120, 121, 180, 500]) {
			const picks = selectDigest(cands([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 9]), budget, 20);
			expect(total(picks)).toBeLessThanOrEqual(budget);
		}
	});

	it('drops the second pass rather than the entry when only a skim fits', () => {
		const picks = selectDigest(cands([9, 8]), 75, 7);
		expect(picks.map((p) => p.plannedPasses)).toEqual([[1, 2], [1]]);
	});

	it('caps each pass by the item’s reading time, with a floor', () => {
		expect(passMinutes(2, 1)).toBe(MIN_PASS_MINUTES);
		expect(passMinutes(1, 1)).toBe(MIN_PASS_MINUTES);
		expect(passMinutes(2, 12)).toBe(12);
		expect(passMinutes(1, 12)).toBe(6);
		expect(passMinutes(2, 90)).toBe(45);
		expect(passMinutes(3, 20)).toBe(60);
		expect(plannedMinutes([1, 2], 1)).toBe(10);
		expect(passesShortened([1, 2], 1)).toBe(true);
		expect(passesShortened([1, 2], 60)).toBe(false);
	});

	it('plans short posts by their length, so more of them fit the budget', () => {
		const short = cands([9, 8, 7, 6, 5, 4]).map((c) => ({ ...c, readingMinutes: 2 }));
		const picks = selectDigest(short, 60, 20);
		expect(picks).toHaveLength(6);
		expect(
			picks.reduce((s, p, i) => s + plannedMinutes(p.plannedPasses, short[i]!.readingMinutes), 0)
		).toBe(40);
	});

	it('respects the cap on entries', () => {
		expect(selectDigest(cands([1, 2, 3, 4, 5, 6, 7, 8, 9]), 1000, 7)).toHaveLength(7);
	});

	it('breaks ties the same way whatever the input order', () => {
		const a = cands([3, 3, 3, 3, 3]);
		const forward = selectDigest(a, 90, 7).map((p) => p.id);
		const backward = selectDigest([...a].reverse(), 90, 7).map((p) => p.id);
		expect(forward).toEqual(backward);
		expect(forward).toEqual(['i000', 'i001', 'i002']);
	});

	it('keeps pinned entries with their plans and fills around them', () => {
		const picks = selectDigest(cands([9, 8, 7]), 120, 7, [
			{ id: 'pinned', plannedPasses: [1, 2, 3] }
		]);
		expect(picks).toEqual([{ id: 'pinned', plannedPasses: [1, 2, 3] }]);
		const more = selectDigest(cands([9]), 200, 7, [{ id: 'pinned', plannedPasses: [1] }]);
		expect(more.map((p) => p.id)).toEqual(['pinned', 'i000']);
	});

	it('returns nothing from nothing', () => {
		expect(selectDigest([], 180, 7)).toEqual([]);
	});
});

describe(`reading weeks (TZ=${process.env.TZ ?? 'system'})`, () => {
	it('runs Monday to Sunday and belongs to its Friday', () => {
		expect(readingWeekOf('2026-11-27')).toBe('2026-11-23');
		expect(readingWeekOf('2026-11-29')).toBe('2026-11-23');
		expect(readingWeekOf('2026-11-30')).toBe('2026-11-30');
		expect(fridayOf('2026-11-23')).toBe('2026-11-27');
	});

	it('holds across daylight-saving changes (US 1 Nov, EU 25 Oct, US 8 Mar)', () => {
		expect(readingWeekOf('2026-11-01')).toBe('2026-10-26');
		expect(readingWeekOf('2026-11-02')).toBe('2026-11-02');
		expect(readingWeekOf('2026-10-25')).toBe('2026-10-19');
		expect(readingWeekOf('2026-03-08')).toBe('2026-03-02');
		// Sunday 23:30 local time is still last week, wherever the user is.
		const lateSunday = new Date(2026, 10, 1, 23, 30).getTime();
		expect(readingWeekOf(toLocalDate(lateSunday))).toBe('2026-10-26');
	});

	it('takes candidates from the 7 days before the list was made', () => {
		const made = startOfLocalDay('2026-11-27') + 9 * 3_600_000;
		const { from, to } = candidateWindow(made);
		expect(to - from).toBe(7 * 86_400_000);
		expect(to).toBe(made);
	});
});
