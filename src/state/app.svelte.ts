import { createContext } from 'svelte';
import { firstDayOfWeek } from '../core/local-date';
import type { Stage } from '../core/task';
import { AppDB, DB_NAME, DB_VERSION } from '../db/app-db';
import { takeEarlyRead } from '../db/early-read';
import { newId } from '../db/new-id';
import { loadRecordChecks } from '../db/record-guard';
import { DEFAULT_SETTINGS, SettingsRepo, settingsFrom, type Settings } from '../db/settings-repo';
import { TaskRepo } from '../db/task-repo';
import { Announcer } from './announcer.svelte';
import type { AutoBackup, AutoBackupDeps } from './auto-backup.svelte';
import type { DataSafetyDeps } from './data-safety.svelte';
import type { Runs } from './runs.svelte';
import type { Focus } from './focus.svelte';
import type { Timeboxes } from './timeboxes.svelte';
import type { Sync } from './sync.svelte';
import { Board } from './board.svelte';
import { Clock } from './clock.svelte';
import { LiveQuery } from './live-query.svelte';
import type { MoveWorker } from './move-worker';
import { StorageStatus } from './storage.svelte';
import { Toasts } from './toasts.svelte';

export type Route = 'board' | 'today' | 'reading' | 'runs' | 'review' | 'settings' | 'share';

const ROUTE_PATHS: Record<Route, string> = {
	board: '/',
	today: '/today',
	reading: '/reading',
	runs: '/runs',
	review: '/review',
	settings: '/settings',
	/** The Web Share Target: what another app shared, to capture as reading or a task. */
	share: '/share'
};

function routeFromPath(path: string): Route {
	if (path.startsWith('/today')) return 'today';
	if (path.startsWith('/reading')) return 'reading';
	if (path.startsWith('/runs')) return 'runs';
	if (path.startsWith('/review')) return 'review';
	if (path.startsWith('/settings')) return 'settings';
	if (path.startsWith('/share')) return 'share';
	return 'board';
}

/** Everything the UI needs, created once at start-up and handed down by context. */
export class App {
	readonly db: AppDB;
	readonly taskRepo: TaskRepo;
	readonly settingsRepo: SettingsRepo;
	readonly toasts = new Toasts();
	readonly announcer = new Announcer();
	readonly clock = new Clock();
	readonly storage = new StorageStatus();
	readonly board: Board;
	/** The day weeks start on where the browser's language is used (Monday when it does not say). */
	readonly firstDay = firstDayOfWeek(navigator.language);
	#settings: LiveQuery<Settings>;

	route = $state<Route>(routeFromPath(location.pathname));
	/** The stage the quick-add box files into when no #stage token is typed. */
	quickAddStage = $state<Stage>('problem');
	/**
	 * The quick-add box should take the focus as soon as it shows (the board may still be loading,
	 * after the first-run screen say); it takes it once.
	 */
	quickAddWantsFocus = $state(false);
	editingId = $state<string | null>(null);
	showShortcuts = $state(false);
	/** Another tab opened a newer version of the database; this tab let go of its own. */
	updatedElsewhere = $state(false);
	/** The database was written by a newer Lindy than this build; nothing here touches it. */
	newerData = $state(false);
	/** The rolling local backup, loaded once the app is idle. */
	autoBackup = $state.raw<AutoBackup | null>(null);
	/** The run watch, loaded once the app is idle (or when a page needs it first). */
	runs = $state.raw<Runs | null>(null);
	/** The focus block, loaded once the app is idle (or when the user starts one). */
	focus = $state.raw<Focus | null>(null);
	/** The time-boxes of tasks under way, loaded once the app is idle. */
	timeboxes = $state.raw<Timeboxes | null>(null);
	/** Sync between devices, loaded once the app is idle (its engine only when sync is on). */
	sync = $state.raw<Sync | null>(null);
	/** The start dialog: for a task, or asking which task (an empty object). */
	focusing = $state<{ taskId?: string } | null>(null);
	/** The task whose run the pre-flight dialog is launching; null for a run without a task. */
	launching = $state<{ taskId?: string } | null>(null);
	/** Bumped when a drag ends, so every column drops its drag-time copy of its cards. */
	dragEpoch = $state(0);

