// @ts-check

/**
 * Writes rows straight into one of Lindy's IndexedDB stores from the page, as another tab, a sync
 * or a seed would, without telling the page's Dexie: the page keeps what it last read until it
 * reads again. Used by the end-to-end tests and the benchmark.
 * @param {import('@playwright/test').Page} page
 * @param {string} store
 * @param {object[]} rows
 */
export async function putRows(page, store, rows) {
	await page.evaluate(
		async ({ store, rows }) => {
			const db = await new Promise((done, fail) => {
				const req = indexedDB.open('lindy');
				req.onsuccess = () => done(req.result);
				req.onerror = () => fail(req.error);
			});
			await new Promise((done, fail) => {
				const tx = /** @type {IDBDatabase} */ (db).transaction(store, 'readwrite');
				for (const row of rows) tx.objectStore(store).put(row);
				tx.oncomplete = () => done(undefined);
				tx.onerror = () => fail(tx.error);
			});
			/** @type {IDBDatabase} */ (db).close();
		},
		{ store, rows }
	);
}

/**
 * Reads every row of one of Lindy's IndexedDB stores from the page, as stored, for tests that wait
 * on something the page saves without showing it.
 * @param {import('@playwright/test').Page} page
 * @param {string} store
 * @returns {Promise<any[]>}
 */
export function getRows(page, store) {
	return page.evaluate(
		(store) =>
			new Promise((done, fail) => {
				const req = indexedDB.open('lindy');
				req.onerror = () => fail(req.error);
				req.onsuccess = () => {
					const db = req.result;
					const all = db.transaction(store).objectStore(store).getAll();
					all.onsuccess = () => {
						db.close();
						done(all.result);
					};
					all.onerror = () => fail(all.error);
				};
			}),
		store
	);
}
