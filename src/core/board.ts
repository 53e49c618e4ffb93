import { compareByPriority, type Priority } from './priority';
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

/** Splits tasks into the four columns in value-chain order. */
export function buildColumns(
	tasks: readonly Task[],
	sort: SortMode,
	priorities: ReadonlyMap<string, Priority>,
	/** While searching: each match's rank, best first, so the best matches lead each column. */
	searchRank?: ReadonlyMap<string, number>
): ColumnView[] {
	const columns = new Map<Stage, ColumnView>(
		STAGES.map((stage) => [stage, { stage, open: [], done: [] }])
	);
	for (const t of tasks) {
		const col = columns.get(t.stage)!;
		(t.status === 'done' ? col.done : col.open).push(t);
	}
	for (const col of columns.values()) {
		col.open.sort((a, b) =>
			searchRank
				? STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
					(searchRank.get(a.id) ?? Infinity) - (searchRank.get(b.id) ?? Infinity)
				: compareOpen(a, b, sort, priorities)
		);
		col.done.sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0));
	}
	return [...columns.values()];
}

/** The top open active tasks across the board. */
export function nextUp(
	tasks: readonly Task[],
	priorities: ReadonlyMap<string, Priority>,
	count = 3
): Task[] {
	return tasks
		.filter((t) => t.status !== 'done' && t.mode === 'active')
		.sort((a, b) => compareByPriority(a, b, priorities))
		.slice(0, count);
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
