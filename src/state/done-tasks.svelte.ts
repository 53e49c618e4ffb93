import { STAGES, type Stage, type Task } from '../core/task';
import type { TaskRepo } from '../db/task-repo';
import { LiveQuery } from './live-query.svelte';

/** How many done tasks a column shows when opened, and adds with each "Show more". */
export const DONE_PAGE = 50;

interface Deps {
	tasks: Pick<TaskRepo, 'doneCounts' | 'doneIn' | 'allDone'>;
}

/**
 * The board's history: done tasks are counted per column on an index and read only when a column
 * shows them, so a board with years of done work opens as fast as one without.
 */
export class DoneTasks {
	#deps: Deps;
	#counts: LiveQuery<Record<Stage, number>>;
	/** Every done task; read (and subscribed) only while the board searches or filters. */
	#all: LiveQuery<Task[]>;
	/** How many done tasks each opened column shows; absent while the column's list is closed. */
	#shown = $state<Partial<Record<Stage, number>>>({});
	/** One live query per opened column and length; a longer list replaces a shorter one. */
	#lists = new Map<Stage, { limit: number; query: LiveQuery<Task[]> }>();
	/** Each column's last list, shown while a longer one loads so "Show more" does not flicker. */
	#last = new Map<Stage, Task[]>();

	constructor(deps: Deps) {
		this.#deps = deps;
		this.#counts = new LiveQuery(() => deps.tasks.doneCounts());
		this.#all = new LiveQuery(() => deps.tasks.allDone());
	}

	/** Whether the counts have loaded. */
	get loaded(): boolean {
		return this.#counts.current !== undefined;
	}

	countIn(stage: Stage): number {
		return this.#counts.current?.[stage] ?? 0;
	}

	get total(): number {
		return STAGES.reduce((sum, stage) => sum + this.countIn(stage), 0);
	}

	isOpen(stage: Stage): boolean {
		return this.#shown[stage] !== undefined;
	}

	toggle(stage: Stage): void {
		if (this.isOpen(stage)) delete this.#shown[stage];
		else this.#shown[stage] = DONE_PAGE;
	}

	showMore(stage: Stage): void {
		this.#shown[stage] = (this.#shown[stage] ?? 0) + DONE_PAGE * 4;
	}

	/** An opened column's done tasks, newest first; empty while closed. */
	list(stage: Stage): Task[] {
		const limit = this.#shown[stage];
		if (limit === undefined) return [];
		let entry = this.#lists.get(stage);
		if (entry?.limit !== limit) {
			entry = { limit, query: new LiveQuery(() => this.#deps.tasks.doneIn(stage, limit)) };
			this.#lists.set(stage, entry);
		}
		const tasks = entry.query.current;
		if (tasks) this.#last.set(stage, tasks);
		return tasks ?? this.#last.get(stage) ?? [];
	}

	/** Every done task, or undefined while they load. Reading this loads them. */
	get all(): Task[] | undefined {
		return this.#all.current;
	}

	/** A done task this tab has read: in an opened column, or among search results. */
	find(id: string, searching: boolean): Task | undefined {
		if (searching) {
			const hit = this.#all.current?.find((t) => t.id === id);
			if (hit) return hit;
		}
		for (const stage of STAGES) {
			const hit = this.list(stage).find((t) => t.id === id);
			if (hit) return hit;
		}
		return undefined;
	}
}
