import * as v from 'valibot';
import { LIMITS } from './limits';
import { RUN_OUTCOMES } from './runs';
import { ALERT_CATEGORIES, FOCUS_LENGTHS } from './focus-settings';
import { PLAN_KINDS } from './day-plan';
import { IMPACTS, MODES, STAGES, STATUSES } from './task';

/**
 * What a valid stored record is: one definition, used by the database's write guard, by export,
 * by the daily copy and by import. Forms check input against the same LIMITS before they save.
 */

/** What the reading settings form accepts. */
export const SETTING_RANGES = {
	readingBudgetMin: { min: 15, max: 24 * 60, integer: false },
	readingMaxItems: { min: 1, max: 30, integer: true },
	retentionWeeks: { min: 1, max: 520, integer: true }
} as const;
export type RangedSetting = keyof typeof SETTING_RANGES;

const RANGE_PROBLEMS: Record<RangedSetting, string> = {
	readingBudgetMin: `The reading budget must be between ${SETTING_RANGES.readingBudgetMin.min} minutes and ${SETTING_RANGES.readingBudgetMin.max / 60} hours.`,
	readingMaxItems: `The list can hold between ${SETTING_RANGES.readingMaxItems.min} and ${SETTING_RANGES.readingMaxItems.max} entries.`,
	retentionWeeks: `Keep items for between ${SETTING_RANGES.retentionWeeks.min} and ${SETTING_RANGES.retentionWeeks.max} weeks.`
};

/** Why a number is not a valid value for a ranged setting, in a sentence; undefined when it is. */
export function settingProblem(key: RangedSetting, value: number): string | undefined {
	const { min, max, integer } = SETTING_RANGES[key];
	const ok = value >= min && value <= max && (!integer || Number.isInteger(value));
	return ok ? undefined : RANGE_PROBLEMS[key];
}

const text = (max: number) =>
	v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));
const id = v.pipe(
	v.string(),
	v.minLength(1, 'is empty'),
	v.maxLength(LIMITS.id, `is longer than ${LIMITS.id} characters`)
);
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const localDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date like 2026-12-04')
);
const httpUrl = v.pipe(
	v.string(),
	v.maxLength(LIMITS.url, `is longer than ${LIMITS.url} characters`),
	v.regex(/^(https?:|file:)/, 'is not an http(s) address')
);
const finite = v.pipe(v.number(), v.finite());
const metricName = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z][\w.\-/]*$/, 'is not a metric name such as f1 or val_loss'),
	v.maxLength(LIMITS.metricName, `is longer than ${LIMITS.metricName} characters`)
);
const minutes = v.pipe(
	v.number(),
	v.integer(),
	v.minValue(1),
	v.maxValue(LIMITS.estimateMin, `is more than ${LIMITS.estimateMin} minutes`)
);
const target = v.strictObject({
	metric: metricName,
	op: v.picklist(['>=', '<=']),
	value: finite,
	tuningBudgetMin: v.optional(minutes)
});
export const taskRecord = v.pipe(
	v.strictObject({
		id,
		title: v.pipe(text(LIMITS.taskTitle), v.minLength(1, 'is empty')),
		notes: text(LIMITS.notes),
		stage: v.picklist(STAGES),
		mode: v.picklist(MODES),
		status: v.picklist(STATUSES),
		impact: v.picklist(IMPACTS),
		estimateMin: v.optional(
			v.pipe(
				v.number(),
				v.integer(),
				v.minValue(1),
				v.maxValue(LIMITS.estimateMin, `is more than ${LIMITS.estimateMin} minutes`)
			)
		),
		due: v.optional(localDate),
		tags: v.pipe(
			v.array(text(LIMITS.tag)),
			v.maxLength(LIMITS.tags, `has more than ${LIMITS.tags} tags`)
		),
		order: v.pipe(v.number(), v.finite()),
		createdAt: time,
		updatedAt: time,
		doneAt: v.optional(time),
		target: v.optional(target),
		whereStopped: v.optional(text(LIMITS.focusNote)),
		doingSince: v.optional(time),
		workedMs: v.optional(time),
		timebox: v.optional(
			v.strictObject({
				on: v.boolean(),
				limitMin: minutes,
				startMs: time,
				extended: v.boolean(),
				askedAt: v.optional(time),
				awayUntil: v.optional(time),
				overruns: v.pipe(
					v.array(v.strictObject({ at: time, min: v.pipe(count, v.minValue(1)) })),
					v.maxLength(50)
				)
			})
		)
	}),
	// The board finds done tasks by status, stage and completion time (an index), so a done task
	// always says when it was done.
	v.forward(
		v.partialCheck(
			[['status'], ['doneAt']],
			(task) => task.status !== 'done' || task.doneAt !== undefined,
			'is missing for a done task'
		),
		['doneAt']
	)
);

