/// <reference lib="webworker" />
import { AppDB } from './app-db';
import type { Backup } from './backup-schema';
import {
	applyBackup,
	backupToText,
	checkBackupFile,
	exportBackup,
	type BackupCounts,
	type ImportMode
} from './backup';
import { writeBackupFile } from './snapshots';

export type BackupRequest =
	| { type: 'export'; appVersion: string; now: number }
	/** The daily backup file, written straight into the folder the user picked. */
	| { type: 'write-file'; folder: FileSystemDirectoryHandle; appVersion: string; now: number }
	| { type: 'check'; file: Blob }
	| { type: 'apply'; mode: ImportMode };

/** What the page learns of a checked file; the backup itself stays in the worker until applied. */
export type CheckedBackup =
	| { ok: true; counts: BackupCounts; appVersion: string; exportedAt: string }
	| { ok: false; message: string };

export type BackupReply =
	| { type: 'exported'; file: Blob; exportedAt: string }
	| { type: 'written'; name: string }
	| { type: 'checked'; check: CheckedBackup }
	| { type: 'applied' }
	| { type: 'failed'; message: string };

// Reading, checking and serialising every record of a large database, or parsing and checking a
// 50 MB file, takes far longer than a frame: export and import run here, off the main thread.
// The page's live queries follow the database as usual once an import commits.
let checked: Backup | undefined;

async function handle(request: BackupRequest): Promise<BackupReply> {
	switch (request.type) {
		case 'export': {
			const db = new AppDB();
			try {
				const backup = await exportBackup(db, request.appVersion, request.now);
				const file = new Blob([backupToText(backup)], { type: 'application/json' });
				return { type: 'exported', file, exportedAt: backup.exportedAt };
			} finally {
				db.close();
			}
		}
		case 'write-file': {
			const db = new AppDB();
			try {
				const name = await writeBackupFile(db, request.folder, request.appVersion, request.now);
				return { type: 'written', name };
			} finally {
				db.close();
			}
		}
		case 'check': {
			const check = await checkBackupFile(request.file);
			checked = check.ok ? check.backup : undefined;
			return {
				type: 'checked',
				check: check.ok
					? {
							ok: true,
							counts: check.counts,
							appVersion: check.backup.appVersion,
							exportedAt: check.backup.exportedAt
						}
					: check
			};
		}
		case 'apply': {
			if (!checked) return { type: 'failed', message: 'no checked file to import.' };
			const db = new AppDB();
			try {
				await applyBackup(db, checked, request.mode);
				checked = undefined;
				return { type: 'applied' };
			} finally {
				db.close();
			}
		}
	}
}

self.onmessage = async (event: MessageEvent<BackupRequest>) => {
	let reply: BackupReply;
	try {
		reply = await handle(event.data);
	} catch (error) {
		reply = { type: 'failed', message: error instanceof Error ? error.message : String(error) };
	}
	self.postMessage(reply);
};
