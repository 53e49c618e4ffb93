import { describe, expect, it } from 'vitest';
import { changesOf, planFirstJoin, recordsOf, rowFrom, type SyncRecord } from './sync';

const task = {
	id: 't1',
	title: 'Label 200 images',
	notes: '',
	stage: 'data',
	mode: 'active',
	status: 'todo',
	impact: 'high',
	tags: ['vision'],
	order: 1,
	createdAt: 1,
	updatedAt: 10
};

describe('the diff of a row against its previous state', () => {
	it('holds only the fields a write changed', () => {
		const after = { ...task, title: 'Label 300 images', tags: ['vision', 'labels'], updatedAt: 11 };
		expect(changesOf('tasks', task, after)).toEqual([
			{
				map: 'tasks',
				key: 't1',
				set: { title: 'Label 300 images', tags: ['vision', 'labels'], updatedAt: 11 },
				removed: [],
				deleted: false
			}
		]);
	});

	it('names a field the write removed, and a new row has every field', () => {
		const withDue = { ...task, due: '2026-12-04' };
		expect(changesOf('tasks', withDue, task)[0]).toMatchObject({ set: {}, removed: ['due'] });
		expect(changesOf('tasks', undefined, task)[0]?.set).toEqual(task);
	});

	it('treats the same value built again as unchanged', () => {
		const a = { ...task, timebox: { on: true, limitMin: 120, overruns: [] } };
		const b = { ...task, timebox: { overruns: [], limitMin: 120, on: true } };
		expect(changesOf('tasks', a, b)).toEqual([]);
	});

	it('deletes the record of a deleted row', () => {
		expect(changesOf('tasks', task, undefined)).toEqual([
			{ map: 'tasks', key: 't1', set: {}, removed: [], deleted: true }
		]);
	});

	it('keeps settings that are about one device out of sync', () => {
		expect(recordsOf('settings', { key: 'theme', value: 'dark' })).toEqual([]);
		expect(recordsOf('settings', { key: 'timeboxMin', value: 90 })).toEqual([
			{ map: 'settings', key: 'timeboxMin', fields: { value: 90 } }
		]);
	});

	it('keys a feed by its normalised address and leaves its fetch state out', () => {
		const feed = {
			id: 'f1',
			url: 'http://www.example.com/feed/?utm_source=x',
			title: 'Example',
			trust: 0,
			paused: false,
			showImages: false,
			createdAt: 1,
			etag: '"abc"',
			consecutiveFailures: 2,
			broken: false
		};
		const [record] = recordsOf('feeds', feed);
		expect(record?.key).toBe('https://example.com/feed');
		expect(Object.keys(record?.fields ?? {})).toEqual([
			'id',
			'url',
			'title',
			'trust',
			'paused',
			'showImages',
			'createdAt'
		]);
	});

	it('splits a reading list into the list and one record per entry, so ticks on two devices merge', () => {
		const entry = (itemId: string, passesDone: number[]) => ({
			itemId,
			title: itemId,
			feedTitle: 'F',
			readingMinutes: 5,
			score: 1,
			parts: [],
			plannedPasses: [1, 2],
			passesDone,
			enough: false,
			notRelevant: false,
			notes: '',
			pinned: false,
			byHand: false
		});
		const list = {
			week: '2026-11-23',
			friday: '2026-11-27',
			createdAt: 1,
			budgetMin: 90,
			maxItems: 7,
			entries: [entry('a', []), entry('b', [])]
		};
		const ticked = { ...list, entries: [entry('a', [1]), entry('b', [])] };
		expect(changesOf('readingLists', list, ticked)).toEqual([
			{
				map: 'readingEntries',
				key: '2026-11-23/a',
				set: { passesDone: [1] },
				removed: [],
				deleted: false
			}
		]);
		const records = recordsOf('readingLists', ticked);
		const rebuilt = rowFrom({
			table: 'readingLists',
			key: '2026-11-23',
			record: records[0]!.fields,
			entries: records
				.slice(1)
				.reverse()
				.map((r) => r.fields)
		});
		expect(rebuilt).toEqual(ticked);
	});
});

describe('a synced record back into a row', () => {
	it('keeps this device’s fetch state and id for a feed it already follows', () => {
		const local = {
			id: 'mine',
			url: 'https://example.com/feed',
			etag: '"x"',
			consecutiveFailures: 0,
			broken: false
		};
		const row = rowFrom(
			{
				table: 'feeds',
				key: 'https://example.com/feed',
				record: { id: 'theirs', url: 'https://example.com/feed', title: 'New' }
			},
			local
		);
		expect(row).toEqual({ ...local, title: 'New' });
		const fresh = rowFrom({
			table: 'feeds',
			key: 'u',
			record: { id: 'theirs', url: 'u', title: 'T' }
		});
		expect(rowFrom({ table: 'settings', key: 'timeboxMin', record: { value: 90 } })).toEqual({
			key: 'timeboxMin',
			value: 90
		});
		expect(fresh).toMatchObject({ id: 'theirs', consecutiveFailures: 0, broken: false });
	});
});

describe('first-join merge rules', () => {
	const rec = (key: string, fields: Record<string, unknown>): SyncRecord => ({
		map: 'tasks',
		key,
		fields
	});

	it('adds what the workspace lacks, keeps its deletions, and lets the newer side win', () => {
		const local = [
			rec('only-here', { title: 'A', updatedAt: 1 }),
			rec('deleted-there', { title: 'B', updatedAt: 1 }),
			rec('newer-here', { title: 'C2', notes: 'n', updatedAt: 20 }),
			rec('older-here', { title: 'D1', updatedAt: 5 }),
			rec('same', { title: 'E', updatedAt: 3 })
		];
		const remote = new Map([
			['tasks/newer-here', { title: 'C1', notes: 'n', updatedAt: 10 }],
			['tasks/older-here', { title: 'D2', updatedAt: 9 }],
			['tasks/same', { title: 'E', updatedAt: 3 }],
			['tasks/only-there', { title: 'F', updatedAt: 2 }]
		]);
		const plan = planFirstJoin(local, remote, new Set(['tasks/deleted-there']));
		expect(plan.push).toEqual([
			{
				map: 'tasks',
				key: 'only-here',
				set: { title: 'A', updatedAt: 1 },
				removed: [],
				deleted: false
			},
			{
				map: 'tasks',
				key: 'newer-here',
				set: { title: 'C2', updatedAt: 20 },
				removed: [],
				deleted: false
			}
		]);
		expect(plan.drop).toEqual([{ map: 'tasks', key: 'deleted-there' }]);
		expect(plan.pull).toEqual([
			{ map: 'tasks', key: 'older-here' },
			{ map: 'tasks', key: 'only-there' }
		]);
	});

	it('lets the workspace win for records without a time of change', () => {
		const plan = planFirstJoin(
			[{ map: 'settings', key: 'timeboxMin', fields: { value: 60 } }],
			new Map([['settings/timeboxMin', { value: 120 }]]),
			new Set()
		);
		expect(plan.pull).toEqual([{ map: 'settings', key: 'timeboxMin' }]);
		expect(plan.push).toEqual([]);
	});
});
