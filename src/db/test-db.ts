import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { AppDB } from './app-db';

// Tests only: a fresh database per test, closed and deleted after it.
const open: AppDB[] = [];
afterEach(async () => {
	for (const db of open.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

/** A new, empty database for this test (deleted when the test ends). */
export function testDb(prefix: string): AppDB {
	const db = new AppDB(`${prefix}-${crypto.randomUUID()}`);
	open.push(db);
	return db;
}