export const feedRecord = v.strictObject({
	id,
	url: httpUrl,
	title: text(LIMITS.feedTitle),
	trust: v.pipe(v.number(), v.integer(), v.minValue(-2), v.maxValue(2)),
	paused: v.boolean(),
	showImages: v.boolean(),
	createdAt: time,
	etag: v.optional(text(LIMITS.etag)),
	lastModified: v.optional(text(LIMITS.lastModified)),
	lastFetchedAt: v.optional(time),
	lastSuccessAt: v.optional(time),
	retryAfter: v.optional(time),
	consecutiveFailures: count,
	parseFailures: v.optional(count),
	lastError: v.optional(text(LIMITS.feedError)),
	broken: v.boolean()
});

export const itemRecord = v.strictObject({
	id,
	feedId: id,
	title: text(LIMITS.itemTitle),
	titleKey: text(LIMITS.itemTitle),
	link: v.optional(httpUrl),
	canonicalUrl: v.optional(httpUrl),
	author: v.optional(text(LIMITS.author)),
	sortAt: time,
	publishedAt: v.optional(time),
	firstSeenAt: time,
	summary: text(LIMITS.summary),
	wordCount: count,
	readingMinutes: count,
	notes: v.optional(text(LIMITS.notes)),
	/** The feed sent more than Lindy keeps; the rest is at the original link. */
	truncated: v.optional(v.boolean()),
	readAt: v.optional(time),
	savedAt: v.optional(time)
});

export const itemContentRecord = v.strictObject({
	id,
	html: text(LIMITS.itemHtml),
	/** The address relative links and images in the HTML are resolved against. */
	base: v.optional(httpUrl)
});

const pass = v.picklist([1, 2, 3]);
const scorePart = v.strictObject({
	kind: v.picklist(['hype', 'shouting', 'clickbait', 'lindy', 'task', 'trust', 'boost', 'mute']),
	label: text(LIMITS.label),
	points: v.pipe(v.number(), v.finite()),
	taskId: v.optional(id)
});
const readingEntry = v.strictObject({
	itemId: id,
	title: text(LIMITS.itemTitle),
	link: v.optional(httpUrl),
	feedTitle: text(LIMITS.feedTitle),
	readingMinutes: v.pipe(v.number(), v.minValue(0)),
	score: v.pipe(v.number(), v.finite()),
	parts: v.pipe(v.array(scorePart), v.maxLength(100)),
	plannedPasses: v.pipe(v.array(pass), v.maxLength(3)),
	passesDone: v.pipe(v.array(pass), v.maxLength(3)),
	enough: v.boolean(),
	notRelevant: v.boolean(),
	notes: text(LIMITS.notes),
	pinned: v.boolean(),
	byHand: v.boolean()
});
export const readingListRecord = v.strictObject({
	week: localDate,
	friday: localDate,
	createdAt: time,
	budgetMin: v.pipe(v.number(), v.minValue(0)),
	maxItems: count,
	entries: v.pipe(v.array(readingEntry), v.maxLength(LIMITS.readingEntries)),
	edited: v.optional(v.boolean())
});

