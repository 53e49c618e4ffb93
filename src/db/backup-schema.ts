import * as v from 'valibot';
import { LIMITS } from '../core/limits';
import { RECORDS } from '../core/records';

/**
 * The backup file format. Bump FORMAT_VERSION only with a reader for the old version: format 1
 * (before runs) reads as a backup with no runs and no checklist templates; format 2 (before focus
 * blocks) as one with no sessions, day plans or plan templates; format 3 (before read state) as
 * one whose items are all unread and unsaved.
 */
export const BACKUP_FORMAT = 'lindy-backup';
export const BACKUP_FORMAT_VERSION = 4;

const rows = <T extends v.GenericSchema>(schema: T) =>
	v.pipe(v.array(schema), v.maxLength(LIMITS.rows, `has more than ${LIMITS.rows} records`));

/** Feeds are unique by address in the database: a backup listing one twice could never be stored. */
const feedRows = v.pipe(
	rows(RECORDS.feeds),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const seen = new Set<string>();
		for (const feed of dataset.value) {
			if (seen.has(feed.url)) {
				addIssue({ message: `lists the feed ${feed.url} twice` });
				return;
			}
			seen.add(feed.url);
		}
	})
);

/** A backup is the stored records, each checked by the same schema that guards the database. */
export const backupSchema = v.strictObject({
	format: v.literal(BACKUP_FORMAT),
	formatVersion: v.picklist([1, 2, 3, BACKUP_FORMAT_VERSION]),
	appVersion: v.pipe(v.string(), v.maxLength(100, 'is longer than 100 characters')),
	exportedAt: v.pipe(v.string(), v.isoTimestamp('is not a timestamp')),
	data: v.strictObject({
		tasks: rows(RECORDS.tasks),
		feeds: feedRows,
		items: rows(RECORDS.items),
		itemContents: rows(RECORDS.itemContents),
		readingLists: rows(RECORDS.readingLists),
		settings: v.pipe(v.array(RECORDS.settings), v.maxLength(100)),
		runs: v.optional(rows(RECORDS.runs), []),
		runTemplates: v.optional(
			v.pipe(v.array(RECORDS.runTemplates), v.maxLength(LIMITS.runTemplates)),
			[]
		),
		focusSessions: v.optional(rows(RECORDS.focusSessions), []),
		dayPlans: v.optional(rows(RECORDS.dayPlans), []),
		planTemplates: v.optional(
			v.pipe(v.array(RECORDS.planTemplates), v.maxLength(LIMITS.planTemplates)),
			[]
		)
	})
});

export type Backup = v.InferOutput<typeof backupSchema>;

export { describeIssue } from '../core/records';
export { v };
