import type { FocusSession } from '../core/focus';
import { addDays, toLocalDate, weekStart, DAY_MS, type WeekDay } from '../core/local-date';
import { reviewMarkdown, reviewWeek, weekBounds, type WeekReview } from '../core/review';
import { moneyFormat, type Run } from '../core/runs';
import type { LocalDate, Task } from '../core/task';
import type { ReadingListRow } from '../db/app-db';
import type { FocusRepo } from '../db/focus-repo';
import type { RunRepo } from '../db/run-repo';
import type { Settings } from '../db/settings-repo';
import type { TaskRepo } from '../db/task-repo';
import { download } from './download';
import { LiveQuery } from './live-query.svelte';

export interface ReviewDeps {
	focus: Pick<FocusRepo, 'between'>;
	tasks: Pick<TaskRepo, 'open' | 'doneSince'>;
	runs: Pick<RunRepo, 'all'>;
	readingList: (week: LocalDate) => Promise<ReadingListRow | undefined>;
	clock: { readonly now: number };
	settings: () => Pick<Settings, 'timeboxMin' | 'currency'>;
	/** The day weeks start on (Monday unless the locale says otherwise). */
	firstDay?: WeekDay;
}

interface WeekData {
	week: LocalDate;
	sessions: FocusSession[];
	tasks: Task[];
	runs: Run[];
	readingPasses: number;
}

/** The weekly review of one week, this one by default; earlier weeks are a click away. */
export class Review {
	readonly #deps: ReviewDeps;
	week = $state<LocalDate>('');
	#data = $derived.by(() => {
		const week = this.week;
		return new LiveQuery(() => this.#load(week));
	});

	constructor(deps: ReviewDeps, week?: LocalDate) {
		this.#deps = deps;
		this.week = week ? weekStart(week, deps.firstDay) : this.thisWeek;
	}

	get thisWeek(): LocalDate {
		return weekStart(toLocalDate(this.#deps.clock.now), this.#deps.firstDay);
	}

	review = $derived.by((): WeekReview | undefined => {
		const data = this.#data.current;
		if (!data || data.week !== this.week) return undefined;
		return reviewWeek({
			...data,
			timeboxMin: this.#deps.settings().timeboxMin,
			now: this.#deps.clock.now
		});
	});

	money = $derived.by(() => moneyFormat(this.#deps.settings().currency));

	previous(): void {
		this.week = addDays(this.week, -7);
	}

	next(): void {
		if (this.week < this.thisWeek) this.week = addDays(this.week, 7);
	}

	exportMarkdown(): void {
		const review = this.review;
		if (!review) return;
		download(
			`lindy-review-${review.week}.md`,
			new Blob([reviewMarkdown(review, this.money)], { type: 'text/markdown;charset=utf-8' })
		);
	}

	async #load(week: LocalDate): Promise<WeekData> {
		const [from, to] = weekBounds(week);
		const { focus, tasks, runs, readingList } = this.#deps;
		// A block started the evening before the week may run into it.
		const [sessions, open, done, allRuns, list] = await Promise.all([
			focus.between(from - DAY_MS, to),
			tasks.open(),
			tasks.doneSince(from),
			runs.all(),
			readingList(week)
		]);
		const readingPasses = (list?.entries ?? []).reduce((sum, e) => sum + e.passesDone.length, 0);
		return {
			week,
			sessions,
			tasks: [...open, ...done.filter((t) => (t.doneAt ?? 0) < to)],
			runs: allRuns.filter((r) => r.launchedAt < to),
			readingPasses
		};
	}
}
