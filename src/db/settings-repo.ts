import type { SortMode } from '../core/board';
import type { AppDB } from './app-db';
import { trackWrite } from './pending-writes';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Settings {
	/** Set once the first-run screen has been answered. */
	onboarded: boolean;
	sortMode: SortMode;
	theme: ThemeChoice;
	/** Whether the app has already asked the browser for persistent storage. */
	persistAsked: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
	onboarded: false,
	sortMode: 'priority',
	theme: 'system',
	persistAsked: false
};

export class SettingsRepo {
	readonly #db: AppDB;

	constructor(db: AppDB) {
		this.#db = db;
	}

	async all(): Promise<Settings> {
		const rows = await this.#db.settings.toArray();
		const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
		for (const row of rows) if (row.key in DEFAULT_SETTINGS) out[row.key] = row.value;
		return out as unknown as Settings;
	}

	set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
		return trackWrite(this.#db.settings.put({ key, value }).then(() => undefined));
	}
}
