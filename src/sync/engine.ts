import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Table } from 'dexie';
import * as Y from 'yjs';
import {
	changesOf,
	feedSyncKey,
	planFirstJoin,
	PRIMARY_KEY,
	recordsOf,
	rowFrom,
	sameValue,
	SYNC_MAPS,
	SYNC_TABLES,
	type Fields,
	type RecordChange,
	type SyncMap,
	type SyncRecord,
	type SyncTable
} from '../core/sync';
import type { AppDB } from '../db/app-db';
import { loadRecordChecks } from '../db/record-guard';
import { markRemote, type OutboxRow } from '../db/sync-outbox';
import { blindKey, seal, SealError, unseal, type WorkspaceKeys } from './crypto';

/**
 * The sync engine of one browser, run by one tab at a time. It keeps the workspace as a Y.Doc
 * (stored as Yjs updates in IndexedDB), turns the outbox of local writes into encrypted field
 * updates, writes other devices' changes into the tables, and talks to the Hocuspocus server.
 * Dexie stays the only database the app reads.
 *
 * The document has one map per synced table (see core/sync), each record a map from field name
 * to a sealed value, and `_deleted`, the time each deleted record was deleted, so a device that
 * joins later does not bring it back.
 */

export interface SyncConfig {
	workspace: string;
	deviceId: string;
	deviceName: string;
	token: string;
	secret: string;
	/** The first join's merge is done (a new workspace starts joined). */
	joined: boolean;
	/** The address other devices open Lindy at (in the pairing code). */
	address: string;
}

export type SyncState = 'connecting' | 'syncing' | 'synced' | 'offline' | 'error';

export interface SyncStatus {
	state: SyncState;
	/** Why, for an error; what is left, while syncing. */
	detail?: string;
	/** Records from other devices that could not be stored, with why. */
	skipped?: string;
}

export interface EngineDeps {
	db: AppDB;
	config: SyncConfig;
	keys: WorkspaceKeys;
	/** The WebSocket address of the server's /api/sync. */
	url: string;
	now: () => number;
	report: (status: SyncStatus) => void;
	/** The first join is done: the config is stored with `joined`. */
	joined: () => Promise<void>;
	WebSocket?: typeof WebSocket;
}

const LOCAL = 'lindy-local';
const LOAD = 'lindy-load';
const DELETED = '_deleted';
const OUTBOX_BATCH = 500;
const COMPACT_ON_LOAD = 50;
const COMPACT_EVERY = 500;
/** The longest wait between reconnection attempts (the provider's default grows to 30 s). */
const RETRY_CAP_MS = 4000;

interface SealedChange {
	map: SyncMap;
	key: string;
	set: [string, Uint8Array][];
	removed: string[];
	deleted: boolean;
}

type RecordMap = Y.Map<Y.Map<Uint8Array>>;

export class SyncEngine {
	readonly doc = new Y.Doc();
	readonly #deps: EngineDeps;
	readonly #maps: Record<SyncMap, RecordMap>;
	readonly #deleted: Y.Map<number>;
	#socket?: HocuspocusProviderWebsocket;
	#provider?: HocuspocusProvider;
	/** Work on the tables and the document, one job after another. */
	#queue: Promise<unknown> = Promise.resolve();
	/** Records other devices changed, not yet written to the tables: `map\0key`. */
	#remote = new Set<string>();
	#remoteUpdates: Uint8Array[] = [];
	#storedSinceCompaction = 0;
	#blind = new Map<string, string>();
	#status: SyncStatus = { state: 'connecting' };
	#stopped = false;
	/** The server refused this device's token: nothing will sync until it joins again. */
	#refused = false;
	#pendingOutbox = false;

