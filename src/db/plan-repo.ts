import {
	DEFAULT_PLAN_SLOTS,
	planFromTemplate,
	type DayPlan,
	type PlanSlot,
	type PlanTemplate
} from '../core/day-plan';
import type { LocalDate } from '../core/task';
import type { AppDB } from './app-db';
import { trackWrite } from './pending-writes';

/** The id of the one template Lindy keeps (more may come). */
export const PLAN_TEMPLATE_ID = 'default';

/** The only way the app reads and writes day plans and their template. */
export class PlanRepo {
	readonly #db: AppDB;
	readonly #now: () => number;

	constructor(db: AppDB, now: () => number = () => Date.now()) {
		this.#db = db;
		this.#now = now;
	}

	get(date: LocalDate): Promise<DayPlan | undefined> {
		return this.#db.dayPlans.get(date);
	}

	/** The template: the user's, or a remote ML engineer's day until they save one. */
	async template(): Promise<PlanTemplate> {
		return (
			(await this.#db.planTemplates.get(PLAN_TEMPLATE_ID)) ?? {
				id: PLAN_TEMPLATE_ID,
				name: 'Remote day',
				slots: [...DEFAULT_PLAN_SLOTS],
				createdAt: 0,
				updatedAt: 0
			}
		);
	}

	saveTemplate(slots: readonly PlanSlot[]): Promise<string> {
		const now = this.#now();
		return trackWrite(
			this.#db.planTemplates.put({
				id: PLAN_TEMPLATE_ID,
				name: 'Remote day',
				slots: [...slots].sort((a, b) => a.startMin - b.startMin),
				createdAt: now,
				updatedAt: now
			})
		);
	}

	/** The plan for a day, made from the template the first time it is asked for. */
	ensure(date: LocalDate, zone: string): Promise<DayPlan> {
		const { dayPlans, planTemplates } = this.#db;
		return trackWrite(
			this.#db.transaction('rw', dayPlans, planTemplates, async () => {
				const stored = await dayPlans.get(date);
				if (stored) return stored;
				const plan = planFromTemplate(date, zone, (await this.template()).slots, this.#now());
				await dayPlans.add(plan);
				return plan;
			})
		);
	}

	/** Changes a plan as stored now, in one transaction. */
	update(date: LocalDate, change: (plan: DayPlan, now: number) => DayPlan): Promise<void> {
		const { dayPlans } = this.#db;
		return trackWrite(
			this.#db.transaction('rw', dayPlans, async () => {
				const plan = await dayPlans.get(date);
				if (!plan) return;
				const next = change(plan, this.#now());
				if (next !== plan) await dayPlans.put(next);
			})
		);
	}
}
