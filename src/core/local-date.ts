import type { LocalDate } from './task';

/** A calendar day and week in milliseconds (away from daylight-saving changes: see startOfLocalDay). */
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** The local calendar date of an instant, in the runtime's current time zone. */
export function toLocalDate(instant: Date | number): LocalDate {
	const d = new Date(instant);
	return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Parses `YYYY-MM-DD`; returns undefined for anything that is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return undefined;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const utc = new Date(Date.UTC(y, mo - 1, d));
	if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) {
		return undefined;
	}
	return text;
}

/** Day number since the epoch for a calendar date; independent of time zone and DST. */
function dayNumber(date: LocalDate): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function fromDayNumber(n: number): LocalDate {
	const d = new Date(n * DAY_MS);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
	return fromDayNumber(dayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
	return dayNumber(to) - dayNumber(from);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: LocalDate): number {
	return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

/** A weekday as ISO 8601 and Intl's week info number it: 1 Monday … 7 Sunday. */
export type WeekDay = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The day that starts the week holding `date`: its Monday, unless weeks start on `firstDay`. */
export function weekStart(date: LocalDate, firstDay: WeekDay = 1): LocalDate {
	const iso = weekdayIndex(date) + 1;
	return addDays(date, -((iso - firstDay + 7) % 7));
}

/**
 * The first day of the week where `locale` is used (Sunday in the US, Monday in most of Europe),
 * as the engine's week info tells (`Intl.Locale#getWeekInfo`, or `weekInfo` in older engines);
 * Monday where it does not say.
 */
export function firstDayOfWeek(locale: string | undefined): WeekDay {
	try {
		const info = new Intl.Locale(locale ?? 'en') as Intl.Locale & {
			getWeekInfo?: () => { firstDay?: number };
			weekInfo?: { firstDay?: number };
		};
		const day = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
		return day !== undefined && day >= 1 && day <= 7 ? (day as WeekDay) : 1;
	} catch {
		return 1;
	}
}

/** Midnight at the start of a local date, as an instant in the current time zone. */
export function startOfLocalDay(date: LocalDate): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d).getTime();
}

const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_FULL = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Resolves a due-date word relative to `today`: `today`, `tomorrow`, a weekday (the next one,
 * never today), `next-week` (next Monday), or an ISO date.
 */
export function resolveDueWord(word: string, today: LocalDate): LocalDate | undefined {
	const w = word.toLowerCase();
	if (w === 'today' || w === 'tod') return today;
	if (w === 'tomorrow' || w === 'tmr' || w === 'tom') return addDays(today, 1);
	if (w === 'next-week' || w === 'nextweek') return addDays(weekStart(today), 7);
	let day = WEEKDAY_NAMES.indexOf(w);
	if (day < 0) day = WEEKDAY_FULL.indexOf(w);
	if (day >= 0) {
		const ahead = (day - weekdayIndex(today) + 7) % 7 || 7;
		return addDays(today, ahead);
	}
	return parseLocalDate(word);
}

/** One formatter per locale and kind: making an Intl formatter costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
	kind: string,
	locale: string | undefined,
	make: () => T
): T {
	const key = `${kind}|${locale ?? ''}`;
	let made = formatters.get(key) as T | undefined;
	if (!made) {
		made = make();
		formatters.set(key, made);
	}
	return made;
}

/**
 * A day as `locale` writes it, short, with its weekday: "Fri 11 Dec" (en-GB), "Fri, Dec 11"
 * (en-US), "Fr., 11. Dez." (de). Undefined `locale`: the browser's.
 */
export function formatLocalDate(date: LocalDate, locale?: string): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const format = formatter(
		'day',
		locale,
		() =>
			new Intl.DateTimeFormat(locale, {
				weekday: 'short',
				day: 'numeric',
				month: 'short',
				timeZone: 'UTC'
			})
	);
	return format.format(Date.UTC(y, m - 1, d));
}

/**
 * A due date relative to today in `locale`'s words — "today", "tomorrow", "in 3 days", "2 days
 * ago" in English — or the date itself a week or more ahead.
 */
export function describeDue(due: LocalDate, today: LocalDate, locale?: string): string {
	const days = daysBetween(today, due);
	if (days >= 7) return formatLocalDate(due, locale);
	return formatter(
		'relative',
		locale,
		() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
	).format(days, 'day');
}

/** How long ago an instant was, in `locale`'s words: "5 minutes ago", "3 hours ago", "2 days ago". */
export function describeAgo(then: number, now: number, locale?: string): string {
	const minutes = Math.round((then - now) / 60_000);
	const relative = formatter(
		'relative',
		locale,
		() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
	);
	if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
	const hours = Math.round(minutes / 60);
	if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
	return relative.format(Math.round(hours / 24), 'day');
}
