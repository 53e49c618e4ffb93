// Imported by the generated service worker: a click on a run's notification opens the run,
// in an open Lindy window when there is one.
self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = new URL(event.notification.data?.url ?? '/runs', self.location.origin).href;
	event.waitUntil(
		self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
			const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
			if (open) return open.navigate(url).then((w) => (w ?? open).focus());
			return self.clients.openWindow(url);
		})
	);
});
