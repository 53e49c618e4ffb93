import Dexie from 'dexie';
import type { Feed, FeedItem, StoredItem } from '../core/feed';
import { mergeItems } from '../core/feed-items';
import { fitFeed } from '../core/fit-records';
import { feedKey } from '../core/links';
import type { AppDB, ItemContentRow, ReadingListRow } from './app-db';
import { newId } from './new-id';
import { trackWrite } from './pending-writes';

/** Everything removed with a feed, so that Undo can put it back. */
export interface RemovedFeed {
	feed: Feed;
	items: StoredItem[];
	contents: ItemContentRow[];
}

export interface SaveResult {
	added: number;
	updated: number;
	duplicates: number;
}

/** A new subscription; a title longer than Lindy keeps (an OPML file's, say) is shortened. */
function newFeed(id: string, url: string, title: string, now: number): Feed {
	return fitFeed({
		id,
		url,
		title,
		trust: 0,
		paused: false,
		showImages: false,
		createdAt: now,
		consecutiveFailures: 0,
		broken: false
	});
}

/** Feeds, their items and the weekly reading lists. */
export class FeedRepo {
	readonly #db: AppDB;
	readonly #newId: () => string;

	constructor(db: AppDB, makeId: () => string = newId) {
		this.#db = db;
		this.#newId = makeId;
	}

	feeds(): Promise<Feed[]> {
		return this.#db.feeds.orderBy('url').toArray();
	}

	feedByUrl(url: string): Promise<Feed | undefined> {
		return this.#db.feeds.where('url').equals(url).first();
	}

