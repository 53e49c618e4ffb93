// @ts-check
// Loaded by index.html before the app's code: it reads the open tasks and the settings while the
// app's modules are still loading, so that the board can be drawn from them the moment the app
// starts. The app's own live queries read the same rows again and take over from there; what this
// script read is used only until their first result. See src/db/early-read.ts.
(() => {
	/** @type {Promise<import('../src/db/early-read').EarlyRead | undefined>} */
	const read = new Promise((resolve) => {
		let request;
		try {
			request = indexedDB.open('lindy');
		} catch {
			return resolve(undefined);
		}
		// No database yet: the app creates it, with its schema. Aborting leaves none behind.
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = () => resolve(undefined);
		request.onblocked = () => resolve(undefined);
		request.onsuccess = () => {
			const db = request.result;
			try {
				const tx = db.transaction(['tasks', 'settings'], 'readonly');
				const status = tx.objectStore('tasks').index('status');
				const settings = tx.objectStore('settings').getAll();
				const doing = status.getAll('doing');
				const todo = status.getAll('todo');
				// A transaction answers its requests in order: the last one's answer completes the
				// read (the transaction's own completion comes later, and nothing here needs it).
				todo.onsuccess = () =>
					resolve({
						version: db.version,
						tasks: [...doing.result, ...todo.result],
						settings: settings.result
					});
				tx.onerror = tx.onabort = () => resolve(undefined);
			} catch {
				resolve(undefined);
			}
			// Closes once the reads are done; an upgrade by the app never waits on this connection.
			db.close();
		};
	});
	Object.defineProperty(window, 'lindyEarlyRead', { value: read, configurable: true });
})();
