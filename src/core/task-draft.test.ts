import { describe, expect, it } from 'vitest';
import { validateDraft, type TaskDraft } from './task-draft';

const draft: TaskDraft = {
	title: 'Clean labels',
	notes: '',
	stage: 'data',
	mode: 'active',
	status: 'todo',
	impact: 2,
	estimate: '1h30m',
	due: '2026-12-04',
	tags: '@labels, eval labels'
};

describe('validateDraft', () => {
	it('turns a good draft into clean fields', () => {
		const r = validateDraft(draft);
		expect(r).toEqual({
			ok: true,
			value: expect.objectContaining({
				title: 'Clean labels',
				estimateMin: 90,
				due: '2026-12-04',
				tags: ['labels', 'eval']
			})
		});
	});

	it('refuses an empty title with a clear message', () => {
		expect(validateDraft({ ...draft, title: '   ' })).toEqual({
			ok: false,
			errors: { title: 'Give the task a title.' }
		});
	});

	it('refuses an estimate that is not a positive duration', () => {
		for (const estimate of ['0', '-1h', 'soon']) {
			const r = validateDraft({ ...draft, estimate });
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.errors.estimate).toMatch(/positive duration/);
		}
	});

	it('allows an empty estimate and due date', () => {
		const r = validateDraft({ ...draft, estimate: '', due: '' });
		expect(r.ok && r.value.estimateMin === undefined && r.value.due === undefined).toBe(true);
	});

	it('reports every invalid field at once', () => {
		const r = validateDraft({ ...draft, title: '', estimate: 'x', due: '2026-02-31' });
		expect(r.ok ? [] : Object.keys(r.errors).sort()).toEqual(['due', 'estimate', 'title']);
	});
});
