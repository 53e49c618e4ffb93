import { LIMITS } from '../core/limits';
import type { Task } from '../core/task';
import { boxOf } from '../core/timebox';
import {
	awayOver,
	dueToAsk,
	endAway,
	extendBox,
	markAsked,
	setBox,
	stepAway,
	type StepAwayNote
} from '../core/timebox-actions';
import type { TaskRepo } from '../db/task-repo';
import type { Settings } from '../db/settings-repo';
import type { Notifier } from './notifier';
import { describeError, type Toasts } from './toasts.svelte';

export interface TimeboxDeps {
	/** The open tasks, as the board holds them. */
	tasks: () => readonly Task[];
	repo: Pick<TaskRepo, 'change'>;
	clock: { readonly now: number };
	settings: () => Pick<Settings, 'timeboxMin'>;
	notifier: Pick<Notifier, 'notify' | 'exclusive'>;
	toasts: Pick<Toasts, 'error'>;
	/** A focus block is loading context: no prompts now. */
	quiet: () => boolean;
	/** Ends a focus block on this task, if one runs, with where the user stopped. */
	endBlockOn: (taskId: string, note: string) => Promise<void>;
}

const when = new Intl.DateTimeFormat(undefined, {
	day: 'numeric',
	month: 'short',
	hour: '2-digit',
	minute: '2-digit'
});

/**
 * The time-boxes of tasks under way: the limit's dialog and notification (once per box), and the
 * user's answer — step away with three lines, or extend once. Loaded after the board has shown.
 */
export class Timeboxes {
	readonly #deps: TimeboxDeps;
	/** The task whose limit dialog is open. */
	askingId = $state<string | null>(null);

	constructor(deps: TimeboxDeps) {
		this.#deps = deps;
	}

	get defaultMin(): number {
		return this.#deps.settings().timeboxMin;
	}

	/** Open tasks with a box that are at their limit and not asked yet. */
	due = $derived.by(() => {
		const now = this.#deps.clock.now;
		// Only work under way counts against a box: the rest of the board is passed by cheaply.
		return this.#deps.tasks().filter((t) => {
			if (t.status !== 'doing') return false;
			const box = boxOf(t, this.defaultMin);
			return box !== undefined && dueToAsk(t, box, now);
		});
	});

	/** Tasks whose step away is over. */
	back = $derived.by(() => {
		const now = this.#deps.clock.now;
		return this.#deps.tasks().filter((t) => t.timebox && awayOver(t.timebox, now));
	});

	/** Watches the clock; returns a stop. */
	watch(): () => void {
		return $effect.root(() => {
			$effect(() => {
				const due = this.due;
				if (due.length === 0 || this.#deps.quiet()) return;
				void this.#ask(due[0]!.id);
			});
			$effect(() => {
				const back = this.back[0];
				if (back) void this.#welcomeBack(back.id);
			});
		});
	}

	/** Opens the limit's dialog for a task (from its card, say). */
	open(taskId: string): void {
		this.askingId = taskId;
	}

	close(): void {
		this.askingId = null;
	}

	/** Stops work on the task for 20 minutes, its three lines saved in its notes. */
	async stepAway(task: Task, note: StepAwayNote): Promise<boolean> {
		const ok = await this.#change(task.id, (t, now) => {
			const box = boxOf(t, this.defaultMin);
			return box ? stepAway(t, box, note, when.format(now), now, LIMITS.notes) : t;
		});
		if (!ok) return false;
		this.close();
		await this.#deps.endBlockOn(task.id, note.next);
		return true;
	}

	async extend(task: Task): Promise<void> {
		const ok = await this.#change(task.id, (t) => {
			const box = boxOf(t, this.defaultMin);
			return box ? extendBox(t, box) : t;
		});
		if (ok) this.close();
	}

	/** Turns a task's time-box on or off. */
	setOn(taskId: string, on: boolean): Promise<boolean> {
		return this.#change(taskId, (t, now) =>
			(boxOf(t, this.defaultMin) !== undefined) === on ? t : setBox(t, on, this.defaultMin, now)
		);
	}

	/** At the limit: once across tabs, the box is marked asked, then the dialog and notification. */
	async #ask(taskId: string): Promise<void> {
		const { notifier, repo } = this.#deps;
		const asked = await notifier.exclusive(async () => {
			let marked = false;
			const task = await repo.change(taskId, (t, now) => {
				const box = boxOf(t, this.defaultMin);
				if (!box || !dueToAsk(t, box, now)) return t;
				marked = true;
				return markAsked(t, box, now);
			});
			return marked ? task : undefined;
		});
		if (!asked) return;
		this.askingId = asked.id;
		await notifier
			.notify({
				title: 'Time to step away',
				body: `${asked.title}: the time-box is up without finding the cause — change your surroundings.`,
				tag: `timebox:${asked.id}`,
				url: '/',
				action: 'Open Lindy'
			})
			.catch(() => false);
	}

	/** The 20 minutes away are up: once across tabs, the step away ends and Lindy says so. */
	async #welcomeBack(taskId: string): Promise<void> {
		const { notifier, repo } = this.#deps;
		const task = await notifier.exclusive(async () => {
			let ended = false;
			const changed = await repo.change(taskId, (t, now) => {
				if (!t.timebox || !awayOver(t.timebox, now)) return t;
				ended = true;
				return endAway(t, t.timebox);
			});
			return ended ? changed : undefined;
		});
		if (!task) return;
		await notifier
			.notify({
				title: 'Back from stepping away',
				body: `${task.title}: your three lines are in its notes.`,
				tag: `timebox-back:${task.id}`,
				url: '/',
				action: 'Open Lindy'
			})
			.catch(() => false);
	}

	async #change(taskId: string, change: (t: Task, now: number) => Task): Promise<boolean> {
		try {
			await this.#deps.repo.change(taskId, change);
			return true;
		} catch (error) {
			this.#deps.toasts.error(`Could not save the time-box: ${describeError(error)}`);
			return false;
		}
	}
}
