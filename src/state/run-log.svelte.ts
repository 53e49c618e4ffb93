import type Fuse from 'fuse.js';
import { runsToCsv, runsToMarkdown, type LoggedRun } from '../core/run-export';
import { runName, runState, type RunOutcome } from '../core/runs';
import type { Stage, Task } from '../core/task';
import type { TaskRepo } from '../db/task-repo';
import { download } from './download';
import { LiveQuery } from './live-query.svelte';
import type { Runs } from './runs.svelte';

export const LOG_PAGE = 50;
/** Runs drawn in the page's first frame (more than a screen); the rest of the page follows. */
export const LOG_FIRST = 8;

interface Deps {
	runs: Runs;
	tasks: Pick<TaskRepo, 'some'>;
}

/** The Runs page's experiment log: filters, fuzzy search, paging and export. */
export class RunLog {
	readonly #deps: Deps;
	taskFilter = $state<string>('all');
	stageFilter = $state<Stage | 'all'>('all');
	outcomeFilter = $state<RunOutcome | 'open' | 'all'>('all');
	query = $state('');
	shownCount = $state(LOG_FIRST);
	#Fuse = $state.raw<typeof Fuse | undefined>(undefined);

	readonly #tasks: LiveQuery<Task[]>;

	constructor(deps: Deps) {
		this.#deps = deps;
		this.#tasks = new LiveQuery(() => {
			const ids = this.#taskIds;
			return deps.tasks.some(ids);
		});
	}

	#taskIds = $derived.by(() => [
		...new Set(this.#deps.runs.all.flatMap((r) => (r.taskId ? [r.taskId] : [])))
	]);

	/** The tasks runs were launched on, by id. */
	tasks = $derived.by(() => new Map((this.#tasks.current ?? []).map((t) => [t.id, t])));

	#entries = $derived.by((): LoggedRun[] => {
		const tasks = this.tasks;
		return this.#deps.runs.all.map((run) => {
			const task = run.taskId ? tasks.get(run.taskId) : undefined;
			return task ? { run, task } : { run };
		});
	});

	/** Runs that pass the filters and the search, newest first (best match first while searching). */
	matching = $derived.by((): LoggedRun[] => {
		const { taskFilter, stageFilter, outcomeFilter } = this;
		// The clock is read only when filtering by outcome, so a minute's tick leaves the log alone.
		const now = outcomeFilter === 'all' ? 0 : this.#deps.runs.now;
		let list = this.#entries.filter(({ run, task }) => {
			if (taskFilter !== 'all' && run.taskId !== taskFilter) return false;
			if (stageFilter !== 'all' && task?.stage !== stageFilter) return false;
			if (outcomeFilter === 'all') return true;
			const state = runState(run, now);
			const over = state === 'finished' || state === 'failed' || state === 'stopped';
			return outcomeFilter === 'open' ? !over : state === outcomeFilter;
		});
		const q = this.query.trim();
		if (q !== '') {
			const Fuse = this.#Fuse;
			if (Fuse) {
				const fuse = new Fuse(list, {
					keys: ['run.hypothesis', 'run.verdict', 'run.where', 'task.title', 'name'],
					threshold: 0.35,
					ignoreLocation: true,
					getFn: (entry, path) =>
						(Array.isArray(path) ? path.join('.') : path) === 'name'
							? runName(entry.run)
							: Fuse.config.getFn(entry, path)
				});
				list = fuse.search(q).map((r) => r.item);
			} else {
				const lower = q.toLowerCase();
				list = list.filter(({ run, task }) =>
					[run.hypothesis, run.verdict, run.where, task?.title ?? '', runName(run)].some((t) =>
						t.toLowerCase().includes(lower)
					)
				);
			}
		}
		return list;
	});

	shown = $derived.by(() => this.matching.slice(0, this.shownCount));

	get filtering(): boolean {
		return (
			this.query.trim() !== '' ||
			this.taskFilter !== 'all' ||
			this.stageFilter !== 'all' ||
			this.outcomeFilter !== 'all'
		);
	}

	clearFilters(): void {
		this.query = '';
		this.taskFilter = 'all';
		this.stageFilter = 'all';
		this.outcomeFilter = 'all';
	}

	loadSearch(): void {
		if (!this.#Fuse) void import('fuse.js').then((m) => (this.#Fuse = m.default));
	}

	/** The rest of the first page, once the first frame is drawn. */
	fillPage(): void {
		this.shownCount = Math.max(this.shownCount, LOG_PAGE);
	}

	showMore(): void {
		this.shownCount = Math.max(this.shownCount, LOG_PAGE) + LOG_PAGE;
	}

	/** Downloads the runs that match the filters. */
	export(format: 'markdown' | 'csv'): void {
		const now = this.#deps.runs.now;
		const day = new Date(now).toISOString().slice(0, 10);
		if (format === 'csv') {
			download(
				`lindy-runs-${day}.csv`,
				new Blob([runsToCsv(this.matching, now)], { type: 'text/csv;charset=utf-8' })
			);
		} else {
			download(
				`lindy-runs-${day}.md`,
				new Blob([runsToMarkdown(this.matching, now, this.#deps.runs.money)], {
					type: 'text/markdown;charset=utf-8'
				})
			);
		}
	}
}
