// @ts-check
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Where a sync server keeps its documents, workspaces and devices. One server keeps them in
 * SQLite in its data folder; several servers behind a load balancer share one Postgres
 * (`postgresStore`, docs/SCALING.md). Tokens and invites are stored only as hashes.
 *
 * @typedef {{ id: string, name: string, tokenHash: Buffer, createdAt: number, lastSeenAt: number }} DeviceRow
 * @typedef {{ id: string, workspace: string, name: string, tokenHash: Buffer, at: number }} NewDevice
 * @typedef {object} SyncStore
 * @property {(name: string) => Promise<Uint8Array | null>} fetchDocument
 * @property {(name: string, state: Uint8Array) => Promise<void>} storeDocument
 * @property {() => Promise<number>} countWorkspaces
 * @property {(workspace: { id: string, inviteHash: Buffer, at: number }, device: NewDevice) => Promise<void>} createWorkspace
 *   the workspace and its first device, together or not at all
 * @property {(workspace: string) => Promise<Buffer | undefined>} inviteHash
 * @property {(workspace: string, hash: Buffer) => Promise<void>} setInvite
 * @property {(device: NewDevice) => Promise<void>} addDevice
 * @property {(workspace: string) => Promise<DeviceRow[]>} devices oldest first
 * @property {(device: string, at: number) => Promise<void>} seen
 * @property {(device: string, workspace: string) => Promise<boolean>} removeDevice false when none was
 * @property {() => Promise<void>} close
 */

const TABLES = (/** @type {'BLOB' | 'BYTEA'} */ bytes) => `
	CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data ${bytes} NOT NULL);
	CREATE TABLE IF NOT EXISTS workspaces (
		id TEXT PRIMARY KEY, invite_hash ${bytes} NOT NULL, created_at BIGINT NOT NULL);
	CREATE TABLE IF NOT EXISTS devices (
		id TEXT PRIMARY KEY, workspace TEXT NOT NULL REFERENCES workspaces(id),
		name TEXT NOT NULL, token_hash ${bytes} NOT NULL,
		created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL);
	CREATE INDEX IF NOT EXISTS devices_by_workspace ON devices(workspace);
`;

const STORE_DOCUMENT =
	'INSERT INTO documents (name, data) VALUES ($1, $2) ON CONFLICT(name) DO UPDATE SET data = excluded.data';
const ADD_WORKSPACE = 'INSERT INTO workspaces (id, invite_hash, created_at) VALUES ($1, $2, $3)';
const ADD_DEVICE =
	'INSERT INTO devices (id, workspace, name, token_hash, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)';
const DEVICES =
	'SELECT id, name, token_hash, created_at, last_seen_at FROM devices WHERE workspace = $1 ORDER BY created_at';

/** @param {NewDevice} d */
const deviceValues = (d) => [d.id, d.workspace, d.name, d.tokenHash, d.at, d.at];

/** @param {{ id: string, name: string, token_hash: Buffer, created_at: number | string, last_seen_at: number | string }} row @returns {DeviceRow} */
const deviceRow = (row) => ({
	id: row.id,
	name: row.name,
	tokenHash: row.token_hash,
	createdAt: Number(row.created_at),
	lastSeenAt: Number(row.last_seen_at)
});

/**
 * SQLite in `dataDir/sync.sqlite`: one server's store.
 * @param {string} dataDir
 * @returns {SyncStore}
 */
