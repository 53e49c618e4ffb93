import { deleteEverything, type ImportMode } from '../db/backup';
import type { CheckedBackup } from '../db/backup.worker';
import { trackWrite } from '../db/pending-writes';
import { answer, BackupWorker } from './backup-worker';
import type { AppDB } from '../db/app-db';
import { download } from './download';
import { describeError, type Toasts } from './toasts.svelte';

/** Export, import and delete-everything, as the Settings page uses them. */
export interface DataSafetyDeps {
	db: AppDB;
	clock: { readonly now: number };
	toasts: Pick<Toasts, 'show' | 'error'>;
	/** A backup left the browser at this time. */
	markExported: (at: number) => Promise<void>;
	/** Everything was deleted: the app shows its welcome screen. */
	onDeleted: () => void;
}

export class DataSafety {
	readonly #deps: DataSafetyDeps;
	/** The file being imported, once checked: its summary, or what is wrong with it. */
	pending = $state.raw<(CheckedBackup & { fileName: string }) | null>(null);
	busy = $state(false);
	#worker = new BackupWorker();

	constructor(deps: DataSafetyDeps) {
		this.#deps = deps;
	}

	async exportEverything(): Promise<void> {
		this.busy = true;
		try {
			const now = this.#deps.clock.now;
			const { file, exportedAt } = answer(
				await this.#worker.ask({ type: 'export', appVersion: __APP_VERSION__, now }),
				'exported'
			);
			download(`lindy-backup-${exportedAt.slice(0, 10)}.json`, file);
			await this.#deps.markExported(now);
			this.#deps.toasts.show('Backup exported. Keep it somewhere outside this browser.');
		} catch (error) {
			this.#deps.toasts.error(`Could not export: ${describeError(error)}`);
		} finally {
			this.busy = false;
		}
	}

	async chooseFile(file: File): Promise<void> {
		this.busy = true;
		try {
			const reply = await this.#worker.ask({ type: 'check', file });
			this.pending =
				reply.type === 'checked'
					? { ...reply.check, fileName: file.name }
					: {
							ok: false,
							message: `This file could not be read: ${reply.type === 'failed' ? reply.message : 'no answer.'}`,
							fileName: file.name
						};
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
			answer(await trackWrite(this.#worker.ask({ type: 'apply', mode })), 'applied');
			this.pending = null;
			this.#deps.toasts.show(
				mode === 'replace' ? 'Everything was replaced by the backup.' : 'The backup was merged in.'
			);
			return true;
		} catch (error) {
			this.#deps.toasts.error(`Nothing was imported: ${describeError(error)}`);
			return false;
		} finally {
			this.busy = false;
		}
	}

	async deleteEverything(): Promise<void> {
		this.busy = true;
		try {
			await deleteEverything(this.#deps.db);
			this.#deps.onDeleted();
		} catch (error) {
			this.#deps.toasts.error(`Could not delete: ${describeError(error)}`);
		} finally {
			this.busy = false;
		}
	}
}
