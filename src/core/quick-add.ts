import { formatDuration, parseDuration } from './duration';
import { describeDue, resolveDueWord } from './local-date';
import { taskLimitErrors } from './task-draft';
import {
	MODE_LABELS,
	STAGE_LABELS,
	isMode,
	type Impact,
	type LocalDate,
	type Mode,
	type Stage
} from './task';

export type ChipKind = 'stage' | 'mode' | 'estimate' | 'impact' | 'due' | 'tag';

export interface QuickAddChip {
	kind: ChipKind;
	/** What the chip says, e.g. "Data quality", "~1h30m", "due tomorrow". */
	label: string;
	/** The token as typed. */
	token: string;
}

export interface QuickAddResult {
	title: string;
	stage?: Stage;
	mode?: Mode;
	estimateMin?: number;
	impact?: Impact;
	due?: LocalDate;
	tags: string[];
	chips: QuickAddChip[];
}

const STAGE_ALIASES: Record<string, Stage> = {
	problem: 'problem',
	data: 'data',
	model: 'model',
	deploy: 'deploy',
	deployment: 'deploy'
};

/**
 * Reads the quick-add syntax out of one line of text. Tokens that are not well-formed stay in the
 * title, so nothing the user typed disappears. When a kind of token repeats, the last one wins.
 */
export function parseQuickAdd(text: string, today: LocalDate): QuickAddResult {
	const result: QuickAddResult = { title: '', tags: [], chips: [] };
	const titleWords: string[] = [];
	const chips = new Map<ChipKind, QuickAddChip>();
	const tagChips: QuickAddChip[] = [];

	for (const word of text.split(/\s+/).filter((w) => w !== '')) {
		const lower = word.toLowerCase();
		if (lower.startsWith('#') && STAGE_ALIASES[lower.slice(1)]) {
			const stage = STAGE_ALIASES[lower.slice(1)]!;
			result.stage = stage;
			chips.set('stage', { kind: 'stage', label: STAGE_LABELS[stage], token: word });
		} else if (lower.startsWith('!') && isMode(lower.slice(1))) {
			const mode = lower.slice(1) as Mode;
			result.mode = mode;
			chips.set('mode', { kind: 'mode', label: MODE_LABELS[mode], token: word });
		} else if (lower.startsWith('~') && parseDuration(lower.slice(1)) !== undefined) {
			const minutes = parseDuration(lower.slice(1))!;
			result.estimateMin = minutes;
			chips.set('estimate', {
				kind: 'estimate',
				label: `~${formatDuration(minutes)}`,
				token: word
			});
		} else if (/^p[1-4]$/.test(lower)) {
			const impact = Number(lower[1]) as Impact;
			result.impact = impact;
			chips.set('impact', { kind: 'impact', label: `p${impact}`, token: word });
		} else if (lower.startsWith('due:') && resolveDueWord(lower.slice(4), today)) {
			const due = resolveDueWord(lower.slice(4), today)!;
			result.due = due;
			chips.set('due', { kind: 'due', label: `due ${describeDue(due, today)}`, token: word });
		} else if (/^@[\p{L}\p{N}_\-/.]+$/u.test(word)) {
			const tag = lower.slice(1);
			if (!result.tags.includes(tag)) {
				result.tags.push(tag);
				tagChips.push({ kind: 'tag', label: `@${tag}`, token: word });
			}
		} else {
			titleWords.push(word);
		}
	}
	result.title = titleWords.join(' ');
	result.chips = [...chips.values(), ...tagChips];
	return result;
}

/** Why a quick-add line cannot be saved as it is, in one sentence; undefined when it can. */
export function quickAddProblem(text: string, parsed: QuickAddResult): string | undefined {
	if (parsed.title.trim() === '')
		return text.trim() === '' ? 'Type a task first.' : 'Add a few words for the title too.';
	const errors = taskLimitErrors(parsed);
	return errors.title ?? errors.estimate ?? errors.tags;
}
