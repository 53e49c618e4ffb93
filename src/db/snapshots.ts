import Dexie, { type EntityTable } from 'dexie';
import { hashText } from '../core/text';
import type { AppDB } from './app-db';
import { applyBackup, backupToText, checkBackupText, exportBackup } from './backup';

/** A copy of everything, kept in a database of its own. */
export interface SnapshotRow {
	id?: number;
	createdAt: number;
	/** Tasks, feeds, items and reading lists in the copy. */
	records: number;
	tasks: number;
	feeds: number;
	/** Changes when the data changes; equal fingerprints mean nothing new to keep. */
	fingerprint: string;
	text: string;
}

export const SNAPSHOT_DB_NAME = 'lindy-snapshots';
/** How many good copies are kept. */
export const GENERATIONS = 2;
/** A copy with less than this share of the last one's records is treated as a damaged state. */
const DEGRADED_SHARE = 0.5;

/** The folder picked for daily backup files (a FileSystemDirectoryHandle can be stored as is). */
export interface FolderRow {
	key: 'backupFolder';
	handle: FileSystemDirectoryHandle;
	lastWrittenAt?: number;
}

export class SnapshotDB extends Dexie {
	snapshots!: EntityTable<SnapshotRow, 'id'>;
	folders!: EntityTable<FolderRow, 'key'>;

	constructor(name = SNAPSHOT_DB_NAME) {
		super(name);
		this.version(1).stores({ snapshots: '++id, createdAt' });
		// Version 2: the backup folder's handle. Additive.
		this.version(2).stores({ folders: 'key' });
	}
}

/** Writes today's backup file into a folder; returns its name. */
export async function writeBackupFile(
	db: AppDB,
	folder: FileSystemDirectoryHandle,
	appVersion: string,
	now: number
): Promise<string> {
	const backup = await exportBackup(db, appVersion, now);
	const name = `lindy-backup-${backup.exportedAt.slice(0, 10)}.json`;
	const file = await folder.getFileHandle(name, { create: true });
	const writable = await file.createWritable();
	await writable.write(backupToText(backup));
	await writable.close();
	return name;
}

export type SnapshotOutcome = 'saved' | 'unchanged' | 'empty' | 'degraded';

export async function latestSnapshot(snaps: SnapshotDB): Promise<SnapshotRow | undefined> {
	return snaps.snapshots.orderBy('createdAt').last();
}

/**
 * Keeps a copy of the database when it has changed since the last copy. Never writes a copy of an
 * empty or much-shrunken database, so a good copy is never pushed out by a broken state; keeps the
 * newest two.
 */
export async function takeSnapshot(
	db: AppDB,
	snaps: SnapshotDB,
	appVersion: string,
	now: number
): Promise<SnapshotOutcome> {
	const backup = await exportBackup(db, appVersion, now);
	const { tasks, feeds, items, readingLists } = backup.data;
	const records = tasks.length + feeds.length + items.length + readingLists.length;
	if (records === 0) return 'empty';
	const last = await latestSnapshot(snaps);
	if (last && records < last.records * DEGRADED_SHARE) return 'degraded';
	const fingerprint = `${records}:${hashText(JSON.stringify(backup.data))}`;
	if (last?.fingerprint === fingerprint) return 'unchanged';
	await snaps.transaction('rw', snaps.snapshots, async () => {
		await snaps.snapshots.add({
			createdAt: now,
			records,
			tasks: tasks.length,
			feeds: feeds.length,
			fingerprint,
			text: backupToText(backup)
		});
		const all = await snaps.snapshots.orderBy('createdAt').reverse().primaryKeys();
		await snaps.snapshots.bulkDelete(all.slice(GENERATIONS));
	});
	return 'saved';
}

/** Puts a copy back, replacing everything, in one transaction. */
export async function restoreSnapshot(db: AppDB, snapshot: SnapshotRow): Promise<void> {
	const check = checkBackupText(snapshot.text);
	if (!check.ok) throw new Error(check.message);
	await applyBackup(db, check.backup, 'replace');
}
