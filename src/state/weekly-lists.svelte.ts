import {
	fridayOf,
	plannedMinutes,
	readingWeekOf,
	selectDigest,
	type PassNumber
} from '../core/digest';
import { weekToMarkdown } from '../core/digest-markdown';
import type { StoredItem } from '../core/feed';
import { sourceTitle } from '../core/share';
import type { LocalDate } from '../core/task';
import type { ReadingEntry, ReadingListRow } from '../db/app-db';
import type { FeedRepo } from '../db/feed-repo';
import type { Settings } from '../db/settings-repo';
import type { Announcer } from './announcer.svelte';
import { download } from './download';
import { LiveQuery } from './live-query.svelte';
import type { ScoredItem } from './reading.svelte';
import { attempt, type Toasts } from './toasts.svelte';

export interface WeeklyListsDeps {
	repo: Pick<
		FeedRepo,
		'readingLists' | 'putReadingList' | 'updateReadingList' | 'setRead' | 'itemsByIds'
	>;
	clock: { readonly now: number };
	today: () => LocalDate;
	settings: () => Pick<Settings, 'readingBudgetMin' | 'readingMaxItems'>;
	/** What could go on this week's list now, scored (kept ones only). */
	candidates: () => ScoredItem[];
	/** The feeds and the week's items have loaded, so a list can be made. */
	ready: () => boolean;
	announcer: Pick<Announcer, 'say'>;
	toasts: Pick<Toasts, 'show' | 'error'>;
}

/**
 * The weekly R&D Friday lists: this week's, made once and then frozen, with the reader's passes,
 * notes and choices on each entry; earlier weeks stay as an archive.
 */
export class WeeklyLists {
	readonly #deps: WeeklyListsDeps;
	#lists: LiveQuery<ReadingListRow[]>;

	constructor(deps: WeeklyListsDeps) {
		this.#deps = deps;
		this.#lists = new LiveQuery(() => deps.repo.readingLists());
	}

	get loaded(): boolean {
		return this.#lists.current !== undefined;
	}

	/** Every list, the newest week first. */
	all = $derived.by(() => this.#lists.current ?? []);
	week = $derived.by(() => readingWeekOf(this.#deps.today()));
	current = $derived.by(() => this.all.find((l) => l.week === this.week));
	archive = $derived.by(() => this.all.filter((l) => l.week !== this.week));

	#attempt = <T>(what: string, action: () => Promise<T>): Promise<T | undefined> =>
		attempt(this.#deps.toasts, what, action);

	#listItems: { key: string; query: LiveQuery<StoredItem[]> } | undefined;

	/**
	 * The stored items behind a list's entries, by id, followed live: their read state, saving and
	 * feed. An entry whose item is gone (its feed removed) has none.
	 */
	itemsOf(list: ReadingListRow): Map<string, StoredItem> {
		const ids = list.entries.map((e) => e.itemId);
		const key = ids.join('\n');
		if (this.#listItems?.key !== key)
			this.#listItems = { key, query: new LiveQuery(() => this.#deps.repo.itemsByIds(ids)) };
		return new Map((this.#listItems.query.current ?? []).map((item) => [item.id, item]));
	}

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
		const now = this.#deps.clock.now;
		const budget = this.#deps.settings().readingBudgetMin;
		const max = this.#deps.settings().readingMaxItems;
		const window = this.#deps.candidates();
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
		await this.#deps.repo.putReadingList({
			week: this.week,
			friday: fridayOf(this.week),
			createdAt: now,
			budgetMin: budget,
			maxItems: max,
			entries
		});
	}

	/**
	 * Makes the week's list the first time the page is opened in a week. A made list is frozen,
	 * except an empty one: that is made again once there is something to read.
	 */
	async ensureList(): Promise<void> {
		if (!this.loaded || !this.#deps.ready()) return;
		const list = this.current;
		if (list && (list.entries.length > 0 || list.edited || this.#deps.candidates().length === 0))
			return;
		await this.#attempt('make this week’s list', () => this.makeList());
	}

	async regenerate(): Promise<void> {
		const keep = (this.current?.entries ?? []).filter((e) => e.pinned || e.byHand);
		await this.#attempt('make a new list', () => this.makeList(keep));
		this.#deps.announcer.say('Made a new list for this week, keeping pinned entries.');
	}

	async #updateEntries(week: string, change: (entries: ReadingEntry[]) => ReadingEntry[]) {
		await this.#attempt('save the reading list', () =>
			this.#deps.repo.updateReadingList(week, (list) => ({
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
				this.#deps.repo.setRead([entry.itemId], this.#deps.clock.now)
			);
		return this.updateEntry(week, entry.itemId, { passesDone: done, plannedPasses: planned });
	}

	async removeEntry(week: string, itemId: string): Promise<void> {
		const list = this.all.find((l) => l.week === week);
		const entry = list?.entries.find((e) => e.itemId === itemId);
		if (!list || !entry) return;
		await this.#updateEntries(week, (entries) => entries.filter((e) => e.itemId !== itemId));
		this.#deps.toasts.show(`Removed “${entry.title}” from the list.`, {
			undo: () => this.#deps.repo.putReadingList(list)
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
		this.#deps.toasts.show(`Added “${s.item.title}” to this week's reading.`);
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
