import type { TargetFacts } from '../core/good-enough';
import { stageBalance } from '../core/balance';
import {
	allTags,
	ColumnBuilder,
	matchesFilter,
	nextUp,
	orderAt,
	sameItems,
	type ColumnView,
	type SortMode
} from '../core/board';
import { startOfLocalDay, toLocalDate, weekStart, type WeekDay } from '../core/local-date';
import { createPrioritiser, type Priority } from '../core/priority';
import type { QuickAddResult } from '../core/quick-add';
import {
	keepUnchanged,
	STAGES,
	STAGE_LABELS,
	type Mode,
	type Stage,
	type Task
} from '../core/task';
import type { ValidTask } from '../core/task-draft';
import { substringHits, type Highlight } from '../core/task-search';
import type { SettingsRepo } from '../db/settings-repo';
import { newId } from '../db/new-id';
import type { TaskRepo } from '../db/task-repo';
import type { Announcer } from './announcer.svelte';
import type { Clock } from './clock.svelte';
import { TaskSearch } from './task-search.svelte';
import { DoneTasks } from './done-tasks.svelte';
import { LiveQuery } from './live-query.svelte';
import { attempt, type Toasts } from './toasts.svelte';

/** Where a task landed after a move. */
export interface Placement {
	id: string;
	stage: Stage;
	order: number;
}

interface Deps {
	tasks: TaskRepo;
	settings: SettingsRepo;
	clock: Clock;
	toasts: Toasts;
	announcer: Announcer;
	sortMode: () => SortMode;
	/** Resolves once the settings show this sort order (at most a second). */
	showsSortMode: (mode: SortMode) => Promise<void>;
	onFirstSave: () => void;
	/** What runs say about tasks' good-enough targets, once the runs have loaded. */
	targets?: () => ReadonlyMap<string, TargetFacts> | undefined;
	/** The day weeks start on, for "done this week" (Monday unless the locale says otherwise). */
	firstDay?: WeekDay;
	/** Open tasks read before the app loaded, shown until the live query's first result. */
	early?: Promise<Task[] | undefined>;
	/**
	 * Writes a move off the page (the move worker), resolving with when it committed (on the
	 * `performance.now()` clock); undefined while that is not possible, and `tasks.move` writes it.
	 */
	move?: (held: Task, stage: Stage, order: number) => Promise<number> | undefined;
}

function quote(title: string): string {
	return `“${title.length > 60 ? `${title.slice(0, 57)}…` : title}”`;
}

/** The value-chain board: tasks joined with priorities, filters and search, and every action on them. */
export class Board {
	#deps: Deps;
	#live: LiveQuery<Task[]>;
	/** Done tasks: counted per column, read when a column shows them or a search needs them. */
	readonly done: DoneTasks;
	/** Moves run one after another, each against the board as the previous one left it. */
	#moves: Promise<unknown> = Promise.resolve();
	#movesInFlight = 0;

	modeFilter = $state<Mode | 'all'>('all');
	tagFilter = $state<string>('all');
	query = $state('');
	/** Fuzzy search, in a worker. */
	#finder = new TaskSearch();

