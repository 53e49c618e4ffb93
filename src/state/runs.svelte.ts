import { sameTargetFacts, type TargetFacts } from '../core/good-enough';
import { targetFacts } from '../core/run-targets';
import { startOfLocalDay, toLocalDate, weekStart, WEEK_MS, type WeekDay } from '../core/local-date';
import {
	alertsDue,
	byNeed,
	compareAlerts,
	costBetween,
	handEnd,
	isOver,
	isSettled,
	machineMayBeOn,
	markSent,
	moneyFormat,
	needsAttention,
	parseMetric,
	runName,
	runState,
	withEvents,
	type Run,
	type RunAlert,
	type RunOutcome,
	type RunState,
	type RunTemplate,
	type ServerReport
} from '../core/runs';
import type { Task } from '../core/task';
import { LIMITS } from '../core/limits';
import { oneLine } from '../core/text';
import { sameItems } from '../core/board';
import type { Launch, RunRepo } from '../db/run-repo';
import type { Settings } from '../db/settings-repo';
import { LiveQuery } from './live-query.svelte';
import type { Notifier } from './notifier';
import type { RunServer } from './run-server';
import { describeError, type Toasts } from './toasts.svelte';

export interface RunsDeps {
	runs: RunRepo;
	clock: { readonly now: number };
	toasts: Pick<Toasts, 'show' | 'error'>;
	settings: () => Pick<Settings, 'currency' | 'ntfyTopic' | 'notificationsAsked'>;
	setNotificationsAsked: () => Promise<void>;
	notifier: Notifier;
	server: RunServer;
	/** A new id for a hand mark. */
	newId: () => string;
	/**
	 * Keeps the alerts a focus block holds (called under the alert lock) and returns the ones to
	 * show now.
	 */
	hold: (alerts: RunAlert[], now: number) => Promise<RunAlert[]>;
	/** The day weeks start on, for the week's spend (Monday unless the locale says otherwise). */
	firstDay?: WeekDay;
}

/**
 * The run watch: every run, what the user does to them by hand, reports from Lindy's server, and
 * alerts. Loaded after the board has shown; nothing of it is in the board's first bundle.
 */
export class Runs {
	readonly #deps: RunsDeps;
	readonly #list: LiveQuery<Run[]>;
	readonly #templates: LiveQuery<RunTemplate[]>;
	#stop: (() => void) | undefined;
	/**
	 * Whether Lindy's server answered the last time it was asked (undefined: not asked yet). A run
	 * it has not registered has its reports refused until it is back.
	 */
	serverReached = $state<boolean | undefined>(undefined);

	constructor(deps: RunsDeps) {
		this.#deps = deps;
		this.#list = new LiveQuery(() => deps.runs.all());
		this.#templates = new LiveQuery(() => deps.runs.templates());
	}

	get loaded(): boolean {
		return this.#list.current !== undefined;
	}

	/** Every run, newest launch first. */
	get all(): Run[] {
		return this.#list.current ?? [];
	}

	get templates(): RunTemplate[] {
		return this.#templates.current ?? [];
	}

	get now(): number {
		return this.#deps.clock.now;
	}

	/**
	 * Runs whose state, cost or alerts still change with time. Everything that a minute's tick
	 * recomputes looks only at these, so a long history costs nothing once a minute.
	 */
	live = $derived(this.all.filter((r) => !isSettled(r)));

	/** Today's local date: what a run's times are shown relative to. */
	today = $derived(toLocalDate(this.now));

	#lastCurrent: Run[] = [];
	/**
	 * Runs under way, and ended ones whose machine may still be on, in the order they need the
	 * user: the Running strip. The same array while nothing in it changes.
	 */
	current = $derived.by(() => {
		const now = this.now;
		const next = byNeed(
			this.live.filter((r) => !isOver(runState(r, now)) || machineMayBeOn(r, now)),
			now
		);
		if (!sameItems(next, this.#lastCurrent)) this.#lastCurrent = next;
		return this.#lastCurrent;
	});

	/** How many runs need the user: due, silent, or ended with the machine not confirmed off. */
	attention = $derived.by(() => {
		const now = this.now;
		return this.live.filter((r) => needsAttention(r, now)).length;
	});

	/** Amounts in the user's currency (one formatter, made again only when the currency changes). */
	money = $derived.by(() => moneyFormat(this.#deps.settings().currency));

	#weekFrom = $derived.by(() => startOfLocalDay(weekStart(this.today, this.#deps.firstDay)));
	/** What settled runs spent this week: remade when the runs change or the week turns. */
	#settledWeekSpend = $derived.by(() => {
		const from = this.#weekFrom;
		return this.all.reduce(
			(sum, r) =>
				isSettled(r) ? sum + costBetween(r, from, from + WEEK_MS, r.machineOffAt!) : sum,
			0
		);
	});

	/** This week's estimated spend (Monday to Sunday, local time). */
	weekSpend = $derived.by(() => {
		const now = this.now;
		const from = this.#weekFrom;
		return this.live.reduce(
			(sum, r) => sum + costBetween(r, from, from + WEEK_MS, now),
			this.#settledWeekSpend
		);
	});

	/** Each task's latest run. */
	#latestRuns = $derived.by(() => {
		const out = new Map<string, Run>();
		for (const run of this.all) if (run.taskId && !out.has(run.taskId)) out.set(run.taskId, run);
		return out;
	});

