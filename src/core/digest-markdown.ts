import { PASSES, passMinutes, type PassNumber } from './digest';
import { formatLocalDate } from './local-date';
import type { LocalDate } from './task';

export interface MarkdownEntry {
	title: string;
	link?: string;
	feedTitle: string;
	parts: { label: string; points: number }[];
	plannedPasses: PassNumber[];
	passesDone: PassNumber[];
	/** Caps each pass's minutes (see passMinutes). */
	readingMinutes?: number;
	enough: boolean;
	notRelevant: boolean;
	notes: string;
}

function inlineText(text: string): string {
	return text.replace(/[[\]\\`*_]/g, '\\$&').replace(/\s+/g, ' ');
}

/** A week's reading list as Markdown: titles, links, why each was picked, passes done, notes. */
export function weekToMarkdown(
	friday: LocalDate,
	entries: readonly MarkdownEntry[],
	locale?: string
): string {
	const lines = [`# R&D Friday — ${formatLocalDate(friday, locale)} ${friday.slice(0, 4)}`, ''];
	if (entries.length === 0) lines.push('_Nothing on the list this week._', '');
	for (const e of entries) {
		const title = inlineText(e.title);
		lines.push(`## ${e.link ? `[${title}](${e.link})` : title}`, '');
		lines.push(`- Source: ${inlineText(e.feedTitle)}`);
		const why = e.parts.map((p) => `${p.label} (${p.points > 0 ? '+' : ''}${p.points})`).join(', ');
		lines.push(`- Why: ${why || 'picked by hand'}`);
		const passes = PASSES.filter(
			(p) => e.plannedPasses.includes(p.pass) || e.passesDone.includes(p.pass)
		)
			.map(
				(p) =>
					`${e.passesDone.includes(p.pass) ? '[x]' : '[ ]'} pass ${p.pass} (${p.label}, ${passMinutes(p.pass, e.readingMinutes)} min)`
			)
			.join('; ');
		lines.push(
			`- Passes: ${passes}${e.enough ? ' — enough' : ''}${e.notRelevant ? ' — not relevant' : ''}`
		);
		if (e.notes.trim()) {
			lines.push(
				'',
				...e.notes
					.trim()
					.split('\n')
					.map((l) => `> ${l}`)
			);
		}
		lines.push('');
	}
	return lines.join('\n');
}
