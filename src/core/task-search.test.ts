import { describe, expect, it } from 'vitest';
import { substringHits } from './task-search';
import { makeTask } from './test-tasks';

describe('substringHits', () => {
	const tasks = [
		makeTask({ id: 'a', title: 'Relabel the noisy batch' }),
		makeTask({ id: 'b', title: 'Write the eval spec', notes: 'relabel first' }),
		makeTask({ id: 'c', title: 'Ship canary', tags: ['RELABEL'] }),
		makeTask({ id: 'd', title: 'Tune the model' })
	];

	it('finds the query in titles, notes and tags whatever its case, in the order given', () => {
		expect([...substringHits('relabel', tasks).keys()]).toEqual(['a', 'b', 'c']);
	});

	it('highlights where the query stands in a title, and nothing for a match elsewhere', () => {
		const hits = substringHits('LABEL', tasks);
		expect(hits.get('a')).toEqual([[2, 6]]);
		expect(hits.get('b')).toEqual([]);
	});
});
