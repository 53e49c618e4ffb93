import Dexie, {
	type DBCore,
	type DBCoreMutateRequest,
	type DBCoreMutateResponse,
	type DBCoreTable,
	type Middleware
} from 'dexie';
import type { RecordTable } from '../core/records';

/** A write the record schema refused; nothing of the transaction was saved. */
export class InvalidRecordError extends Error {
	override name = 'InvalidRecordError';
}

type Checks = typeof import('./record-checks');

let checks: Checks | undefined;
let loading: Promise<Checks> | undefined;

/**
 * Loads the record schemas (valibot and one schema per table). They are not needed to show the
 * board, so they load after it; the app starts this once it has rendered.
 */
export function loadRecordChecks(): Promise<Checks> {
	loading ??= import('./record-checks').then((mod) => (checks = mod));
	return loading;
}

/** Whether the schemas have loaded (a write then is checked at once rather than after waiting). */
export function checksAreLoaded(): boolean {
	return checks !== undefined;
}

/** The tables the guard checks: every table of `RECORDS`. */
export const RECORD_TABLES: readonly string[] = [
	'tasks',
	'settings',
	'feeds',
	'items',
	'itemContents',
	'readingLists',
	'runs',
	'runTemplates',
	'focusSessions',
	'dayPlans',
	'planTemplates'
] satisfies RecordTable[];

function checked(
	checks: Checks,
	name: RecordTable,
	table: DBCoreTable,
	req: DBCoreMutateRequest
): Promise<DBCoreMutateResponse> {
	if (req.type === 'add' || req.type === 'put') {
		for (const value of req.values) {
			const problem = checks.recordProblem(name, value);
			if (problem)
				return Promise.reject(new InvalidRecordError(`Lindy did not save this: ${problem}.`));
		}
	}
	return table.mutate(req);
}

/**
 * A write that comes before the schemas have loaded (the first moments after start) waits for
 * them, its transaction kept alive by `Dexie.waitFor`, then is checked like any other.
 */
function whenChecksLoad(
	name: RecordTable,
	table: DBCoreTable,
	req: DBCoreMutateRequest
): Promise<DBCoreMutateResponse> {
	return Dexie.waitFor(loadRecordChecks()).then((loaded) => checked(loaded, name, table, req));
}

/**
 * Checks every row written to a stored table against the one record definition, so that nothing
 * Lindy stores can later fail its own export, daily copy or import. Schema upgrades are exempt:
 * they fit rows instead (see AppDB), and must never stop the database from opening.
 */
export const recordGuard: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'recordGuard',
	create: (down) => ({
		...down,
		table(name) {
			const table = down.table(name);
			if (!RECORD_TABLES.includes(name)) return table;
			const tableName = name as RecordTable;
			return {
				...table,
				mutate(req: DBCoreMutateRequest) {
					if (
						(req.type !== 'add' && req.type !== 'put') ||
						(req.trans as unknown as IDBTransaction).mode === 'versionchange'
					)
						return table.mutate(req);
					return checks
						? checked(checks, tableName, table, req)
						: whenChecksLoad(tableName, table, req);
				}
			};
		}
	})
};
