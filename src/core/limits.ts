/**
 * How large each stored field may be. One table, read by the record schemas that guard every
 * write, export, daily copy and import, by the forms that check input, and by feed ingestion,
 * which shortens what a feed sends rather than refusing it.
 */
export const LIMITS = {
	id: 200,
	taskTitle: 500,
	notes: 100_000,
	/** Minutes: 1666h40m. */
	estimateMin: 100_000,
	tag: 100,
	tags: 100,
	feedTitle: 500,
	itemTitle: 1000,
	author: 500,
	summary: 5000,
	/** An item's HTML; a feed may be 8 MiB, so a single item can be longer and is then cut. */
	itemHtml: 2_000_000,
	url: 8192,
	/** An HTTP validator longer than this is not kept (a cut one would be wrong). */
	etag: 1000,
	lastModified: 200,
	feedError: 2000,
	label: 1000,
	wordListEntry: 200,
	wordListEntries: 5000,
	readingEntries: 100,
	rows: 200_000,
	/** A run's hypothesis, verdict, a progress note. */
	runText: 1000,
	runWhere: 200,
	/** A cost per hour or a budget. */
	runAmount: 1_000_000,
	runEvents: 200,
	metricName: 64,
	checklistItem: 300,
	checklistItems: 50,
	templateName: 100,
	runTemplates: 50,
	/** An ntfy topic: letters, digits, `-` and `_`. */
	ntfyTopic: 64,
	/** "Where I stopped", on a focus block and its task. */
	focusNote: 1000,
	focusPauses: 500,
	heldAlerts: 200,
	planBlocks: 48,
	planTasks: 50,
	planTemplates: 20,
	/** An IANA time-zone name. */
	zone: 100
} as const;
