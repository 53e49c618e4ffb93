import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { testDb } from '../db/test-db';
import { LiveQuery } from './live-query.svelte';

/** Every value a reader of the query sees, in order. */
function watch<T>(query: LiveQuery<T>): { seen: (T | undefined)[]; stop: () => void } {
	const seen: (T | undefined)[] = [];
	const stop = $effect.root(() => {
		$effect(() => {
			seen.push(query.current);
		});
	});
	flushSync();
	return { seen, stop };
}

describe('LiveQuery with an early value', () => {
	it('shows the early value until the query answers, then the answer', async () => {
		const db = testDb('live');
		await db.settings.put({ key: 'theme', value: 'dark' });
		const query = new LiveQuery(
			() => db.settings.toCollection().primaryKeys(),
			undefined,
			Promise.resolve(['read early'])
		);
		const { seen, stop } = watch(query);
		await vi.waitFor(() => expect(seen.at(-1)).toEqual(['theme']));
		expect(seen).toEqual([undefined, ['read early'], ['theme']]);
		stop();
	});

	it('ignores an early value that comes after the answer', async () => {
		const db = testDb('live');
		await db.settings.put({ key: 'theme', value: 'dark' });
		let late!: (keys: string[]) => void;
		const query = new LiveQuery(
			() => db.settings.toCollection().primaryKeys(),
			undefined,
			new Promise<string[]>((done) => (late = done))
		);
		const { seen, stop } = watch(query);
		await vi.waitFor(() => expect(seen.at(-1)).toEqual(['theme']));
		late(['read early']);
		await new Promise((done) => setTimeout(done, 20));
		flushSync();
		expect(query.current).toEqual(['theme']);
		expect(seen).toEqual([undefined, ['theme']]);
		stop();
	});
});

describe('LiveQuery.until', () => {
	it('waits for the result that passes, past the results of other writes', async () => {
		const db = testDb('live-until');
		const query = new LiveQuery(() => db.settings.toCollection().primaryKeys());
		const { stop } = watch(query);
		await vi.waitFor(() => expect(query.current).toEqual([]));
		let shown = false;
		void query.until((keys) => keys.includes('sortMode')).then(() => (shown = true));
		await db.settings.put({ key: 'theme', value: 'dark' });
		await vi.waitFor(() => expect(query.current).toEqual(['theme']));
		expect(shown).toBe(false);
		await db.settings.put({ key: 'sortMode', value: 'manual' });
		await vi.waitFor(() => expect(shown).toBe(true));
		expect(query.current).toEqual(['sortMode', 'theme']);
		stop();
	});

	it('resolves at once when the result already passes, and gives up after its time', async () => {
		const db = testDb('live-until-now');
		await db.settings.put({ key: 'theme', value: 'dark' });
		const query = new LiveQuery(() => db.settings.toCollection().primaryKeys());
		const { stop } = watch(query);
		await vi.waitFor(() => expect(query.current).toEqual(['theme']));
		await query.until((keys) => keys.includes('theme'), 60_000);
		await query.until(() => false, 20);
		stop();
	});
});
