import { describe, expect, it } from 'vitest';
import { makeTask } from '../core/test-tasks';
import { TaskFinder } from './task-finder';

describe('TaskFinder', () => {
	const finder = new TaskFinder([
		makeTask({ id: 'eval', title: 'Write the eval spec', notes: 'after the relabelling' }),
		makeTask({ id: 'relabel', title: 'Relabel the noisy batch' }),
		makeTask({ id: 'canary', title: 'Ship canary', tags: ['rollout'] }),
		makeTask({ id: 'tune', title: 'Tune the model' })
	]);

	it('forgives a typo, in titles and notes alike', () => {
		expect(finder.find('relabl').map(([id]) => id)).toEqual(
			expect.arrayContaining(['relabel', 'eval'])
		);
		expect(finder.find('relabl').map(([id]) => id)).not.toContain('tune');
	});

	it('highlights the matched part of a title', () => {
		const [first] = finder.find('noisy');
		expect(first?.[0]).toBe('relabel');
		expect(first?.[1]).toContainEqual([12, 16]);
	});

	it('finds tasks by their tags, with nothing in the title to highlight', () => {
		expect(finder.find('rollout')).toEqual([['canary', []]]);
	});

	it('finds nothing in an empty set of tasks', () => {
		expect(new TaskFinder([]).find('relabel')).toEqual([]);
	});
});