	constructor(deps: Deps) {
		this.#deps = deps;
		this.done = new DoneTasks({ tasks: deps.tasks });
		this.#live = new LiveQuery(
			() => deps.tasks.open(),
			() => this.#dropSavedOverrides(),
			deps.early
		);
		// Each query, and each change to the tasks it searches, goes to the search worker.
		$effect.root(() => {
			$effect(() => {
				const q = this.query.trim();
				if (q === '') this.#finder.clear();
				else this.#finder.search(q, this.#filterable);
			});
		});
	}

	get loaded(): boolean {
		return this.#live.current !== undefined;
	}

	get loadError(): unknown {
		return this.#live.error;
	}

	/**
	 * Moves show at once, before IndexedDB answers: each is an override on top of the live query
	 * until a result that includes the saved move arrives.
	 */
	#overrides = $state.raw(new Map<string, Task>());
	#savedOverrides = new Set<string>();

	#dropSavedOverrides() {
		if (this.#savedOverrides.size === 0) return;
		const next = new Map(this.#overrides);
		for (const id of this.#savedOverrides) next.delete(id);
		this.#savedOverrides.clear();
		this.#overrides = next;
	}

	#override(task: Task) {
		this.#savedOverrides.delete(task.id);
		this.#overrides = new Map(this.#overrides).set(task.id, task);
	}

	#forgetOverride(id: string) {
		const next = new Map(this.#overrides);
		next.delete(id);
		this.#overrides = next;
	}

	#held: Task[] = [];
	/** The live open tasks, each unchanged one kept as the object already held. */
	#liveTasks = $derived.by(() => {
		this.#held = keepUnchanged(this.#held, this.#live.current ?? []);
		return this.#held;
	});
	/** Open tasks (to do and doing), with moves not yet saved shown in place. */
	tasks = $derived.by(() => {
		const live = this.#liveTasks;
		const overrides = this.#overrides;
		return overrides.size === 0 ? live : live.map((t) => overrides.get(t.id) ?? t);
	});
	today = $derived.by(() => toLocalDate(this.#deps.clock.now));
	#weekStartMs = $derived.by(() => startOfLocalDay(weekStart(this.today, this.#deps.firstDay)));
	/** Tasks completed this week (an index range), for the balance; remade when the week turns. */
	#doneThisWeek = $derived.by(() => {
		const since = this.#weekStartMs;
		return new LiveQuery(() => this.#deps.tasks.doneSince(since));
	});
	balance = $derived.by(() =>
		stageBalance([...this.tasks, ...(this.#doneThisWeek.current ?? [])], this.#weekStartMs)
	);
	/** What runs say about tasks' good-enough targets (absent until the runs load). */
	targets = $derived.by(() => this.#deps.targets?.());
	#prioritise = createPrioritiser();
	priorities = $derived.by(() =>
		this.#prioritise(this.tasks, {
			today: this.today,
			now: this.#deps.clock.now,
			balance: this.balance,
			targets: this.targets
		})
	);
	#lastTags: string[] = [];
	/** Tags of open tasks; the same array while they do not change, so the toolbar stays put. */
	tags = $derived.by(() => {
		const next = allTags(this.tasks);
		if (!sameItems(next, this.#lastTags)) this.#lastTags = next;
		return this.#lastTags;
	});
	nextUp = $derived.by(() => nextUp(this.tasks, this.priorities));
	/** Open tasks, highest priority first (pickers and the day plan's suggestions). */
	byPriority = $derived.by(() => {
		const score = (id: string) => this.priorities.get(id)?.score ?? 0;
		return [...this.tasks].sort((a, b) => score(b.id) - score(a.id));
	});

	/** Whether the board is known to hold a task, open or done. */
	get hasTasks(): boolean {
		return this.tasks.length > 0 || this.done.total > 0;
	}

	/** Whether the board holds no task at all, open or done (false while it loads). */
	get empty(): boolean {
		return this.loaded && this.done.loaded && !this.hasTasks;
	}

	/**
	 * Starts the search worker ahead of the first query. Until it answers, search matches plain
	 * substrings.
	 */
	loadSearch(): void {
		this.#finder.warm();
	}

	/** Title highlights for the current search, best match first; undefined when not searching. */
	#search = $derived.by(() => {
		const q = this.query.trim();
		if (q === '') return undefined;
		return this.#finder.found ?? substringHits(q, this.#filterable);
	});

	/**
	 * Whether a search or filter is on. Derived, so what depends only on whether (the tasks searched
	 * through, among them) is not made again at every key typed.
	 */
	searching = $derived(this.query.trim() !== '');
	filtering = $derived(this.modeFilter !== 'all' || this.tagFilter !== 'all' || this.searching);

	highlightFor(id: string): Highlight {
		return this.#search?.get(id) ?? [];
	}

	/** What search and filters look through: open tasks, and done ones while filtering. */
	#filterable = $derived.by(() =>
		this.filtering ? [...this.tasks, ...(this.done.all ?? [])] : this.tasks
	);

	visibleTasks = $derived.by(() => {
		if (!this.filtering) return this.tasks;
		const filter = { mode: this.modeFilter, tag: this.tagFilter };
		const hits = this.#search;
		return this.#filterable.filter((t) => matchesFilter(t, filter) && (!hits || hits.has(t.id)));
	});

	#columns = new ColumnBuilder();
	#filteredColumns = new ColumnBuilder();

	/**
	 * The four columns as shown. Done tasks are in them only while filtering; otherwise each column
	 * reads its own done list from `done` when opened.
	 */
	columns = $derived.by(() => {
		if (!this.filtering) return this.#fullColumns;
		const hits = this.#search;
		const rank = hits ? new Map([...hits.keys()].map((id, i) => [id, i])) : undefined;
		return this.#filteredColumns.build(
			this.visibleTasks,
			this.#deps.sortMode(),
			this.priorities,
			rank
		);
	});

	/**
	 * Columns over every open task, ignoring filters: the order that moves are computed against.
	 * Only the columns a change touched are sorted again.
	 */
	#fullColumns = $derived.by(() =>
		this.#columns.build(this.tasks, this.#deps.sortMode(), this.priorities)
	);

	priorityOf(id: string): Priority | undefined {
		return this.priorities.get(id);
	}

	/** An open task, or a done one this tab shows (in an opened column or a search). */
	find(id: string): Task | undefined {
		return this.tasks.find((t) => t.id === id) ?? this.done.find(id, this.filtering);
	}

	#attempt<T>(what: string, action: () => Promise<T>): Promise<T | undefined> {
		return attempt(this.#deps.toasts, what, action);
	}

	/** Saves a quick-add line. Throws on a storage failure so the input can stay in the box. */
	async quickAdd(parsed: QuickAddResult, fallbackStage: Stage, notes = ''): Promise<Task> {
		const task = await this.#deps.tasks.add({
			title: parsed.title,
			notes,
			stage: parsed.stage ?? fallbackStage,
			mode: parsed.mode,
			impact: parsed.impact,
			estimateMin: parsed.estimateMin,
			due: parsed.due,
			tags: parsed.tags
		});
		this.#deps.announcer.say(`Added ${quote(task.title)} to ${STAGE_LABELS[task.stage]}.`);
		this.#deps.onFirstSave();
		return task;
	}

	/**
	 * Saves the edit dialog; resolves once the board shows the change to an open task (its card may
	 * have moved). Throws on failure so the dialog keeps what the user typed.
	 */
	async save(id: string, fields: ValidTask): Promise<void> {
		const saved = await this.#deps.tasks.update(id, fields);
		this.#deps.announcer.say(`Saved ${quote(fields.title)}.`);
		await this.#shows(saved);
	}

	/** Resolves once the open tasks show `saved` as written (a done task: without it), or after 1 s. */
	#shows(saved: Task): Promise<void> {
		return this.#live.until((tasks) => {
			const held = tasks.find((t) => t.id === saved.id);
			return saved.status === 'done' ? !held : (held?.updatedAt ?? -1) >= saved.updatedAt;
		});
	}

	async toggleDone(id: string): Promise<void> {
		const task = this.find(id);
		if (!task) return;
		const status = task.status === 'done' ? 'todo' : 'done';
		await this.#attempt('update the task', async () => {
			await this.#deps.tasks.setStatus(id, status);
			const message =
				status === 'done' ? `Completed ${quote(task.title)}.` : `Reopened ${quote(task.title)}.`;
			this.#deps.toasts.show(message, { undo: () => this.#deps.tasks.putAll([task]) });
		});
	}

	/** Resolves once the board shows the new status (the card may have moved). */
	async setStatus(id: string, status: Task['status']): Promise<void> {
		const task = this.find(id);
		if (!task || task.status === status) return;
		const saved = await this.#attempt('update the task', () =>
			this.#deps.tasks.setStatus(id, status)
		);
		// A write that failed (or found the task deleted elsewhere) changes nothing to wait for.
		if (saved) await this.#shows(saved);
	}

	async remove(id: string): Promise<void> {
		await this.#attempt('delete the task', async () => {
			const removed = await this.#deps.tasks.remove(id);
			if (!removed) return;
			this.#deps.toasts.show(`Deleted ${quote(removed.title)}.`, {
				undo: () => this.#deps.tasks.putAll([removed])
			});
		});
	}

	/** Alt+←/→: moves a task to the neighbouring stage, at the end of its open tasks. */
	moveStage(id: string, direction: -1 | 1): Promise<Placement | undefined> {
		return this.#serial(() => this.#moveStage(id, direction));
	}

	/** "Ship it": a task whose target is met moves to the end of Deployment, with Undo. */
	ship(id: string): Promise<Placement | undefined> {
		return this.#serial(async () => {
			const task = this.find(id);
			if (!task || task.stage === 'deploy') return undefined;
			const column = this.#column('deploy');
			const placed = await this.#moveTo(task, 'deploy', orderAt(column.open, column.open.length));
			if (placed) {
				this.#deps.toasts.show(`Moved ${quote(task.title)} to Deployment — ship it.`, {
					undo: () => this.#deps.tasks.putAll([task])
				});
			}
			return placed;
		});
	}

	/** Alt+↑/↓: moves a task one place within its column (and its doing / to-do group). */
	reorder(id: string, direction: -1 | 1): Promise<Placement | undefined> {
		return this.#serial(() => this.#reorder(id, direction));
	}

	/** A drop from drag and drop: `ids` is the zone's new order, holding the dropped task. */
	drop(stage: Stage, ids: readonly string[], droppedId: string): Promise<Placement | undefined> {
		return this.#serial(() => this.#drop(stage, ids, droppedId));
	}

	#serial<T>(move: () => Promise<T>): Promise<T> {
		// With no move in flight the move starts here, in the key handler, so its write is on its
		// way to IndexedDB before the board redraws.
		const run = this.#movesInFlight === 0 ? move() : this.#moves.then(move, move);
		this.#movesInFlight++;
		this.#moves = run.then(
			() => this.#movesInFlight--,
			() => this.#movesInFlight--
		);
		return run;
	}

	async #moveStage(id: string, direction: -1 | 1): Promise<Placement | undefined> {
		const task = this.find(id);
		if (!task) return undefined;
		const target = STAGES[STAGES.indexOf(task.stage) + direction];
		if (!target) {
			const edge = direction < 0 ? 'first' : 'last';
			this.#deps.announcer.say(
				`${quote(task.title)} is already in ${STAGE_LABELS[task.stage]}, the ${edge} stage.`
			);
			return undefined;
		}
		const column = this.#column(target);
		const order = orderAt(column.open, column.open.length);
		return this.#moveTo(task, target, order);
	}

	async #reorder(id: string, direction: -1 | 1): Promise<Placement | undefined> {
		const task = this.find(id);
		if (!task || task.status === 'done') return undefined;
		const group = this.#column(task.stage).open.filter((t) => t.status === task.status);
		const index = group.findIndex((t) => t.id === id);
		if (index < 0 || !group[index + direction]) {
			const edge = direction < 0 ? 'first' : 'last';
			this.#deps.announcer.say(
				`${quote(task.title)} is already ${edge} in ${STAGE_LABELS[task.stage]}.`
			);
			return undefined;
		}
		const orderOf = await this.#ensureManual();
		const rest = group.filter((t) => t.id !== id).map((t) => ({ order: orderOf(t) }));
		return this.#moveTo(task, task.stage, orderAt(rest, index + direction));
	}

	async #drop(
		stage: Stage,
		ids: readonly string[],
		droppedId: string
	): Promise<Placement | undefined> {
		const task = this.find(droppedId);
		if (!task) return undefined;
		if (task.stage !== stage && this.#deps.sortMode() === 'priority') {
			const column = this.#column(stage);
			return this.#moveTo(task, stage, orderAt(column.open, column.open.length));
		}
		const orderOf = await this.#ensureManual();
		const byId = new Map(this.tasks.map((t) => [t.id, t]));
		const neighbours = ids
			.filter((id) => id !== droppedId && byId.has(id))
			.map((id) => ({ order: orderOf(byId.get(id)!) }));
		const order = orderAt(neighbours, ids.indexOf(droppedId));
		return this.#moveTo(task, stage, order);
	}

	async #moveTo(task: Task, stage: Stage, order: number): Promise<Placement | undefined> {
		const saved = this.#attempt('move the task', () => this.#move(task, stage, order));
		this.#override({ ...task, stage, order });
		const committedAt = await saved;
		if (committedAt === undefined) {
			this.#forgetOverride(task.id);
			return undefined;
		}
		this.#savedOverrides.add(task.id);
		performance.mark('lindy:move-saved', { detail: task.id, startTime: committedAt });
		const column = this.#column(stage);
		const position = column.open.findIndex((t) => t.id === task.id) + 1;
		const where = `${STAGE_LABELS[stage]}, position ${position} of ${column.open.length}`;
		if (stage === task.stage) {
			this.#deps.announcer.say(`${quote(task.title)} is now in ${where}.`);
		} else {
			this.#deps.announcer.say(`Moved ${quote(task.title)} to ${where}.`);
			this.#deps.toasts.show(`Moved ${quote(task.title)} to ${STAGE_LABELS[stage]}.`, {
				undo: () => this.#move(task, task.stage, task.order)
			});
		}
		return { id: task.id, stage, order };
	}

	#move(held: Task, stage: Stage, order: number): Promise<number> {
		return (
			this.#deps.move?.(held, stage, order) ??
			this.#deps.tasks.move(held, stage, order).then(() => performance.now())
		);
	}

	#column(stage: Stage): ColumnView {
		return this.#fullColumns.find((c) => c.stage === stage)!;
	}

	/**
	 * Reordering by hand switches the board to manual order, keeping what is on screen. Returns
	 * each task's order as it stands after the switch.
	 */
	async #ensureManual(): Promise<(t: Task) => number> {
		if (this.#deps.sortMode() === 'manual') return (t) => t.order;
		const orders = new Map(
			this.#fullColumns.flatMap((c) => c.open.map((t, order) => [t.id, order] as const))
		);
		await this.#deps.tasks.setOrders([...orders].map(([id, order]) => ({ id, order })));
		await this.#deps.settings.set('sortMode', 'manual');
		await this.#deps.showsSortMode('manual');
		this.#deps.toasts.show(
			'Switched to manual order. Choose Sort: Priority to rank by priority again.',
			{
				undo: () => this.#deps.settings.set('sortMode', 'priority')
			}
		);
		return (t) => orders.get(t.id) ?? t.order;
	}

	async loadExample(): Promise<void> {
		const now = this.#deps.clock.now;
		await this.#attempt('load the example board', async () => {
			const { exampleTasks } = await import('../core/example-board');
			await this.#deps.tasks.putAll(exampleTasks(now, toLocalDate(now), newId));
			this.#deps.onFirstSave();
		});
	}
}
