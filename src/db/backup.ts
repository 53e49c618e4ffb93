import { recordFitters } from '../core/fit-records';
import type { AppDB, SettingRow } from './app-db';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	backupSchema,
	describeIssue,
	v,
	type Backup
} from './backup-schema';
import { trackWrite } from './pending-writes';

/** Files larger than this are refused before they are read. */
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;

export interface BackupCounts {
	tasks: number;
	feeds: number;
	items: number;
	readingLists: number;
	settings: number;
	runs: number;
	/** Records longer than Lindy keeps (written by an older version), shortened on the way in. */
	shortened: number;
}

export type BackupCheck =
	{ ok: true; backup: Backup; counts: BackupCounts } | { ok: false; message: string };
export type ImportMode = 'merge' | 'replace';

/** Every table a backup carries, in the order it is written. */
const TABLE_NAMES = [
	'tasks',
	'feeds',
	'items',
	'itemContents',
	'readingLists',
	'settings',
	'runs',
	'runTemplates',
	'focusSessions',
	'dayPlans',
	'planTemplates'
] as const;
type TableName = (typeof TABLE_NAMES)[number];

const tables = (db: AppDB) => TABLE_NAMES.map((name) => db.table(name));

/** A backup that would not restore; it is never written. */
export class UnrestorableBackupError extends Error {
	override name = 'UnrestorableBackupError';
}

/**
 * Every record, as one human-readable object (the export file's content), checked against the
 * schema import uses: a backup that would not restore is refused here, before any file or copy is
 * written.
 */
export async function exportBackup(db: AppDB, appVersion: string, now: number): Promise<Backup> {
	const backup = await readEverything(db, appVersion, now);
	const result = v.safeParse(backupSchema, backup);
	if (!result.success) {
		throw new UnrestorableBackupError(
			`the backup would not restore (${describeIssue(result.issues).replace(/^data\./, '')}), so it was not written.`
		);
	}
	return backup;
}

function readEverything(db: AppDB, appVersion: string, now: number): Promise<Backup> {
	return db.transaction('r', tables(db), async () => {
		const rows = await Promise.all(tables(db).map((t) => t.toArray()));
		return {
			format: BACKUP_FORMAT,
			formatVersion: BACKUP_FORMAT_VERSION,
			appVersion,
			exportedAt: new Date(now).toISOString(),
			data: Object.fromEntries(TABLE_NAMES.map((name, i) => [name, rows[i]]))
		} as Backup;
	});
}

export function backupToText(backup: Backup): string {
	return `${JSON.stringify(backup, null, '\t')}\n`;
}

/** Validates a backup file's text completely before anything is touched. Never throws. */
export function checkBackupText(text: string): BackupCheck {
	const refuse = (why: string): BackupCheck => ({
		ok: false,
		message: `This file cannot be imported: ${why}.`
	});
	if (text.includes('\u0000')) return refuse('it is a binary file, not a Lindy backup');
	const trimmed = text.trimStart();
	if (trimmed.startsWith('<')) {
		return refuse(
			'it is an XML file (an OPML list or a feed?), not a Lindy backup — feeds and OPML are imported under Reading → Feeds'
		);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return refuse(
			trimmed === '' ? 'it is empty' : 'it is not JSON — it may be damaged or cut short'
		);
	}
	if (
		typeof parsed !== 'object' ||
		parsed === null ||
		(parsed as { format?: unknown }).format !== BACKUP_FORMAT
	) {
		return refuse('it is JSON, but not a Lindy backup');
	}
	const version = (parsed as { formatVersion?: unknown }).formatVersion;
	if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
		return refuse(
			`it was made by a newer Lindy (backup format ${version}); update Lindy, then import it`
		);
	}
	const shortened = fitRecords((parsed as { data?: unknown }).data);
	const result = v.safeParse(backupSchema, parsed);
	if (!result.success) return refuse(describeIssue(result.issues));
	const { data } = result.output;
	return {
		ok: true,
		backup: result.output,
		counts: {
			tasks: data.tasks.length,
			feeds: data.feeds.length,
			items: data.items.length,
			readingLists: data.readingLists.length,
			settings: data.settings.length,
			runs: data.runs.length,
			shortened
		}
	};
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Shortens, in place, records that an older Lindy wrote past today's limits, so its exports still
 * restore; the strict check runs afterwards. Returns how many records changed.
 */
function fitRecords(data: unknown): number {
	if (!isRecord(data)) return 0;
	let changed = 0;
	for (const [table, fit] of Object.entries(recordFitters())) {
		const list = data[table];
		if (!Array.isArray(list)) continue;
		list.forEach((row: unknown, i) => {
			if (!isRecord(row)) return;
			const fitted = (fit as (row: unknown) => unknown)(row);
			if (fitted !== row) {
				list[i] = fitted;
				changed++;
			}
		});
	}
	return changed;
}