	constructor(db = new AppDB()) {
		this.db = db;
		this.taskRepo = new TaskRepo(db);
		this.settingsRepo = new SettingsRepo(db);
		const early = db.name === DB_NAME ? takeEarlyRead() : Promise.resolve(undefined);
		this.#settings = new LiveQuery(
			() => this.settingsRepo.all(),
			undefined,
			early.then((read) => read && settingsFrom(read.settings))
		);
		this.board = new Board({
			tasks: this.taskRepo,
			settings: this.settingsRepo,
			clock: this.clock,
			toasts: this.toasts,
			announcer: this.announcer,
			sortMode: () => this.settings.sortMode,
			showsSortMode: (mode) => this.#settings.until((s) => s.sortMode === mode),
			onFirstSave: () => void this.#askPersistence(),
			targets: () => this.runs?.targetFacts(this.board.tasks),
			firstDay: this.firstDay,
			early: early.then((read) => read?.tasks),
			move: (held, stage, order) => this.#moves?.move(held, stage, order)
		});
		addEventListener('popstate', () => (this.route = routeFromPath(location.pathname)));
		// Dexie opens a database of a higher version than it knows; this build must not touch it.
		db.on('ready', () => {
			// Dexie stores version n as IndexedDB version n × 10.
			if (db.backendDB().version / 10 > DB_VERSION) {
				this.newerData = true;
				db.close();
			}
		});
		// A newer Lindy in another tab needs this connection closed to upgrade the database.
		db.on('versionchange', () => {
			db.close();
			this.updatedElsewhere = true;
			return false;
		});
	}

	get settingsLoaded(): boolean {
		return this.#settings.current !== undefined;
	}

	get settings(): Settings {
		return this.#settings.current ?? DEFAULT_SETTINGS;
	}

	setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
		return this.settingsRepo.set(key, value);
	}

	/** Loads what checks each write (not needed to show the board); called once it has rendered. */
	loadWriteChecks(): void {
		void loadRecordChecks();
	}

	#moves: MoveWorker | undefined;

	/** Starts the worker that writes the board's moves; called once the app is idle. */
	async startMoveWorker(): Promise<void> {
		const { MoveWorker } = await import('./move-worker');
		this.#moves ??= new MoveWorker(this.taskRepo, this.db.name);
		this.#moves.start();
	}

	/** Starts the daily local copy; called when the app is idle after its first render. */
	async startAutoBackup(): Promise<void> {
		const { AutoBackup } = await import('./auto-backup.svelte');
		const backup = new AutoBackup(this.#backupDeps());
		this.autoBackup = backup;
		await backup.start();
	}

	#backupDeps(): AutoBackupDeps {
		return {
			db: this.db,
			clock: this.clock,
			toasts: this.toasts,
			announcer: this.announcer,
			markExported: (at) => this.setSetting('lastExportAt', at)
		};
	}

	/** What export, import and delete-everything need (the Settings page and the banners). */
	get dataSafetyDeps(): DataSafetyDeps {
		return { ...this.#backupDeps(), onDeleted: () => this.navigate('board') };
	}

	#runsLoading: Promise<Runs> | undefined;

	/** Loads the run watch and starts it: server reports, the alert clock, the badge. */
	startRuns(): Promise<Runs> {
		this.#runsLoading ??= Promise.all([
			import('./runs.svelte'),
			import('../db/run-repo'),
			import('./notifier'),
			import('./run-server')
		]).then(([{ Runs }, { RunRepo }, { notifier }, { RunServer }]) => {
			const runs = new Runs({
				runs: new RunRepo(this.db),
				clock: this.clock,
				toasts: this.toasts,
				settings: () => this.settings,
				setNotificationsAsked: () => this.setSetting('notificationsAsked', true),
				notifier,
				server: new RunServer(),
				newId,
				hold: async (alerts, now) => (await this.startFocus()).hold(alerts, now),
				firstDay: this.firstDay
			});
			runs.start();
			this.runs = runs;
			return runs;
		});
		return this.#runsLoading;
	}

	#focusLoading: Promise<Focus> | undefined;

	/** Loads the focus block and watches it: the heartbeat, its end, what it held. */
	startFocus(): Promise<Focus> {
		this.#focusLoading ??= Promise.all([
			import('./focus.svelte'),
			import('../db/focus-repo'),
			import('./notifier')
		]).then(([{ Focus }, { FocusRepo }, { notifier }]) => {
			const focus = new Focus({
				focus: new FocusRepo(this.db),
				clock: this.clock,
				settings: () => this.settings,
				notifier,
				toasts: this.toasts,
				announce: (message) => this.announcer.say(message)
			});
			focus.watch();
			this.focus = focus;
			return focus;
		});
		return this.#focusLoading;
	}

	#timeboxesLoading: Promise<Timeboxes> | undefined;

	/** Loads the time-box watch: the limit's dialog and notification for tasks under way. */
	startTimeboxes(): Promise<Timeboxes> {
		this.#timeboxesLoading ??= Promise.all([
			import('./timeboxes.svelte'),
			import('./notifier'),
			this.startFocus()
		]).then(([{ Timeboxes }, { notifier }, focus]) => {
			const timeboxes = new Timeboxes({
				tasks: () => this.board.tasks,
				repo: this.taskRepo,
				clock: this.clock,
				settings: () => this.settings,
				notifier,
				toasts: this.toasts,
				quiet: () => focus.phase === 'loading',
				endBlockOn: (taskId, note) => focus.endOn(taskId, note)
			});
			timeboxes.watch();
			this.timeboxes = timeboxes;
			return timeboxes;
		});
		return this.#timeboxesLoading;
	}

	#syncLoading: Promise<Sync> | undefined;

	/** Loads sync's state and, when sync is on here, starts it. */
	startSync(): Promise<Sync> {
		this.#syncLoading ??= import('./sync.svelte').then(({ Sync }) => {
			const db = this.db;
			const sync = new Sync({
				db,
				now: () => Date.now(),
				origin: location.origin,
				copyBeforeJoin: async () => {
					const { SnapshotDB, takeSnapshot } = await import('../db/snapshots');
					await takeSnapshot(db, new SnapshotDB(), __APP_VERSION__, Date.now());
				},
				joined: () => this.setSetting('onboarded', true)
			});
			this.sync = sync;
			sync.start();
			return sync;
		});
		return this.#syncLoading;
	}

	/** Opens the dialog that starts a focus block, on a task or asking which one. */
	startBlock(taskId?: string): void {
		void this.startFocus();
		this.focusing = taskId ? { taskId } : {};
	}

	/** Opens the pre-flight check, for a task or for a run of its own. */
	launchRun(taskId?: string): void {
		void this.startRuns();
		this.launching = taskId ? { taskId } : {};
	}

	navigate(route: Route) {
		if (this.route === route) return;
		history.pushState(null, '', ROUTE_PATHS[route]);
		this.route = route;
	}

	focusQuickAdd(stage: Stage = 'problem') {
		this.navigate('board');
		this.quickAddStage = stage;
		this.quickAddWantsFocus = true;
	}

	async #askPersistence() {
		if (this.settings.persistAsked) return;
		await this.setSetting('persistAsked', true);
		await this.storage.requestPersistence();
	}
}

export const [getApp, setApp] = createContext<App>();
