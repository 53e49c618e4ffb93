import {
	applyBackup,
	backupToText,
	checkBackupFile,
	deleteEverything,
	exportBackup,
	type BackupCheck,
	type ImportMode
} from '../db/backup';
import type { App } from './app.svelte';
import { download } from './download';
import { describeError } from './toasts.svelte';

/** Export, import and delete-everything, as the Settings page uses them. */
export class DataSafety {
	readonly #app: App;
	/** The file being imported, once checked: its summary, or what is wrong with it. */
	// Raw: the checked backup goes to IndexedDB as it is, and a proxy cannot be cloned there.
	pending = $state.raw<(BackupCheck & { fileName: string }) | null>(null);
	busy = $state(false);

	constructor(app: App) {
		this.#app = app;
	}

	async exportEverything(): Promise<void> {
		this.busy = true;
		try {
			const now = this.#app.clock.now;
			const backup = await exportBackup(this.#app.db, __APP_VERSION__, now);
			download(
				`lindy-backup-${backup.exportedAt.slice(0, 10)}.json`,
				backupToText(backup),
				'application/json'
			);
			await this.#app.setSetting('lastExportAt', now);
			this.#app.toasts.show('Backup exported. Keep it somewhere outside this browser.');
		} catch (error) {
			this.#app.toasts.error(`Could not export: ${describeError(error)}`);
		} finally {
			this.busy = false;
		}
	}

	async chooseFile(file: File): Promise<void> {
		this.busy = true;
		try {
			this.pending = { ...(await checkBackupFile(file)), fileName: file.name };
		} finally {
			this.busy = false;
		}
	}

	cancelImport() {
		this.pending = null;
	}

	/** Applies the checked file; says whether it was imported. */
	async confirmImport(mode: ImportMode): Promise<boolean> {
		const pending = this.pending;
		if (!pending?.ok) return false;
		this.busy = true;
		try {
			await applyBackup(this.#app.db, pending.backup, mode);
			this.pending = null;
			this.#app.toasts.show(
				mode === 'replace' ? 'Everything was replaced by the backup.' : 'The backup was merged in.'
			);
			return true;
		} catch (error) {
			this.#app.toasts.error(`Nothing was imported: ${describeError(error)}`);
			return false;
		} finally {
			this.busy = false;
		}
	}

	async deleteEverything(): Promise<void> {
		this.busy = true;
		try {
			await deleteEverything(this.#app.db);
			this.#app.navigate('board');
		} catch (error) {
			this.#app.toasts.error(`Could not delete: ${describeError(error)}`);
		} finally {
			this.busy = false;
		}
	}
}
