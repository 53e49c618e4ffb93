import Dexie, { type EntityTable } from 'dexie';
import type { Task } from '../core/task';

/** One key-value row per setting. */
export interface SettingRow {
	key: string;
	value: unknown;
}

export const DB_NAME = 'lindy';

/**
 * Lindy's IndexedDB database. Versions are only ever appended: each new version gets its own
 * upgrade function and a test that opens a database written by the version before it.
 */
export class AppDB extends Dexie {
	tasks!: EntityTable<Task, 'id'>;
	settings!: EntityTable<SettingRow, 'key'>;

	constructor(name = DB_NAME) {
		// Dexie's optimistic query cache re-runs every live query inside each write, before it
		// commits; with thousands of tasks that doubled the time to save a move. The board keeps
		// its own optimistic overrides for moves instead.
		super(name, { cache: 'disabled' });
		this.version(1).stores({
			tasks: 'id, stage, status, updatedAt',
			settings: 'key'
		});
	}
}
