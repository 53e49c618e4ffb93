import { parseDuration } from './duration';
import { parseLocalDate } from './local-date';
import type { Impact, LocalDate, Mode, Stage, Status } from './task';

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
}

export type DraftErrors = Partial<Record<'title' | 'estimate' | 'due', string>>;

export const MAX_TITLE_LENGTH = 500;

export function parseTags(text: string): string[] {
	const tags = text
		.split(/[\s,]+/)
		.map((t) => t.replace(/^@/, '').toLowerCase())
		.filter((t) => t !== '');
	return [...new Set(tags)];
}

/** Checks a draft; returns either the clean task fields or a message per invalid field. */
export function validateDraft(
	draft: TaskDraft
): { ok: true; value: ValidTask } | { ok: false; errors: DraftErrors } {
	const errors: DraftErrors = {};
	const title = draft.title.trim();
	if (title === '') errors.title = 'Give the task a title.';
	else if (title.length > MAX_TITLE_LENGTH)
		errors.title = `Keep the title under ${MAX_TITLE_LENGTH} characters (it has ${title.length}).`;

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
			tags: parseTags(draft.tags)
		}
	};
}