export function sqliteStore(dataDir) {
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const db = new BetterSqlite3(join(dataDir, 'sync.sqlite'));
	db.pragma('journal_mode = WAL');
	db.exec(TABLES('BLOB'));
	/** The shared SQL names its parameters $1, $2… in order; SQLite takes them as ?. */
	const prepare = (/** @type {string} */ sql) => db.prepare(sql.replace(/\$\d+/g, '?'));
	const q = {
		fetchDoc: prepare('SELECT data FROM documents WHERE name = $1'),
		storeDoc: prepare(STORE_DOCUMENT),
		countWorkspaces: prepare('SELECT count(*) AS n FROM workspaces'),
		addWorkspace: prepare(ADD_WORKSPACE),
		workspace: prepare('SELECT invite_hash FROM workspaces WHERE id = $1'),
		setInvite: prepare('UPDATE workspaces SET invite_hash = $1 WHERE id = $2'),
		addDevice: prepare(ADD_DEVICE),
		devices: prepare(DEVICES),
		seen: prepare('UPDATE devices SET last_seen_at = $1 WHERE id = $2'),
		removeDevice: prepare('DELETE FROM devices WHERE id = $1 AND workspace = $2')
	};
	const create = db.transaction(
		(/** @type {unknown[]} */ workspace, /** @type {unknown[]} */ device) => {
			q.addWorkspace.run(...workspace);
			q.addDevice.run(...device);
		}
	);
	return {
		async fetchDocument(name) {
			const row = /** @type {{ data: Buffer } | undefined} */ (q.fetchDoc.get(name));
			return row ? new Uint8Array(row.data) : null;
		},
		async storeDocument(name, state) {
			if (db.open) q.storeDoc.run(name, state);
		},
		async countWorkspaces() {
			return /** @type {{ n: number }} */ (q.countWorkspaces.get()).n;
		},
		async createWorkspace(workspace, device) {
			create([workspace.id, workspace.inviteHash, workspace.at], deviceValues(device));
		},
		async inviteHash(workspace) {
			return /** @type {{ invite_hash: Buffer } | undefined} */ (q.workspace.get(workspace))
				?.invite_hash;
		},
		async setInvite(workspace, hash) {
			q.setInvite.run(hash, workspace);
		},
		async addDevice(device) {
			q.addDevice.run(...deviceValues(device));
		},
		async devices(workspace) {
			return /** @type {Parameters<typeof deviceRow>[0][]} */ (q.devices.all(workspace)).map(
				deviceRow
			);
		},
		async seen(device, at) {
			q.seen.run(at, device);
		},
		async removeDevice(device, workspace) {
			return q.removeDevice.run(device, workspace).changes > 0;
		},
		async close() {
			db.close();
		}
	};
}

/**
 * Postgres at `connectionString`, shared by every sync server of a deployment. The tables are
 * made on first use, under an advisory lock so two servers starting together do not collide.
 * @param {string} connectionString
 * @returns {Promise<SyncStore>}
 */
export async function postgresStore(connectionString) {
	const { default: pg } = await import('pg');
	const pool = new pg.Pool({ connectionString, max: 10 });
	pool.on('error', (error) => console.error('Lindy sync Postgres error:', error.message));
	/**
	 * @template T
	 * @param {(client: import('pg').PoolClient) => Promise<T>} work
	 */
	async function transaction(work) {
		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	}
	await transaction(async (client) => {
		await client.query("SELECT pg_advisory_xact_lock(hashtext('lindy-sync-schema'))");
		await client.query(TABLES('BYTEA'));
	});
	/** @param {string} sql @param {unknown[]} values */
	const query = (sql, values) => pool.query(sql, values);
	return {
		async fetchDocument(name) {
			const { rows } = await query('SELECT data FROM documents WHERE name = $1', [name]);
			return rows[0] ? new Uint8Array(rows[0].data) : null;
		},
		async storeDocument(name, state) {
			await query(STORE_DOCUMENT, [name, Buffer.from(state)]);
		},
		async countWorkspaces() {
			const { rows } = await query('SELECT count(*) AS n FROM workspaces', []);
			return Number(rows[0].n);
		},
		async createWorkspace(workspace, device) {
			await transaction(async (client) => {
				await client.query(ADD_WORKSPACE, [workspace.id, workspace.inviteHash, workspace.at]);
				await client.query(ADD_DEVICE, deviceValues(device));
			});
		},
		async inviteHash(workspace) {
			const { rows } = await query('SELECT invite_hash FROM workspaces WHERE id = $1', [workspace]);
			return rows[0]?.invite_hash;
		},
		async setInvite(workspace, hash) {
			await query('UPDATE workspaces SET invite_hash = $1 WHERE id = $2', [hash, workspace]);
		},
		async addDevice(device) {
			await query(ADD_DEVICE, deviceValues(device));
		},
		async devices(workspace) {
			return (await query(DEVICES, [workspace])).rows.map(deviceRow);
		},
		async seen(device, at) {
			await query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [at, device]);
		},
		async removeDevice(device, workspace) {
			const { rowCount } = await query('DELETE FROM devices WHERE id = $1 AND workspace = $2', [
				device,
				workspace
			]);
			return (rowCount ?? 0) > 0;
		},
		async close() {
			await pool.end();
		}
	};
}
