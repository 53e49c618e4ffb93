import { describe, expect, it } from 'vitest';
import { makeTask } from './test-tasks';
import { fitsBeforeNextRun } from './tired';
import type { Run } from './runs';

const NOW = Date.UTC(2026, 10, 27, 15);
const MIN = 60_000;
const run = (
	id: string,
	number: number,
	launchedMinAgo: number,
	expectedMin: number,
	ended = false
): Run => ({
	id,
	number,
	hypothesis: 'h',
	launchedAt: NOW - launchedMinAgo * MIN,
	expectedMin,
	graceMin: 15,
	where: '',
	skipped: [],
	token: 'tok_0123456789abcdef',
	registered: true,
	events: ended
		? [{ id: 'e', at: NOW - MIN, source: 'job', kind: 'end', outcome: 'finished' }]
		: [],
	verdict: '',
	alertsSent: [],
	createdAt: 0,
	updatedAt: 0
});

describe('the tired view', () => {
	const low = (title: string, estimateMin?: number) =>
		makeTask({ title, mode: 'low', ...(estimateMin ? { estimateMin } : {}) });

	it('offers low-energy tasks that fit before the next run ends, the longest first', () => {
		const fits = fitsBeforeNextRun(
			[
				low('Tidy notes', 20),
				low('Reply to reviews', 10),
				low('Re-label a shard', 45),
				low('No estimate'),
				makeTask({ estimateMin: 5 })
			],
			[run('a', 42, 95, 120), run('b', 43, 10, 240), run('c', 44, 30, 40, true)],
			NOW
		);
		expect(fits?.runName).toBe('r42');
		expect(fits?.minutesLeft).toBe(25);
		expect(fits?.tasks.map((t) => t.title)).toEqual(['Tidy notes', 'Reply to reviews']);
	});

	it('offers nothing without a run under way, or when nothing fits', () => {
		expect(fitsBeforeNextRun([low('Tidy notes', 20)], [], NOW)).toBeUndefined();
		expect(fitsBeforeNextRun([low('Big job', 90)], [run('a', 42, 95, 120)], NOW)).toBeUndefined();
	});
});
