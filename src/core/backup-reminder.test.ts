import { describe, expect, it } from 'vitest';
import { backupReminder } from './backup-reminder';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 9);

describe('backupReminder', () => {
	it('reminds once the board has been only here for over a week', () => {
		const input = { now: NOW, lastExportAt: 0, snoozedUntil: 0 };
		expect(backupReminder({ ...input, oldestTaskAt: () => NOW - 8 * DAY })).toEqual({
			due: true,
			days: 8
		});
		expect(backupReminder({ ...input, oldestTaskAt: () => NOW - 6 * DAY }).due).toBe(false);
		expect(backupReminder({ ...input, oldestTaskAt: () => undefined }).due).toBe(false);
	});

	it('counts from the last export when there was one, and waits while snoozed', () => {
		const oldestTaskAt = () => NOW - 100 * DAY;
		expect(
			backupReminder({ now: NOW, lastExportAt: NOW - 10 * DAY, snoozedUntil: 0, oldestTaskAt })
		).toEqual({ due: true, days: 10 });
		expect(
			backupReminder({
				now: NOW,
				lastExportAt: NOW - 10 * DAY,
				snoozedUntil: NOW + DAY,
				oldestTaskAt
			}).due
		).toBe(false);
	});

	it('does not look for the oldest task while the last export is recent', () => {
		let asked = false;
		const result = backupReminder({
			now: NOW,
			lastExportAt: NOW - 2 * DAY,
			snoozedUntil: 0,
			oldestTaskAt: () => {
				asked = true;
				return 0;
			}
		});
		expect(result).toEqual({ due: false, days: 2 });
		expect(asked).toBe(false);
	});
});
