import { describe, expect, it } from 'vitest';
import { withStatus, workedMs } from './task';
import { makeTask } from './test-tasks';
import { boxLabel, boxOf, boxState } from './timebox';
import {
	awayOver,
	dueToAsk,
	endAway,
	extendBox,
	markAsked,
	overrunMin,
	overrunsBetween,
	setBox,
	stepAway
} from './timebox-actions';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1, 9);
const note = { tried: 'Seeds fixed', suspect: 'cuDNN autotune', next: 'deterministic=True' };

describe('Doing time', () => {
	it('counts the time a task is Doing, across stretches', () => {
		let t = withStatus(makeTask(), 'doing', T0);
		expect(workedMs(t, T0 + 30 * MIN)).toBe(30 * MIN);
		t = withStatus(t, 'todo', T0 + 30 * MIN);
		expect(workedMs(t, T0 + 5 * 60 * MIN)).toBe(30 * MIN);
		t = withStatus(t, 'doing', T0 + 60 * MIN);
		expect(workedMs(t, T0 + 70 * MIN)).toBe(40 * MIN);
		t = withStatus(t, 'done', T0 + 80 * MIN);
		expect(t).toMatchObject({ status: 'done', doneAt: T0 + 80 * MIN, workedMs: 50 * MIN });
		expect(t.doingSince).toBeUndefined();
		expect(withStatus(t, 'done', T0 + 90 * MIN)).toBe(t);
	});
});

describe('the time-box', () => {
	const debug = withStatus(makeTask({ tags: ['debug'] }), 'doing', T0);

	it('is on by default for @debug tasks, off otherwise, and can be turned either way', () => {
		expect(boxOf(debug, 120)).toMatchObject({ on: true, limitMin: 120 });
		expect(boxOf(makeTask(), 120)).toBeUndefined();
		const off = setBox(debug, false, 120, T0);
		expect(boxOf(off, 120)).toBeUndefined();
		expect(boxOf(setBox(makeTask(), true, 90, T0), 120)).toMatchObject({ limitMin: 90 });
	});

	it('counts down while the task is Doing, and asks once at the limit', () => {
		const box = boxOf(debug, 120)!;
		expect(boxState(debug, box, T0 + 90 * MIN)).toMatchObject({ leftMs: 30 * MIN, counting: true });
		expect(dueToAsk(debug, box, T0 + 119 * MIN)).toBe(false);
		expect(dueToAsk(debug, box, T0 + 120 * MIN)).toBe(true);
		const asked = markAsked(debug, box, T0 + 120 * MIN);
		expect(dueToAsk(asked, boxOf(asked, 120)!, T0 + 150 * MIN)).toBe(false);
		const paused = withStatus(debug, 'todo', T0 + 60 * MIN);
		expect(dueToAsk(paused, box, T0 + 300 * MIN)).toBe(false);
	});

	it('extends by 30 minutes once, asking again at the new limit', () => {
		const asked = markAsked(debug, boxOf(debug, 120)!, T0 + 120 * MIN);
		const extended = extendBox(asked, asked.timebox!);
		expect(extended.timebox).toMatchObject({ extended: true });
		expect(extended.timebox!.askedAt).toBeUndefined();
		expect(dueToAsk(extended, extended.timebox!, T0 + 149 * MIN)).toBe(false);
		expect(dueToAsk(extended, extended.timebox!, T0 + 150 * MIN)).toBe(true);
		expect(extendBox(extended, extended.timebox!)).toBe(extended);
	});

	it('says on the card what is left, how far over, or when the step away ends', () => {
		const box = boxOf(debug, 120)!;
		expect(boxLabel(debug, box, T0 + 48 * MIN)).toEqual({
			text: 'time-box: 1h12m left',
			over: false
		});
		expect(boxLabel(debug, box, T0 + 145 * MIN)).toEqual({
			text: '25m over the time-box',
			over: true
		});
		const away = stepAway(debug, box, note, 'x', T0 + 145 * MIN, 100_000);
		expect(boxLabel(away, away.timebox!, T0 + 148 * MIN).text).toBe('away — back in 17m');
	});

	it('records how far past the limit work went', () => {
		const box = boxOf(debug, 120)!;
		expect(overrunMin(debug, box, T0 + 100 * MIN)).toBe(0);
		expect(overrunMin(debug, box, T0 + 145 * MIN)).toBe(25);
	});

	it('steps away: three lines in the notes, work stopped, the overrun kept, a new box after 20 minutes', () => {
		const box = boxOf(debug, 120)!;
		const away = stepAway(debug, box, note, '1 Dec 11:25', T0 + 145 * MIN, 100_000);
		expect(away.status).toBe('todo');
		expect(away.notes).toBe(
			'Stepped away (1 Dec 11:25):\n- Tried: Seeds fixed\n- Suspect: cuDNN autotune\n- Next: deterministic=True'
		);
		expect(away.timebox).toMatchObject({
			startMs: 145 * MIN,
			awayUntil: T0 + 165 * MIN,
			extended: false,
			overruns: [{ at: T0 + 145 * MIN, min: 25 }]
		});
		const back = withStatus(away, 'doing', T0 + 170 * MIN);
		expect(boxState(back, back.timebox!, T0 + 180 * MIN).leftMs).toBe(110 * MIN);
		expect(boxState(away, away.timebox!, T0 + 150 * MIN).away).toBe(true);
		expect(awayOver(away.timebox!, T0 + 164 * MIN)).toBe(false);
		expect(awayOver(away.timebox!, T0 + 165 * MIN)).toBe(true);
		expect(endAway(away, away.timebox!).timebox!.awayUntil).toBeUndefined();
	});

	it('keeps notes already written, and stays within the notes limit', () => {
		const withNotes = { ...debug, notes: 'Repro: seed 3, batch 64' };
		const away = stepAway(withNotes, boxOf(debug, 120)!, note, 'now', T0 + 10 * MIN, 100_000);
		expect(away.notes.startsWith('Repro: seed 3, batch 64\n\nStepped away (now):')).toBe(true);
		const long = { ...debug, notes: 'x'.repeat(200) };
		expect(stepAway(long, boxOf(debug, 120)!, note, 'now', T0, 150).notes.length).toBe(150);
	});

	it('sums the overruns of a week, with the one under way', () => {
		const box = boxOf(debug, 120)!;
		const away = stepAway(debug, box, note, 'x', T0 + 145 * MIN, 100_000);
		const again = withStatus(away, 'doing', T0 + 200 * MIN);
		const rows = overrunsBetween(
			[again, makeTask()],
			120,
			T0 - 60 * MIN,
			T0 + 7 * 24 * 60 * MIN,
			T0 + 340 * MIN
		);
		expect(rows).toEqual([{ taskId: again.id, title: again.title, min: 25 + 20 }]);
	});
});
