import { feedKey } from './links';
import { SYNC_TABLES, type SyncTable } from './sync-tables';

export { SYNC_TABLES, type SyncTable };

/**
 * What sync shares between a user's devices, and how a stored row becomes synced records and
 * back. A record is a flat set of fields under a key in one of the maps below; devices merge
 * field by field, so two devices editing different fields of one task both keep their edit.
 *
 * Items and their contents are per device (each device fetches or imports them), and so are
 * the settings about one screen or one browser (theme, banners, the last export).
 */

/** The maps of a workspace: one per synced table, and reading-list entries on their own. */
export const SYNC_MAPS = [...SYNC_TABLES, 'readingEntries'] as const;
export type SyncMap = (typeof SYNC_MAPS)[number];

/** The settings that are about the work, so every device shares them. */
export const SYNCED_SETTINGS: readonly string[] = [
	'sortMode',
	'readingBudgetMin',
	'readingMaxItems',
	'retentionWeeks',
	'currency',
	'ntfyTopic',
	'focusDefaultMin',
	'timeboxMin',
	'focusBreakThrough',
	'wordLists'
];

/** What one device learns about fetching a feed: never synced, never overwritten by another. */
export const DEVICE_FEED_FIELDS: readonly string[] = [
	'etag',
	'lastModified',
	'lastFetchedAt',
	'lastSuccessAt',
	'retryAfter',
	'consecutiveFailures',
	'parseFailures',
	'lastError',
	'broken'
];

/** A feed's per-device fields when another device's feed first arrives. */
const FRESH_FEED = { consecutiveFailures: 0, broken: false };

type Row = Record<string, unknown>;
export type Fields = Record<string, unknown>;

export interface SyncRecord {
	map: SyncMap;
	key: string;
	fields: Fields;
}

/** What one write did to one record: the fields it set and removed, or that it deleted it. */
export interface RecordChange {
	map: SyncMap;
	key: string;
	set: Fields;
	removed: string[];
	deleted: boolean;
}

/** A table's primary key field. */
export const PRIMARY_KEY: Record<SyncTable, string> = {
	tasks: 'id',
	settings: 'key',
	feeds: 'id',
	readingLists: 'week',
	runs: 'id',
	runTemplates: 'id',
	focusSessions: 'id',
	dayPlans: 'date',
	planTemplates: 'id'
};

/** The key under which a feed syncs: its normalised address, so one feed added twice is one. */
export const feedSyncKey = (url: string): string => feedKey(url) ?? url;

const entryKey = (week: string, itemId: string) => `${week}/${itemId}`;

function without(row: Row, fields: readonly string[]): Fields {
	const out: Fields = {};
	for (const [name, value] of Object.entries(row))
		if (!fields.includes(name) && value !== undefined) out[name] = value;
	return out;
}

/** The synced records a stored row is made of; none for rows that stay on this device. */
export function recordsOf(table: SyncTable, row: Row): SyncRecord[] {
	switch (table) {
		case 'settings':
			return SYNCED_SETTINGS.includes(String(row.key))
				? [{ map: 'settings', key: String(row.key), fields: { value: row.value } }]
				: [];
		case 'feeds':
			return [
				{
					map: 'feeds',
					key: feedSyncKey(String(row.url)),
					fields: without(row, DEVICE_FEED_FIELDS)
				}
			];
		case 'readingLists': {
			const week = String(row.week);
			const entries = (row.entries ?? []) as Row[];
			return [
				{ map: 'readingLists', key: week, fields: without(row, ['entries']) },
				...entries.map((entry, pos) => ({
					map: 'readingEntries' as const,
					key: entryKey(week, String(entry.itemId)),
					fields: { ...without(entry, []), week, pos }
				}))
			];
		}
		default:
			return [{ map: table, key: String(row[PRIMARY_KEY[table]]), fields: without(row, []) }];
	}
}

/** Whether two stored values are the same (they are plain JSON-like data). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a).filter((k) => (a as Row)[k] !== undefined);
	const kb = Object.keys(b).filter((k) => (b as Row)[k] !== undefined);
	return ka.length === kb.length && ka.every((k) => sameValue((a as Row)[k], (b as Row)[k]));
}

/** The fields of `after` that differ from `before`, and the ones it no longer has. */
export function fieldChanges(before: Fields, after: Fields): { set: Fields; removed: string[] } {
	const set: Fields = {};
	for (const [name, value] of Object.entries(after))
		if (!sameValue(before[name], value)) set[name] = value;
	const removed = Object.keys(before).filter(
		(name) => before[name] !== undefined && after[name] === undefined
	);
	return { set, removed };
}