	constructor(deps: EngineDeps) {
		this.#deps = deps;
		this.#maps = Object.fromEntries(
			SYNC_MAPS.map((name) => [name, this.doc.getMap(name) as RecordMap])
		) as Record<SyncMap, RecordMap>;
		this.#deleted = this.doc.getMap(DELETED);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== LOCAL && origin !== LOAD) this.#remoteUpdates.push(update);
		});
		for (const name of SYNC_MAPS) {
			const map = this.#maps[name];
			map.observeDeep((events, transaction) => {
				if (transaction.origin === LOCAL || transaction.origin === LOAD) return;
				for (const event of events) {
					if (event.target === map)
						for (const key of event.changes.keys.keys()) this.#remote.add(`${name}\u0000${key}`);
					else this.#remote.add(`${name}\u0000${String(event.path[0])}`);
				}
				if (this.#deps.config.joined) this.#enqueue(() => this.#applyRemote());
			});
		}
	}

	/** Loads the stored document, then connects; local writes and remote changes flow from then on. */
	async start(): Promise<void> {
		await this.#enqueue(() => this.#load());
		this.#connect();
		this.#enqueue(() => this.#drainOutbox());
		addEventListener('online', this.#reconnectNow);
	}

	/** Local writes are waiting in the outbox: turn them into updates. */
	outboxChanged(): void {
		if (this.#pendingOutbox || !this.#deps.config.joined) return;
		this.#pendingOutbox = true;
		this.#enqueue(() => {
			this.#pendingOutbox = false;
			return this.#drainOutbox();
		});
	}

	/** Disconnects and forgets the document in memory (the stored copy stays). */
	async stop(): Promise<void> {
		this.#stopped = true;
		removeEventListener('online', this.#reconnectNow);
		this.#provider?.destroy();
		this.#socket?.destroy();
		await this.#queue.catch(() => undefined);
		this.doc.destroy();
	}

	get status(): SyncStatus {
		return this.#status;
	}

	#reconnectNow = () => {
		if (this.#socket && this.#socket.status !== 'connected') void this.#socket.connect();
	};

	/** Why other devices' changes were last skipped; it stays in every status until the engine stops. */
	#skipped: string | undefined;

	#setStatus(status: SyncStatus) {
		if (this.#stopped) return;
		this.#status = this.#skipped ? { ...status, skipped: this.#skipped } : status;
		this.#deps.report(this.#status);
	}

	#enqueue<T>(job: () => Promise<T>): Promise<T> {
		const next = this.#queue.then(job, job);
		this.#queue = next.catch((error: unknown) => {
			if (this.#stopped) return;
			console.error('Lindy sync:', error);
			this.#setStatus({ state: 'error', detail: describe(error) });
		});
		return next;
	}

	async #load() {
		const rows = await this.#deps.db.yUpdates.toArray();
		if (rows.length) {
			Y.applyUpdate(this.doc, merged(rows.map((row) => row.update)), LOAD);
		}
		if (rows.length > COMPACT_ON_LOAD) await this.#compact();
	}

	/** Replaces every stored update by one snapshot of the document. */
	async #compact() {
		const { db } = this.#deps;
		const snapshot = Y.encodeStateAsUpdate(this.doc);
		await db.transaction('rw', db.yUpdates, async () => {
			await db.yUpdates.clear();
			await db.yUpdates.add({ update: snapshot });
		});
		this.#storedSinceCompaction = 0;
	}

	async #stored(count = 1) {
		this.#storedSinceCompaction += count;
		if (this.#storedSinceCompaction >= COMPACT_EVERY) await this.#compact();
	}

	#connect() {
		const { config, url } = this.#deps;
		this.#socket = new HocuspocusProviderWebsocket({
			url,
			maxDelay: RETRY_CAP_MS,
			...(this.#deps.WebSocket ? { WebSocketPolyfill: this.#deps.WebSocket } : {}),
			onStatus: ({ status }) => {
				if (status === 'disconnected')
					this.#setStatus({
						state: navigator.onLine ? 'connecting' : 'offline',
						detail: navigator.onLine ? 'The sync server does not answer.' : undefined
					});
			}
		});
		this.#provider = new HocuspocusProvider({
			websocketProvider: this.#socket,
			name: config.workspace,
			document: this.doc,
			token: config.token,
			onAuthenticationFailed: ({ reason }) => {
				this.#refused = true;
				this.#setStatus({
					state: 'error',
					detail: `${
						reason === 'permission-denied' || !reason
							? 'The server refused this device; it may have been removed from the workspace.'
							: reason
					} To sync again, turn sync off here and join with a new pairing code.`
				});
			},
			onSynced: () => {
				if (!this.#deps.config.joined) this.#enqueue(() => this.#firstJoin());
				else this.#reportProgress();
			},
			onUnsyncedChanges: () => this.#reportProgress()
		});
		this.#provider.attach();
	}

	#reportProgress() {
		const provider = this.#provider;
		if (this.#refused) return;
		if (!provider?.isSynced) {
			this.#setStatus({ state: navigator.onLine ? 'connecting' : 'offline' });
			return;
		}
		const waiting = provider.unsyncedChanges;
		this.#setStatus(
			waiting > 0 ? { state: 'syncing', detail: `${waiting} changes to send` } : { state: 'synced' }
		);
	}

	/** The key a record has in the document: a feed's address is blinded. */
	async #yKey(map: SyncMap, key: string): Promise<string> {
		if (map !== 'feeds') return key;
		let blind = this.#blind.get(key);
		if (!blind) {
			blind = await blindKey(this.#deps.keys, key);
			this.#blind.set(key, blind);
		}
		return blind;
	}

	async #seal(changes: readonly RecordChange[]): Promise<SealedChange[]> {
		const { keys } = this.#deps;
		return Promise.all(
			changes.map(async (change) => {
				const key = await this.#yKey(change.map, change.key);
				const set = await Promise.all(
					Object.entries(change.set).map(
						async ([field, value]) =>
							[field, await seal(keys, `${change.map}/${key}/${field}`, value)] as [
								string,
								Uint8Array
							]
					)
				);
				return { map: change.map, key, set, removed: change.removed, deleted: change.deleted };
			})
		);
	}

	/** Applies sealed local changes to the document and returns the update they made. */
	#applyLocal(changes: readonly SealedChange[]): Uint8Array | undefined {
		const updates: Uint8Array[] = [];
		const capture = (update: Uint8Array, origin: unknown) => {
			if (origin === LOCAL) updates.push(update);
		};
		this.doc.on('update', capture);
		try {
			this.doc.transact(() => {
				for (const change of changes) {
					const map = this.#maps[change.map];
					const id = `${change.map}/${change.key}`;
					if (change.deleted) {
						if (map.has(change.key)) {
							map.delete(change.key);
							this.#deleted.set(id, this.#deps.now());
						}
						continue;
					}
					let record = map.get(change.key);
					if (!record) {
						record = new Y.Map<Uint8Array>();
						map.set(change.key, record);
						if (this.#deleted.has(id)) this.#deleted.delete(id);
					}
					for (const [field, value] of change.set) record.set(field, value);
					for (const field of change.removed) record.delete(field);
				}
			}, LOCAL);
		} finally {
			this.doc.off('update', capture);
		}
		return updates.length ? merged(updates) : undefined;
	}

	async #drainOutbox() {
		const { db } = this.#deps;
		if (!this.#deps.config.joined) return;
		for (;;) {
			const rows = await db.syncOutbox.limit(OUTBOX_BATCH).toArray();
			if (rows.length === 0) return this.#reportProgress();
			if (!this.#refused)
				this.#setStatus({ state: 'syncing', detail: 'Sending this device’s changes…' });
			const sealed = await this.#seal(rows.flatMap((r) => changesOf(r.table, r.before, r.after)));
			await db.transaction('rw', db.yUpdates, db.syncOutbox, async () => {
				const update = this.#applyLocal(sealed);
				if (update) await db.yUpdates.add({ update });
				await db.syncOutbox.bulkDelete(rows.map((r) => r.id!));
			});
			await this.#stored();
			if (rows.length < OUTBOX_BATCH) return this.#reportProgress();
		}
	}

	/** A record of the document, opened; undefined when it is not there. */
	async #open(map: SyncMap, key: string): Promise<Fields | undefined> {
		const record = this.#maps[map].get(key);
		if (!record) return undefined;
		const fields = await Promise.all(
			[...record.entries()].map(
				async ([field, bytes]) =>
					[field, await unseal(this.#deps.keys, `${map}/${key}/${field}`, bytes)] as const
			)
		);
		return Object.fromEntries(fields);
	}

	/** Writes other devices' changes since the last call into the tables, in one transaction. */
	async #applyRemote() {
		const ids = [...this.#remote];
		const updates = this.#remoteUpdates.splice(0);
		this.#remote.clear();
		if (ids.length === 0 && updates.length === 0) return;
		await this.#writeFromDocument(
			ids.map((id) => {
				const cut = id.indexOf('\u0000');
				return { map: id.slice(0, cut) as SyncMap, key: id.slice(cut + 1) };
			}),
			updates
		);
		this.#reportProgress();
	}

	/**
	 * Stores the document's version of the given records in the tables (deleting the ones it no
	 * longer has), together with the updates that brought them. Fields this device changed and has
	 * not synced yet are kept: they are sent next, so both sides end with them. `opened` holds
	 * records already decrypted (`map/key`).
	 */
	async #writeFromDocument(
		records: { map: SyncMap; key: string }[],
		updates: Uint8Array[],
		opened: ReadonlyMap<string, Fields> = new Map()
	) {
		const { db } = this.#deps;
		const checks = await loadRecordChecks();
		const weeks = new Set<string>();
		const skipped: string[] = [];
		const single = records.filter(({ map, key }) => {
			if (map !== 'readingEntries' && map !== 'readingLists') return true;
			weeks.add(map === 'readingLists' ? key : (key.split('/')[0] ?? ''));
			return false;
		});
		const plans = (
			await Promise.all([
				...single.map(async ({ map, key }): Promise<Plan | undefined> => {
					try {
						const fields = opened.get(`${map}/${key}`) ?? (await this.#open(map, key));
						return { table: map as SyncTable, key, fields };
					} catch (error) {
						if (!(error instanceof SealError)) throw error;
						skipped.push(error.message);
						return undefined;
					}
				}),
				...[...weeks].map((week) => this.#listPlan(week))
			])
		).filter((plan): plan is Plan => plan !== undefined);
		const feeds = plans.some((p) => p.table === 'feeds') ? await this.#localFeeds() : undefined;
		const tables = [...SYNC_TABLES.map((t) => db.table(t)), db.yUpdates, db.syncOutbox, db.items];
		await db.transaction('rw', tables, async (tx) => {
			markRemote(tx);
			if (updates.length) await db.yUpdates.add({ update: merged(updates) });
			const pending = await db.syncOutbox.toArray();
			for (const table of SYNC_TABLES) {
				const mine = plans.filter((p) => p.table === table);
				if (mine.length === 0) continue;
				const store = db.table(table) as Table<Record<string, unknown>, string>;
				const keys = mine.map((p) =>
					table === 'feeds' ? feeds?.find(p.key, p.fields) : (p.key as string | undefined)
				);
				const locals = await store.bulkGet(keys.map((k) => k ?? '\u0000'));
				const puts: Record<string, unknown>[] = [];
				const deletes: string[] = [];
				mine.forEach((plan, i) => {
					const local = keys[i] === undefined ? undefined : locals[i];
					if (!plan.fields) {
						if (local) deletes.push(keys[i]!);
						return;
					}
					const row = rowFrom(
						{ table, key: plan.key, record: plan.fields, entries: plan.entries },
						local
					);
					if (!row) return;
					keepPending(row, table, pending);
					if (local && sameValue(local, row)) return;
					const problem = checks.recordProblem(table, row);
					if (problem) skipped.push(problem);
					else puts.push(row);
				});
				if (deletes.length) await store.bulkDelete(deletes);
				if (table === 'feeds' && deletes.length)
					await db.items.where('feedId').anyOf(deletes).delete();
				if (puts.length) await store.bulkPut(puts);
			}
		});
		if (updates.length) await this.#stored();
		if (skipped.length) {
			this.#skipped = `${skipped.length} change${skipped.length === 1 ? '' : 's'} from other devices could not be stored: ${skipped[0]}`;
			this.#setStatus(this.#status);
		}
	}

	async #listPlan(week: string): Promise<Plan> {
		const list = await this.#open('readingLists', week);
		if (!list) return { table: 'readingLists', key: week, fields: undefined };
		const prefix = `${week}/`;
		const entries = await Promise.all(
			[...this.#maps.readingEntries.keys()]
				.filter((key) => key.startsWith(prefix))
				.map((key) => this.#open('readingEntries', key))
		);
		return {
			table: 'readingLists',
			key: week,
			fields: list,
			entries: entries.filter((e): e is Fields => e !== undefined)
		};
	}

	/**
	 * This device's feeds by their synced key (blinded) and by address, read before a
	 * transaction (blinding is WebCrypto, which would end an IndexedDB transaction).
	 */
	async #localFeeds() {
		const feeds = await this.#deps.db.feeds.toArray();
		const byBlind = new Map<string, string>();
		const byAddress = new Map<string, string>();
		for (const feed of feeds) {
			const key = feedSyncKey(feed.url);
			byBlind.set(await this.#yKey('feeds', key), feed.id);
			byAddress.set(key, feed.id);
		}
		return {
			/** The local feed a record stands for: the same address, else the same key. */
			find: (key: string, fields?: Fields) =>
				(fields && byAddress.get(feedSyncKey(String(fields.url)))) ?? byBlind.get(key)
		};
	}

	/**
	 * The first join of a device, data or not: what the workspace lacks is added, what it deleted
	 * stays deleted, and for a record both have, the newer change wins field by field.
	 */
	async #firstJoin() {
		const { db } = this.#deps;
		this.#setStatus({ state: 'syncing', detail: 'Merging this device with the workspace…' });
		// Everything the document holds now is read below; only what arrives meanwhile is news.
		this.#remote.clear();
		const local: SyncRecord[] = [];
		for (const table of SYNC_TABLES) {
			const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
			for (const row of rows)
				for (const record of recordsOf(table, row))
					local.push({ ...record, key: await this.#yKey(record.map, record.key) });
		}
		const remote = new Map<string, Fields>();
		await Promise.all(
			SYNC_MAPS.flatMap((map) =>
				[...this.#maps[map].keys()].map(async (key) => {
					const fields = await this.#open(map, key);
					if (fields) remote.set(`${map}/${key}`, fields);
				})
			)
		);
		const plan = planFirstJoin(local, remote, new Set(this.#deleted.keys()));
		const sealed = await this.#seal(plan.push);
		await db.transaction('rw', db.yUpdates, async () => {
			const update = this.#applyLocal(sealed);
			if (update) await db.yUpdates.add({ update });
		});
		await this.#writeFromDocument(
			[...plan.pull, ...plan.drop],
			this.#remoteUpdates.splice(0),
			remote
		);
		await this.#deps.joined();
		await this.#applyRemote();
		await this.#drainOutbox();
		this.#reportProgress();
	}
}

/** Updates as one; a single one as it is (a fresh device's first is the whole workspace). */
function merged(updates: Uint8Array[]): Uint8Array {
	return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

/**
 * Puts back into a row the fields this device changed and has not synced yet: they are sent
 * next, so every device ends with them (a reading list's entries are matched by item).
 */
function keepPending(
	row: Record<string, unknown>,
	table: SyncTable,
	pending: readonly OutboxRow[]
) {
	const key = String(row[PRIMARY_KEY[table]]);
	const entries = (row.entries ?? []) as Record<string, unknown>[];
	for (const p of pending) {
		if (p.table !== table || p.key !== key) continue;
		for (const change of changesOf(p.table, p.before, p.after)) {
			if (change.deleted) continue;
			let target: Record<string, unknown> | undefined = row;
			if (change.map === 'readingEntries') {
				const itemId = change.key.slice(change.key.indexOf('/') + 1);
				target = entries.find((entry) => entry.itemId === itemId);
				const { week: _week, pos: _pos, ...set } = change.set;
				if (target) Object.assign(target, set);
			} else Object.assign(target, change.set);
			for (const field of change.removed) if (target) delete target[field];
		}
	}
}

interface Plan {
	table: SyncTable;
	key: string;
	/** The record's fields; undefined when the document no longer has it. */
	fields: Fields | undefined;
	entries?: Fields[];
}

function describe(error: unknown): string {
	if (error instanceof Error && error.name === 'QuotaExceededError')
		return 'This device’s storage is full: sync cannot store changes.';
	return error instanceof Error ? error.message : String(error);
}
