/**
 * The focus settings' values and defaults, apart from the rest of focus.ts so that the board's
 * first bundle (which holds the default settings) does not carry the focus logic.
 */

/** The block lengths offered, in minutes; 180 unless the user picks another default. */
export const FOCUS_LENGTHS = [90, 120, 180, 240] as const;
export const DEFAULT_FOCUS_MIN = 180;

/** Which alerts may break through a block, as the user chooses them in Settings. */
export const ALERT_CATEGORIES = [
	'failed',
	'budget-100',
	'silent',
	'finished',
	'eta',
	'budget-80',
	'machine'
] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

export const DEFAULT_BREAK_THROUGH: readonly AlertCategory[] = ['failed', 'budget-100'];
