import { formatDuration, parseDuration } from './duration';
import { LIMITS } from './limits';
import { parseLocalDate } from './local-date';
import { parseTarget, targetText } from './good-enough';
import type { Impact, LocalDate, Mode, Stage, Status, Target, Task } from './task';

/** What the edit form holds: text as typed, so nothing is lost when validation fails. */
export interface TaskDraft {
	title: string;
	notes: string;
	stage: Stage;
	mode: Mode;
	status: Status;
	impact: Impact;
	estimate: string;
	due: string;
	tags: string;
	/** "Good enough" when: `f1 >= 0.8`; empty for no target. */
	target?: string;
	/** Hours of runs the tuning may take: `6h`. */
	tuningBudget?: string;
}

export interface ValidTask {
	title: string;
	notes: string;
	stage: Stage;
	mode: Mode;
	status: Status;
	impact: Impact;
	estimateMin: number | undefined;
	due: LocalDate | undefined;
	tags: string[];
	target?: Target | undefined;
}

export type DraftErrors = Partial<
	Record<'title' | 'notes' | 'estimate' | 'due' | 'tags' | 'target' | 'tuningBudget', string>
>;

/**
 * What a task's text fields break of the record limits, in words; empty when they fit. The edit
 * dialog and quick add both ask this, so input is refused with a sentence (and kept) rather than
 * failing later at the database.
 */
export function taskLimitErrors(fields: {
	title: string;
	notes?: string;
	estimateMin?: number | undefined;
	tags?: readonly string[];
}): DraftErrors {
	const errors: DraftErrors = {};
	if (fields.title.length > LIMITS.taskTitle)
		errors.title = `Keep the title to ${LIMITS.taskTitle} characters (it has ${fields.title.length}); longer text fits in the notes.`;
	if ((fields.notes?.length ?? 0) > LIMITS.notes)
		errors.notes = `Notes can hold ${LIMITS.notes.toLocaleString('en')} characters (these have ${fields.notes!.length.toLocaleString('en')}).`;
	if (fields.estimateMin !== undefined && fields.estimateMin > LIMITS.estimateMin)
		errors.estimate = `An estimate can be at most ${formatDuration(LIMITS.estimateMin)}; split a task that big.`;
	const tags = fields.tags ?? [];
	const long = tags.find((t) => t.length > LIMITS.tag);
	if (long !== undefined)
		errors.tags = `Keep each tag to ${LIMITS.tag} characters (“${long.slice(0, 20)}…” is longer).`;
	else if (tags.length > LIMITS.tags) errors.tags = `A task can have up to ${LIMITS.tags} tags.`;
	return errors;
}

export function parseTags(text: string): string[] {
	const tags = text
		.split(/[\s,]+/)
		.map((t) => t.replace(/^@/, '').toLowerCase())
		.filter((t) => t !== '');
	return [...new Set(tags)];
}

/** The edit form's fields for a stored task: what `validateDraft` turns back into a task. */
export function toDraft(task: Task): TaskDraft {
	return {
		title: task.title,
		notes: task.notes,
		stage: task.stage,
		mode: task.mode,
		status: task.status,
		impact: task.impact,
		estimate: task.estimateMin ? formatDuration(task.estimateMin) : '',
		due: task.due ?? '',
		tags: task.tags.map((t) => `@${t}`).join(' '),
		target: task.target ? targetText(task.target) : '',
		tuningBudget: task.target?.tuningBudgetMin ? formatDuration(task.target.tuningBudgetMin) : ''
	};
}

/** Checks a draft; returns either the clean task fields or a message per invalid field. */
export function validateDraft(
	draft: TaskDraft
): { ok: true; value: ValidTask } | { ok: false; errors: DraftErrors } {
	const errors: DraftErrors = {};
	const title = draft.title.trim();
	if (title === '') errors.title = 'Give the task a title.';

	let estimateMin: number | undefined;
	if (draft.estimate.trim() !== '') {
		estimateMin = parseDuration(draft.estimate);
		if (estimateMin === undefined)
			errors.estimate = 'The estimate must be a positive duration, like 45m, 2h or 1h30m.';
	}

	let due: LocalDate | undefined;
	if (draft.due.trim() !== '') {
		due = parseLocalDate(draft.due.trim());
		if (due === undefined) errors.due = 'Pick a real date, or leave it empty.';
	}

	let target: Target | undefined;
	if (draft.target !== undefined && draft.target.trim() !== '') {
		const parsed = parseTarget(draft.target);
		if (!parsed) errors.target = 'Write the target as a metric, ≥ or ≤, and a value: f1 >= 0.8.';
		else target = parsed;
	}
	if (draft.tuningBudget !== undefined && draft.tuningBudget.trim() !== '') {
		const budget = parseDuration(draft.tuningBudget);
		if (budget === undefined || budget > LIMITS.estimateMin)
			errors.tuningBudget = 'The tuning budget must be a duration, like 6h or 90m.';
		else if (!target) errors.tuningBudget = 'A tuning budget needs a target above it.';
		else target = { ...target, tuningBudgetMin: budget };
	}

	const tags = parseTags(draft.tags);
	Object.assign(errors, taskLimitErrors({ title, notes: draft.notes, estimateMin, tags }));

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			title,
			notes: draft.notes,
			stage: draft.stage,
			mode: draft.mode,
			status: draft.status,
			impact: draft.impact,
			estimateMin,
			due,
			tags,
			...(draft.target !== undefined ? { target } : {})
		}
	};
}