/**
 * What a write of one row did, record by record: only the fields it changed, so a field another
 * device changed meanwhile is left alone. `before` is the row as stored before the write
 * (undefined for a new row), `after` the row written (undefined for a delete).
 */
export function changesOf(table: SyncTable, before?: Row, after?: Row): RecordChange[] {
	const old = before ? recordsOf(table, before) : [];
	const now = after ? recordsOf(table, after) : [];
	const id = (r: SyncRecord) => `${r.map}\u0000${r.key}`;
	const oldById = new Map(old.map((r) => [id(r), r]));
	const nowIds = new Set(now.map(id));
	const changes: RecordChange[] = [];
	for (const record of now) {
		const prior = oldById.get(id(record));
		const { set, removed } = fieldChanges(prior?.fields ?? {}, record.fields);
		if (Object.keys(set).length > 0 || removed.length > 0 || !prior)
			changes.push({ map: record.map, key: record.key, set, removed, deleted: false });
	}
	for (const record of old)
		if (!nowIds.has(id(record)))
			changes.push({ map: record.map, key: record.key, set: {}, removed: [], deleted: true });
	return changes;
}

/** The records a table's row is rebuilt from: one for most tables, a list and its entries. */
export interface RemoteRow {
	table: SyncTable;
	key: string;
	record: Fields;
	entries?: Fields[];
}

/**
 * The row to store for a synced record, keeping what is this device's own: a feed's fetch state
 * and its local id. Undefined when the record is not one this device stores.
 */
export function rowFrom({ table, key, record, entries }: RemoteRow, local?: Row): Row | undefined {
	switch (table) {
		case 'settings':
			return { key, value: record.value };
		case 'feeds': {
			const own = local
				? Object.fromEntries(DEVICE_FEED_FIELDS.map((f) => [f, local[f]]))
				: FRESH_FEED;
			return dropUndefined({ ...record, ...own, id: local?.id ?? record.id });
		}
		case 'readingLists':
			return {
				...record,
				entries: [...(entries ?? [])]
					.sort((a, b) => Number(a.pos) - Number(b.pos))
					.map((entry) => without(entry, ['week', 'pos']))
			};
		default:
			return { ...record };
	}
}

function dropUndefined(row: Row): Row {
	return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}

/** What a device that already has data does when it first joins a workspace. */
export interface JoinPlan {
	/** Records (or fields of records) this device adds to the workspace. */
	push: RecordChange[];
	/** Record ids (`map/key`) whose workspace version replaces this device's. */
	pull: { map: SyncMap; key: string }[];
	/** This device's records the workspace has deleted: they are deleted here too. */
	drop: { map: SyncMap; key: string }[];
}

/**
 * First join of a device that has data: rows the workspace lacks are added; rows the workspace
 * deleted stay deleted; for a record both sides have, the newer `updatedAt` wins, field by
 * field (without `updatedAt`, the workspace wins). Records only the workspace has are pulled.
 */
export function planFirstJoin(
	local: readonly SyncRecord[],
	remote: ReadonlyMap<string, Fields>,
	deleted: ReadonlySet<string>
): JoinPlan {
	const plan: JoinPlan = { push: [], pull: [], drop: [] };
	const seen = new Set<string>();
	for (const { map, key, fields } of local) {
		const id = `${map}/${key}`;
		seen.add(id);
		const theirs = remote.get(id);
		if (!theirs) {
			if (deleted.has(id)) plan.drop.push({ map, key });
			else plan.push.push({ map, key, set: fields, removed: [], deleted: false });
			continue;
		}
		const mine = Number(fields.updatedAt);
		const newer = Number.isFinite(mine) && mine > Number(theirs.updatedAt ?? -Infinity);
		if (newer) {
			const { set, removed } = fieldChanges(theirs, fields);
			plan.push.push({ map, key, set, removed, deleted: false });
		} else if (!sameValue(theirs, fields)) plan.pull.push({ map, key });
	}
	for (const id of remote.keys()) {
		if (seen.has(id)) continue;
		const cut = id.indexOf('/');
		plan.pull.push({ map: id.slice(0, cut) as SyncMap, key: id.slice(cut + 1) });
	}
	return plan;
}
