/**
 * The tables sync shares between devices (kept apart from core/sync so the database's outbox,
 * which loads with the board, stays small).
 */
export const SYNC_TABLES = [
	'tasks',
	'settings',
	'feeds',
	'readingLists',
	'runs',
	'runTemplates',
	'focusSessions',
	'dayPlans',
	'planTemplates'
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];
