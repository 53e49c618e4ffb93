/** Defaults for the weekly reading list; a module of its own so the board's bundle stays small. */
export const DEFAULT_BUDGET_MIN = 180;
export const DEFAULT_MAX_ITEMS = 7;
