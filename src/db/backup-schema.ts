import * as v from 'valibot';

/** The backup file format. Bump FORMAT_VERSION only with a reader for the old version. */
export const BACKUP_FORMAT = 'lindy-backup';
export const BACKUP_FORMAT_VERSION = 1;

const MAX_TEXT = 100_000;
const MAX_HTML = 2_000_000;
const MAX_ROWS = 200_000;

const text = (max = 1000) =>
	v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));
const id = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(200, 'is too long'));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const localDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date like 2026-12-04')
);
const httpUrl = v.pipe(
	v.string(),
	v.maxLength(2048),
	v.regex(/^(https?:|file:)/, 'is not an http(s) address')
);
const rows = <T extends v.GenericSchema>(schema: T) =>
	v.pipe(v.array(schema), v.maxLength(MAX_ROWS, `has more than ${MAX_ROWS} records`));

const task = v.strictObject({
	id,
	title: text(500),
	notes: text(MAX_TEXT),
	stage: v.picklist(['problem', 'data', 'model', 'deploy']),
	mode: v.picklist(['active', 'passive', 'low']),
	status: v.picklist(['todo', 'doing', 'done']),
	impact: v.picklist([1, 2, 3, 4]),
	estimateMin: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
	due: v.optional(localDate),
	tags: v.pipe(v.array(text(100)), v.maxLength(100)),
	order: v.pipe(v.number(), v.finite()),
	createdAt: time,
	updatedAt: time,
	doneAt: v.optional(time)
});

const feed = v.strictObject({
	id,
	url: httpUrl,
	title: text(500),
	trust: v.pipe(v.number(), v.integer(), v.minValue(-2), v.maxValue(2)),
	paused: v.boolean(),
	showImages: v.boolean(),
	createdAt: time,
	etag: v.optional(text(1000)),
	lastModified: v.optional(text(200)),
	lastFetchedAt: v.optional(time),
	lastSuccessAt: v.optional(time),
	retryAfter: v.optional(time),
	consecutiveFailures: v.pipe(v.number(), v.integer(), v.minValue(0)),
	parseFailures: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	lastError: v.optional(text(2000)),
	broken: v.boolean()
});

const item = v.strictObject({
	id,
	feedId: id,
	title: text(1000),
	titleKey: text(1000),
	link: v.optional(httpUrl),
	canonicalUrl: v.optional(httpUrl),
	author: v.optional(text(500)),
	sortAt: time,
	publishedAt: v.optional(time),
	firstSeenAt: time,
	summary: text(5000),
	wordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
	readingMinutes: v.pipe(v.number(), v.integer(), v.minValue(0)),
	notes: v.optional(text(MAX_TEXT))
});

const itemContent = v.strictObject({ id, html: text(MAX_HTML) });

const pass = v.picklist([1, 2, 3]);
const scorePart = v.strictObject({
	kind: v.picklist(['hype', 'shouting', 'clickbait', 'lindy', 'task', 'trust', 'boost', 'mute']),
	label: text(1000),
	points: v.pipe(v.number(), v.finite()),
	taskId: v.optional(id)
});
const entry = v.strictObject({
	itemId: id,
	title: text(1000),
	link: v.optional(httpUrl),
	feedTitle: text(500),
	readingMinutes: v.pipe(v.number(), v.minValue(0)),
	score: v.pipe(v.number(), v.finite()),
	parts: v.pipe(v.array(scorePart), v.maxLength(100)),
	plannedPasses: v.pipe(v.array(pass), v.maxLength(3)),
	passesDone: v.pipe(v.array(pass), v.maxLength(3)),
	enough: v.boolean(),
	notRelevant: v.boolean(),
	notes: text(MAX_TEXT),
	pinned: v.boolean(),
	byHand: v.boolean()
});
const readingList = v.strictObject({
	week: localDate,
	friday: localDate,
	createdAt: time,
	budgetMin: v.pipe(v.number(), v.minValue(0)),
	maxItems: v.pipe(v.number(), v.integer(), v.minValue(0)),
	entries: v.pipe(v.array(entry), v.maxLength(100)),
	edited: v.optional(v.boolean())
});

const wordList = v.pipe(v.array(text(200)), v.maxLength(5000));
const setting = v.variant('key', [
	v.strictObject({ key: v.literal('onboarded'), value: v.boolean() }),
	v.strictObject({ key: v.literal('sortMode'), value: v.picklist(['priority', 'manual']) }),
	v.strictObject({ key: v.literal('theme'), value: v.picklist(['system', 'light', 'dark']) }),
	v.strictObject({ key: v.literal('persistAsked'), value: v.boolean() }),
	v.strictObject({ key: v.literal('feedsChosen'), value: v.boolean() }),
	v.strictObject({ key: v.literal('readingBudgetMin'), value: v.pipe(v.number(), v.minValue(0)) }),
	v.strictObject({
		key: v.literal('readingMaxItems'),
		value: v.pipe(v.number(), v.integer(), v.minValue(1))
	}),
	v.strictObject({
		key: v.literal('retentionWeeks'),
		value: v.pipe(v.number(), v.integer(), v.minValue(1))
	}),
	v.strictObject({ key: v.literal('lastRefreshAt'), value: time }),
	v.strictObject({ key: v.literal('lastExportAt'), value: time }),
	v.strictObject({ key: v.literal('storageBannerDismissed'), value: v.boolean() }),
	v.strictObject({ key: v.literal('backupReminderAfter'), value: time }),
	v.strictObject({
		key: v.literal('wordLists'),
		value: v.strictObject({ hype: wordList, lindy: wordList, mute: wordList, boost: wordList })
	})
]);

export const backupSchema = v.strictObject({
	format: v.literal(BACKUP_FORMAT),
	formatVersion: v.literal(BACKUP_FORMAT_VERSION),
	appVersion: text(100),
	exportedAt: v.pipe(v.string(), v.isoTimestamp('is not a timestamp')),
	data: v.strictObject({
		tasks: rows(task),
		feeds: rows(feed),
		items: rows(item),
		itemContents: rows(itemContent),
		readingLists: rows(readingList),
		settings: v.pipe(v.array(setting), v.maxLength(100))
	})
});

export type Backup = v.InferOutput<typeof backupSchema>;

/** Where the first problem is and what it is, in words: "data.tasks[3].title is longer than 500 characters". */
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

export { v };