	#lastLabels = new Map<string, RunLabel>();

	/**
	 * Each task's latest run, as its card shows it: "r42 running". The same map, entry for entry,
	 * while no label changes, so a minute's tick does not make every card look again.
	 */
	latestByTask = $derived.by(() => {
		const latest = this.#latestRuns;
		// A settled run's state does not depend on the time: read the clock only for live ones.
		const now = [...latest.values()].some((r) => !isSettled(r)) ? this.now : 0;
		const previous = this.#lastLabels;
		const next = new Map<string, RunLabel>();
		let changed = latest.size !== previous.size;
		for (const [taskId, run] of latest) {
			const state = runState(run, now);
			const label = `${runName(run)} ${state}`;
			const before = previous.get(taskId);
			if (before?.label === label) next.set(taskId, before);
			else {
				next.set(taskId, { state, label });
				changed = true;
			}
		}
		if (changed) this.#lastLabels = next;
		return this.#lastLabels;
	});

	#lastFacts = new Map<string, TargetFacts>();

	/**
	 * What the runs say about the tasks' good-enough targets: the same map while nothing in it
	 * changed, so a move does not make every card look again.
	 */
	targetFacts(tasks: readonly Task[]): ReadonlyMap<string, TargetFacts> {
		// Only a live run's minutes grow: read the clock only while there is one.
		const next = targetFacts(tasks, this.all, this.live.length > 0 ? this.now : 0);
		if (!sameFactMaps(this.#lastFacts, next)) this.#lastFacts = next;
		return this.#lastFacts;
	}

	/** Stores the run, tells the server its token, and asks for notifications the first time. */
	async launch(launch: Launch): Promise<Run | undefined> {
		let run: Run;
		try {
			run = await this.#deps.runs.launch(launch);
		} catch (error) {
			this.#deps.toasts.error(`Could not launch: ${describeError(error)}`);
			return undefined;
		}
		if (!this.#deps.settings().notificationsAsked) {
			await this.#deps.setNotificationsAsked();
			await this.#deps.notifier.ask();
		}
		void this.#register([run]);
		return run;
	}

	async markEnded(run: Run, outcome: RunOutcome): Promise<void> {
		const id = this.#deps.newId();
		await this.#change(run, (r, now) => withEvents(r, [handEnd(id, outcome, now)], now));
		this.#deps.toasts.show(`${runName(run)} marked ${outcome}.`, {
			undo: () =>
				this.#deps.runs.update(run.id, (r) => ({
					...r,
					events: r.events.filter((e) => e.id !== id)
				}))
		});
	}

	/** The machine is off: the cost meter stops now. */
	async confirmOff(run: Run): Promise<void> {
		await this.#change(run, (r, now) =>
			r.machineOffAt === undefined ? { ...r, machineOffAt: now } : r
		);
		this.#deps.toasts.show(`${runName(run)}: machine off, the meter stopped.`, {
			undo: () => this.#deps.runs.update(run.id, ({ machineOffAt: _off, ...r }) => r as Run)
		});
	}

	async setVerdict(run: Run, verdict: string): Promise<void> {
		const text = oneLine(verdict, LIMITS.runText);
		await this.#change(run, (r) => (r.verdict === text ? r : { ...r, verdict: text }));
	}

	/** Adds a metric typed by hand (`f1:0.81`); returns why it cannot, in a sentence. */
	async addMetric(run: Run, text: string): Promise<string | undefined> {
		const metric = parseMetric(text);
		if (!metric) return 'Type a metric as name:value, such as f1:0.81.';
		await this.#change(run, (r, now) =>
			withEvents(
				r,
				[{ id: this.#deps.newId(), at: now, source: 'hand', kind: 'metric', metric }],
				now
			)
		);
		return undefined;
	}

	saveTemplate(template: RunTemplate): Promise<unknown> {
		return this.#deps.runs.saveTemplate(template).catch((error) => {
			this.#deps.toasts.error(`Could not save the checklist: ${describeError(error)}`);
		});
	}

	deleteTemplate(id: string): Promise<void> {
		return this.#deps.runs.deleteTemplate(id);
	}

	newTemplateId(): string {
		return this.#deps.runs.newTemplateId();
	}

	async #change(run: Run, change: (run: Run, now: number) => Run): Promise<void> {
		try {
			await this.#deps.runs.update(run.id, change);
		} catch (error) {
			this.#deps.toasts.error(`Could not save ${runName(run)}: ${describeError(error)}`);
		}
	}

	/**
	 * Tells the server the tokens of runs it does not know yet (a launch offline, say), and notes
	 * whether it took them all.
	 */
	async #register(runs: readonly Run[]): Promise<void> {
		const topic = this.#deps.settings().ntfyTopic;
		let reached = true;
		for (const run of runs) {
			if (run.registered) continue;
			if (!(await this.#deps.server.register(run, topic))) {
				reached = false;
				continue;
			}
			await this.#deps.runs.update(run.id, (r) => (r.registered ? r : { ...r, registered: true }));
		}
		this.serverReached = reached;
	}

	async #receive(reports: ServerReport[]): Promise<void> {
		try {
			const taken = await this.#deps.runs.receive(reports);
			await this.#deps.server.ack(taken);
		} catch (error) {
			this.#deps.toasts.error(`Could not store a run report: ${describeError(error)}`);
		}
	}

	/**
	 * Delivers the alerts due, each once across every open tab: under a lock, the runs are read
	 * afresh, the alerts marked sent, and only then shown.
	 */
	checkAlerts(candidates: readonly Run[] = this.all): Promise<RunAlert[]> {
		const { notifier, runs, toasts } = this.#deps;
		const money = this.money;
		// Most minutes nothing is due: that is known from the runs in memory, without a lock or a read.
		const pending = candidates.filter((r) => alertsDue(r, Date.now(), money).length > 0);
		if (pending.length === 0) return Promise.resolve([]);
		return notifier.exclusive(async () => {
			const now = Date.now();
			const due: RunAlert[] = [];
			const fresh = await runs.some(pending.map((r) => r.id));
			for (const run of fresh) {
				const alerts = alertsDue(run, now, money);
				if (alerts.length === 0) continue;
				await runs.update(run.id, (r) =>
					markSent(
						r,
						alerts.map((a) => a.key)
					)
				);
				due.push(...alerts);
			}
			due.sort(compareAlerts);
			const shown = await this.#deps.hold(due, now).catch(() => due);
			for (const alert of shown) {
				const title = /[.?!]$/.test(alert.title) ? alert.title : `${alert.title}.`;
				toasts.show(`${title} ${alert.body}`, alert.urgent ? { tone: 'error' } : {});
				await notifier.show(alert).catch(() => false);
			}
			return shown;
		});
	}

	/** Starts listening to the server and watching the clock for alerts; returns a stop. */
	start(): () => void {
		const stopServer = this.#deps.server.listen(
			(reports) => void this.#receive(reports),
			() => void this.#deps.runs.all().then((runs) => this.#register(runs))
		);
		let checked: Run[] | undefined;
		const stopEffects = $effect.root(() => {
			$effect(() => {
				// Every run when they change; once a minute, only the live ones (a settled run's
				// alerts do not depend on the time).
				const all = this.all;
				const live = this.live;
				void this.now;
				void this.checkAlerts(all === checked ? live : all);
				checked = all;
			});
			$effect(() => {
				const n = this.attention;
				this.#deps.notifier.badge(n);
				document.title = n > 0 ? `(${n}) Lindy` : 'Lindy';
			});
		});
		this.#stop = () => {
			stopServer();
			stopEffects();
		};
		return this.#stop;
	}
}

interface RunLabel {
	state: RunState;
	label: string;
}

function sameFactMaps(a: ReadonlyMap<string, TargetFacts>, b: ReadonlyMap<string, TargetFacts>) {
	if (a.size !== b.size) return false;
	for (const [id, facts] of b) if (!sameTargetFacts(a.get(id), facts)) return false;
	return true;
}
