import { inOneTab } from './one-tab';
import { DAY_MS } from '../core/local-date';
import type { SnapshotRequest, SnapshotResponse } from '../db/snapshot.worker';
import { SnapshotDB, latestSnapshot, restoreSnapshot, type SnapshotRow } from '../db/snapshots';
import type { AppDB } from '../db/app-db';
import type { Announcer } from './announcer.svelte';
import { answer, BackupWorker } from './backup-worker';
import { describeError, type Toasts } from './toasts.svelte';

const CHECK_EVERY = 6 * 3_600_000;

/** The parts of the File System Access API that TypeScript's DOM library does not describe yet. */
type PermissionState = 'granted' | 'denied' | 'prompt';
interface FolderHandle extends FileSystemDirectoryHandle {
	queryPermission(options: { mode: 'readwrite' }): Promise<PermissionState>;
	requestPermission(options: { mode: 'readwrite' }): Promise<PermissionState>;
}
interface PickerWindow {
	showDirectoryPicker?: (options: { mode: 'readwrite'; id?: string }) => Promise<FolderHandle>;
}

/** Takes the daily copy in a worker, so that the page never stalls on it. */
function snapshotInWorker(request: SnapshotRequest): Promise<SnapshotResponse> {
	return new Promise((resolve) => {
		const worker = new Worker(new URL('../db/snapshot.worker.ts', import.meta.url), {
			type: 'module'
		});
		const finish = (response: SnapshotResponse) => {
			worker.terminate();
			resolve(response);
		};
		worker.onmessage = (event: MessageEvent<SnapshotResponse>) => finish(event.data);
		worker.onerror = (event) =>
			finish({ ok: false, message: event.message || 'the worker failed' });
		worker.postMessage(request);
	});
}

/** Whether this browser can write backup files into a folder the user picks (Chromium). */
export const canPickFolder = () =>
	typeof (window as PickerWindow).showDirectoryPicker === 'function';

/**
 * The rolling local backup: once a day, when something changed, a copy of everything goes to a
 * second database. On a start that finds the board empty while a copy exists, Lindy offers it back.
 */
export interface AutoBackupDeps {
	db: AppDB;
	clock: { readonly now: number };
	toasts: Pick<Toasts, 'show' | 'error'>;
	announcer: Pick<Announcer, 'say'>;
	/** A copy left the browser (a file in the backup folder) at this time. */
	markExported: (at: number) => Promise<void>;
}

export class AutoBackup {
	readonly #deps: AutoBackupDeps;
	readonly #snaps = new SnapshotDB();
	readonly #backupWorker = new BackupWorker();
	latest = $state.raw<SnapshotRow | undefined>(undefined);
	/** A copy worth offering back, because the main database is empty. */
	offer = $state.raw<SnapshotRow | undefined>(undefined);
	/** The folder for daily backup files, its name, and whether Lindy may still write there. */
	folderName = $state<string | undefined>(undefined);
	folderPermission = $state<PermissionState | undefined>(undefined);
	lastFileAt = $state<number | undefined>(undefined);
	#folder: FolderHandle | undefined;

	constructor(deps: AutoBackupDeps) {
		this.#deps = deps;
	}

	async start(): Promise<void> {
		this.latest = await latestSnapshot(this.#snaps);
		const folder = await this.#snaps.folders.get('backupFolder');
		if (folder) {
			this.#folder = folder.handle as FolderHandle;
			this.folderName = folder.handle.name;
			this.lastFileAt = folder.lastWrittenAt;
			this.folderPermission = await this.#folder.queryPermission({ mode: 'readwrite' });
		}
		const [tasks, feeds] = await Promise.all([
			this.#deps.db.tasks.count(),
			this.#deps.db.feeds.count()
		]);
		if (tasks + feeds === 0 && this.latest && this.latest.records > 0) this.offer = this.latest;
		await this.runIfDue();
		setInterval(() => void this.runIfDue(), CHECK_EVERY);
	}

	/** Takes the daily copy, and writes the daily file when a folder is set, in one tab only. */
	async runIfDue(): Promise<void> {
		if (this.offer) return;
		await this.#writeFileIfDue();
		if (this.latest && this.#deps.clock.now - this.latest.createdAt < DAY_MS) return;
		const run = async () => {
			const result = await snapshotInWorker({ appVersion: __APP_VERSION__, now: Date.now() });
			if (result.ok && result.outcome === 'saved') this.latest = await latestSnapshot(this.#snaps);
			if (!result.ok) console.warn('Lindy could not take its daily copy:', result.message);
		};
		await inOneTab('lindy-snapshot', run);
	}

	async #writeFileIfDue(): Promise<void> {
		if (!this.#folder || this.folderPermission !== 'granted') return;
		if (this.lastFileAt && this.#deps.clock.now - this.lastFileAt < DAY_MS) return;
		await this.writeFileNow();
	}

	/** Writes today's backup file into the chosen folder now. */
	async writeFileNow(): Promise<void> {
		const folder = this.#folder;
		if (!folder) return;
		try {
			const now = Date.now();
			// Reading and serialising everything happens in the backup worker, which writes the file.
			const { name } = answer(
				await this.#backupWorker.ask({
					type: 'write-file',
					folder,
					appVersion: __APP_VERSION__,
					now
				}),
				'written'
			);
			await this.#snaps.folders.put({ key: 'backupFolder', handle: folder, lastWrittenAt: now });
			this.lastFileAt = now;
			await this.#deps.markExported(now);
			this.#deps.announcer.say(`Wrote ${name} to ${folder.name}.`);
		} catch (error) {
			this.#deps.toasts.error(`Could not write the backup file: ${describeError(error)}`);
		}
	}

	/** Uses a folder for daily backup files: one the user picks, or one handed in (tests use OPFS). */
	async useFolder(handle?: FileSystemDirectoryHandle): Promise<void> {
		let folder = handle as FolderHandle | undefined;
		if (!folder) {
			const picker = (window as PickerWindow).showDirectoryPicker;
			if (!picker) return;
			try {
				folder = await picker({ mode: 'readwrite', id: 'lindy-backups' });
			} catch {
				return; // the user closed the picker
			}
		}
		this.#folder = folder;
		this.folderName = folder.name;
		this.folderPermission = folder.queryPermission
			? await folder.queryPermission({ mode: 'readwrite' })
			: 'granted';
		await this.#snaps.folders.put({ key: 'backupFolder', handle: folder });
		this.lastFileAt = undefined;
		await this.writeFileNow();
	}

	/** Asks again for permission to write to the folder (browsers forget it between visits). */
	async allowFolder(): Promise<void> {
		if (!this.#folder) return;
		this.folderPermission = await this.#folder.requestPermission({ mode: 'readwrite' });
		await this.#writeFileIfDue();
	}

	async forgetFolder(): Promise<void> {
		await this.#snaps.folders.delete('backupFolder');
		this.#folder = undefined;
		this.folderName = undefined;
		this.folderPermission = undefined;
		this.lastFileAt = undefined;
	}

	async restore(): Promise<void> {
		const snapshot = this.offer;
		if (!snapshot) return;
		try {
			await restoreSnapshot(this.#deps.db, snapshot);
			this.offer = undefined;
			this.#deps.toasts.show(
				`Restored the copy from ${new Date(snapshot.createdAt).toLocaleString()}.`
			);
		} catch (error) {
			this.#deps.toasts.error(`Could not restore: ${describeError(error)}`);
		}
	}

	dismissOffer() {
		this.offer = undefined;
	}
}