/** Reads and validates a backup file; refuses very large files without reading them. */
export async function checkBackupFile(file: Blob): Promise<BackupCheck> {
	if (file.size > MAX_BACKUP_BYTES) {
		return {
			ok: false,
			message: `This file cannot be imported: at ${Math.round(file.size / 1024 / 1024)} MB it is far larger than any Lindy backup.`
		};
	}
	return checkBackupText(await file.text());
}

/**
 * Applies a checked backup in one transaction: all of it or, if anything fails, none of it.
 * Merge keeps what is newer (tasks by their last edit) and adds what is missing; Replace makes
 * the database exactly the backup.
 */
export function applyBackup(db: AppDB, backup: Backup, mode: ImportMode): Promise<void> {
	const { data } = backup;
	return trackWrite(
		db.transaction('rw', tables(db), async () => {
			if (mode === 'replace') {
				await Promise.all(tables(db).map((t) => t.clear()));
				for (const name of TABLE_NAMES) await db.table(name).bulkAdd(data[name]);
				return;
			}
			const have = async <T, K>(
				table: { bulkGet(keys: K[]): Promise<(T | undefined)[]> },
				keys: K[]
			) => table.bulkGet(keys);
			const tasks = await have(
				db.tasks,
				data.tasks.map((t) => t.id)
			);
			await db.tasks.bulkPut(
				data.tasks.filter((t, i) => !tasks[i] || t.updatedAt > tasks[i]!.updatedAt)
			);
			const feedUrls = new Set((await db.feeds.toArray()).map((f) => f.url));
			const feeds = await have(
				db.feeds,
				data.feeds.map((f) => f.id)
			);
			await db.feeds.bulkAdd(data.feeds.filter((f, i) => !feeds[i] && !feedUrls.has(f.url)));
			const items = await have(
				db.items,
				data.items.map((i) => i.id)
			);
			await db.items.bulkPut(
				data.items
					.map((item, i) => {
						const old = items[i];
						if (!old) return item;
						return !old.notes && item.notes ? { ...old, notes: item.notes } : undefined;
					})
					.filter((i) => i !== undefined)
			);
			const contents = await have(
				db.itemContents,
				data.itemContents.map((c) => c.id)
			);
			await db.itemContents.bulkAdd(data.itemContents.filter((_, i) => !contents[i]));
			const lists = await have(
				db.readingLists,
				data.readingLists.map((l) => l.week)
			);
			await db.readingLists.bulkAdd(data.readingLists.filter((_, i) => !lists[i]));
			const settings = await have(
				db.settings,
				data.settings.map((s) => s.key)
			);
			await db.settings.bulkAdd((data.settings as SettingRow[]).filter((_, i) => !settings[i]));
			// Records that carry their last edit: the newer one wins.
			const newer = async <T extends { updatedAt: number }>(
				table: {
					bulkGet(keys: string[]): Promise<(NoInfer<T> | undefined)[]>;
					bulkPut(rows: NoInfer<T>[]): unknown;
				},
				rows: T[],
				key: (row: T) => string
			) => {
				const old = await table.bulkGet(rows.map(key));
				await table.bulkPut(rows.filter((r, i) => !old[i] || r.updatedAt > old[i]!.updatedAt));
			};
			await newer(db.runs, data.runs, (r) => r.id);
			await newer(db.runTemplates, data.runTemplates, (t) => t.id);
			await newer(db.focusSessions, data.focusSessions, (s) => s.id);
			await newer(db.dayPlans, data.dayPlans, (p) => p.date);
			await newer(db.planTemplates, data.planTemplates, (t) => t.id);
		})
	);
}

/**
 * Deletes every record, in one transaction, leaving an empty, working database. This device
 * leaves sync first (in the same transaction), so the deletion stays on this device: the
 * workspace and the other devices keep their data.
 */
export function deleteEverything(db: AppDB): Promise<void> {
	const sync = [db.syncMeta, db.syncOutbox, db.yUpdates];
	return trackWrite(
		db.transaction('rw', [...sync, ...tables(db)], async () => {
			await Promise.all(sync.map((t) => t.clear()));
			await Promise.all(tables(db).map((t) => t.clear()));
		})
	);
}

/** Every record of every table, for tests that check nothing changed. */
export async function dumpAll(db: AppDB): Promise<Record<TableName, unknown[]>> {
	const rows = await Promise.all(tables(db).map((t) => t.toArray() as Promise<unknown[]>));
	return Object.fromEntries(TABLE_NAMES.map((name, i) => [name, rows[i]!])) as Record<
		TableName,
		unknown[]
	>;
}
