import type { RunAlert } from '../core/runs';

/** The parts of the Badging API that TypeScript's DOM library may not describe. */
interface BadgeNavigator {
	setAppBadge?: (count?: number) => Promise<void>;
	clearAppBadge?: () => Promise<void>;
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

	async show(alert: RunAlert): Promise<boolean> {
		if (this.permission !== 'granted') return false;
		const options: NotificationOptions & { actions?: { action: string; title: string }[] } = {
			body: alert.body,
			tag: `${alert.runId}:${alert.key}`,
			data: { url: `/runs?run=${encodeURIComponent(alert.runId)}` },
			actions: [{ action: 'open', title: 'Open the run' }]
		};
		const registration = await navigator.serviceWorker?.getRegistration();
		if (registration) await registration.showNotification(alert.title, options);
		else new Notification(alert.title, options);
		return true;
	},

	badge(count: number): void {
		const nav = navigator as BadgeNavigator;
		if (count > 0) void nav.setAppBadge?.(count).catch(() => {});
		else void nav.clearAppBadge?.().catch(() => {});
	},

	/** Runs `task` while no other tab of Lindy runs its own (Web Locks; alone where unsupported). */
	exclusive<T>(task: () => Promise<T>): Promise<T> {
		if (!navigator.locks) return task();
		return navigator.locks.request('lindy-run-alerts', task) as Promise<T>;
	}
};

export type Notifier = typeof notifier;
