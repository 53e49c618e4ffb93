// @ts-check
// Reads the open tasks and the settings before the app's modules load: see src/db/early-read.ts.
(() => {
	/** @type {Promise<import('../src/db/early-read').EarlyRead | undefined>} */
	const read = new Promise((resolve) => {
		let request;
		try {
			request = indexedDB.open('lindy');
		} catch {
			return resolve(undefined);
		}
		// No database yet: the app makes it. Aborting leaves none behind.
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = () => resolve(undefined);
		request.onsuccess = () => {
			const db = request.result;
			try {
				const tx = db.transaction(['tasks', 'settings'], 'readonly');
				const status = tx.objectStore('tasks').index('status');
				const settings = tx.objectStore('settings').getAll();
				const doing = status.getAll('doing');
				const todo = status.getAll('todo');
				// Requests are answered in order: the last one's answer completes the read.
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
			// Closes once the reads are done, so an upgrade never waits on it.
			db.close();
		};
	});
	Object.defineProperty(window, 'lindyEarlyRead', { value: read, configurable: true });
})();
