import { DAY_MS, WEEK_MS } from '../core/local-date';
import { candidateWindow } from '../core/digest';
import type { Feed, StoredItem } from '../core/feed';
import {
	DEFAULT_HYPE_WORDS,
	DEFAULT_LINDY_WORDS,
	compileLists,
	viewOf,
	type ItemScore,
	type ItemView,
	type WordLists
} from '../core/hype';
import { FeedRepo } from '../db/feed-repo';
import type { App } from './app.svelte';
import { FeedRefresh } from './feed-refresh.svelte';
import { Subscriptions } from './subscriptions.svelte';
import { WeeklyLists } from './weekly-lists.svelte';
import { ItemMarks } from './item-marks.svelte';
import { LiveQuery } from './live-query.svelte';
import { ItemIndex, type IndexInputs } from './item-index.svelte';
import { scoreStoredItem, TaskMatcher } from './relevance';
import { attempt } from './toasts.svelte';

const instances = new WeakMap<App, Reading>();

/** How many of the newest items "All items" shows, scored here, before the full sort arrives. */
const PREVIEW_ITEMS = 75;

/** The one Reading state of an app, created on first use (it is not part of the board's bundle). */
export function readingFor(app: App): Reading {
	let reading = instances.get(app);
	if (!reading) {
		// Made in a root of its own: its derived state must not belong to the component that first
		// asked (the capture screen, say), or it would go stale once that component is gone.
		$effect.root(() => {
			reading = new Reading(app);
		});
		instances.set(app, reading!);
	}
	return reading!;
}

export const DEFAULT_WORD_LISTS: WordLists = {
	hype: DEFAULT_HYPE_WORDS,
	lindy: DEFAULT_LINDY_WORDS,
	mute: [],
	boost: []
};

export interface ScoredItem {
	item: StoredItem;
	feed: Feed | undefined;
	score: ItemScore;
}

/** The hype filter and R&D Friday: feeds, scored items and weekly reading lists. */
export class Reading {
	readonly #app: App;
	readonly repo: FeedRepo;
	#newest: LiveQuery<StoredItem[]>;
	#recent: LiveQuery<StoredItem[]>;
	#count: LiveQuery<number>;

	query = $state('');
	/** Fetching feeds, with its progress. */
	readonly refresher: FeedRefresh;
	/** Read state, saving for later and links shared to Lindy. */
	readonly marks: ItemMarks;
	/** The feeds followed: adding (from a site's address too), changing, removing, files. */
	readonly subscriptions: Subscriptions;
	/** The weekly R&D Friday lists: this week's and the archive. */
	readonly weeks: WeeklyLists;

	constructor(app: App) {
		this.#app = app;
		this.repo = new FeedRepo(app.db);
		this.refresher = new FeedRefresh({
			repo: this.repo,
			clock: app.clock,
			settings: () => app.settings,
			refreshed: (at) => app.setSetting('lastRefreshAt', at)
		});
		this.subscriptions = new Subscriptions({
			repo: this.repo,
			clock: app.clock,
			announcer: app.announcer,
			toasts: app.toasts,
			chosen: () => app.setSetting('feedsChosen', true),
			fetch: (feeds) => this.refresher.refreshFeeds(feeds)
		});
		this.marks = new ItemMarks({
			repo: this.repo,
			clock: app.clock,
			announcer: app.announcer,
			toasts: app.toasts
		});
		this.weeks = new WeeklyLists({
			repo: this.repo,
			clock: app.clock,
			today: () => app.board.today,
			settings: () => app.settings,
			candidates: () => this.candidates,
			ready: () => this.subscriptions.loaded && this.#recent.current !== undefined,
			announcer: app.announcer,
			toasts: app.toasts
		});
		this.#since = app.clock.now - WEEK_MS - DAY_MS;
		// "All items" shows the newest at once, while the worker sorts everything; the week's list
		// needs just the last 7 days.
		this.#newest = new LiveQuery(() => this.repo.newestItems(PREVIEW_ITEMS));
		this.#recent = new LiveQuery(() => this.repo.itemsSince(this.#since));
		this.#count = new LiveQuery(() => this.repo.countItems());
	}

	/** The start of the candidate window, fixed when the page opens (reopen to move it). */
	#since = 0;

	get loaded(): boolean {
		return this.subscriptions.loaded && this.#recent.current !== undefined && this.weeks.loaded;
	}

