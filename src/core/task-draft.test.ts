import { describe, expect, it } from 'vitest';
import { makeTask } from './test-tasks';
import { toDraft, validateDraft, type TaskDraft } from './task-draft';

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

describe('validateDraft with a good-enough target', () => {
	const base = {
		title: 'Tune',
		notes: '',
		stage: 'model' as const,
		mode: 'passive' as const,
		status: 'todo' as const,
		impact: 2 as const,
		estimate: '',
		due: '',
		tags: ''
	};

	it('reads a target and a tuning budget', () => {
		const result = validateDraft({ ...base, target: 'f1 ≥ 0.80', tuningBudget: '6h' });
		expect(result.ok && result.value.target).toEqual({
			metric: 'f1',
			op: '>=',
			value: 0.8,
			tuningBudgetMin: 360
		});
		const loss = validateDraft({ ...base, target: 'val_loss <= 0.3', tuningBudget: '' });
		expect(loss.ok && loss.value.target).toEqual({ metric: 'val_loss', op: '<=', value: 0.3 });
	});

	it('clears the target when the field is emptied, and explains a bad one', () => {
		const cleared = validateDraft({ ...base, target: '', tuningBudget: '' });
		expect(cleared.ok && 'target' in cleared.value && cleared.value.target).toBeUndefined();
		const bad = validateDraft({ ...base, target: 'f1 about 0.8', tuningBudget: 'soon' });
		expect(!bad.ok && bad.errors).toMatchObject({
			target: 'Write the target as a metric, ≥ or ≤, and a value: f1 >= 0.8.',
			tuningBudget: 'The tuning budget must be a duration, like 6h or 90m.'
		});
	});
});

describe('toDraft', () => {
	it('gives the form fields that validate back to the same task', () => {
		const task = makeTask({
			title: 'Tune the threshold',
			notes: 'On the holdout set',
			stage: 'model',
			estimateMin: 150,
			due: '2026-12-04',
			tags: ['eval', 'threshold'],
			target: { metric: 'f1', op: '>=', value: 0.8, tuningBudgetMin: 240 }
		});
		const draft = toDraft(task);
		expect(draft).toMatchObject({
			estimate: '2h30m',
			tags: '@eval @threshold',
			target: 'f1 >= 0.8'
		});
		const result = validateDraft(draft);
		expect(result).toEqual({
			ok: true,
			value: expect.objectContaining({
				title: task.title,
				notes: task.notes,
				stage: task.stage,
				estimateMin: 150,
				due: '2026-12-04',
				tags: ['eval', 'threshold'],
				target: task.target
			})
		});
	});
});
