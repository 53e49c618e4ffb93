import type { Feed, StoredItem } from '../core/feed';
import { sharedItem, type Share } from '../core/share';
import type { FeedRepo } from '../db/feed-repo';
import { discoverFeeds } from '../feeds/fetch-feed';
import type { Announcer } from './announcer.svelte';
import { LiveQuery } from './live-query.svelte';
import { attempt, type Toasts } from './toasts.svelte';

export interface ItemMarksDeps {
	repo: Pick<
		FeedRepo,
		| 'setRead'
		| 'markFeedRead'
		| 'setSaved'
		| 'savedItems'
		| 'unreadCounts'
		| 'itemByCanonicalUrl'
		| 'saveItems'
	>;
	clock: { readonly now: number };
	announcer: Pick<Announcer, 'say'>;
	toasts: Pick<Toasts, 'show' | 'error'>;
}

/**
 * What the reader has done with items: read or not (with unread counts per feed), saved for later,
 * and links shared to Lindy from other apps.
 */
export class ItemMarks {
	readonly #deps: ItemMarksDeps;
	#unread: LiveQuery<Map<string, number>>;
	#saved: LiveQuery<StoredItem[]>;

	constructor(deps: ItemMarksDeps) {
		this.#deps = deps;
		this.#unread = new LiveQuery(() => deps.repo.unreadCounts());
		this.#saved = new LiveQuery(() => deps.repo.savedItems());
	}

	/** Unread items per feed id. */
	unreadByFeed = $derived.by(() => this.#unread.current ?? new Map<string, number>());
	unreadTotal = $derived.by(() => {
		let total = 0;
		for (const n of this.unreadByFeed.values()) total += n;
		return total;
	});

	/** Saved for later, the latest saved first; undefined while they load. */
	get savedItems(): StoredItem[] | undefined {
		return this.#saved.current;
	}

	/** Marks an item read (opened here, ticked, or by hand) or unread again. */
	setRead(item: StoredItem, read: boolean): Promise<void | undefined> {
		return attempt(this.#deps.toasts, read ? 'mark it read' : 'mark it unread', () =>
			this.#deps.repo.setRead([item.id], read ? this.#deps.clock.now : undefined)
		);
	}

	async toggleRead(item: StoredItem): Promise<void> {
		const read = item.readAt === undefined;
		await this.setRead(item, read);
		this.#deps.announcer.say(`Marked “${item.title}” ${read ? 'read' : 'unread'}.`);
	}

	/** Marks everything of a feed read, with Undo. */
	async markFeedRead(feed: Feed): Promise<void> {
		const ids = await attempt(this.#deps.toasts, 'mark the feed read', () =>
			this.#deps.repo.markFeedRead(feed.id, this.#deps.clock.now)
		);
		if (!ids) return;
		if (ids.length === 0) {
			this.#deps.announcer.say(`Nothing unread in ${feed.title}.`);
			return;
		}
		this.#deps.toasts.show(
			`Marked ${ids.length} item${ids.length === 1 ? '' : 's'} of ${feed.title} read.`,
			{ undo: () => this.#deps.repo.setRead(ids, undefined) }
		);
	}

	/** Saves an item for later, or takes it off the saved list. */
	async toggleSaved(item: StoredItem): Promise<void> {
		const save = item.savedAt === undefined;
		const done = await attempt(this.#deps.toasts, save ? 'save it' : 'unsave it', async () => {
			await this.#deps.repo.setSaved(item.id, save ? this.#deps.clock.now : undefined);
			return true;
		});
		if (done)
			this.#deps.announcer.say(
				save ? `Saved “${item.title}” for later.` : `Removed “${item.title}” from Saved.`
			);
	}

	/**
	 * Adds a link shared from another app to the reading, saved for later. Online, what its page
	 * says of itself (title, description) is fetched through the server; offline, the link is kept
	 * with what was shared. Returns a sentence saying what happened.
	 */
	async addShared(share: Share): Promise<string> {
		if (!share.url)
			return 'There is no web address in what was shared, so there is nothing to read.';
		const found = navigator.onLine ? await discoverFeeds(share.url) : undefined;
		const page = found?.kind === 'feeds' ? found.page : undefined;
		const now = this.#deps.clock.now;
		const item = sharedItem(share, page, now)!;
		const known = item.canonicalUrl
			? await this.#deps.repo.itemByCanonicalUrl(item.canonicalUrl)
			: undefined;
		if (known) {
			if (known.savedAt === undefined) await this.#deps.repo.setSaved(known.id, now);
			return `“${known.title}” is in your reading already; it is under Saved.`;
		}
		await this.#deps.repo.saveItems([item]);
		await this.#deps.repo.setSaved(item.id, now);
		return page
			? `Added “${item.title}” to your reading, under Saved.`
			: `Saved the link “${item.title}” under Saved, with what was shared: Lindy could not fetch the page now.`;
	}
}
