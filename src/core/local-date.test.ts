import { describe, expect, it } from 'vitest';
import {
	addDays,
	daysBetween,
	describeAgo,
	describeDue,
	firstDayOfWeek,
	formatLocalDate,
	parseLocalDate,
	resolveDueWord,
	startOfLocalDay,
	toLocalDate,
	weekStart,
	weekdayIndex
} from './local-date';

// The unit tests run under several TZ values (see `npm run test:unit`): these must hold in each.
describe(`local dates (TZ=${process.env.TZ ?? 'system'})`, () => {
	it('reads the local calendar date of an instant', () => {
		const late = new Date(2026, 10, 27, 23, 59).getTime();
		expect(toLocalDate(late)).toBe('2026-11-27');
		expect(toLocalDate(new Date(2026, 10, 28, 0, 1))).toBe('2026-11-28');
	});

	it('round-trips the start of a local day', () => {
		for (const d of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2026-12-31']) {
			expect(toLocalDate(startOfLocalDay(d))).toBe(d);
		}
	});

	it('adds days across daylight-saving changes and month ends', () => {
		expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
		expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
		expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
	});

	it('counts whole days between dates', () => {
		expect(daysBetween('2026-11-27', '2026-12-04')).toBe(7);
		expect(daysBetween('2026-11-01', '2026-10-31')).toBe(-1);
		expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
	});

	it('knows weekdays and Monday week starts', () => {
		expect(weekdayIndex('2026-11-30')).toBe(0);
		expect(weekdayIndex('2026-11-27')).toBe(4);
		expect(weekdayIndex('2026-11-29')).toBe(6);
		expect(weekStart('2026-11-29')).toBe('2026-11-23');
		expect(weekStart('2026-11-30')).toBe('2026-11-30');
	});

	it('refuses dates that do not exist', () => {
		expect(parseLocalDate('2026-02-29')).toBeUndefined();
		expect(parseLocalDate('2028-02-29')).toBe('2028-02-29');
		expect(parseLocalDate('2026-13-01')).toBeUndefined();
		expect(parseLocalDate('26-1-1')).toBeUndefined();
	});

	it('resolves due words', () => {
		expect(resolveDueWord('sunday', '2026-11-27')).toBe('2026-11-29');
		expect(resolveDueWord('FRI', '2026-11-26')).toBe('2026-11-27');
		expect(resolveDueWord('later', '2026-11-26')).toBeUndefined();
	});

	it('describes due dates in words, in the locale given', () => {
		expect(describeDue('2026-11-27', '2026-11-27', 'en-GB')).toBe('today');
		expect(describeDue('2026-11-28', '2026-11-27', 'en-GB')).toBe('tomorrow');
		expect(describeDue('2026-11-26', '2026-11-27', 'en-GB')).toBe('yesterday');
		expect(describeDue('2026-11-29', '2026-11-27', 'en-GB')).toBe('in 2 days');
		expect(describeDue('2026-11-25', '2026-11-27', 'en-GB')).toBe('2 days ago');
		expect(describeDue('2026-12-11', '2026-11-27', 'en-GB')).toBe('Fri 11 Dec');
		expect(describeDue('2026-12-11', '2026-11-27', 'en-US')).toBe('Fri, Dec 11');
		expect(describeDue('2026-11-28', '2026-11-27', 'de')).toBe('morgen');
		expect(describeDue('2026-11-29', '2026-11-27', 'de')).toBe('übermorgen');
		expect(describeDue('2026-11-24', '2026-11-27', 'de')).toBe('vor 3 Tagen');
	});

	it('writes a day as the locale does, whatever the time zone', () => {
		expect(formatLocalDate('2026-12-04', 'en-GB')).toBe('Fri 4 Dec');
		expect(formatLocalDate('2026-12-04', 'en-US')).toBe('Fri, Dec 4');
		expect(formatLocalDate('2026-12-04', 'de')).toBe('Fr., 4. Dez.');
	});

	it('says how long ago something was', () => {
		const now = Date.UTC(2026, 10, 27, 12);
		expect(describeAgo(now - 5 * 60_000, now, 'en-GB')).toBe('5 minutes ago');
		expect(describeAgo(now - 3 * 3_600_000, now, 'en-GB')).toBe('3 hours ago');
		expect(describeAgo(now - 2 * 86_400_000, now, 'en-GB')).toBe('2 days ago');
		expect(describeAgo(now - 3 * 3_600_000, now, 'de')).toBe('vor 3 Stunden');
	});
});

describe('weeks by locale', () => {
	it('starts a week on the day given, Monday by default', () => {
		// Friday 27 November 2026.
		expect(weekStart('2026-11-27')).toBe('2026-11-23');
		expect(weekStart('2026-11-27', 7)).toBe('2026-11-22');
		expect(weekStart('2026-11-22', 7)).toBe('2026-11-22');
		expect(weekStart('2026-11-22', 1)).toBe('2026-11-16');
		expect(weekStart('2026-11-27', 6)).toBe('2026-11-21');
	});

	it("takes the first day from the locale's week info, with Monday when unknown", () => {
		const info = (tag: string) => {
			const locale = new Intl.Locale(tag) as Intl.Locale & {
				getWeekInfo?: () => unknown;
				weekInfo?: unknown;
			};
			return locale.getWeekInfo ?? locale.weekInfo;
		};
		if (info('en-US')) {
			expect(firstDayOfWeek('en-US')).toBe(7);
			expect(firstDayOfWeek('en-GB')).toBe(1);
			expect(firstDayOfWeek('de-DE')).toBe(1);
		} else {
			expect(firstDayOfWeek('en-US')).toBe(1);
		}
		expect(firstDayOfWeek('not a locale!')).toBe(1);
	});
});
