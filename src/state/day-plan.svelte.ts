import {
	placeTask,
	runEnds,
	slotsProblem,
	suggestFor,
	unplanTask,
	zoneShift,
	type DayPlan,
	type PlanBlock,
	type PlanSlot,
	type PlanTemplate
} from '../core/day-plan';
import { etaOf, runName, type Run } from '../core/runs';
import type { LocalDate, Task } from '../core/task';
import type { PlanRepo } from '../db/plan-repo';
import { LiveQuery } from './live-query.svelte';
import { describeError, type Toasts } from './toasts.svelte';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export interface DayPlannerDeps {
	plans: PlanRepo;
	/** Open tasks, highest priority first. */
	tasks: () => readonly Task[];
	/** Runs under way. */
	runs: () => readonly Run[];
	clock: { readonly now: number };
	today: () => LocalDate;
	/** The device's time zone now (it changes when a traveller lands). */
	zone: () => string;
	toasts: Pick<Toasts, 'error'>;
}

/** Today's plan: its blocks, the tasks put in them, the runs ending in them, and its template. */
export class DayPlanner {
	readonly #deps: DayPlannerDeps;
	#plan = $derived.by(() => {
		const date = this.#deps.today();
		return new LiveQuery(() => this.#deps.plans.get(date));
	});
	readonly #template: LiveQuery<PlanTemplate>;
	/** The zone whose offer the user declined (asked again only if the zone changes again). */
	keptZone = $state<string | null>(null);

	constructor(deps: DayPlannerDeps) {
		this.#deps = deps;
		this.#template = new LiveQuery(() => deps.plans.template());
	}

	get plan(): DayPlan | undefined {
		const plan = this.#plan.current;
		return plan?.date === this.#deps.today() ? plan : undefined;
	}

	/** Makes today's plan from the template if there is none yet (the page does, on opening). */
	async ensureToday(): Promise<void> {
		try {
			await this.#deps.plans.ensure(this.#deps.today(), this.#deps.zone());
		} catch (error) {
			this.#deps.toasts.error(`Could not make today’s plan: ${describeError(error)}`);
		}
	}

	get template(): PlanTemplate | undefined {
		return this.#template.current;
	}

	get zone(): string {
		void this.#deps.clock.now;
		return this.#deps.zone();
	}

	/** The offer to move today's plan to local hours, after a change of time zone. */
	shift = $derived.by(() => {
		const plan = this.plan;
		const zone = this.zone;
		return plan && this.keptZone !== zone ? zoneShift(plan, zone) : undefined;
	});

	runEnds = $derived.by(() => {
		const plan = this.plan;
		if (!plan) return [];
		return runEnds(
			plan,
			this.#deps.runs().map((r) => ({ id: r.id, name: runName(r), endsAt: etaOf(r) })),
			this.zone,
			(at) => clock.format(at)
		);
	});

	tasks = $derived.by(() => new Map(this.#deps.tasks().map((t) => [t.id, t])));

	/** Open tasks not in today's plan, highest priority first. */
	unplanned = $derived.by(() => {
		const planned = new Set(this.plan?.blocks.flatMap((b) => b.taskIds) ?? []);
		return this.#deps.tasks().filter((t) => !planned.has(t.id));
	});

	/** A few open tasks that suit a block: active for deep work, passive for launching… */
	suggestionsFor(block: PlanBlock): Task[] {
		const plan = this.plan;
		if (!plan) return [];
		return suggestFor(block, plan, this.#deps.tasks()).flatMap((id) => this.tasks.get(id) ?? []);
	}

	place(taskId: string, blockId: string): Promise<void> {
		return this.#change((p, now) => placeTask(p, taskId, blockId, now));
	}

	unplan(taskId: string): Promise<void> {
		return this.#change((p, now) => unplanTask(p, taskId, now));
	}

	/** Keeps the plan's hours but makes them local to where the device is now. */
	moveToLocal(): Promise<void> {
		const zone = this.zone;
		return this.#change((p, now) => ({ ...p, zone, updatedAt: now }));
	}

	/** Saves the template; returns why not, in a sentence, when it cannot be saved. */
	async saveTemplate(slots: PlanSlot[]): Promise<string | undefined> {
		const problem = slotsProblem(slots);
		if (problem) return problem;
		try {
			await this.#deps.plans.saveTemplate(slots);
			return undefined;
		} catch (error) {
			return `The template was not saved: ${describeError(error)}`;
		}
	}

	async #change(change: (p: DayPlan, now: number) => DayPlan): Promise<void> {
		const plan = this.plan;
		if (!plan) return;
		try {
			await this.#deps.plans.update(plan.date, change);
		} catch (error) {
			this.#deps.toasts.error(`Could not change the plan: ${describeError(error)}`);
		}
	}
}
