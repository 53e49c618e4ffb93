import type { SortMode } from '../core/board';
import { DEFAULT_BUDGET_MIN, DEFAULT_MAX_ITEMS } from '../core/reading-defaults';
import type { WordLists } from '../core/hype';
import { DEFAULT_TIMEBOX_MIN } from '../core/timebox';
import {
	DEFAULT_BREAK_THROUGH,
	DEFAULT_FOCUS_MIN,
	type AlertCategory
} from '../core/focus-settings';
import type { AppDB, SettingRow } from './app-db';
import { trackWrite } from './pending-writes';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Settings {
	/** Set once the first-run screen has been answered. */
	onboarded: boolean;
	sortMode: SortMode;
	theme: ThemeChoice;
	/** Whether the app has already asked the browser for persistent storage. */
	persistAsked: boolean;
	/** Whether the user has chosen to start with the default feeds or without them. */
	feedsChosen: boolean;
	readingBudgetMin: number;
	readingMaxItems: number;
	/** Items older than this are removed, unless in a reading list or annotated. */
	retentionWeeks: number;
	/** The user's edited word lists; absent means the shipped defaults (kept out of the board's bundle). */
	wordLists?: WordLists;
	/** When "Refresh all" last ran to the end (automatic refresh runs daily). */
	lastRefreshAt: number;
	/** When a backup last left the browser (an export, or a file in the chosen backup folder). */
	lastExportAt: number;
	/** The best-effort storage banner was dismissed. */
	storageBannerDismissed: boolean;
	/** The weekly backup reminder is snoozed until then. */
	backupReminderAfter: number;
	/** Run costs are in this currency (ISO 4217). */
	currency: string;
	/** An ntfy topic the launch snippet also posts to, so a phone rings; empty for none. */
	ntfyTopic: string;
	/** Lindy asked for notification permission (at the first launch, never at start-up). */
	notificationsAsked: boolean;
	/** The length a focus block is offered at, in minutes. */
	focusDefaultMin: number;
	/** The alerts that break through a focus block (the rest wait for its end). */
	focusBreakThrough: AlertCategory[];
	/** The length of a time-box, in minutes (tasks tagged @debug have one unless turned off). */
	timeboxMin: number;
	/** The week (its Monday) whose Friday reminder of the review was answered. */
	fridayReminderWeek: string;
}

export const DEFAULT_SETTINGS: Settings = {
	onboarded: false,
	sortMode: 'priority',
	theme: 'system',
	persistAsked: false,
	feedsChosen: false,
	readingBudgetMin: DEFAULT_BUDGET_MIN,
	readingMaxItems: DEFAULT_MAX_ITEMS,
	retentionWeeks: 12,
	lastRefreshAt: 0,
	lastExportAt: 0,
	storageBannerDismissed: false,
	backupReminderAfter: 0,
	currency: 'USD',
	ntfyTopic: '',
	notificationsAsked: false,
	focusDefaultMin: DEFAULT_FOCUS_MIN,
	focusBreakThrough: [...DEFAULT_BREAK_THROUGH],
	timeboxMin: DEFAULT_TIMEBOX_MIN,
	fridayReminderWeek: ''
};

const SETTING_KEYS = new Set([...Object.keys(DEFAULT_SETTINGS), 'wordLists']);

/** The settings the stored rows give, with defaults for the rest. */
export function settingsFrom(rows: readonly SettingRow[]): Settings {
	const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
	for (const row of rows) if (SETTING_KEYS.has(row.key)) out[row.key] = row.value;
	return out as unknown as Settings;
}

export class SettingsRepo {
	readonly #db: AppDB;

	constructor(db: AppDB) {
		this.#db = db;
	}

	async all(): Promise<Settings> {
		return settingsFrom(await this.#db.settings.toArray());
	}

	set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
		return trackWrite(this.#db.settings.put({ key, value }).then(() => undefined));
	}
}
