import { describe, expect, it } from 'vitest';
import { keepUnchanged, sameTask } from './task';
import { makeTask } from './test-tasks';

describe('keepUnchanged', () => {
	it('keeps the held object of every task a fresh read did not change', () => {
		const a = makeTask({ tags: ['x'] });
		const b = makeTask();
		const fresh = [
			{ ...a, tags: ['x'] },
			{ ...b, title: 'Renamed' }
		];
		const out = keepUnchanged([a, b], fresh);
		expect(out[0]).toBe(a);
		expect(out[1]).toBe(fresh[1]);
	});

	it('returns the held list itself when nothing changed, and a new one when a task went', () => {
		const a = makeTask();
		const b = makeTask();
		const held = [a, b];
		expect(keepUnchanged(held, [{ ...a }, { ...b }])).toBe(held);
		expect(keepUnchanged(held, [{ ...a }])).toEqual([a]);
		expect(keepUnchanged(held, [{ ...b }, { ...a }])).toEqual([b, a]);
	});

	it('tells a task apart by any field, an added field and its tags', () => {
		const a = makeTask({ tags: ['x'] });
		expect(sameTask(a, { ...a, tags: ['y'] })).toBe(false);
		expect(sameTask(a, { ...a, due: '2026-12-01' })).toBe(false);
		expect(sameTask(a, { ...a, order: 2.5 })).toBe(false);
		expect(sameTask(a, { ...a, tags: ['x'] })).toBe(true);
	});
});
