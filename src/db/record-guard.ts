import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { LIMITS } from '../core/limits';
import {
	fitFeed,
	fitHtml,
	fitItem,
	fitTask,
	recordProblem,
	RECORDS,
	type RecordTable
} from '../core/records';
import type { Transaction } from 'dexie';

/** A write the record schema refused; nothing of the transaction was saved. */
export class InvalidRecordError extends Error {
	override name = 'InvalidRecordError';
}

const isRecordTable = (name: string): name is RecordTable => name in RECORDS;

/**
 * Checks every row written to a stored table against the one record definition, so that nothing
 * Lindy stores can later fail its own export, daily copy or import. Schema upgrades are exempt:
 * they run the repairs below instead, and must never stop the database from opening.
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

/** Version 3: rows an older Lindy stored past today's limits are shortened, keeping the text. */
export async function fitStoredRecords(tx: Transaction): Promise<void> {
	const cut = new Set<string>();
	const fitAll = <T>(table: string, fit: (row: T) => T) =>
		tx
			.table(table)
			.toCollection()
			.modify((row: T, ref: { value: T }) => {
				const fitted = fit(row);
				if (fitted !== row) ref.value = fitted;
			});
	await fitAll('tasks', fitTask);
	await fitAll('feeds', fitFeed);
	await tx
		.table('itemContents')
		.filter((row: { html: string }) => row.html.length > LIMITS.itemHtml)
		.modify((row, ref) => {
			cut.add(row.id);
			ref.value = { ...row, html: fitHtml(row.html).html };
		});
	await tx
		.table('items')
		.toCollection()
		.modify((item, ref) => {
			const fitted = fitItem(item);
			if (cut.has(item.id)) ref.value = { ...fitted, truncated: true };
			else if (fitted !== item) ref.value = fitted;
		});
}
