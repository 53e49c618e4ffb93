import { describe, expect, it } from 'vitest';
import { Toasts } from './toasts.svelte';

describe('Toasts.undoLatest (Ctrl+Z)', () => {
	it('undoes the newest message offering Undo, then the one before, then nothing', async () => {
		const toasts = new Toasts();
		const undone: string[] = [];
		toasts.show('Deleted “A”.', { undo: async () => undone.push('A') });
		toasts.show('Deleted “B”.', { undo: async () => undone.push('B') });
		toasts.show('Saved.');

		expect(toasts.undoLatest()).toBe(true);
		await Promise.resolve();
		expect(undone).toEqual(['B']);
		expect(toasts.undoLatest()).toBe(true);
		await Promise.resolve();
		expect(undone).toEqual(['B', 'A']);
		expect(toasts.undoLatest()).toBe(false);
		expect(toasts.items.map((t) => t.message)).toEqual(['Saved.', 'Undone.', 'Undone.']);
		for (const toast of toasts.items) toasts.dismiss(toast.id);
	});
});
