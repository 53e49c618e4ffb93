import { describe, expect, it } from 'vitest';
import {
	alertCategory,
	blockPhase,
	endSession,
	focusedMs,
	heldSummary,
	holdsAlert,
	needsRecovery,
	pauseSession,
	plannedEndAt,
	recoverSession,
	remainingMs,
	resumeSession,
	seenSession,
	startSession,
	DEFAULT_BREAK_THROUGH,
	type FocusSession
} from './focus';
import type { RunAlert } from './runs';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 10, 27, 7, 0);

const block = (plannedMin = 180, at = T0): FocusSession =>
	startSession(
		{ id: 's1', taskId: 't1', taskTitle: 'Implement the focal loss', stage: 'model', plannedMin },
		at
	);

const alert = (kind: RunAlert['kind'], urgent = false): RunAlert => ({
	key: kind,
	kind,
	runId: 'r1',
	title: `r42 ${kind}`,
	body: '',
	urgent
});

describe(`focus sessions (TZ=${process.env.TZ ?? 'system'})`, () => {
	it('counts focus time less pauses, and the time left', () => {
		let s = block();
		s = pauseSession(s, T0 + 30 * MIN);
		expect(blockPhase(s, T0 + 40 * MIN)).toBe('paused');
		expect(focusedMs(s, T0 + 40 * MIN)).toBe(30 * MIN);
		s = resumeSession(s, T0 + 50 * MIN);
		expect(focusedMs(s, T0 + 60 * MIN)).toBe(40 * MIN);
		expect(remainingMs(s, T0 + 60 * MIN)).toBe(140 * MIN);
		expect(plannedEndAt(s, T0 + 60 * MIN)).toBe(T0 + 200 * MIN);
	});

	it('loads context for 45 minutes, then focuses, then is over at its planned length', () => {
		const s = block(90);
		expect(blockPhase(s, T0 + 44 * MIN)).toBe('loading');
		expect(blockPhase(s, T0 + 45 * MIN)).toBe('focus');
		expect(blockPhase(s, T0 + 90 * MIN)).toBe('over');
	});

	it('ends a block whose time ran out when it ran out, and one stopped early now', () => {
		const s = pauseSession(block(90), T0 + 10 * MIN);
		const resumed = resumeSession(s, T0 + 20 * MIN);
		const done = endSession(resumed, 'done', T0 + 3 * H);
		expect(done.endedAt).toBe(T0 + 100 * MIN);
		expect(focusedMs(done, T0 + 5 * H)).toBe(90 * MIN);
		const stopped = endSession(s, 'stopped', T0 + 15 * MIN);
		expect(stopped).toMatchObject({ endedAt: T0 + 15 * MIN, ending: 'stopped' });
		expect(stopped.pauses).toEqual([{ from: T0 + 10 * MIN, to: T0 + 15 * MIN }]);
		expect(focusedMs(stopped, T0 + 5 * H)).toBe(10 * MIN);
		expect(endSession(stopped, 'done', T0 + 5 * H)).toBe(stopped);
	});

	describe('a block left running across a reload or a closed lid', () => {
		const seen = seenSession(block(180), T0 + 60 * MIN);

		it('is marked seen only when the time has moved on (no write otherwise)', () => {
			expect(seenSession(seen, T0 + 60 * MIN)).toBe(seen);
			expect(seenSession(seen, T0 + 61 * MIN).seenAt).toBe(T0 + 61 * MIN);
		});

		it('continues after a reload: a gap of a few minutes asks nothing', () => {
			expect(needsRecovery(seen, T0 + 64 * MIN)).toBe(false);
			expect(needsRecovery(seen, T0 + 66 * MIN)).toBe(true);
		});

		it('“I kept working” counts the gap as focus, ending at the planned end if it passed', () => {
			const back = recoverSession(seen, 'worked', T0 + 90 * MIN);
			expect(back.endedAt).toBeUndefined();
			expect(focusedMs(back, T0 + 90 * MIN)).toBe(90 * MIN);
			const late = recoverSession(seen, 'worked', T0 + 5 * H);
			expect(late).toMatchObject({ endedAt: T0 + 180 * MIN, ending: 'done' });
		});

		it('“I took a break” records the gap as a pause and goes on', () => {
			const back = recoverSession(seen, 'break', T0 + 90 * MIN);
			expect(back.pauses).toEqual([{ from: T0 + 60 * MIN, to: T0 + 90 * MIN }]);
			expect(focusedMs(back, T0 + 90 * MIN)).toBe(60 * MIN);
			expect(blockPhase(back, T0 + 90 * MIN)).toBe('focus');
		});

		it('“I stopped” ends the block when Lindy last saw it', () => {
			const back = recoverSession(seen, 'stopped', T0 + 5 * H);
			expect(back).toMatchObject({ endedAt: T0 + 60 * MIN, ending: 'interrupted' });
			expect(focusedMs(back, T0 + 5 * H)).toBe(60 * MIN);
		});
	});

	describe('alerts during a block', () => {
		const s = block(180);
		const allowed = DEFAULT_BREAK_THROUGH;

		it('holds everything in the first 45 minutes', () => {
			expect(holdsAlert(s, alert('end', true), allowed, T0 + 10 * MIN)).toBe(true);
			expect(holdsAlert(s, alert('eta'), allowed, T0 + 10 * MIN)).toBe(true);
		});

		it('then lets failed runs and spent budgets break through, holding what can wait', () => {
			const now = T0 + 60 * MIN;
			expect(holdsAlert(s, alert('end', true), allowed, now)).toBe(false);
			expect(holdsAlert(s, alert('budget-100', true), allowed, now)).toBe(false);
			for (const kind of ['eta', 'budget-80', 'machine', 'silent', 'end'] as const)
				expect(holdsAlert(s, alert(kind), allowed, now)).toBe(true);
			expect(holdsAlert(s, alert('eta'), ['eta'], now)).toBe(false);
		});

		it('holds nothing without a block, while paused, or once it is over', () => {
			expect(holdsAlert(undefined, alert('eta'), allowed, T0)).toBe(false);
			expect(holdsAlert(pauseSession(s, T0 + H), alert('eta'), allowed, T0 + 2 * H)).toBe(false);
			expect(holdsAlert(s, alert('eta'), allowed, T0 + 4 * H)).toBe(false);
		});

		it('names each kind for the setting, and sums up what it held in one line', () => {
			expect(alertCategory(alert('end', true))).toBe('failed');
			expect(alertCategory(alert('end'))).toBe('finished');
			expect(heldSummary([alert('eta'), { ...alert('budget-80'), title: 'r7 at 80 %.' }])).toEqual({
				title: 'While you focused: 2 alerts',
				body: 'r42 eta. r7 at 80 %.'
			});
		});
	});

	it('is unaffected by a time-zone change in the middle of a block', () => {
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'Europe/London';
			let s = block(180);
			s = seenSession(s, T0 + 60 * MIN);
			process.env.TZ = 'Asia/Tokyo';
			s = seenSession(s, T0 + 62 * MIN);
			expect(needsRecovery(s, T0 + 63 * MIN)).toBe(false);
			expect(remainingMs(s, T0 + 63 * MIN)).toBe(117 * MIN);
			expect(endSession(s, 'done', T0 + 4 * H).endedAt).toBe(T0 + 3 * H);
		} finally {
			process.env.TZ = zone;
		}
	});
});
