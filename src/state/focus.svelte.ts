import {
	blockPhase,
	endSession,
	heldSummary,
	holdsAlert,
	needsRecovery,
	pauseSession,
	recoverSession,
	remainingMs,
	resumeSession,
	seenSession,
	type FocusSession,
	type RecoveryAnswer,
	type SessionEnding
} from '../core/focus';
import type { RunAlert } from '../core/runs';
import type { Task } from '../core/task';
import type { FocusRepo } from '../db/focus-repo';
import type { Settings } from '../db/settings-repo';
import { LiveQuery } from './live-query.svelte';
import type { Notifier } from './notifier';
import { describeError, type Toasts } from './toasts.svelte';

export interface FocusDeps {
	focus: FocusRepo;
	clock: { readonly now: number };
	settings: () => Pick<Settings, 'focusBreakThrough'>;
	notifier: Pick<Notifier, 'notify' | 'exclusive'>;
	toasts: Pick<Toasts, 'error'>;
	/** Notes how a block ended, for screen readers. */
	announce: (message: string) => void;
}

/**
 * The focus block under way: starting, pausing and ending it, the heartbeat that tells a reload
 * from a crash, and the alerts it holds. Loaded after the board has shown.
 */
export class Focus {
	readonly #deps: FocusDeps;
	/** null once read with no block running; undefined until then. */
	readonly #active: LiveQuery<FocusSession | null>;
	/** A block that has just ended and waits for its "Where I stopped" line. */
	ended = $state.raw<FocusSession | null>(null);

	constructor(deps: FocusDeps) {
		this.#deps = deps;
		this.#active = new LiveQuery(async () => (await deps.focus.active()) ?? null);
	}

	/** The block under way, if any. */
	get active(): FocusSession | undefined {
		return this.#active.current ?? undefined;
	}

	get now(): number {
		return this.#deps.clock.now;
	}

	phase = $derived(this.active ? blockPhase(this.active, this.now) : undefined);

	/** Whole minutes left, rounded up: "1m left" until the block is over. */
	minutesLeft = $derived(
		this.active ? Math.max(0, Math.ceil(remainingMs(this.active, this.now) / 60_000)) : 0
	);

	/** Lindy has not seen the block for a while (a crash, a closed lid): ask what happened. */
	recovering = $derived(this.active !== undefined && needsRecovery(this.active, this.now));

	/** Starts a block; false when another one is already running. */
	async start(task: Pick<Task, 'id' | 'title' | 'stage'>, minutes: number): Promise<boolean> {
		try {
			await this.#deps.focus.start(task, minutes);
			this.#deps.announce(`Focus block started: ${minutes} minutes on ${task.title}.`);
			return true;
		} catch (error) {
			this.#deps.toasts.error(`Could not start the block: ${describeError(error)}`);
			return false;
		}
	}

	pause(): Promise<void> {
		return this.#change((s, now) => pauseSession(s, now));
	}

	resume(): Promise<void> {
		return this.#change((s, now) => resumeSession(s, now));
	}

	/** Stops the block early; it then asks where the user stopped. */
	async stop(): Promise<void> {
		await this.#end('stopped');
	}

	/**
	 * Stops a block on this task, if one runs, with where the user stopped already written (a
	 * step away from the time-box): nothing more to ask.
	 */
	async endOn(taskId: string, note: string): Promise<void> {
		if (this.active?.taskId !== taskId) return;
		const session = await this.#end('stopped', false);
		if (session && note.trim() !== '') await this.#deps.focus.saveNote(session.id, note);
	}

	/** The user's answer after a gap: the block goes on, or it ended. */
	async recover(answer: RecoveryAnswer): Promise<void> {
		const session = this.active;
		if (!session) return;
		const next = await this.#deps.focus.update(session.id, (s, now) =>
			recoverSession(s, answer, now)
		);
		if (next?.endedAt !== undefined) await this.#delivered(next);
	}

	/** Saves "Where I stopped" for the block that just ended, on it and on its task. */
	async saveNote(note: string): Promise<void> {
		const session = this.ended;
		this.ended = null;
		if (!session || note.trim() === '') return;
		try {
			await this.#deps.focus.saveNote(session.id, note);
		} catch (error) {
			this.#deps.toasts.error(`Could not save where you stopped: ${describeError(error)}`);
		}
	}

	/**
	 * Keeps the alerts the block under way holds on it, to be shown in one summary when it ends,
	 * and returns the rest. Called under the alert lock.
	 */
	async hold(alerts: RunAlert[], now: number): Promise<RunAlert[]> {
		const session = await this.#deps.focus.active();
		const breakThrough = this.#deps.settings().focusBreakThrough;
		const held = alerts.filter((a) => holdsAlert(session, a, breakThrough, now));
		if (!session || held.length === 0) return alerts;
		await this.#deps.focus.update(session.id, (s) => ({
			...s,
			held: [
				...s.held,
				...held.map(({ key, kind, runId, title, body, urgent }) => ({
					key,
					kind,
					runId,
					title,
					body,
					urgent
				}))
			]
		}));
		return alerts.filter((a) => !held.includes(a));
	}

	/** Watches the clock: the heartbeat, and the end of a block whose time ran out. Returns a stop. */
	watch(): () => void {
		return $effect.root(() => {
			$effect(() => {
				// Every minute's tick: a block that is seen running is not mistaken for a crash.
				void this.now;
				const session = this.active;
				const phase = this.phase;
				if (!session || this.recovering) return;
				if (phase === 'over') void this.#end('done');
				else void this.#deps.focus.update(session.id, (s, now) => seenSession(s, now));
			});
		});
	}

	async #change(change: (s: FocusSession, now: number) => FocusSession): Promise<void> {
		const session = this.active;
		if (!session) return;
		try {
			await this.#deps.focus.update(session.id, change);
		} catch (error) {
			this.#deps.toasts.error(`Could not change the block: ${describeError(error)}`);
		}
	}

	/**
	 * Ends the block, once across tabs: under the alert lock, the stored block is ended if it has
	 * not been, and only then are its held alerts and the end shown.
	 */
	async #end(ending: SessionEnding, ask = true): Promise<FocusSession | undefined> {
		const session = this.active;
		if (!session) return undefined;
		const ended = await this.#deps.notifier.exclusive(async () => {
			const before = await this.#deps.focus.get(session.id);
			if (!before || before.endedAt !== undefined) return undefined;
			return this.#deps.focus.update(session.id, (s, now) => endSession(s, ending, now));
		});
		if (ended) await this.#delivered(ended, ask);
		return ended;
	}

	/** A block has ended: what it held, "take a break", and the question of where it stopped. */
	async #delivered(session: FocusSession, ask = true): Promise<void> {
		const { notifier, announce } = this.#deps;
		if (ask) this.ended = session;
		const done = session.ending === 'done';
		const title = done ? 'Block done — take a break' : 'Block ended';
		announce(`${title}. ${session.taskTitle}.`);
		if (done) {
			await notifier
				.notify({
					title,
					body: session.taskTitle,
					tag: `focus:${session.id}`,
					url: '/',
					action: 'Open Lindy'
				})
				.catch(() => false);
		}
		if (session.held.length === 0) return;
		// The end dialog lists them too; the notification reaches a user who is away from the tab.
		const summary = heldSummary(session.held);
		await notifier
			.notify({
				...summary,
				tag: `focus-held:${session.id}`,
				url: '/runs',
				action: 'Open the runs'
			})
			.catch(() => false);
		await this.#deps.focus.update(session.id, (s) => ({ ...s, held: [] }));
	}
}
