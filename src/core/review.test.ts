import { describe, expect, it } from 'vitest';
import { endSession, pauseSession, resumeSession, startSession } from './focus';
import { moneyFormat, type Run } from './runs';
import { fridayReminderDue, reviewMarkdown, reviewWeek, weekBounds } from './review';
import { makeTask } from './test-tasks';
import { withStatus } from './task';

const MIN = 60_000;
const H = 60 * MIN;
const WEEK = '2026-11-23';
const [MON] = weekBounds(WEEK);

const session = (id: string, stage: 'problem' | 'model', start: number, min: number) =>
	endSession(
		startSession({ id, taskId: 't', taskTitle: 'x', stage, plannedMin: 180 }, start),
		'stopped',
		start + min * MIN
	);

const run = (over: Partial<Run>): Run => ({
	id: 'r',
	number: 1,
	hypothesis: 'h',
	launchedAt: MON + 24 * H,
	expectedMin: 60,
	graceMin: 15,
	where: '',
	skipped: [],
	token: 'tok_0123456789abcdef',
	registered: true,
	events: [],
	verdict: '',
	alertsSent: [],
	createdAt: 0,
	updatedAt: 0,
	...over
});

describe(`the weekly review (TZ=${process.env.TZ ?? 'system'})`, () => {
	const now = MON + 6 * 24 * H;

	it('sums focus per stage inside the week, cutting blocks at its edges and leaving pauses out', () => {
		let paused = pauseSession(
			startSession(
				{ id: 'p', taskId: 't', taskTitle: 'x', stage: 'model', plannedMin: 180 },
				MON + 9 * H
			),
			MON + 10 * H
		);
		paused = endSession(resumeSession(paused, MON + 11 * H), 'stopped', MON + 12 * H);
		const r = reviewWeek({
			week: WEEK,
			sessions: [
				session('a', 'problem', MON + 2 * 24 * H, 180),
				paused,
				session('edge', 'model', MON - 60 * MIN, 90),
				session('before', 'model', MON - 5 * H, 60)
			],
			tasks: [],
			runs: [],
			readingPasses: 0,
			timeboxMin: 120,
			now
		});
		expect(r.focusMin).toEqual({ problem: 180, data: 0, model: 120 + 30, deploy: 0 });
		expect(r.blocks).toBe(3);
	});

	it('splits a block across the week’s first midnight, and counts real hours across a daylight-saving change', () => {
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'Europe/Berlin';
			// 29 March 2026: 02:00 becomes 03:00, so a block from 01:00 to 05:00 local is three hours.
			const start = new Date(2026, 2, 29, 1, 0).getTime();
			const dst = reviewWeek({
				week: '2026-03-23',
				sessions: [session('dst', 'model', start, 180)],
				tasks: [],
				runs: [],
				readingPasses: 0,
				timeboxMin: 120,
				now: start + 10 * H
			});
			expect(dst.focusMin.model).toBe(180);
			// A block from Sunday 23:00 to Monday 01:00 gives the new week one hour.
			const sunday = new Date(2026, 2, 29, 23, 0).getTime();
			const next = reviewWeek({
				week: '2026-03-30',
				sessions: [session('late', 'problem', sunday, 120)],
				tasks: [],
				runs: [],
				readingPasses: 0,
				timeboxMin: 120,
				now: sunday + 5 * H
			});
			expect(next.focusMin.problem).toBe(60);
		} finally {
			process.env.TZ = zone;
		}
	});

	it('counts tasks done in the week per stage, beside the open effort', () => {
		const done = (stage: 'data' | 'deploy', at: number) =>
			makeTask({ stage, status: 'done', doneAt: at, updatedAt: at });
		const r = reviewWeek({
			week: WEEK,
			sessions: [],
			tasks: [
				done('data', MON + H),
				done('data', MON + 3 * 24 * H),
				done('deploy', MON - H),
				makeTask({ stage: 'model', estimateMin: 90 }),
				makeTask({ stage: 'model' })
			],
			runs: [],
			readingPasses: 4,
			timeboxMin: 120,
			now
		});
		expect(r.done).toEqual({ problem: 0, data: 2, model: 0, deploy: 0 });
		expect(r.openMin.model).toBe(150);
		expect(r.readingPasses).toBe(4);
	});

	it('counts runs launched, ended by outcome and gone silent, with the week’s spend', () => {
		const ended = (id: string, outcome: 'finished' | 'failed', at: number): Run =>
			run({
				id,
				costPerHour: 10,
				machineOffAt: at,
				events: [{ id: `e${id}`, at, source: 'job', kind: 'end', outcome }]
			});
		const r = reviewWeek({
			week: WEEK,
			sessions: [],
			tasks: [],
			runs: [
				ended('a', 'finished', MON + 25 * H),
				ended('b', 'failed', MON + 26 * H),
				run({ id: 'c', alertsSent: ['eta', 'silent'] }),
				run({ id: 'old', launchedAt: MON - 48 * H, costPerHour: 2, machineOffAt: MON + 2 * H })
			],
			readingPasses: 0,
			timeboxMin: 120,
			now
		});
		expect(r.runs).toEqual({ launched: 3, finished: 1, failed: 1, stopped: 0, silent: 1 });
		expect(r.spend).toBeCloseTo(10 + 20 + 4);
	});

	it('lists time-box overruns of the week', () => {
		const debug = withStatus(makeTask({ title: 'NaN hunt', tags: ['debug'] }), 'doing', MON + H);
		const r = reviewWeek({
			week: WEEK,
			sessions: [],
			tasks: [debug],
			runs: [],
			readingPasses: 0,
			timeboxMin: 120,
			now: MON + H + 150 * MIN
		});
		expect(r.overruns).toEqual([{ taskId: debug.id, title: 'NaN hunt', min: 30 }]);
	});

	it('reminds once on Fridays, until answered that week', () => {
		expect(fridayReminderDue('2026-11-27', '')).toBe(true);
		expect(fridayReminderDue('2026-11-27', '2026-11-23')).toBe(false);
		expect(fridayReminderDue('2026-12-04', '2026-11-23')).toBe(true);
		expect(fridayReminderDue('2026-11-26', '')).toBe(false);
	});

	it('writes Markdown for a status update, escaping task titles', () => {
		const r = reviewWeek({
			week: WEEK,
			sessions: [session('a', 'problem', MON + 24 * H, 150)],
			tasks: [withStatus(makeTask({ title: 'Fix *the* bug', tags: ['debug'] }), 'doing', MON)],
			runs: [],
			readingPasses: 1,
			timeboxMin: 60,
			now: MON + 90 * MIN
		});
		const md = reviewMarkdown(r, moneyFormat('USD', 'en-US'));
		expect(md).toContain('# Week of 2026-11-23');
		expect(md).toContain('## Focus: 2h30m in 1 block');
		expect(md).toContain('| Problem definition | 2h30m | 1h | 0 |');
		expect(md).toContain('- Fix \\*the\\* bug: 30m over');
		expect(md).toContain('## Reading: 1 pass done');
	});
});
