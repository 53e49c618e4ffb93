import { describe, expect, it } from 'vitest';
import type { StoredItem } from './feed';
import { LIMITS } from './limits';
import { parseQuickAdd, quickAddProblem } from './quick-add';
import { fitTask, recordFitters } from './fit-records';
import { recordProblem, settingProblem } from './records';
import { validateDraft } from './task-draft';
import { makeTask } from './test-tasks';

const item = (id: string): StoredItem => ({
	id,
	feedId: 'f',
	title: 'Big',
	titleKey: 'big',
	sortAt: 1,
	firstSeenAt: 1,
	summary: '',
	wordCount: 1,
	readingMinutes: 1
});

describe('record limits', () => {
	it('accepts a task at every limit and names the field of one past it', () => {
		const atLimit = makeTask({
			title: 't'.repeat(LIMITS.taskTitle),
			estimateMin: LIMITS.estimateMin,
			tags: ['g'.repeat(LIMITS.tag)]
		});
		expect(recordProblem('tasks', atLimit)).toBeUndefined();
		expect(recordProblem('tasks', { ...atLimit, title: `${atLimit.title}!` })).toBe(
			'title is longer than 500 characters'
		);
		expect(recordProblem('tasks', { ...atLimit, extra: 1 })).toMatch(/extra/);
	});

	it('refuses in quick add and the edit dialog what the database would refuse, with a sentence', () => {
		const today = '2026-11-27';
		const long = `${'word '.repeat(120)}#data`;
		expect(quickAddProblem(long, parseQuickAdd(long, today))).toMatch(/Keep the title to 500/);
		expect(quickAddProblem('Relabel ~2000h', parseQuickAdd('Relabel ~2000h', today))).toMatch(
			/at most 1666h40m/
		);
		expect(quickAddProblem('Relabel ~1666h', parseQuickAdd('Relabel ~1666h', today))).toBe(
			undefined
		);
		const result = validateDraft({
			title: 'Fine',
			notes: 'n'.repeat(LIMITS.notes + 1),
			stage: 'data',
			mode: 'active',
			status: 'todo',
			impact: 3,
			estimate: '',
			due: '',
			tags: `@${'x'.repeat(LIMITS.tag + 1)}`
		});
		expect(result.ok ? {} : result.errors).toEqual({
			notes: expect.stringMatching(/Notes can hold 100,000 characters/),
			tags: expect.stringMatching(/Keep each tag to 100 characters/)
		});
	});

	it('refuses a done task that does not say when it was done', () => {
		const done = makeTask({ status: 'done', doneAt: 5 });
		expect(recordProblem('tasks', done)).toBeUndefined();
		const undated: Partial<typeof done> = { ...done };
		delete undated.doneAt;
		expect(recordProblem('tasks', undated)).toBe('doneAt is missing for a done task');
		expect(recordProblem('tasks', makeTask({ status: 'todo' }))).toBeUndefined();
	});

	it('says which reading setting is out of range', () => {
		expect(settingProblem('readingBudgetMin', 14)).toMatch(/between 15 minutes and 24 hours/);
		expect(settingProblem('readingBudgetMin', 90)).toBeUndefined();
		expect(settingProblem('readingMaxItems', 2.5)).toMatch(/between 1 and 30 entries/);
		expect(settingProblem('retentionWeeks', 521)).toMatch(/between 1 and 520 weeks/);
	});
});

describe('fitting older records', () => {
	it('leaves tags that are not texts for the record check to refuse, without throwing', () => {
		const odd = { ...makeTask(), tags: [null, 'ok'] } as unknown as Parameters<typeof fitTask>[0];
		expect(fitTask(odd)).toBe(odd);
		expect(recordProblem('tasks', odd)).toMatch(/^tags\[0\]/);
	});

	it('dates a done task without a completion time from its last change', () => {
		const undated = makeTask({ status: 'done', updatedAt: 77 });
		delete undated.doneAt;
		expect(fitTask(undated)).toMatchObject({ status: 'done', doneAt: 77 });
		expect(recordProblem('tasks', fitTask(undated))).toBeUndefined();
	});

	it('moves an overlong title whole into the notes, and leaves a fitting task as it is', () => {
		const title = 'why '.repeat(200).trim();
		const fitted = fitTask(makeTask({ title, notes: 'earlier' }));
		expect(fitted.title.length).toBeLessThanOrEqual(LIMITS.taskTitle);
		expect(fitted.notes).toBe(`${title}\n\nearlier`);
		expect(recordProblem('tasks', fitted)).toBeUndefined();
		const fine = makeTask();
		expect(fitTask(fine)).toBe(fine);
	});

	it('marks an item truncated when its HTML was cut, whatever else fits', () => {
		const fit = recordFitters();
		const content = { id: 'a', html: 'x'.repeat(LIMITS.itemHtml + 1) };
		expect(fit.itemContents(content).html).toHaveLength(LIMITS.itemHtml);
		expect(fit.items(item('a'))).toMatchObject({ truncated: true });
		const untouched = item('b');
		expect(fit.items(untouched)).toBe(untouched);
	});
});
