import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTask } from '../core/test-tasks';
import { AppDB } from './app-db';
import { dumpAll } from './backup';
import { SnapshotDB, latestSnapshot, restoreSnapshot, takeSnapshot } from './snapshots';

let db: AppDB;
let snaps: SnapshotDB;
const DAY = 86_400_000;

beforeEach(() => {
	db = new AppDB(`snap-main-${crypto.randomUUID()}`);
	snaps = new SnapshotDB(`snap-${crypto.randomUUID()}`);
});

afterEach(async () => {
	for (const d of [db, snaps]) {
		d.close();
		await Dexie.delete(d.name);
	}
});

describe('automatic snapshots', () => {
	it('keeps a copy when something changed, and only then', async () => {
		await db.tasks.bulkAdd([makeTask(), makeTask()]);
		expect(await takeSnapshot(db, snaps, '0.1.0', 1 * DAY)).toBe('saved');
		expect(await takeSnapshot(db, snaps, '0.1.0', 2 * DAY)).toBe('unchanged');
		await db.tasks.add(makeTask());
		expect(await takeSnapshot(db, snaps, '0.1.0', 3 * DAY)).toBe('saved');
		expect((await latestSnapshot(snaps))?.tasks).toBe(3);
	});

	it('keeps the last two good generations', async () => {
		for (let day = 1; day <= 4; day++) {
			await db.tasks.add(makeTask());
			await takeSnapshot(db, snaps, '0.1.0', day * DAY);
		}
		expect((await snaps.snapshots.toArray()).map((s) => s.createdAt)).toEqual([3 * DAY, 4 * DAY]);
	});

	it('never writes an empty or badly shrunken state over a good copy', async () => {
		expect(await takeSnapshot(db, snaps, '0.1.0', DAY)).toBe('empty');
		await db.tasks.bulkAdd(Array.from({ length: 10 }, () => makeTask()));
		await takeSnapshot(db, snaps, '0.1.0', DAY);
		await db.tasks.clear();
		expect(await takeSnapshot(db, snaps, '0.1.0', 2 * DAY)).toBe('empty');
		await db.tasks.bulkAdd(Array.from({ length: 3 }, () => makeTask()));
		expect(await takeSnapshot(db, snaps, '0.1.0', 3 * DAY)).toBe('degraded');
		expect((await latestSnapshot(snaps))?.tasks).toBe(10);
	});

	it('restores a copy exactly', async () => {
		await db.tasks.bulkAdd([makeTask({ title: 'Keep me', due: '2026-12-01' })]);
		await db.settings.put({ key: 'theme', value: 'dark' });
		await takeSnapshot(db, snaps, '0.1.0', DAY);
		const before = await dumpAll(db);
		await db.tasks.clear();
		await restoreSnapshot(db, (await latestSnapshot(snaps))!);
		expect(await dumpAll(db)).toEqual(before);
	});
});