const wordList = v.pipe(
	v.array(text(LIMITS.wordListEntry)),
	v.maxLength(LIMITS.wordListEntries, `has more than ${LIMITS.wordListEntries} words`)
);
export const settingRecord = v.variant('key', [
	v.strictObject({ key: v.literal('onboarded'), value: v.boolean() }),
	v.strictObject({ key: v.literal('sortMode'), value: v.picklist(['priority', 'manual']) }),
	v.strictObject({ key: v.literal('theme'), value: v.picklist(['system', 'light', 'dark']) }),
	v.strictObject({ key: v.literal('persistAsked'), value: v.boolean() }),
	v.strictObject({ key: v.literal('feedsChosen'), value: v.boolean() }),
	// Budgets and caps were checked only by the form before, so a stored value outside today's
	// ranges is still read back; the form keeps new values within them.
	v.strictObject({ key: v.literal('readingBudgetMin'), value: v.pipe(v.number(), v.minValue(0)) }),
	v.strictObject({ key: v.literal('readingMaxItems'), value: v.pipe(count, v.minValue(1)) }),
	v.strictObject({ key: v.literal('retentionWeeks'), value: v.pipe(count, v.minValue(1)) }),
	v.strictObject({ key: v.literal('lastRefreshAt'), value: time }),
	v.strictObject({ key: v.literal('lastExportAt'), value: time }),
	v.strictObject({ key: v.literal('storageBannerDismissed'), value: v.boolean() }),
	v.strictObject({ key: v.literal('backupReminderAfter'), value: time }),
	v.strictObject({
		key: v.literal('currency'),
		value: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'is not a currency code such as USD'))
	}),
	v.strictObject({
		key: v.literal('ntfyTopic'),
		value: v.pipe(
			v.string(),
			v.regex(/^[A-Za-z0-9_-]{0,64}$/, 'may hold letters, digits, - and _, at most 64')
		)
	}),
	v.strictObject({ key: v.literal('notificationsAsked'), value: v.boolean() }),
	v.strictObject({ key: v.literal('focusDefaultMin'), value: v.picklist(FOCUS_LENGTHS) }),
	v.strictObject({
		key: v.literal('fridayReminderWeek'),
		value: v.union([v.literal(''), localDate])
	}),
	v.strictObject({ key: v.literal('timeboxMin'), value: v.pipe(minutes, v.maxValue(24 * 60)) }),
	v.strictObject({
		key: v.literal('focusBreakThrough'),
		value: v.pipe(v.array(v.picklist(ALERT_CATEGORIES)), v.maxLength(ALERT_CATEGORIES.length))
	}),
	v.strictObject({
		key: v.literal('wordLists'),
		value: v.strictObject({ hype: wordList, lindy: wordList, mute: wordList, boost: wordList })
	})
]);

const amount = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(LIMITS.runAmount));
const runEvent = v.strictObject({
	id,
	at: time,
	source: v.picklist(['job', 'hand']),
	kind: v.picklist(['end', 'metric', 'note']),
	outcome: v.optional(v.picklist(RUN_OUTCOMES)),
	exit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(255))),
	metric: v.optional(v.strictObject({ name: metricName, value: finite })),
	text: v.optional(text(LIMITS.runText))
});
export const runRecord = v.strictObject({
	id,
	number: v.pipe(count, v.minValue(1)),
	taskId: v.optional(id),
	hypothesis: v.pipe(text(LIMITS.runText), v.minLength(1, 'is empty')),
	launchedAt: time,
	expectedMin: minutes,
	graceMin: minutes,
	where: text(LIMITS.runWhere),
	costPerHour: v.optional(amount),
	budget: v.optional(amount),
	skipped: v.pipe(v.array(text(LIMITS.checklistItem)), v.maxLength(LIMITS.checklistItems)),
	token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,200}$/, 'is not a run token')),
	registered: v.boolean(),
	events: v.pipe(v.array(runEvent), v.maxLength(LIMITS.runEvents)),
	verdict: text(LIMITS.runText),
	machineOffAt: v.optional(time),
	alertsSent: v.pipe(v.array(text(100)), v.maxLength(200)),
	createdAt: time,
	updatedAt: time
});
export const runTemplateRecord = v.strictObject({
	id,
	name: v.pipe(text(LIMITS.templateName), v.minLength(1, 'is empty')),
	items: v.pipe(
		v.array(
			v.strictObject({
				id,
				text: v.pipe(text(LIMITS.checklistItem), v.minLength(1, 'is empty')),
				required: v.boolean()
			})
		),
		v.maxLength(LIMITS.checklistItems, `has more than ${LIMITS.checklistItems} items`)
	),
	createdAt: time,
	updatedAt: time
});

