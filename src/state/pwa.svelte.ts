import { createContext } from 'svelte';
import { writesSettled } from '../db/pending-writes';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * The service worker's life as the UI sees it: ready for offline use, and a new version waiting.
 * A waiting version only takes over when the user asks, after pending writes have finished.
 */
export class PwaState {
	offlineReady = $state(false);
	updateReady = $state(false);
	updating = $state(false);
	/** The browser offers to install Lindy (beforeinstallprompt): an Install button can show. */
	installable = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | undefined;
	#installPrompt: BeforeInstallPromptEvent | undefined;

	/** Registers the service worker once the page has loaded, off the board's critical path. */
	async start() {
		addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault();
			this.#installPrompt = event as BeforeInstallPromptEvent;
			this.installable = true;
		});
		addEventListener('appinstalled', () => {
			this.#installPrompt = undefined;
			this.installable = false;
		});
		if (!('serviceWorker' in navigator)) return;
		if (document.readyState !== 'complete') {
			await new Promise((done) => addEventListener('load', done, { once: true }));
		}
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			onNeedRefresh: () => (this.updateReady = true),
			onOfflineReady: () => (this.offlineReady = true),
			onRegisteredSW: (_url, registration) => {
				if (!registration) return;
				setInterval(() => void registration.update().catch(() => {}), UPDATE_CHECK_MS);
			}
		});
	}

	/** Shows the browser's install dialog; true when the user installed Lindy. */
	async install(): Promise<boolean> {
		const offer = this.#installPrompt;
		if (!offer) return false;
		this.#installPrompt = undefined;
		this.installable = false;
		await offer.prompt();
		return (await offer.userChoice).outcome === 'accepted';
	}

	async applyUpdate() {
		if (!this.#update) return;
		this.updating = true;
		await writesSettled();
		await this.#update(true);
	}
}

export const [getPwa, setPwa] = createContext<PwaState>();
