import type {
	DBCore,
	DBCoreMutateRequest,
	DBCoreMutateResponse,
	DBCoreTable,
	DBCoreTransaction,
	Middleware,
	Transaction
} from 'dexie';
import { SYNC_TABLES, type SyncTable } from '../core/sync-tables';

/**
 * The transactional outbox of sync. While sync is on, every write to a synced table also adds,
 * in the same IndexedDB transaction, a row saying what it changed: the row before and after. The
 * change and its outbox row commit or roll back together (an import that fails leaves neither),
 * whichever tab or worker wrote it. The tab that holds the sync connection turns outbox rows into
 * encrypted Yjs updates and removes them.
 *
 * Writes that apply another device's changes are marked (`markRemote`) and skipped, so nothing
 * echoes back.
 */

/** One write of one row, waiting to be synced. */
export interface OutboxRow {
	id?: number;
	table: SyncTable;
	key: string;
	before?: Record<string, unknown>;
	after?: Record<string, unknown>;
}

/** The row in `syncMeta` whose presence turns the outbox on. */
export const SYNC_ON_KEY = 'on';

const SYNCED: readonly string[] = SYNC_TABLES;
const remoteWrites = new WeakSet<object>();

/** Marks a transaction as applying changes from other devices: the outbox skips its writes. */
export function markRemote(trans: Transaction): void {
	remoteWrites.add(trans.idbtrans);
}

const syncOn = new WeakMap<object, Promise<boolean>>();

/** Whether sync is on, read once per transaction inside it (so a tab never works from stale state). */
function isOn(down: DBCore, trans: DBCoreTransaction): Promise<boolean> {
	let known = syncOn.get(trans);
	if (!known) {
		known = down
			.table('syncMeta')
			.get({ trans, key: SYNC_ON_KEY })
			.then((row) => row !== undefined);
		syncOn.set(trans, known);
	}
	return known;
}

type RangeDelete = Extract<DBCoreMutateRequest, { type: 'deleteRange' }>;

/** The keys a write names itself (all but a range delete's). */
function knownKeys(table: DBCoreTable, req: Exclude<DBCoreMutateRequest, RangeDelete>): unknown[] {
	if (req.type === 'delete') return req.keys;
	return req.keys ?? req.values.map((value) => table.schema.primaryKey.extractKey!(value));
}

/** A range delete: while sync is on, the rows it removes are read first, then recorded. */
async function rangeDelete(
	down: DBCore,
	name: SyncTable,
	table: DBCoreTable,
	req: RangeDelete
): Promise<DBCoreMutateResponse> {
	if (!(await isOn(down, req.trans))) return table.mutate(req);
	const found = await table.query({
		trans: req.trans,
		values: true,
		query: { index: table.schema.primaryKey, range: req.range }
	});
	const keys = found.result.map((row) => table.schema.primaryKey.extractKey!(row));
	return record(down, name, req, keys, found.result, await table.mutate(req));
}

/**
 * Adds to the outbox, in the write's transaction, one row per row the write stored (`res` says
 * which failed): the row before and after. Resolves to the write's own response.
 */
async function record(
	down: DBCore,
	name: SyncTable,
	req: DBCoreMutateRequest,
	keys: readonly unknown[],
	before: readonly unknown[],
	res: DBCoreMutateResponse
): Promise<DBCoreMutateResponse> {
	const rows: OutboxRow[] = [];
	keys.forEach((key, i) => {
		if (res.failures[i]) return;
		const after = req.type === 'add' || req.type === 'put' ? req.values[i] : undefined;
		const prior = before[i] as Record<string, unknown> | undefined;
		if (!prior && !after) return;
		rows.push({ table: name, key: String(key), before: prior, after });
	});
	if (rows.length)
		await down.table('syncOutbox').mutate({ type: 'add', trans: req.trans, values: rows });
	return res;
}

export const syncOutbox: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'syncOutbox',
	create: (down) => ({
		...down,
		transaction(stores, mode, options) {
			const widened =
				mode === 'readwrite' &&
				stores.some((s) => SYNCED.includes(s)) &&
				!stores.includes('syncOutbox')
					? [...stores, 'syncOutbox', 'syncMeta']
					: stores;
			return down.transaction(widened, mode, options);
		},
		table(name) {
			const table = down.table(name);
			if (!SYNCED.includes(name)) return table;
			return {
				...table,
				async mutate(req) {
					const idb = req.trans as unknown as IDBTransaction;
					if (idb.mode === 'versionchange' || remoteWrites.has(idb)) return table.mutate(req);
					if (req.type === 'deleteRange') return rangeDelete(down, name as SyncTable, table, req);
					// Whether sync is on, the rows as they were, and the write itself are asked for at
					// once, before any await (Dexie's transaction context does not survive one): the
					// reads come first in the transaction, so they see the rows before the write, and the
					// write costs no extra round trip (a keyboard move's included).
					const keys = knownKeys(table, req);
					const [on, before, res] = await Promise.all([
						isOn(down, req.trans),
						keys.length ? table.getMany({ trans: req.trans, keys }) : [],
						table.mutate(req)
					]);
					return on ? record(down, name as SyncTable, req, keys, before, res) : res;
				}
			};
		}
	})
};