	/** How many items are stored. */
	itemCount = $derived.by(() => this.#count.current ?? 0);

	feeds = $derived.by(() => this.subscriptions.list);
	/** Saved for later, the latest saved first, scored; undefined while they load. */
	saved = $derived.by(() => this.marks.savedItems?.map((item) => this.#score(item)));
	wordLists = $derived.by(() => this.#app.settings.wordLists ?? DEFAULT_WORD_LISTS);
	#compiled = $derived.by(() => compileLists(this.wordLists));
	#matcher = $derived.by(() => new TaskMatcher(this.#app.board.tasks));
	#feedById = $derived.by(() => new Map(this.feeds.map((f) => [f.id, f])));

	/** Scores already worked out, valid while the word lists and open tasks stay the same. */
	#scoreCache = new Map<
		string,
		{ title: string; summary: string; trust: number; score: ItemScore }
	>();
	#scoreCacheFor: unknown[] = [];

	#score(item: StoredItem): ScoredItem {
		const lists = this.#compiled;
		const matcher = this.#matcher;
		if (this.#scoreCacheFor[0] !== lists || this.#scoreCacheFor[1] !== matcher) {
			this.#scoreCache.clear();
			this.#scoreCacheFor = [lists, matcher];
		}
		const feed = this.#feedById.get(item.feedId);
		const trust = feed?.trust ?? 0;
		const hit = this.#scoreCache.get(item.id);
		if (hit && hit.title === item.title && hit.summary === item.summary && hit.trust === trust) {
			return { item, feed, score: hit.score };
		}
		const score = scoreStoredItem(item, lists, matcher, trust);
		this.#scoreCache.set(item.id, { title: item.title, summary: item.summary, trust, score });
		return { item, feed, score };
	}

	/** "All items": every stored item's place in the kept, filtered-out and muted lists. */
	readonly itemIndex = new ItemIndex();

	/** What the item index scores with: the word lists, the open tasks and each feed's trust. */
	indexInputs(): IndexInputs {
		return {
			wordLists: $state.snapshot(this.wordLists),
			tasks: $state.snapshot(this.#app.board.tasks),
			trust: this.feeds.map((f) => [f.id, f.trust])
		};
	}

	/** The newest items of one list, scored here: shown until the worker has sorted everything. */
	preview(view: ItemView): ScoredItem[] {
		return (this.#newest.current ?? [])
			.map((item) => this.#score(item))
			.filter((s) => viewOf(s.score) === view);
	}

	#rows: { key: string; query: LiveQuery<ScoredItem[]> } | undefined;

	/**
	 * The rows for these item ids, in this order, scored; followed live (notes, removals).
	 * Undefined while they load.
	 */
	rowsFor(ids: readonly string[]): ScoredItem[] | undefined {
		const key = ids.join('\n');
		if (this.#rows?.key !== key) {
			const wanted = [...ids];
			this.#rows = {
				key,
				query: new LiveQuery(async () =>
					(await this.repo.itemsByIds(wanted)).map((item) => this.#score(item))
				)
			};
		}
		return this.#rows.query.current;
	}

	feedOf(item: StoredItem): Feed | undefined {
		return this.#feedById.get(item.feedId);
	}

	#attempt = <T>(what: string, action: () => Promise<T>): Promise<T | undefined> =>
		attempt(this.#app.toasts, what, action);

	// ——— Items ———

	itemContent(id: string): Promise<{ html: string; base?: string }> {
		return this.repo.itemContent(id);
	}

	setItemNotes(id: string, notes: string): Promise<void | undefined> {
		return this.#attempt('save the note', () => this.repo.setItemNotes(id, notes));
	}

	setWordLists(lists: WordLists): Promise<void> {
		return this.#app.setSetting('wordLists', lists);
	}

	/**
	 * Items that could go on this week's list now: first seen in the last 7 days, not muted, not
	 * filtered out. Only these are scored to make the list, however many items are stored.
	 */
	candidates = $derived.by(() => {
		const { from, to } = candidateWindow(this.#app.clock.now);
		const start = performance.now();
		const window = (this.#recent.current ?? [])
			.filter((item) => item.firstSeenAt >= from && item.firstSeenAt <= to)
			.map((item) => this.#score(item));
		// Read by `npm run bench` (and visible in the browser's performance tools).
		performance.measure('lindy:score-window', { start, detail: window.length });
		return window.filter((s) => viewOf(s.score) === 'kept');
	});
}
