import { afterFailure, afterSuccess, refreshDecision } from '../core/feed-politeness';
import type { Feed } from '../core/feed';
import { DAY_MS, WEEK_MS } from '../core/local-date';
import type { FeedRepo } from '../db/feed-repo';
import type { Settings } from '../db/settings-repo';
import { fetchFeed } from '../feeds/fetch-feed';
import { parseFeed } from '../feeds/parser-client';
import { inOneTab } from './one-tab';
import { describeError } from './toasts.svelte';

export type FeedStatus =
	| { state: 'waiting' }
	| { state: 'fetching' }
	| { state: 'ok'; message: string }
	| { state: 'skipped'; message: string }
	| { state: 'error'; message: string };

export interface RefreshProgress {
	running: boolean;
	done: number;
	total: number;
	statuses: Record<string, FeedStatus>;
	/** A sentence about the run as a whole (offline, finished, …). */
	summary: string;
}

const REFRESH_CONCURRENCY = 3;

export interface FeedRefreshDeps {
	repo: Pick<FeedRepo, 'feeds' | 'updateFeed' | 'saveItems' | 'pruneItems'>;
	clock: { readonly now: number };
	settings: () => Pick<Settings, 'feedsChosen' | 'lastRefreshAt' | 'retentionWeeks'>;
	/** A refresh of every feed ended at this instant (the daily refresh counts from it). */
	refreshed: (at: number) => Promise<void>;
}

/**
 * Fetching feeds: a few at a time, each politely (validators, Retry-After, back-off), with the
 * progress the Feeds tab shows; old items are pruned after each run. The daily refresh runs in one
 * tab.
 */
export class FeedRefresh {
	readonly #deps: FeedRefreshDeps;
	progress = $state<RefreshProgress>({
		running: false,
		done: 0,
		total: 0,
		statuses: {},
		summary: ''
	});

	constructor(deps: FeedRefreshDeps) {
		this.#deps = deps;
	}

	/** Refreshes every feed that may be fetched now; one failure never stops the others. */
	async refreshAll(): Promise<void> {
		await this.refreshFeeds(await this.#deps.repo.feeds(), true);
	}

	/** Feeds added while a refresh was running; fetched as soon as it ends. */
	#queued: Feed[] = [];

	async refreshFeeds(feeds: readonly Feed[], all = false): Promise<void> {
		if (this.progress.running) {
			this.#queued.push(...feeds);
			return;
		}
		if (!navigator.onLine) {
			this.progress = {
				...this.progress,
				summary:
					'You are offline. Feeds will refresh when you are back online; everything already fetched is here.'
			};
			return;
		}
		const now = this.#deps.clock.now;
		const statuses: Record<string, FeedStatus> = {};
		const due: Feed[] = [];
		for (const feed of feeds) {
			const decision = refreshDecision(feed, now);
			if (decision.fetch) {
				statuses[feed.id] = { state: 'waiting' };
				due.push(feed);
			} else {
				statuses[feed.id] = { state: 'skipped', message: decision.reason };
			}
		}
		this.progress = { running: true, done: 0, total: due.length, statuses, summary: '' };
		const queue = [...due];
		const worker = async () => {
			for (let feed = queue.shift(); feed; feed = queue.shift()) {
				this.progress.statuses[feed.id] = { state: 'fetching' };
				this.progress.statuses[feed.id] = await this.#refreshOne(feed);
				this.progress.done++;
			}
		};
		await Promise.all(Array.from({ length: REFRESH_CONCURRENCY }, worker));
		const failed = Object.values(this.progress.statuses).filter((s) => s.state === 'error').length;
		this.progress.running = false;
		this.progress.summary =
			due.length === 0
				? 'Nothing to refresh right now.'
				: `Refreshed ${due.length - failed} of ${due.length} feeds${failed ? `; ${failed} failed` : ''}.`;
		if (all) await this.#deps.refreshed(this.#deps.clock.now);
		await this.#deps.repo.pruneItems(
			this.#deps.clock.now - this.#deps.settings().retentionWeeks * WEEK_MS
		);
		const queued = this.#queued.splice(0);
		if (queued.length > 0) await this.refreshFeeds(queued);
	}

	async #refreshOne(feed: Feed): Promise<FeedStatus> {
		const now = this.#deps.clock.now;
		const outcome = await fetchFeed(feed, now);
		const failed = async (message: string, parse: boolean, retryAt?: number) => {
			await this.#deps.repo.updateFeed(
				feed.id,
				afterFailure(feed, { message, parse, retryAt }, now)
			);
			return { state: 'error', message } as const;
		};
		if (outcome.kind === 'not-modified') {
			await this.#deps.repo.updateFeed(feed.id, {
				lastFetchedAt: now,
				lastSuccessAt: now,
				consecutiveFailures: 0
			});
			return { state: 'ok', message: 'No new items' };
		}
		if (outcome.kind === 'rate-limited') {
			// A 429 speaks for the whole host: every feed on it waits.
			const host = new URL(feed.url).host;
			for (const other of await this.#deps.repo.feeds()) {
				if (/^https?:/.test(other.url) && new URL(other.url).host === host) {
					await this.#deps.repo.updateFeed(other.id, { retryAfter: outcome.retryAt });
				}
			}
			await this.#deps.repo.updateFeed(feed.id, { lastFetchedAt: now });
			return { state: 'skipped', message: 'The server asked Lindy to slow down; it will wait.' };
		}
		if (outcome.kind === 'error') {
			return failed(outcome.message, outcome.code === 'not_a_feed', outcome.retryAt);
		}
		try {
			const parsed = await parseFeed(outcome.xml, feed.id, outcome.finalUrl, now);
			const saved = await this.#deps.repo.saveItems(parsed.items);
			const changes: Partial<Feed> = afterSuccess(now);
			if (outcome.etag) changes.etag = outcome.etag;
			if (outcome.lastModified) changes.lastModified = outcome.lastModified;
			if (parsed.title && (feed.title === new URL(feed.url).hostname || !feed.title))
				changes.title = parsed.title;
			await this.#deps.repo.updateFeed(feed.id, changes);
			return { state: 'ok', message: saved.added ? `${saved.added} new` : 'No new items' };
		} catch (error) {
			return failed(describeError(error), true);
		}
	}

	/** Runs the daily refresh in one tab only, when it is due. */
	async autoRefresh(): Promise<void> {
		const settings = this.#deps.settings();
		if (!settings.feedsChosen || this.#deps.clock.now - settings.lastRefreshAt < DAY_MS) return;
		await inOneTab('lindy-feed-refresh', () => this.refreshAll());
	}
}
