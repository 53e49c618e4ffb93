import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PLAN_SLOTS,
	blockSpans,
	instantOf,
	placeTask,
	planFromTemplate,
	runEnds,
	slotsProblem,
	suggestFor,
	unplanTask,
	wallMinute,
	zoneShift
} from './day-plan';

const NOW = Date.UTC(2026, 10, 27, 6);
const plan = planFromTemplate('2026-11-27', 'Europe/Lisbon', DEFAULT_PLAN_SLOTS, NOW);

describe(`the day plan (TZ=${process.env.TZ ?? 'system'})`, () => {
	it('is made from the template, a remote ML engineer’s day from 7 to 18', () => {
		expect(plan.blocks.map((b) => [b.kind, b.startMin / 60, b.endMin / 60])).toEqual([
			['deep', 7, 10],
			['launch', 10, 11],
			['away', 11, 15],
			['analyse', 15, 17],
			['overnight', 17, 18]
		]);
	});

	it('knows when a block starts, whatever zone the device is in', () => {
		expect(instantOf('2026-11-27', 7 * 60, 'Europe/Lisbon')).toBe(Date.UTC(2026, 10, 27, 7));
		expect(instantOf('2026-11-27', 7 * 60, 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 26, 22));
		expect(instantOf('2026-11-27', 7 * 60, 'Asia/Kolkata')).toBe(Date.UTC(2026, 10, 27, 1, 30));
		expect(wallMinute(Date.UTC(2026, 10, 26, 22), 'Asia/Tokyo')).toEqual({
			date: '2026-11-27',
			minute: 420
		});
		expect(blockSpans(plan)[0]).toMatchObject({
			from: Date.UTC(2026, 10, 27, 7),
			to: Date.UTC(2026, 10, 27, 10)
		});
	});

	it('keeps real hours across a daylight-saving change', () => {
		// 29 March 2026 in Berlin: 02:00 becomes 03:00, so 01:00–05:00 local is three hours.
		const from = instantOf('2026-03-29', 60, 'Europe/Berlin');
		const to = instantOf('2026-03-29', 5 * 60, 'Europe/Berlin');
		expect(to - from).toBe(3 * 3_600_000);
		// 02:30 does not exist that night: it moves forward with the clocks.
		expect(wallMinute(instantOf('2026-03-29', 150, 'Europe/Berlin'), 'Europe/Berlin').minute).toBe(
			210
		);
		// 25 October 2026: 03:00 becomes 02:00 again, so 00:00–06:00 is seven hours.
		expect(
			instantOf('2026-10-25', 6 * 60, 'Europe/Berlin') - instantOf('2026-10-25', 0, 'Europe/Berlin')
		).toBe(7 * 3_600_000);
	});

	it('offers to move the plan to local hours after a change of time zone', () => {
		expect(zoneShift(plan, 'Europe/Lisbon')).toBeUndefined();
		expect(zoneShift(plan, 'Asia/Tokyo')).toEqual({
			from: 'Europe/Lisbon',
			to: 'Asia/Tokyo',
			hours: '07:00–18:00'
		});
	});

	it('suggests active tasks for deep work, passive ones for launching, low-energy ones for away', () => {
		const tasks = [
			{ id: 'a', mode: 'active' as const, status: 'todo' as const },
			{ id: 'p', mode: 'passive' as const, status: 'todo' as const },
			{ id: 'l', mode: 'low' as const, status: 'doing' as const },
			{ id: 'd', mode: 'active' as const, status: 'done' as const }
		];
		const [deep, launch, away] = plan.blocks;
		expect(suggestFor(deep!, plan, tasks)).toEqual(['a']);
		expect(suggestFor(launch!, plan, tasks)).toEqual(['p']);
		expect(suggestFor(away!, plan, tasks)).toEqual(['l']);
		const placed = placeTask(plan, 'a', 'deep', NOW);
		expect(suggestFor(deep!, placed, tasks)).toEqual([]);
	});

	it('puts a task in one block at a time, and takes it out', () => {
		let p = placeTask(plan, 't1', 'deep', NOW);
		p = placeTask(p, 't2', 'deep', NOW);
		p = placeTask(p, 't1', 'analyse', NOW);
		expect(p.blocks.find((b) => b.id === 'deep')!.taskIds).toEqual(['t2']);
		expect(p.blocks.find((b) => b.id === 'analyse')!.taskIds).toEqual(['t1']);
		expect(placeTask(p, 't1', 'nowhere', NOW)).toBe(p);
		expect(unplanTask(p, 't1', NOW).blocks.flatMap((b) => b.taskIds)).toEqual(['t2']);
	});

	it('draws where each run under way ends', () => {
		const ends = runEnds(
			plan,
			[
				{ id: 'r42', name: 'r42', endsAt: Date.UTC(2026, 10, 27, 15, 40) },
				{ id: 'r43', name: 'r43', endsAt: Date.UTC(2026, 10, 28, 2, 0) }
			],
			'Europe/Lisbon'
		);
		expect(ends).toEqual([
			{ runId: 'r42', text: 'r42 ends 15:40 — in your analyse results block', blockId: 'analyse' },
			{ runId: 'r43', text: 'r43 ends 02:00 (2026-11-28) — outside the plan' }
		]);
	});

	it('refuses a template with no blocks, a block that ends before it starts, or overlaps', () => {
		expect(slotsProblem(DEFAULT_PLAN_SLOTS)).toBeUndefined();
		expect(slotsProblem([])).toBe('A template needs at least one block.');
		expect(slotsProblem([{ id: 'x', kind: 'deep', startMin: 600, endMin: 540 }])).toBe(
			'The deep work block ends before it starts.'
		);
		expect(
			slotsProblem([
				{ id: 'x', kind: 'deep', startMin: 420, endMin: 600 },
				{ id: 'y', kind: 'launch', startMin: 590, endMin: 660 }
			])
		).toBe('The launch runs block overlaps the one before it.');
	});
});
