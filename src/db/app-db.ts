import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { PassNumber } from '../core/digest';
import type { Feed, StoredItem } from '../core/feed';
import type { ScorePart } from '../core/hype';
import type { LocalDate, Task } from '../core/task';
import type { Run, RunTemplate } from '../core/runs';
import type { FocusSession } from '../core/focus';
import type { DayPlan, PlanTemplate } from '../core/day-plan';
import type { ItemContent } from '../core/records';
import { recordGuard } from './record-guard';
import { syncOutbox, type OutboxRow } from './sync-outbox';

/** A stored Yjs update of the sync workspace (or, after compaction, the whole state). */
export interface YUpdateRow {
	id?: number;
	update: Uint8Array;
}

/** This device's own sync state: never exported, never synced. */
export interface SyncMetaRow {
	key: string;
	value: unknown;
}

/** One key-value row per setting. */
export interface SettingRow {
	key: string;
	value: unknown;
}

/** An item's full HTML, kept apart so that lists of items stay light. */
export type ItemContentRow = ItemContent;

/** One entry of a frozen weekly reading list: a copy of what was picked, plus the reader's progress. */
export interface ReadingEntry {
	itemId: string;
	title: string;
	link?: string;
	feedTitle: string;
	readingMinutes: number;
	score: number;
	/** Why it was picked, frozen with the list. */
	parts: ScorePart[];
	plannedPasses: PassNumber[];
	passesDone: PassNumber[];
	/** The reader stopped after the passes done: enough. */
	enough: boolean;
	notRelevant: boolean;
	notes: string;
	pinned: boolean;
	/** Added from "Filtered out" or the item list by hand rather than picked by Lindy. */
	byHand: boolean;
}

/** A week's R&D Friday reading list, keyed by the Monday that starts the week. */
export interface ReadingListRow {
	week: LocalDate;
	friday: LocalDate;
	createdAt: number;
	budgetMin: number;
	maxItems: number;
	entries: ReadingEntry[];
	/** Set once the reader changes the list; an empty list is only remade while this is unset. */
	edited?: boolean;
}

export const DB_NAME = 'lindy';
/** The newest schema version this build knows; a database past it was written by a newer Lindy. */
export const DB_VERSION = 8;

/**
 * The fitting rules, loaded only when an upgrade needs them (most starts open a database that is
 * already current). `Dexie.waitFor` keeps the upgrade's transaction alive meanwhile.
 */
const fitting = () => Dexie.waitFor(import('./upgrade-fitting'));

/** Version 3's upgrade: rows stored past today's limits are fitted (see `recordFitters`). */
export async function fitStoredRows(tx: Transaction): Promise<void> {
	const { recordFitters } = await fitting();
	for (const [table, fit] of Object.entries(recordFitters())) {
		await tx
			.table(table)
			.toCollection()
			.modify((row: unknown, ref: { value: unknown }) => {
				const fitted = (fit as (row: unknown) => unknown)(row);
				if (fitted !== row) ref.value = fitted;
			});
	}
}

/** Version 4's upgrade: a done task always says when it was done (the board's done index needs it). */
export async function dateDoneTasks(tx: Transaction): Promise<void> {
	const { fitTask } = await fitting();
	await tx
		.table('tasks')
		.where('status')
		.equals('done')
		.modify((row: Task, ref: { value: Task }) => {
			const fitted = fitTask(row);
			if (fitted !== row) ref.value = fitted;
		});
}

/**
 * Lindy's IndexedDB database. Versions are only ever appended: each new version gets its own
 * upgrade (when data must change) and a test that opens a database written by the version before.
 */
export class AppDB extends Dexie {
	tasks!: EntityTable<Task, 'id'>;
	settings!: EntityTable<SettingRow, 'key'>;
	feeds!: EntityTable<Feed, 'id'>;
	items!: EntityTable<StoredItem, 'id'>;
	itemContents!: EntityTable<ItemContentRow, 'id'>;
	readingLists!: EntityTable<ReadingListRow, 'week'>;
	runs!: EntityTable<Run, 'id'>;
	runTemplates!: EntityTable<RunTemplate, 'id'>;
	focusSessions!: EntityTable<FocusSession, 'id'>;
	dayPlans!: EntityTable<DayPlan, 'date'>;
	planTemplates!: EntityTable<PlanTemplate, 'id'>;
	syncOutbox!: EntityTable<OutboxRow, 'id'>;
	yUpdates!: EntityTable<YUpdateRow, 'id'>;
	syncMeta!: EntityTable<SyncMetaRow, 'key'>;

	constructor(name = DB_NAME) {
		// Dexie's optimistic query cache re-runs every live query inside each write, before it
		// commits; with thousands of tasks that doubled the time to save a move. The board keeps
		// its own optimistic overrides for moves instead.
		super(name, { cache: 'disabled' });
		this.version(1).stores({
			tasks: 'id, stage, status, updatedAt',
			settings: 'key'
		});
		// Version 2 (R&D Friday): feeds, their items (content apart), weekly reading lists.
		// Additive only, so no upgrade function is needed.
		this.version(2).stores({
			feeds: 'id, &url',
			items: 'id, feedId, sortAt, firstSeenAt, canonicalUrl, titleKey',
			itemContents: 'id',
			readingLists: 'week'
		});
		// Version 3: one definition of a valid record guards every write. Rows an older Lindy stored
		// past today's limits are shortened (an overlong title keeps its text in the notes), so that
		// every export restores. Items may be marked truncated; contents may carry their base address.
		this.version(3).stores({}).upgrade(fitStoredRows);
		// Version 4: the board reads only open tasks; done ones are counted and listed per column
		// from an index of status, stage and completion time, so history costs nothing until shown.
		this.version(4)
			.stores({ tasks: 'id, stage, status, updatedAt, [status+stage+doneAt]' })
			.upgrade(dateDoneTasks);
		// Version 5 (passive work): runs with their events, and pre-flight checklist templates.
		// Additive only.
		this.version(5).stores({ runs: 'id, taskId, launchedAt, number', runTemplates: 'id' });
		// Version 6 (deep work): focus sessions, day plans and their templates. Additive only.
		this.version(6).stores({
			focusSessions: 'id, taskId, startedAt',
			dayPlans: 'date',
			planTemplates: 'id'
		});
		// Version 7 (reading like a reader): items may be read and saved for later. Unread counts come
		// from an index of read items per feed; saved items are listed by when they were saved.
		// Additive only: every stored item starts unread and unsaved.
		this.version(7).stores({
			items: 'id, feedId, sortAt, firstSeenAt, canonicalUrl, titleKey, savedAt, [feedId+readAt]'
		});
		// Version 8 (sync): the outbox of writes waiting to sync, the stored Yjs updates of the
		// workspace, and this device's sync settings. Additive only; sync starts off.
		this.version(DB_VERSION).stores({ syncOutbox: '++id', yUpdates: '++id', syncMeta: 'key' });
		this.use(recordGuard);
		this.use(syncOutbox);
	}
}