const heldAlert = v.strictObject({
	key: text(100),
	kind: v.picklist(['eta', 'silent', 'end', 'budget-80', 'budget-100', 'machine']),
	runId: id,
	title: text(LIMITS.runText),
	body: text(LIMITS.runText),
	urgent: v.boolean()
});
export const focusSessionRecord = v.strictObject({
	id,
	taskId: id,
	taskTitle: text(LIMITS.taskTitle),
	stage: v.picklist(STAGES),
	startedAt: time,
	plannedMin: minutes,
	pauses: v.pipe(
		v.array(v.strictObject({ from: time, to: v.optional(time) })),
		v.maxLength(LIMITS.focusPauses, `has more than ${LIMITS.focusPauses} pauses`)
	),
	endedAt: v.optional(time),
	ending: v.optional(v.picklist(['done', 'stopped', 'interrupted'])),
	seenAt: time,
	note: text(LIMITS.focusNote),
	held: v.pipe(v.array(heldAlert), v.maxLength(LIMITS.heldAlerts)),
	createdAt: time,
	updatedAt: time
});
const minuteOfDay = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60));
const planSlot = {
	id,
	kind: v.picklist(PLAN_KINDS),
	startMin: minuteOfDay,
	endMin: minuteOfDay
};
const slotsInOrder = <T extends { startMin: number; endMin: number }>() =>
	v.check<T[], string>(
		(slots) => slots.every((s) => s.startMin < s.endMin),
		'has a block that ends before it starts'
	);
export const dayPlanRecord = v.strictObject({
	date: localDate,
	zone: v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(LIMITS.zone)),
	blocks: v.pipe(
		v.array(
			v.strictObject({
				...planSlot,
				taskIds: v.pipe(v.array(id), v.maxLength(LIMITS.planTasks))
			})
		),
		v.maxLength(LIMITS.planBlocks, `has more than ${LIMITS.planBlocks} blocks`),
		slotsInOrder()
	),
	createdAt: time,
	updatedAt: time
});
export const planTemplateRecord = v.strictObject({
	id,
	name: v.pipe(text(LIMITS.templateName), v.minLength(1, 'is empty')),
	slots: v.pipe(
		v.array(v.strictObject(planSlot)),
		v.maxLength(LIMITS.planBlocks, `has more than ${LIMITS.planBlocks} blocks`),
		slotsInOrder()
	),
	createdAt: time,
	updatedAt: time
});

/** The schema for each stored table. */
export const RECORDS = {
	tasks: taskRecord,
	feeds: feedRecord,
	items: itemRecord,
	itemContents: itemContentRecord,
	readingLists: readingListRecord,
	settings: settingRecord,
	runs: runRecord,
	runTemplates: runTemplateRecord,
	focusSessions: focusSessionRecord,
	dayPlans: dayPlanRecord,
	planTemplates: planTemplateRecord
} as const;
export type RecordTable = keyof typeof RECORDS;

/** Where the first problem is and what it is, in words: "tasks[3].title is longer than 500 characters". */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
	const first = issues[0];
	if (!first) return 'it does not have the expected shape';
	const path = (first.path ?? [])
		.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
		.join('')
		.replace(/^\./, '');
	const message = first.message.replace(/^Invalid (\w+): /, 'expected $1, ');
	return path ? `${path} ${message}` : message;
}

/** Why a record cannot be stored, or undefined when it can. */
export function recordProblem(table: RecordTable, record: unknown): string | undefined {
	const result = v.safeParse(RECORDS[table] as v.GenericSchema, record);
	return result.success ? undefined : describeIssue(result.issues);
}

/** An item's HTML as stored, apart from the item so that lists stay light. */
export interface ItemContent {
	id: string;
	html: string;
	/** The address relative links and images in the HTML resolve against. */
	base?: string;
}
