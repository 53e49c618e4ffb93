import { DAY_MS, WEEK_MS } from './local-date';

export interface BackupReminderInput {
	now: number;
	/** When a backup last left the browser (0: never). */
	lastExportAt: number;
	/** "Remind me next week" holds the reminder until this instant. */
	snoozedUntil: number;
	/**
	 * When the oldest open task was made, or undefined with no tasks. Asked only when the last
	 * export is over a week old, so that every move does not pay for it.
	 */
	oldestTaskAt: () => number | undefined;
}

/**
 * Whether to remind the user that no backup has left the browser for over a week, and for how
 * many days the board's data has been only here.
 */
export function backupReminder(input: BackupReminderInput): { due: boolean; days: number } {
	const { now, lastExportAt, snoozedUntil } = input;
	let since: number | undefined = lastExportAt;
	if (now - lastExportAt > WEEK_MS) {
		const oldest = input.oldestTaskAt();
		since = oldest === undefined ? undefined : Math.max(lastExportAt, oldest);
	}
	if (since === undefined) return { due: false, days: 0 };
	return {
		due: now - since > WEEK_MS && now > snoozedUntil,
		days: Math.floor((now - since) / DAY_MS)
	};
}
