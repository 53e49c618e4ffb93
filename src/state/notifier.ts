import { oneTabAtATime } from './one-tab';
import type { RunAlert } from '../core/runs';

/** The parts of the Badging API that TypeScript's DOM library may not describe. */
interface BadgeNavigator {
	setAppBadge?: (count?: number) => Promise<void>;
	clearAppBadge?: () => Promise<void>;
}

export interface Notice {
	title: string;
	body: string;
	/** A notification with the same tag replaces the earlier one. */
	tag: string;
	url: string;
	/** The label of the notification's button. */
	action: string;
}

/**
 * System notifications, the app badge and the lock that makes one tab of many deliver each
 * alert. Notifications go through the service worker's registration, so the click can open the
 * run even when its tab is gone.
 */
export const notifier = {
	/** Asks for permission; called at the first launch, never at start-up. */
	async ask(): Promise<NotificationPermission> {
		if (typeof Notification === 'undefined') return 'denied';
		if (Notification.permission !== 'default') return Notification.permission;
		return Notification.requestPermission();
	},

	get permission(): NotificationPermission {
		return typeof Notification === 'undefined' ? 'denied' : Notification.permission;
	},

	/** A run's alert; its click opens the run. */
	show(alert: RunAlert): Promise<boolean> {
		return this.notify({
			title: alert.title,
			body: alert.body,
			tag: `${alert.runId}:${alert.key}`,
			url: `/runs?run=${encodeURIComponent(alert.runId)}`,
			action: 'Open the run'
		});
	},

	/** A notification whose click opens `url` in Lindy. False when notifications are not allowed. */
	async notify(message: Notice): Promise<boolean> {
		if (this.permission !== 'granted') return false;
		const options: NotificationOptions & { actions?: { action: string; title: string }[] } = {
			body: message.body,
			tag: message.tag,
			data: { url: message.url },
			actions: [{ action: 'open', title: message.action }]
		};
		const registration = await activeRegistration();
		if (registration) await registration.showNotification(message.title, options);
		else new Notification(message.title, options);
		return true;
	},

	badge(count: number): void {
		const nav = navigator as BadgeNavigator;
		if (count > 0) void nav.setAppBadge?.(count).catch(() => {});
		else void nav.clearAppBadge?.().catch(() => {});
	},

	/**
	 * Runs `task` while no other tab of Lindy runs its own (Web Locks; alone where unsupported):
	 * every alert, run or focus, is decided and shown under this one lock.
	 */
	exclusive<T>(task: () => Promise<T>): Promise<T> {
		return oneTabAtATime('lindy-alerts', task);
	}
};

export type Notifier = typeof notifier;

/** How long a notification waits for a service worker still installing before going without. */
const WORKER_WAIT_MS = 5000;

/**
 * The service worker's registration once a worker is active. Right after the first visit the
 * worker may not be registered yet, or still be installing (precaching), and cannot show
 * notifications: wait for it a little. Undefined without a service worker.
 */
async function activeRegistration(): Promise<ServiceWorkerRegistration | undefined> {
	if (!navigator.serviceWorker) return undefined;
	const registration = await navigator.serviceWorker.getRegistration();
	if (registration?.active) return registration;
	return Promise.race([
		navigator.serviceWorker.ready,
		new Promise<undefined>((done) => setTimeout(done, WORKER_WAIT_MS))
	]);
}
