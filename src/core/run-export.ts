import { endOf, formatMetric, runName, runState, costSoFar, type Run } from './runs';
import { STAGE_LABELS, type Task } from './task';

/** A run with what the log shows of its task. */
export interface LoggedRun {
	run: Run;
	task?: Pick<Task, 'title' | 'stage'>;
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

function metricsOf(run: Run): string {
	return run.events
		.filter((e) => e.metric)
		.map((e) => formatMetric(e.metric!))
		.join('; ');
}

function fields(entry: LoggedRun, now: number) {
	const { run, task } = entry;
	const end = endOf(run);
	const cost = costSoFar(run, now);
	return {
		run: runName(run),
		hypothesis: run.hypothesis,
		task: task?.title ?? '',
		stage: task ? STAGE_LABELS[task.stage] : '',
		state: runState(run, now),
		launched: iso(run.launchedAt),
		ended: iso(end?.at),
		exit: end?.exit === undefined ? '' : String(end.exit),
		metrics: metricsOf(run),
		cost: cost === undefined ? '' : cost.toFixed(2),
		where: run.where,
		skipped: run.skipped.join('; '),
		verdict: run.verdict
	};
}

const CSV_COLUMNS = [
	'run',
	'hypothesis',
	'task',
	'stage',
	'state',
	'launched',
	'ended',
	'exit',
	'metrics',
	'cost',
	'where',
	'skipped',
	'verdict'
] as const;

/** A cell as RFC 4180 wants it; a leading = + - @ is defused so a spreadsheet never runs it. */
function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The experiment log as CSV, one row per run, with a header row. */
export function runsToCsv(entries: readonly LoggedRun[], now: number): string {
	const rows = entries.map((e) => {
		const f = fields(e, now);
		return CSV_COLUMNS.map((c) => csvCell(f[c])).join(',');
	});
	return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** Markdown text with no markup of its own: characters that would format are escaped. */
const md = (text: string) => text.replace(/[\\`*_{}[\]<>()#+!|~-]/g, (c) => `\\${c}`);

/** The experiment log as Markdown: a section per run, newest first. */
export function runsToMarkdown(
	entries: readonly LoggedRun[],
	now: number,
	money: (amount: number) => string
): string {
	const out = ['# Experiment log', ''];
	for (const entry of entries) {
		const f = fields(entry, now);
		const cost = costSoFar(entry.run, now);
		out.push(`## ${f.run}: ${md(f.hypothesis)}`, '');
		const lines = [
			['Task', f.task ? `${md(f.task)} (${f.stage})` : ''],
			['Outcome', `${f.state}${f.exit ? ` (exit ${f.exit})` : ''}`],
			['Launched', f.launched],
			['Ended', f.ended],
			['Metrics', md(f.metrics)],
			['Cost', cost === undefined ? '' : money(cost)],
			['Where', md(f.where)],
			['Skipped checks', md(f.skipped)],
			['Verdict', md(f.verdict)]
		];
		for (const [label, value] of lines) if (value) out.push(`- **${label}:** ${value}`);
		out.push('');
	}
	return out.join('\n');
}
