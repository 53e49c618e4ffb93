import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { recordProblem, RECORDS, type RecordTable } from '../core/records';

/** A write the record schema refused; nothing of the transaction was saved. */
export class InvalidRecordError extends Error {
	override name = 'InvalidRecordError';
}

const isRecordTable = (name: string): name is RecordTable => name in RECORDS;

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
			if (!isRecordTable(name)) return table;
			return {
				...table,
				mutate(req: DBCoreMutateRequest) {
					if (
						(req.type === 'add' || req.type === 'put') &&
						(req.trans as unknown as IDBTransaction).mode !== 'versionchange'
					) {
						for (const value of req.values) {
							const problem = recordProblem(name, value);
							if (problem)
								return Promise.reject(
									new InvalidRecordError(`Lindy did not save this: ${problem}.`)
								);
						}
					}
					return table.mutate(req);
				}
			};
		}
	})
};
