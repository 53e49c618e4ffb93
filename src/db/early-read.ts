import type { Task } from '../core/task';
import { DB_VERSION, type SettingRow } from './app-db';

/**
 * What public/early-read.js read before the app's code loaded. index.html runs that plain script
 * first, so the open tasks and the settings are read while the app's modules are still loading,
 * and the board can be drawn the moment the app starts. The app's live queries read the same rows
 * again and take over; the early read is shown only until their first result.
 */
export interface EarlyRead {
	/** The database's IndexedDB version. */
	version: number;
	/** Open tasks in the order `TaskRepo.open` gives them: doing, then to do. */
	tasks: Task[];
	settings: SettingRow[];
}

declare global {
	interface Window {
		lindyEarlyRead?: Promise<EarlyRead | undefined>;
	}
}

/**
 * The rows read before the app's code loaded, when they were written by this build's schema
 * (Dexie stores version n as IndexedDB version n × 10); taken once, so the page does not keep them.
 */
export async function takeEarlyRead(): Promise<EarlyRead | undefined> {
	const pending = globalThis.window?.lindyEarlyRead;
	if (!pending) return undefined;
	delete window.lindyEarlyRead;
	const read = await pending;
	return read?.version === DB_VERSION * 10 ? read : undefined;
}
