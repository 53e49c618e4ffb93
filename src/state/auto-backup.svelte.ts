import {
	SnapshotDB,
	latestSnapshot,
	restoreSnapshot,
	takeSnapshot,
	type SnapshotRow
} from '../db/snapshots';
import type { App } from './app.svelte';
import { describeError } from './toasts.svelte';

const DAY = 86_400_000;
const CHECK_EVERY = 6 * 3_600_000;

/**
 * The rolling local backup: once a day, when something changed, a copy of everything goes to a
 * second database. On a start that finds the board empty while a copy exists, Lindy offers it back.
 */
export class AutoBackup {
	readonly #app: App;
	readonly #snaps = new SnapshotDB();
	latest = $state.raw<SnapshotRow | undefined>(undefined);
	/** A copy worth offering back, because the main database is empty. */
	offer = $state.raw<SnapshotRow | undefined>(undefined);

	constructor(app: App) {
		this.#app = app;
	}

	async start(): Promise<void> {
		this.latest = await latestSnapshot(this.#snaps);
		const [tasks, feeds] = await Promise.all([
			this.#app.db.tasks.count(),
			this.#app.db.feeds.count()
		]);
		if (tasks + feeds === 0 && this.latest && this.latest.records > 0) this.offer = this.latest;
		await this.runIfDue();
		setInterval(() => void this.runIfDue(), CHECK_EVERY);
	}

	/** Takes the daily copy, in one tab only. */
	async runIfDue(): Promise<void> {
		if (this.offer) return;
		if (this.latest && this.#app.clock.now - this.latest.createdAt < DAY) return;
		const run = async () => {
			try {
				const outcome = await takeSnapshot(this.#app.db, this.#snaps, __APP_VERSION__, Date.now());
				if (outcome === 'saved') this.latest = await latestSnapshot(this.#snaps);
			} catch (error) {
				console.warn('Lindy could not take its daily copy:', error);
			}
		};
		if (navigator.locks) {
			await navigator.locks.request('lindy-snapshot', { ifAvailable: true }, (lock) =>
				lock ? run() : undefined
			);
		} else {
			await run();
		}
	}

	async restore(): Promise<void> {
		const snapshot = this.offer;
		if (!snapshot) return;
		try {
			await restoreSnapshot(this.#app.db, snapshot);
			this.offer = undefined;
			this.#app.toasts.show(
				`Restored the copy from ${new Date(snapshot.createdAt).toLocaleString()}.`
			);
		} catch (error) {
			this.#app.toasts.error(`Could not restore: ${describeError(error)}`);
		}
	}

	dismissOffer() {
		this.offer = undefined;
	}
}
