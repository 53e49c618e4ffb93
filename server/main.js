// @ts-check
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAppServer } from './app.js';
import { defaultDataDir } from './runs.js';

const root = resolve(process.env.LINDY_ROOT ?? 'dist');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

if (!existsSync(resolve(root, 'index.html'))) {
	console.error(`No built app in ${root}. Run \`npm run build\` first (npm start does both).`);
	process.exit(1);
}

const allowPrivate = process.env.LINDY_ALLOW_PRIVATE_NETWORKS === '1';
if (allowPrivate) {
	console.warn(
		'LINDY_ALLOW_PRIVATE_NETWORKS=1: the feed proxy may fetch from private and local addresses.'
	);
}
const allowedHosts = [
	host,
	...(process.env.LINDY_ALLOWED_HOSTS ?? '')
		.split(',')
		.map((h) => h.trim())
		.filter(Boolean)
];
const dataDir = defaultDataDir();
const server = createAppServer({
	root,
	proxy: { allowPrivate },
	allowedHosts,
	runs: { dataDir, ntfyUrl: process.env.LINDY_NTFY_URL },
	sync: {
		dataDir,
		postgres: process.env.LINDY_SYNC_POSTGRES || undefined,
		redis: process.env.LINDY_SYNC_REDIS || undefined
	}
});
// A shared Postgres is reached before Lindy says it is running, or Lindy says why it cannot.
await server.sync?.ready.catch((/** @type {Error} */ error) => {
	console.error(`Lindy could not open its sync store: ${error.message}`);
	process.exit(1);
});
server.runs?.startNtfy();
void server.runs?.secureFolder();
server.on('error', (error) => {
	console.error(`Lindy could not listen on ${host}:${port}: ${error.message}`);
	process.exit(1);
});
server.listen(port, host, () => {
	const shown = host.includes(':') ? `[${host}]` : host;
	console.log(`Lindy is running at http://${shown}:${port}/`);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		// Browsers hold keep-alive connections and the runs stream open: end them, or close waits.
		server.close(() => process.exit(0));
		server.closeAllConnections();
	});
}
