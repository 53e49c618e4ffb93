import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { createFeedProxy, PROXY_PATHS } from './server/feed-proxy.js';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};
// LINDY_BUILD_LABEL lets the update test build a visibly different second version.
const label = process.env.LINDY_BUILD_LABEL;
const appVersion = label ? `${pkg.version}+${label}` : pkg.version;
const reportDir = process.env.LINDY_REPORT_DIR;
/** One report file per time-zone run of the unit tests. */
const reportName = () => (process.env.TZ ?? 'local').replace(/[^\w-]+/g, '_');

/** The feed proxy inside `npm run dev`, as `npm start` serves it. */
function feedProxyInDev(): Plugin {
	return {
		name: 'lindy-feed-proxy',
		configureServer(server) {
			const handle = createFeedProxy({
				allowPrivate: process.env.LINDY_ALLOW_PRIVATE_NETWORKS === '1'
			});
			server.middlewares.use((req, res, next) => {
				if (PROXY_PATHS.includes((req.url ?? '').split('?')[0] ?? '')) void handle(req, res);
				else next();
			});
		}
	};
}

export default defineConfig({
	define: {
		__APP_VERSION__: JSON.stringify(appVersion)
	},
	build: {
		outDir: process.env.LINDY_OUT_DIR ?? 'dist',
		target: 'es2022',
		// The polyfill cost every browser 0.4 KB before the board; a browser without modulepreload
		// loads the same modules a moment later instead.
		modulePreload: { polyfill: false }
	},
	plugins: [
		svelte({ configFile: false, compilerOptions: { runes: true } }),
		feedProxyInDev(),
		VitePWA({
			registerType: 'prompt',
			injectRegister: false,
			filename: 'sw.js',
			manifestFilename: 'manifest.webmanifest',
			includeAssets: ['favicon.svg', 'robots.txt', 'icons/*.png'],
			manifest: {
				id: '/',
				name: 'Lindy — value-chain board and R&D Friday',
				short_name: 'Lindy',
				description:
					'Plan ML work along the value chain and read a calm weekly digest — offline, in your browser.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#1f5f4a',
				background_color: '#f7f6f2',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				],
				// Sharing a page or text to the installed Lindy opens the capture screen. GET, so it
				// works from the cached app shell offline.
				share_target: {
					action: '/share',
					method: 'GET',
					params: { title: 'title', text: 'text', url: 'url' }
				},
				// Opening a subscription list or a saved feed with the installed Lindy imports it.
				file_handlers: [
					{
						action: '/reading',
						accept: {
							'text/x-opml': ['.opml'],
							'application/rss+xml': ['.rss'],
							'application/atom+xml': ['.atom'],
							'application/xml': ['.xml']
						}
					}
				],
				// For the richer install sheet: the board, wide and narrow.
				screenshots: [
					{
						src: '/screenshots/board-wide.png',
						sizes: '1280x860',
						type: 'image/png',
						form_factor: 'wide',
						label: 'The value-chain board'
					},
					{
						src: '/screenshots/board-narrow.png',
						sizes: '390x844',
						type: 'image/png',
						form_factor: 'narrow',
						label: 'The board on a phone'
					}
				],
				shortcuts: [
					{
						name: 'New task',
						short_name: 'New task',
						url: '/?new',
						icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }]
					},
					{
						name: "This week's reading",
						short_name: 'Reading',
						url: '/reading',
						icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }]
					}
				]
			},
			workbox: {
				globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,txt}'],
				// Only the install sheet shows the screenshots: they are not kept offline.
				globIgnores: ['screenshots/**'],
				navigateFallback: '/index.html',
				navigateFallbackDenylist: [/^\/api\//],
				// A click on a run's notification opens the run; hashed files skip the worker.
				importScripts: ['/sw-notifications.js', '/sw-routes.js'],
				cleanupOutdatedCaches: true,
				// On first install the worker takes the open page at once, so lazy chunks load offline;
				// an update still waits for the user (skipWaiting stays off).
				clientsClaim: true,
				skipWaiting: false
			}
		})
	],
	resolve: {
		// Dexie's modern ES module, not the UMD build its import wrapper re-exports: 1.7 KB less to
		// load before the board. Every import of 'dexie' resolves here, so there is one Dexie.
		alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
		...(process.env.VITEST ? { conditions: ['browser'] } : {})
	},
	worker: { format: 'es' },
	test: {
		reporters: reportDir
			? ['default', ['json', { outputFile: `${reportDir}/vitest-${reportName()}.json` }]]
			: ['default'],
		projects: [
			{
				extends: true,
				test: {
					name: 'core',
					environment: 'node',
					include: [
						'src/core/**/*.test.ts',
						'src/feeds/**/*.test.ts',
						'src/sync/**/*.test.ts',
						'server/**/*.test.ts'
					],
					exclude: ['**/*.dom.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'browser-like',
					environment: 'happy-dom',
					include: [
						'src/db/**/*.test.ts',
						'src/state/**/*.test.ts',
						'src/**/*.svelte.test.ts',
						'src/**/*.dom.test.ts'
					],
					setupFiles: ['tests/setup/fake-indexeddb.ts']
				}
			}
		]
	}
});
