import { compareByPriority, compareByScore, type Priority } from './priority';
import { STAGES, type Mode, type Stage, type Task } from './task';

export type SortMode = 'priority' | 'manual';

export interface ColumnView {
	stage: Stage;
	/** Doing first, then to do — in priority or manual order. */
	open: Task[];
	/** Most recently completed first. */
	done: Task[];
}

const STATUS_RANK = { doing: 0, todo: 1, done: 2 } as const;

export function compareOpen(
	a: Task,
	b: Task,
	sort: SortMode,
	priorities: ReadonlyMap<string, Priority>
): number {
	const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status];
	if (rank !== 0) return rank;
	if (sort === 'manual') return a.order - b.order || (a.id < b.id ? -1 : 1);
	return compareByPriority(a, b, priorities);
}

function sortColumn(
	stage: Stage,
	members: readonly Task[],
	sort: SortMode,
	priorities: ReadonlyMap<string, Priority>,
	searchRank: ReadonlyMap<string, number> | undefined
): ColumnView {
	const open: Task[] = [];
	const done: Task[] = [];
	for (const t of members) (t.status === 'done' ? done : open).push(t);
	done.sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0));
	return { stage, open: sortOpen(open, sort, priorities, searchRank), done };
}

function sortOpen(
	open: Task[],
	sort: SortMode,
	priorities: ReadonlyMap<string, Priority>,
	searchRank: ReadonlyMap<string, number> | undefined
): Task[] {
	if (searchRank) {
		return open.sort(
			(a, b) =>
				STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
				(searchRank.get(a.id) ?? Infinity) - (searchRank.get(b.id) ?? Infinity)
		);
	}
	if (sort === 'manual') return open.sort((a, b) => compareOpen(a, b, sort, priorities));
	// Each score is looked up once, not at every comparison: a column of 500 tasks sorts in about
	// a third of the time, on the board's first load and at each move.
	const scored = open.map((task) => ({
		task,
		rank: STATUS_RANK[task.status],
		score: priorities.get(task.id)?.score ?? 0
	}));
	scored.sort((x, y) => x.rank - y.rank || compareByScore(x.task, x.score, y.task, y.score));
	return scored.map((s) => s.task);
}

interface BuiltColumn {
	members: Task[];
	priorities: (Priority | undefined)[];
	sort: SortMode;
	searchRank: ReadonlyMap<string, number> | undefined;
	view: ColumnView;
}

/**
 * Splits tasks into the four columns in value-chain order, remembering the last result: a column
 * whose tasks, their priorities, the sort and the search ranks are unchanged is returned as the
 * same object, so a move sorts (and redraws) only the two columns it touched.
 */
export class ColumnBuilder {
	#previous = new Map<Stage, BuiltColumn>();

	build(
		tasks: readonly Task[],
		sort: SortMode,
		priorities: ReadonlyMap<string, Priority>,
		/** While searching: each match's rank, best first, so the best matches lead each column. */
		searchRank?: ReadonlyMap<string, number>
	): ColumnView[] {
		const members = new Map<Stage, Task[]>(STAGES.map((stage) => [stage, []]));
		for (const t of tasks) members.get(t.stage)!.push(t);
		return STAGES.map((stage) => {
			const list = members.get(stage)!;
			const prev = this.#previous.get(stage);
			const unchanged =
				prev !== undefined &&
				prev.sort === sort &&
				prev.searchRank === searchRank &&
				prev.members.length === list.length &&
				list.every((t, i) => t === prev.members[i] && priorities.get(t.id) === prev.priorities[i]);
			if (unchanged) return prev.view;
			const view = sortColumn(stage, list, sort, priorities, searchRank);
			this.#previous.set(stage, {
				members: list,
				priorities: list.map((t) => priorities.get(t.id)),
				sort,
				searchRank,
				view
			});
			return view;
		});
	}
}

/** Splits tasks into the four columns in value-chain order. */
export function buildColumns(
	tasks: readonly Task[],
	sort: SortMode,
	priorities: ReadonlyMap<string, Priority>,
	searchRank?: ReadonlyMap<string, number>
): ColumnView[] {
	return new ColumnBuilder().build(tasks, sort, priorities, searchRank);
}

/** The top open active tasks across the board, in one pass (the board asks on every change). */
export function nextUp(
	tasks: readonly Task[],
	priorities: ReadonlyMap<string, Priority>,
	count = 3
): Task[] {
	const top: Task[] = [];
	for (const t of tasks) {
		if (t.status === 'done' || t.mode !== 'active') continue;
		if (top.length === count && compareByPriority(t, top[count - 1]!, priorities) >= 0) continue;
		let at = top.length;
		while (at > 0 && compareByPriority(t, top[at - 1]!, priorities) < 0) at--;
		top.splice(at, 0, t);
		if (top.length > count) top.pop();
	}
	return top;
}

/** Whether two lists hold the same items in the same order (so the older one can be kept). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
	return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** An order as it can be stored and exported: JSON has no −0, so it becomes 0. */
export function storableOrder(order: number): number {
	return Object.is(order, -0) ? 0 : order;
}

/** An order value strictly between two neighbours (either may be missing). */
export function orderBetween(before: number | undefined, after: number | undefined): number {
	if (before === undefined && after === undefined) return 0;
	if (before === undefined) return after! - 1;
	if (after === undefined) return before + 1;
	return (before + after) / 2;
}

/** The order for a task placed at `index` in `list` (which does not contain it). */
export function orderAt(list: readonly Pick<Task, 'order'>[], index: number): number {
	return orderBetween(list[index - 1]?.order, list[index]?.order);
}

export interface FilterOptions {
	mode: Mode | 'all';
	tag: string | 'all';
}

export function matchesFilter(task: Task, filter: FilterOptions): boolean {
	if (filter.mode !== 'all' && task.mode !== filter.mode) return false;
	if (filter.tag !== 'all' && !task.tags.includes(filter.tag)) return false;
	return true;
}

export function allTags(tasks: readonly Task[]): string[] {
	return [...new Set(tasks.flatMap((t) => t.tags))].sort();
}
