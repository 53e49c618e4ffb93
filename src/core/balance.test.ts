import { describe, expect, it } from 'vitest';
import { stageBalance } from './balance';
import { makeTask } from './test-tasks';

const WEEK_START = Date.UTC(2026, 10, 23);

describe('stageBalance', () => {
	it('gives each stage its share of open effort, counting unestimated tasks as an hour', () => {
		const b = stageBalance(
			[
				makeTask({ stage: 'problem', estimateMin: 60 }),
				makeTask({ stage: 'data' }),
				makeTask({ stage: 'model', estimateMin: 120 })
			],
			WEEK_START
		);
		expect(b.openTotalMin).toBe(240);
		expect(b.stages.map((s) => s.openShare)).toEqual([0.25, 0.25, 0.5, 0]);
		expect(b.nudge).toBeUndefined();
	});

	it('counts effort completed this week, not before', () => {
		const b = stageBalance(
			[
				makeTask({ stage: 'deploy', status: 'done', estimateMin: 30, doneAt: WEEK_START + 1 }),
				makeTask({ stage: 'data', status: 'done', estimateMin: 90, doneAt: WEEK_START - 1 })
			],
			WEEK_START
		);
		expect(b.doneThisWeekTotalMin).toBe(30);
		expect(b.stages.find((s) => s.stage === 'deploy')!.doneThisWeekShare).toBe(1);
	});

	it('nudges when Model selection holds more than half of open effort', () => {
		const b = stageBalance(
			[
				makeTask({ stage: 'model', estimateMin: 181 }),
				makeTask({ stage: 'data', estimateMin: 180 })
			],
			WEEK_START
		);
		expect(b.nudge).toMatch(/^Model selection holds 50% of your open effort/);
	});

	it('is all zeros on an empty board', () => {
		const b = stageBalance([], WEEK_START);
		expect(b.openTotalMin).toBe(0);
		expect(b.stages.every((s) => s.openShare === 0 && s.doneThisWeekShare === 0)).toBe(true);
	});
});
