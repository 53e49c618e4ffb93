import { DAY_MS, WEEK_MS } from '../core/local-date';
import {
	candidateWindow,
	fridayOf,
	plannedMinutes,
	readingWeekOf,
	selectDigest,
	type PassNumber
} from '../core/digest';
import { weekToMarkdown } from '../core/digest-markdown';
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
import { sourceTitle } from '../core/share';
import type { ReadingEntry, ReadingListRow } from '../db/app-db';
import { FeedRepo } from '../db/feed-repo';
import type { App } from './app.svelte';
import { download } from './download';
import { FeedRefresh } from './feed-refresh.svelte';
import { Subscriptions } from './subscriptions.svelte';
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
	#lists: LiveQuery<ReadingListRow[]>;

	query = $state('');
	/** Fetching feeds, with its progress. */
	readonly refresher: FeedRefresh;
	/** Read state, saving for later and links shared to Lindy. */
	readonly marks: ItemMarks;
	/** The feeds followed: adding (from a site's address too), changing, removing, files. */
	readonly subscriptions: Subscriptions;

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
		this.#since = app.clock.now - WEEK_MS - DAY_MS;
		// "All items" shows the newest at once, while the worker sorts everything; the week's list
		// needs just the last 7 days.
		this.#newest = new LiveQuery(() => this.repo.newestItems(PREVIEW_ITEMS));
		this.#recent = new LiveQuery(() => this.repo.itemsSince(this.#since));
		this.#count = new LiveQuery(() => this.repo.countItems());
		this.#lists = new LiveQuery(() => this.repo.readingLists());
	}

	/** The start of the candidate window, fixed when the page opens (reopen to move it). */
	#since = 0;

	get loaded(): boolean {
		return (
			this.subscriptions.loaded &&
			this.#recent.current !== undefined &&
			this.#lists.current !== undefined
		);
	}

	/** How many items are stored. */
	itemCount = $derived.by(() => this.#count.current ?? 0);

	feeds = $derived.by(() => this.subscriptions.list);
	/** Saved for later, the latest saved first, scored; undefined while they load. */
	saved = $derived.by(() => this.marks.savedItems?.map((item) => this.#score(item)));
	lists = $derived.by(() => this.#lists.current ?? []);
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

	#listItems: { key: string; query: LiveQuery<StoredItem[]> } | undefined;

	/**
	 * The stored items behind a list's entries, by id, followed live: their read state, saving and
	 * feed. An entry whose item is gone (its feed removed) has none.
	 */
	itemsOf(list: ReadingListRow): Map<string, StoredItem> {
		const ids = list.entries.map((e) => e.itemId);
		const key = ids.join('\n');
		if (this.#listItems?.key !== key)
			this.#listItems = { key, query: new LiveQuery(() => this.repo.itemsByIds(ids)) };
		return new Map((this.#listItems.query.current ?? []).map((item) => [item.id, item]));
	}

	feedOf(item: StoredItem): Feed | undefined {
		return this.#feedById.get(item.feedId);
	}

	week = $derived.by(() => readingWeekOf(this.#app.board.today));
	current = $derived.by(() => this.lists.find((l) => l.week === this.week));
	archive = $derived.by(() => this.lists.filter((l) => l.week !== this.week));

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

	// ——— The week's reading list ———

	#entryFor(s: ScoredItem, plannedPasses: PassNumber[], byHand: boolean): ReadingEntry {
		const entry: ReadingEntry = {
			itemId: s.item.id,
			title: s.item.title,
			feedTitle: sourceTitle(s.item.feedId, s.feed),
			readingMinutes: s.item.readingMinutes,
			score: s.score.score,
			parts: s.score.parts,
			plannedPasses,
			passesDone: [],
			enough: false,
			notRelevant: false,
			notes: '',
			pinned: false,
			byHand
		};
		if (s.item.link) entry.link = s.item.link;
		return entry;
	}

	/** Picks this week's list from items first seen in the 7 days before now; keeps `keep` entries. */
	async makeList(keep: ReadingEntry[] = []): Promise<void> {
		const now = this.#app.clock.now;
		const budget = this.#app.settings.readingBudgetMin;
		const max = this.#app.settings.readingMaxItems;
		const window = this.candidates;
		const start = performance.now();
		const byId = new Map(window.map((s) => [s.item.id, s]));
		const picks = selectDigest(
			window.map((s) => ({
				id: s.item.id,
				score: s.score.score,
				readingMinutes: s.item.readingMinutes
			})),
			budget,
			max,
			keep.map((e) => ({
				id: e.itemId,
				plannedPasses: e.plannedPasses,
				readingMinutes: e.readingMinutes
			}))
		);
		const kept = new Map(keep.map((e) => [e.itemId, e]));
		const entries = picks.map(
			(p) => kept.get(p.id) ?? this.#entryFor(byId.get(p.id)!, p.plannedPasses, false)
		);
		performance.measure('lindy:select-digest', { start, detail: window.length });
		await this.repo.putReadingList({
			week: this.week,
			friday: fridayOf(this.week),
			createdAt: now,
			budgetMin: budget,
			maxItems: max,
			entries
		});
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

	/**
	 * Makes the week's list the first time the page is opened in a week. A made list is frozen,
	 * except an empty one: that is made again once there is something to read.
	 */
	async ensureList(): Promise<void> {
		if (!this.loaded) return;
		const list = this.current;
		if (list && (list.entries.length > 0 || list.edited || this.candidates.length === 0)) return;
		await this.#attempt('make this week’s list', () => this.makeList());
	}

	async regenerate(): Promise<void> {
		const keep = (this.current?.entries ?? []).filter((e) => e.pinned || e.byHand);
		await this.#attempt('make a new list', () => this.makeList(keep));
		this.#app.announcer.say('Made a new list for this week, keeping pinned entries.');
	}

	async #updateEntries(week: string, change: (entries: ReadingEntry[]) => ReadingEntry[]) {
		await this.#attempt('save the reading list', () =>
			this.repo.updateReadingList(week, (list) => ({
				...list,
				edited: true,
				entries: change(list.entries.map((e) => ({ ...e })))
			}))
		);
	}

	updateEntry(week: string, itemId: string, changes: Partial<ReadingEntry>): Promise<void> {
		return this.#updateEntries(week, (entries) =>
			entries.map((e) => (e.itemId === itemId ? { ...e, ...changes } : e))
		);
	}

	togglePass(week: string, entry: ReadingEntry, pass: PassNumber): Promise<void> {
		const done = entry.passesDone.includes(pass)
			? entry.passesDone.filter((p) => p !== pass)
			: ([...entry.passesDone, pass].sort() as PassNumber[]);
		const planned = entry.plannedPasses.includes(pass)
			? entry.plannedPasses
			: ([...entry.plannedPasses, pass].sort() as PassNumber[]);
		// A pass ticked is a read.
		if (done.length > entry.passesDone.length)
			void this.#attempt('mark it read', () =>
				this.repo.setRead([entry.itemId], this.#app.clock.now)
			);
		return this.updateEntry(week, entry.itemId, { passesDone: done, plannedPasses: planned });
	}

	async removeEntry(week: string, itemId: string): Promise<void> {
		const list = this.lists.find((l) => l.week === week);
		const entry = list?.entries.find((e) => e.itemId === itemId);
		if (!list || !entry) return;
		await this.#updateEntries(week, (entries) => entries.filter((e) => e.itemId !== itemId));
		this.#app.toasts.show(`Removed “${entry.title}” from the list.`, {
			undo: () => this.repo.putReadingList(list)
		});
	}

	/** Adds an item to this week's list by hand (from "Filtered out", say), with a skim planned. */
	async addToList(s: ScoredItem): Promise<void> {
		if (!this.current) await this.makeList();
		const week = this.week;
		await this.#updateEntries(week, (entries) =>
			entries.some((e) => e.itemId === s.item.id)
				? entries
				: [...entries, this.#entryFor(s, [1], true)]
		);
		this.#app.toasts.show(`Added “${s.item.title}” to this week's reading.`);
	}

	exportWeek(list: ReadingListRow): void {
		download(
			`lindy-rd-friday-${list.friday}.md`,
			new Blob([weekToMarkdown(list.friday, list.entries)], { type: 'text/markdown' })
		);
	}

	plannedMinutesOf(list: ReadingListRow): number {
		return list.entries.reduce(
			(sum, e) => sum + plannedMinutes(e.plannedPasses, e.readingMinutes),
			0
		);
	}
}
