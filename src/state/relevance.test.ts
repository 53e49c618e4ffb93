import { describe, expect, it } from 'vitest';
import { makeTask } from '../core/test-tasks';
import { TaskMatcher, keywords } from './relevance';

const tasks = [
	makeTask({ id: 'labels', title: 'Clean label noise in the train set', tags: ['labels'] }),
	makeTask({ id: 'drift', title: 'Write the monitoring dashboard for score drift' }),
	makeTask({ id: 'done', title: 'Evaluate calibration curves', status: 'done', doneAt: 1 })
];
const matcher = new TaskMatcher(tasks);

describe('TaskMatcher', () => {
	it('names the task an item is about', () => {
		expect(matcher.match('Finding label noise with confident learning', '')).toEqual({
			taskId: 'labels',
			title: 'Clean label noise in the train set'
		});
		expect(matcher.match('Detecting drift in production', 'A monitoring playbook.')).toMatchObject({
			taskId: 'drift'
		});
	});

	it('matches words fuzzily', () => {
		expect(matcher.match('Noisy labels, cleaned', '')).toMatchObject({ taskId: 'labels' });
	});

	it('needs more than one shared word, and ignores done tasks', () => {
		expect(matcher.match('The train to Edinburgh', '')).toBeUndefined();
		expect(matcher.match('Evaluate calibration curves quickly', '')).toBeUndefined();
	});

	it('matches nothing when there are no open tasks', () => {
		expect(new TaskMatcher([]).match('label noise', '')).toBeUndefined();
	});
});

describe('keywords', () => {
	it('keeps the words worth matching', () => {
		expect(keywords('How to clean the label noise in your data')).toEqual([
			'clean',
			'label',
			'noise',
			'data'
		]);
	});
});