	/**
	 * Adds a subscription; refuses one whose address is already subscribed, however it is written
	 * (`feedKey`: http or https, `www.`, a trailing slash, trackers).
	 */
	addFeed(url: string, title: string, now: number): Promise<Feed> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.feeds, async () => {
				const key = feedKey(url);
				const feeds = await this.#db.feeds.toArray();
				if (feeds.some((f) => f.url === url || (key !== undefined && feedKey(f.url) === key)))
					throw new Error('You already follow this feed.');
				const feed = newFeed(this.#newId(), url, title, now);
				await this.#db.feeds.add(feed);
				return feed;
			})
		);
	}

	/** Adds many subscriptions at once, skipping addresses already followed. Returns how many. */
	addFeeds(feeds: readonly { url: string; title: string }[], now: number): Promise<number> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.feeds, async () => {
				const keyOf = (url: string) => feedKey(url) ?? url;
				const known = new Set((await this.#db.feeds.toArray()).map((f) => keyOf(f.url)));
				const fresh: Feed[] = [];
				for (const { url, title } of feeds) {
					if (known.has(keyOf(url))) continue;
					known.add(keyOf(url));
					fresh.push(newFeed(this.#newId(), url, title, now));
				}
				await this.#db.feeds.bulkAdd(fresh);
				return fresh.length;
			})
		);
	}

	/** Changes a feed; what a server sent past the limits (a huge ETag, a long error) is fitted. */
	updateFeed(id: string, changes: Partial<Omit<Feed, 'id' | 'url'>>): Promise<void> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', db.feeds, async () => {
				const feed = await db.feeds.get(id);
				if (feed) await db.feeds.put(fitFeed({ ...feed, ...changes }));
			})
		);
	}

	/** Removes a feed with its items; returns what was removed for Undo. */
	removeFeed(id: string): Promise<RemovedFeed | undefined> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', [db.feeds, db.items, db.itemContents], async () => {
				const feed = await db.feeds.get(id);
				if (!feed) return undefined;
				const items = await db.items.where('feedId').equals(id).toArray();
				const ids = items.map((i) => i.id);
				const contents = (await db.itemContents.bulkGet(ids)).filter(
					(c): c is ItemContentRow => c !== undefined
				);
				await db.items.bulkDelete(ids);
				await db.itemContents.bulkDelete(ids);
				await db.feeds.delete(id);
				return { feed, items, contents };
			})
		);
	}

	restoreFeed(removed: RemovedFeed): Promise<void> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', [db.feeds, db.items, db.itemContents], async () => {
				await db.feeds.put(removed.feed);
				await db.items.bulkPut(removed.items);
				await db.itemContents.bulkPut(removed.contents);
			})
		);
	}

	/** The newest items, by the date they are sorted on. */
	newestItems(limit: number): Promise<StoredItem[]> {
		return this.#db.items.orderBy('sortAt').reverse().limit(limit).toArray();
	}

	/** A stored item with this canonical link, from any feed. */
	itemByCanonicalUrl(url: string): Promise<StoredItem | undefined> {
		return this.#db.items.where('canonicalUrl').equals(url).first();
	}

	/** Items by id, in the order asked; ids no longer stored are left out. */
	async itemsByIds(ids: readonly string[]): Promise<StoredItem[]> {
		return (await this.#db.items.bulkGet([...ids])).filter(
			(item): item is StoredItem => item !== undefined
		);
	}

	/** Items first seen at or after `from`: what a week's list is drawn from. */
	itemsSince(from: number): Promise<StoredItem[]> {
		return this.#db.items.where('firstSeenAt').aboveOrEqual(from).toArray();
	}

	countItems(): Promise<number> {
		return this.#db.items.count();
	}

	/** An item's HTML and the address its relative links resolve against. */
	async itemContent(id: string): Promise<{ html: string; base?: string }> {
		const row = await this.#db.itemContents.get(id);
		return row ? { html: row.html, ...(row.base ? { base: row.base } : {}) } : { html: '' };
	}

	/**
	 * Marks items read at `at` (those read before keep when they were first read), or unread when
	 * `at` is undefined.
	 */
	setRead(ids: readonly string[], at: number | undefined): Promise<void> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', db.items, async () => {
				const rows = await db.items.bulkGet([...ids]);
				const changing = rows.filter(
					(row): row is StoredItem =>
						row !== undefined && (at === undefined) !== (row.readAt === undefined)
				);
				await db.items.bulkUpdate(
					changing.map((row) => ({ key: row.id, changes: { readAt: at } }))
				);
			})
		);
	}

	/** Marks every unread item of a feed read; returns their ids, so that Undo can unmark them. */
	markFeedRead(feedId: string, at: number): Promise<string[]> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', db.items, async () => {
				const ids = await db.items
					.where('feedId')
					.equals(feedId)
					.filter((item) => item.readAt === undefined)
					.primaryKeys();
				await db.items.bulkUpdate(ids.map((key) => ({ key, changes: { readAt: at } })));
				return ids;
			})
		);
	}

	/** Saves an item for later at `at`, or unsaves it when `at` is undefined. */
	setSaved(id: string, at: number | undefined): Promise<void> {
		return trackWrite(this.#db.items.update(id, { savedAt: at }).then(() => undefined));
	}

	/** Items saved for later, the latest saved first. */
	savedItems(): Promise<StoredItem[]> {
		return this.#db.items.orderBy('savedAt').reverse().toArray();
	}

	/** How many items each feed has that are not read yet, counted on indexes (no rows read). */
	async unreadCounts(): Promise<Map<string, number>> {
		const db = this.#db;
		return db.transaction('r', [db.feeds, db.items], async () => {
			const counts = new Map<string, number>();
			for (const feedId of await db.feeds.toCollection().primaryKeys()) {
				const [all, read] = await Promise.all([
					db.items.where('feedId').equals(feedId).count(),
					db.items
						.where('[feedId+readAt]')
						.between([feedId, Dexie.minKey], [feedId, Dexie.maxKey])
						.count()
				]);
				counts.set(feedId, all - read);
			}
			return counts;
		});
	}

	setItemNotes(id: string, notes: string): Promise<void> {
		return trackWrite(this.#db.items.update(id, { notes }).then(() => undefined));
	}

	/** Merges freshly parsed items into the store in one transaction (dedupe across feeds). */
	saveItems(fresh: readonly FeedItem[]): Promise<SaveResult> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', [db.items, db.itemContents], async () => {
				// Only the rows that could clash are read: the same ids, links or titles.
				const byId = (await db.items.bulkGet(fresh.map((i) => i.id))).filter(
					(i): i is StoredItem => i !== undefined
				);
				const urls = fresh.flatMap((i) => (i.canonicalUrl ? [i.canonicalUrl] : []));
				const sameUrl = urls.length
					? await db.items.where('canonicalUrl').anyOf(urls).toArray()
					: [];
				const sameTitle = await db.items
					.where('titleKey')
					.anyOf(fresh.map((i) => i.titleKey))
					.toArray();
				const stored = [...byId, ...sameUrl, ...sameTitle];
				const known = new Set(byId.map((i) => i.id));
				const { upserts, duplicates } = mergeItems(fresh, stored);
				await db.items.bulkPut(
					upserts.map(({ contentHtml: _html, contentBase: _base, ...item }) => item)
				);
				await db.itemContents.bulkPut(
					upserts.map((i) => ({
						id: i.id,
						html: i.contentHtml,
						...(i.contentBase ? { base: i.contentBase } : {})
					}))
				);
				const added = upserts.filter((i) => !known.has(i.id)).length;
				return { added, updated: upserts.length - added, duplicates };
			})
		);
	}

	/**
	 * Removes items first seen before `before`, except those in a reading list, with notes or saved
	 * for later. Returns how many were removed.
	 */
	pruneItems(before: number): Promise<number> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', [db.items, db.itemContents, db.readingLists], async () => {
				const inLists = new Set(
					(await db.readingLists.toArray()).flatMap((l) => l.entries.map((e) => e.itemId))
				);
				const old = await db.items.where('firstSeenAt').below(before).toArray();
				const ids = old
					.filter((i) => !i.notes && i.savedAt === undefined && !inLists.has(i.id))
					.map((i) => i.id);
				await db.items.bulkDelete(ids);
				await db.itemContents.bulkDelete(ids);
				return ids.length;
			})
		);
	}

	readingLists(): Promise<ReadingListRow[]> {
		return this.#db.readingLists.orderBy('week').reverse().toArray();
	}

	/**
	 * Changes a stored list in one transaction, so that two quick edits (a note saved as a button is
	 * pressed) never overwrite each other.
	 */
	updateReadingList(week: string, change: (list: ReadingListRow) => ReadingListRow): Promise<void> {
		const db = this.#db;
		return trackWrite(
			db.transaction('rw', db.readingLists, async () => {
				const list = await db.readingLists.get(week);
				if (list) await db.readingLists.put(change(list));
			})
		);
	}

	putReadingList(list: ReadingListRow): Promise<void> {
		return trackWrite(this.#db.readingLists.put(list).then(() => undefined));
	}
}
