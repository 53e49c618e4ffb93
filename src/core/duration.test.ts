import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
	it('reads minutes, hours and both', () => {
		expect(parseDuration('90m')).toBe(90);
		expect(parseDuration('2h')).toBe(120);
		expect(parseDuration('1h30m')).toBe(90);
		expect(parseDuration('1h30')).toBe(90);
		expect(parseDuration(' 45 ')).toBe(45);
		expect(parseDuration('0.5h')).toBe(30);
	});

	it('refuses zero, negatives and words', () => {
		for (const bad of ['', '0', '0m', '-5m', 'soon', 'h', '1x']) {
			expect(parseDuration(bad)).toBeUndefined();
		}
	});
});

describe('formatDuration', () => {
	it('writes the shortest form', () => {
		expect(formatDuration(45)).toBe('45m');
		expect(formatDuration(120)).toBe('2h');
		expect(formatDuration(90)).toBe('1h30m');
	});
});
