import { liveQuery, type Subscription } from 'dexie';
import { pairingLink, parsePairing, syncAddressProblem } from '../core/pairing';
import { SYNC_TABLES, type SyncTable } from '../core/sync';
import type { AppDB } from '../db/app-db';
import { SYNC_ON_KEY, type OutboxRow } from '../db/sync-outbox';
import type { Device } from '../sync/api';
import type { SyncConfig, SyncEngine, SyncStatus } from '../sync/engine';

/**
 * Sync as the app sees it: on or off, its status for the header, and what Settings → Sync does
 * (turn on, pair, join, list and remove devices, turn off). The engine and Yjs load only when
 * sync is on. One tab per browser runs the engine (a Web Lock); the others hear its status on a
 * BroadcastChannel and write through the outbox like any tab.
 */

export interface SyncDeps {
	db: AppDB;
	now: () => number;
	/** Takes the automatic copy of everything before a device first joins a workspace. */
	copyBeforeJoin: () => Promise<void>;
	/** The app's origin: the sync server is the server Lindy was opened from. */
	origin: string;
	/** This device has joined a workspace: the board shows, not the first-run screen. */
	joined: () => Promise<void>;
}

const CONFIG_KEY = 'config';
const LOCK = 'lindy-sync';
type Message = { kind: 'status'; status: SyncStatus } | { kind: 'ask' };

/** A name for this device that a person recognises in the device list. */
export function deviceLabel(userAgent = navigator.userAgent): string {
	const os = /Android/.test(userAgent)
		? 'Android'
		: /iPhone|iPad/.test(userAgent)
			? 'iOS'
			: /Mac OS X/.test(userAgent)
				? 'Mac'
				: /Windows/.test(userAgent)
					? 'Windows'
					: /Linux|CrOS/.test(userAgent)
						? 'Linux'
						: 'this device';
	const browser = /Firefox\//.test(userAgent)
		? 'Firefox'
		: /Edg\//.test(userAgent)
			? 'Edge'
			: /Chrom(e|ium)\//.test(userAgent)
				? 'Chrome'
				: /Safari\//.test(userAgent)
					? 'Safari'
					: 'Browser';
	return `${browser} on ${os}`;
}

export class Sync {
	/** This device's sync settings; undefined while sync is off. */
	config = $state<SyncConfig | undefined>();
	/** What the engine last reported (from whichever tab runs it). */
	status = $state<SyncStatus | undefined>();
	devices = $state<Device[]>([]);
	/** The pairing link being shown, if any. */
	pairing = $state<string | undefined>();
	/** Whether this device has read its sync settings yet. */
	loaded = $state(false);
	readonly #deps: SyncDeps;
	readonly #channel?: BroadcastChannel;
	#engine?: SyncEngine;
	#following = false;
	#outbox?: Subscription;
	#release?: () => void;

