// Imported by the generated service worker. The app's hashed files (/assets/, never changed once
// built) are answered by the browser straight from the precache, without running this worker for
// each: opening the installed app then waits on no worker start-up or fetch handler per file.
// Anything the caches lack falls back to the network; browsers without static routing use the
// fetch handler as before.
self.addEventListener('install', (event) => {
	if (!('addRoutes' in event)) return;
	event.waitUntil(
		event.addRoutes({ condition: { urlPattern: { pathname: '/assets/*' } }, source: 'cache' })
	);
});
