import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from './new-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('newId', () => {
	it('makes version-4 UUIDs outside a secure context too, where randomUUID is missing', () => {
		const { getRandomValues } = crypto;
		vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(crypto) });
		const ids = new Set(Array.from({ length: 1000 }, () => newId()));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(UUID);
	});

	it('uses randomUUID where it exists', () => {
		expect(newId()).toMatch(UUID);
	});
});