	constructor(deps: SyncDeps) {
		this.#deps = deps;
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(LOCK);
			this.#channel.onmessage = (event: MessageEvent<Message>) => this.#heard(event.data);
		}
	}

	get on(): boolean {
		return this.config !== undefined;
	}

	/**
	 * Follows this device's sync settings (turned on or off here, in another tab, or by deleting
	 * everything) and, while sync is on, runs the engine or follows the tab that does.
	 */
	start(): void {
		if (this.#following) return;
		this.#following = true;
		liveQuery(() => this.#deps.db.syncMeta.get(CONFIG_KEY)).subscribe({
			next: (row) => void this.#follow(row?.value as SyncConfig | undefined),
			error: (error: unknown) => (this.status = { state: 'error', detail: String(error) })
		});
	}

	async #follow(config: SyncConfig | undefined) {
		const same =
			config !== undefined &&
			this.config?.workspace === config.workspace &&
			this.config.deviceId === config.deviceId;
		this.loaded = true;
		if (same) return;
		await this.#stopEngine();
		this.config = config;
		this.status = config ? { state: 'connecting' } : undefined;
		if (!config) this.pairing = undefined;
		else {
			this.#lead();
			this.#send({ kind: 'ask' });
		}
	}

	/**
	 * Creates a workspace on this server with this device in it. Everything already here is
	 * queued for the workspace in the same transaction that turns sync on, so no write is missed.
	 */
	async turnOn(deviceName: string, address: string): Promise<void> {
		const problem = syncAddressProblem(address);
		if (problem) throw new Error(problem);
		const [{ syncApi }, { newWorkspaceSecret }] = await Promise.all([
			import('../sync/api'),
			import('../sync/crypto')
		]);
		const made = await syncApi.create(deviceName.trim());
		const config: SyncConfig = {
			workspace: made.workspace,
			deviceId: made.device.id,
			deviceName: made.device.name,
			token: made.token,
			secret: newWorkspaceSecret(),
			joined: true,
			address: new URL(address).origin
		};
		const { db } = this.#deps;
		await db.transaction('rw', [db.syncMeta, db.syncOutbox, ...this.#tables()], async () => {
			await db.syncMeta.bulkPut([
				{ key: CONFIG_KEY, value: config },
				{ key: SYNC_ON_KEY, value: true }
			]);
			const rows: OutboxRow[] = [];
			for (const table of SYNC_TABLES) {
				const all = (await db.table(table).toArray()) as Record<string, unknown>[];
				const keyField = db.table(table).schema.primKey.keyPath as string;
				for (const row of all) rows.push({ table, key: String(row[keyField]), after: row });
			}
			await db.syncOutbox.bulkAdd(rows);
		});
		this.pairing = pairingLink({ ...config, invite: made.invite });
	}

	/** Joins the workspace of a pairing code, after taking a copy of everything here. */
	async join(code: string, deviceName: string): Promise<void> {
		const parsed = parsePairing(code);
		if (!parsed.ok) throw new Error(parsed.message);
		const { pairing } = parsed;
		const origin = this.#deps.origin;
		if (pairing.address && pairing.address !== origin)
			throw new Error(
				`This code is for Lindy at ${pairing.address}. Open the link itself on this device to join there.`
			);
		// The engine is fetched meanwhile: it starts as soon as this device has joined.
		void import('../sync/engine').catch(() => undefined);
		const [{ syncApi }, { workspaceKeys }] = await Promise.all([
			import('../sync/api'),
			import('../sync/crypto')
		]);
		await workspaceKeys(pairing.secret);
		await this.#deps.copyBeforeJoin();
		const joined = await syncApi.join(pairing.workspace, pairing.invite, deviceName.trim());
		const config: SyncConfig = {
			workspace: joined.workspace,
			deviceId: joined.device.id,
			deviceName: joined.device.name,
			token: joined.token,
			secret: pairing.secret,
			joined: false,
			address: pairing.address || origin
		};
		await this.#deps.db.syncMeta.bulkPut([
			{ key: CONFIG_KEY, value: config },
			{ key: SYNC_ON_KEY, value: true }
		]);
		await this.#deps.joined();
	}

	/** Shows a new pairing link; the one shown before stops working. */
	async showPairing(): Promise<void> {
		const config = this.#need();
		const { syncApi } = await import('../sync/api');
		const invite = await syncApi.newInvite(config.workspace, config.token);
		this.pairing = pairingLink({ ...config, invite });
	}

	async loadDevices(): Promise<void> {
		const config = this.#need();
		const { syncApi } = await import('../sync/api');
		this.devices = await syncApi.devices(config.workspace, config.token);
	}

	/** Removes a device: it can no longer sync, and any pairing link shown before stops working. */
	async remove(deviceId: string): Promise<void> {
		const config = this.#need();
		const { syncApi } = await import('../sync/api');
		const { devices, invite } = await syncApi.remove(config.workspace, config.token, deviceId);
		this.devices = devices;
		if (this.pairing) this.pairing = pairingLink({ ...config, invite });
	}

	/** Stops syncing on this device. Its data stays; the workspace and other devices go on. */
	async turnOff(): Promise<void> {
		await this.#stopEngine();
		const { db } = this.#deps;
		await db.transaction('rw', db.syncMeta, db.syncOutbox, db.yUpdates, async () => {
			await db.syncMeta.clear();
			await db.syncOutbox.clear();
			await db.yUpdates.clear();
		});
	}

	#need(): SyncConfig {
		if (!this.config) throw new Error('Sync is off on this device.');
		return this.config;
	}

	#tables() {
		return SYNC_TABLES.map((t: SyncTable) => this.#deps.db.table(t));
	}

	#send(message: Message) {
		this.#channel?.postMessage(message);
	}

	#heard(message: Message) {
		if (message.kind === 'status') this.status = message.status;
		else if (message.kind === 'ask' && this.#engine) this.#report(this.#engine.status);
	}

	#report(status: SyncStatus) {
		this.status = status;
		this.#send({ kind: 'status', status });
	}

	/** Runs the engine in this tab once no other tab does. */
	#lead() {
		if (this.#release !== undefined || !navigator.locks) {
			if (!navigator.locks && !this.#engine) void this.#run();
			return;
		}
		this.#release = () => undefined;
		void navigator.locks.request(
			LOCK,
			() =>
				new Promise<void>((release) => {
					this.#release = release;
					if (!this.config) release();
					else void this.#run();
				})
		);
	}

	async #run() {
		const config = this.config;
		if (!config) return;
		const [{ SyncEngine }, { workspaceKeys }] = await Promise.all([
			import('../sync/engine'),
			import('../sync/crypto')
		]);
		const { db, now, origin } = this.#deps;
		const engine = new SyncEngine({
			db,
			config,
			keys: await workspaceKeys(config.secret),
			url: `${origin.replace(/^http/, 'ws')}/api/sync`,
			now,
			report: (status) => this.#report(status),
			joined: async () => {
				config.joined = true;
				await db.syncMeta.put({ key: CONFIG_KEY, value: $state.snapshot(config) });
			}
		});
		this.#engine = engine;
		await engine.start();
		this.#outbox = liveQuery(() => db.syncOutbox.count()).subscribe((count) => {
			if (count > 0) engine.outboxChanged();
		});
	}

	async #stopEngine() {
		this.#outbox?.unsubscribe();
		this.#outbox = undefined;
		const engine = this.#engine;
		this.#engine = undefined;
		await engine?.stop();
		this.#release?.();
		this.#release = undefined;
	}
}
