import {
	DEFAULT_CHECKLIST,
	eventsFromReport,
	withEvents,
	type Run,
	type RunDraft,
	type RunTemplate,
	type ServerReport
} from '../core/runs';
import type { AppDB } from './app-db';
import { newId, newToken } from './new-id';
import { trackWrite } from './pending-writes';

export interface Launch extends RunDraft {
	taskId?: string;
	skipped: string[];
}

/** The id of the checklist template a new user starts with. */
export const DEFAULT_TEMPLATE_ID = 'default';

/** The template Lindy offers until the user saves one of their own. */
export function defaultTemplate(now: number): RunTemplate {
	return {
		id: DEFAULT_TEMPLATE_ID,
		name: 'Before an unattended run',
		items: DEFAULT_CHECKLIST.map((item, i) => ({ ...item, id: `default-${i + 1}` })),
		createdAt: now,
		updatedAt: now
	};
}

/** The only way the app reads and writes runs and their checklist templates. */
export class RunRepo {
	readonly #db: AppDB;
	readonly #newId: () => string;
	readonly #now: () => number;

	constructor(db: AppDB, makeId: () => string = newId, now: () => number = () => Date.now()) {
		this.#db = db;
		this.#newId = makeId;
		this.#now = now;
	}

	/** Every run, newest launch first. */
	all(): Promise<Run[]> {
		return this.#db.runs.orderBy('launchedAt').reverse().toArray();
	}

	/** Runs by id, as stored now (a missing one is left out). */
	async some(ids: readonly string[]): Promise<Run[]> {
		return (await this.#db.runs.bulkGet([...ids])).filter((r) => r !== undefined);
	}

	get(id: string): Promise<Run | undefined> {
		return this.#db.runs.get(id);
	}

	/** Stores a new run, numbered one past the last, with a fresh secret token. */
	launch(launch: Launch): Promise<Run> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.runs, async () => {
				const last = await this.#db.runs.orderBy('number').last();
				const now = this.#now();
				const { taskId, costPerHour, budget, ...rest } = launch;
				const run: Run = {
					id: this.#newId(),
					number: (last?.number ?? 0) + 1,
					...(taskId !== undefined ? { taskId } : {}),
					...rest,
					...(costPerHour !== undefined ? { costPerHour } : {}),
					...(budget !== undefined ? { budget } : {}),
					launchedAt: now,
					token: newToken(),
					registered: false,
					events: [],
					verdict: '',
					alertsSent: [],
					createdAt: now,
					updatedAt: now
				};
				await this.#db.runs.add(run);
				return run;
			})
		);
	}

	/**
	 * Changes a run as stored now (read and written in one transaction, so a report that arrived
	 * meanwhile is kept). `change` returns the run itself when nothing is to change.
	 */
	update(id: string, change: (run: Run, now: number) => Run): Promise<Run | undefined> {
		return trackWrite(
			this.#db.transaction('rw', this.#db.runs, async () => {
				const run = await this.#db.runs.get(id);
				if (!run) return undefined;
				const next = change(run, this.#now());
				if (next === run) return run;
				await this.#db.runs.put({ ...next, updatedAt: this.#now() });
				return next;
			})
		);
	}

	/**
	 * Stores reports from Lindy's server on their runs, each once. Returns the ids of the reports
	 * that belong to runs of this browser: only those may be acknowledged.
	 */
	receive(reports: readonly ServerReport[]): Promise<string[]> {
		if (reports.length === 0) return Promise.resolve([]);
		return trackWrite(
			this.#db.transaction('rw', this.#db.runs, async () => {
				const byRun = new Map<string, ServerReport[]>();
				for (const r of reports) byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), r]);
				const runs = await this.#db.runs.bulkGet([...byRun.keys()]);
				const now = this.#now();
				const taken: string[] = [];
				const changed: Run[] = [];
				for (const run of runs) {
					if (!run) continue;
					const own = byRun.get(run.id)!;
					const next = withEvents(run, own.flatMap(eventsFromReport), now);
					if (next !== run) changed.push(next);
					taken.push(...own.map((r) => r.id));
				}
				await this.#db.runs.bulkPut(changed);
				return taken;
			})
		);
	}

	/** The checklist templates; the default one until the user has saved any. */
	async templates(): Promise<RunTemplate[]> {
		const stored = await this.#db.runTemplates.toArray();
		return stored.length > 0
			? stored.sort((a, b) => a.createdAt - b.createdAt)
			: [defaultTemplate(0)];
	}

	saveTemplate(template: RunTemplate): Promise<string> {
		return trackWrite(this.#db.runTemplates.put({ ...template, updatedAt: this.#now() }));
	}

	deleteTemplate(id: string): Promise<void> {
		return trackWrite(this.#db.runTemplates.delete(id));
	}

	newTemplateId(): string {
		return this.#newId();
	}
}
