import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB, DB_VERSION } from './app-db';
import { RECORD_TABLES } from './record-guard';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	backupSchema,
	describeIssue,
	v
} from './backup-schema';

/** A database as a released version wrote it: that version's stores and some records. */
interface Fixture {
	version: number;
	stores: Record<string, string>;
	data: Record<string, unknown[]>;
}

// process.cwd(): under happy-dom, import.meta.url is not a file: URL.
const dir = join(process.cwd(), 'tests/fixtures/db');
const fixtures: Fixture[] = readdirSync(dir)
	.filter((f) => /^v\d+\.json$/.test(f))
	.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture)
	.sort((a, b) => a.version - b.version);

const names: string[] = [];
afterEach(async () => {
	for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Writes a fixture into a fresh database with exactly that version's schema. */
async function writeOld(fixture: Fixture): Promise<string> {
	const name = `history-v${fixture.version}-${crypto.randomUUID()}`;
	names.push(name);
	const old = new Dexie(name);
	old.version(fixture.version).stores(fixture.stores);
	await old.open();
	for (const [table, rows] of Object.entries(fixture.data)) await old.table(table).bulkAdd(rows);
	old.close();
	return name;
}

/** The tables a backup holds: sync's outbox, updates and device state stay on the device. */
const recordsOnly = (data: Record<string, unknown[]>) =>
	Object.fromEntries(Object.entries(data).filter(([table]) => RECORD_TABLES.includes(table)));

const indexesOf = (spec: string) =>
	spec
		.split(',')
		.map((s) => s.trim().replace(/^[&*+]+/, ''))
		.filter((s) => s !== '');

describe('schema history', () => {
	it('keeps a fixture database for every released schema version', () => {
		expect(fixtures.map((f) => f.version)).toEqual(
			Array.from({ length: DB_VERSION }, (_, i) => i + 1)
		);
	});

	it.each(fixtures.map((f) => [f.version, f] as const))(
		'opens a database written by version %i and reads every record back',
		async (_version, fixture) => {
			const db = new AppDB(await writeOld(fixture));
			await db.open();
			for (const [table, rows] of Object.entries(fixture.data)) {
				expect(await db.table(table).toArray(), table).toEqual(rows);
			}
			db.close();
		}
	);

	it.each(fixtures.map((f) => [f.version, f] as const))(
		'still understands every field that version %i wrote (nothing removed or renamed)',
		(_version, fixture) => {
			const empty = {
				tasks: [],
				feeds: [],
				items: [],
				itemContents: [],
				readingLists: [],
				settings: []
			};
			const result = v.safeParse(backupSchema, {
				format: BACKUP_FORMAT,
				formatVersion: BACKUP_FORMAT_VERSION,
				appVersion: 'fixture',
				exportedAt: '2026-11-20T09:00:00.000Z',
				data: { ...empty, ...recordsOnly(fixture.data) }
			});
			expect(result.success ? 'ok' : describeIssue(result.issues)).toBe('ok');
		}
	);

	it.each(fixtures.map((f) => [f.version, f] as const))(
		'keeps every table and index of version %i (changes are additive)',
		async (_version, fixture) => {
			const db = new AppDB(`schema-${crypto.randomUUID()}`);
			names.push(db.name);
			await db.open();
			for (const [table, spec] of Object.entries(fixture.stores)) {
				const schema = db.tables.find((t) => t.name === table)?.schema;
				expect(schema, `table ${table}`).toBeDefined();
				const [primary, ...indexes] = indexesOf(spec);
				expect(schema!.primKey.name, `${table} primary key`).toBe(primary);
				const current = schema!.indexes.map((i) => i.name);
				for (const index of indexes) expect(current, `${table}.${index}`).toContain(index);
			}
			db.close();
		}
	);
});
