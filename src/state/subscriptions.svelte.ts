import { DEFAULT_FEEDS, type Feed } from '../core/feed';
import { feedKey, safeLink } from '../core/links';
import type { FeedRepo, RemovedFeed } from '../db/feed-repo';
import { trackWrite } from '../db/pending-writes';
import { discoverFeeds, type DiscoveredFeed } from '../feeds/fetch-feed';
import { exportOpml, parseOpml } from '../feeds/opml';
import { importFeedFile } from '../feeds/parser-client';
import type { Announcer } from './announcer.svelte';
import { download } from './download';
import { LiveQuery } from './live-query.svelte';
import { attempt, describeError, type Toasts } from './toasts.svelte';

/** Item files larger than this are refused before reading them. */
export const MAX_FEED_FILE_BYTES = 8 * 1024 * 1024;

export type AddFeedResult =
	| { kind: 'added'; feed: Feed }
	| { kind: 'error'; message: string }
	/** The site offers several feeds: the user picks one, which is then added without looking again. */
	| { kind: 'choose'; feeds: DiscoveredFeed[] };

export interface SubscriptionsDeps {
	repo: Pick<
		FeedRepo,
		'feeds' | 'addFeed' | 'addFeeds' | 'updateFeed' | 'removeFeed' | 'restoreFeed'
	>;
	clock: { readonly now: number };
	announcer: Pick<Announcer, 'say'>;
	toasts: Pick<Toasts, 'show' | 'error'>;
	/** The user has chosen their feeds (the first-run question is answered). */
	chosen: () => Promise<void>;
	/** Fetches feeds just added. */
	fetch: (feeds: Feed[]) => Promise<void>;
}

/** The feeds followed: adding them (from a site's address too), changing, removing, OPML and files. */
export class Subscriptions {
	readonly #deps: SubscriptionsDeps;
	#feeds: LiveQuery<Feed[]>;

	constructor(deps: SubscriptionsDeps) {
		this.#deps = deps;
		this.#feeds = new LiveQuery(() => deps.repo.feeds());
	}

	get loaded(): boolean {
		return this.#feeds.current !== undefined;
	}

	/** The feeds followed, by address. */
	list = $derived.by(() => this.#feeds.current ?? []);

	#attempt = <T>(what: string, action: () => Promise<T>): Promise<T | undefined> =>
		attempt(this.#deps.toasts, what, action);

	async chooseDefaultFeeds(useDefaults: boolean): Promise<void> {
		await this.#attempt('set up feeds', async () => {
			if (useDefaults) await this.#deps.repo.addFeeds(DEFAULT_FEEDS, this.#deps.clock.now);
			await this.#deps.chosen();
		});
	}

	/**
	 * Adds a feed from what the user pasted: a feed's address, or a site's (its feeds are found
	 * through the server). Says what happened: added, an error sentence for the form, or the feeds
	 * to choose from when the site has several. Offline, or when the site cannot be reached now,
	 * the address is taken as given and the refresh reports on it.
	 */
	async addFeed(rawUrl: string, title = '', discover = true): Promise<AddFeedResult> {
		const trimmed = rawUrl.trim();
		const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
		const url = safeLink(withScheme);
		if (!trimmed) return { kind: 'error', message: 'Paste the address of a feed or a site.' };
		if (!url) return { kind: 'error', message: 'That is not an http or https address.' };
		if (this.follows(url)) return { kind: 'error', message: 'You already follow this feed.' };
		if (discover && navigator.onLine) {
			const found = await discoverFeeds(url);
			if (found.kind === 'refused') return { kind: 'error', message: found.message };
			if (found.kind === 'feeds' && !found.isFeed) {
				if (found.feeds.length === 0)
					return {
						kind: 'error',
						message: `Lindy found no feed on ${new URL(url).hostname}: the page names none. Paste the feed’s own address if you know it.`
					};
				if (found.feeds.length > 1) return { kind: 'choose', feeds: found.feeds };
				const [only] = found.feeds;
				return this.addFeed(only!.url, title || only!.title, false);
			}
		}
		try {
			const feed = await this.#deps.repo.addFeed(
				url,
				title.trim() || new URL(url).hostname,
				this.#deps.clock.now
			);
			this.#deps.announcer.say(`Added ${feed.title}.`);
			void this.#deps.fetch([feed]);
			return { kind: 'added', feed };
		} catch (error) {
			return { kind: 'error', message: describeError(error) };
		}
	}

	/** Whether a feed at this address (however it is spelled) is followed already. */
	follows(url: string): boolean {
		const key = feedKey(url);
		return this.list.some((f) => f.url === url || (key !== undefined && feedKey(f.url) === key));
	}

	updateFeed(id: string, changes: Partial<Omit<Feed, 'id' | 'url'>>): Promise<void | undefined> {
		return this.#attempt('update the feed', () => this.#deps.repo.updateFeed(id, changes));
	}

	async removeFeed(id: string): Promise<void> {
		await this.#attempt('remove the feed', async () => {
			const removed: RemovedFeed | undefined = await this.#deps.repo.removeFeed(id);
			if (!removed) return;
			this.#deps.toasts.show(
				`Removed ${removed.feed.title} and its ${removed.items.length} items.`,
				{
					undo: () => this.#deps.repo.restoreFeed(removed)
				}
			);
		});
	}

	async importOpml(file: File): Promise<string> {
		if (file.size > MAX_FEED_FILE_BYTES) return 'That file is too large to be a subscription list.';
		const feeds = parseOpml(await file.text());
		const added = await this.#deps.repo.addFeeds(feeds, this.#deps.clock.now);
		const skipped = feeds.length - added;
		await this.#deps.chosen();
		return `Added ${added} feed${added === 1 ? '' : 's'}${skipped ? `; ${skipped} you already follow were skipped` : ''}.`;
	}

	exportOpml(): void {
		download(
			'lindy-subscriptions.opml',
			new Blob([exportOpml(this.list, this.#deps.clock.now)], { type: 'text/x-opml' })
		);
	}

	/** Imports a saved RSS, Atom or RDF file through the same parser as fetched feeds. Works offline. */
	async importFeedFile(file: File): Promise<string> {
		if (file.size > MAX_FEED_FILE_BYTES)
			return 'That file is larger than 8 MiB, so Lindy did not read it.';
		const result = await trackWrite(importFeedFile(file, this.#deps.clock.now));
		await this.#deps.chosen();
		return `Imported ${result.added} new item${result.added === 1 ? '' : 's'} from ${result.title}.`;
	}
}
