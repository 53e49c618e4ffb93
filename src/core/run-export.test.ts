import { describe, expect, it } from 'vitest';
import { runsToCsv, runsToMarkdown } from './run-export';
import type { Run } from './runs';

const T0 = Date.UTC(2026, 10, 27, 18);
const run: Run = {
	id: 'a',
	number: 42,
	hypothesis: 'Does *label smoothing*, "really" help?',
	launchedAt: T0,
	expectedMin: 60,
	graceMin: 15,
	where: '=HYPERLINK("http://evil")',
	costPerHour: 10,
	skipped: ['Random seeds are set'],
	token: 'tok_0123456789abcdef',
	registered: true,
	events: [
		{ id: 'm', at: T0 + 1000, source: 'job', kind: 'metric', metric: { name: 'f1', value: 0.81 } },
		{ id: 'e', at: T0 + 3_600_000, source: 'job', kind: 'end', outcome: 'failed', exit: 1 }
	],
	verdict: 'Shuffled labels,\nagain',
	machineOffAt: T0 + 3_600_000,
	alertsSent: [],
	createdAt: T0,
	updatedAt: T0
};
const usd = (n: number) => `$${n.toFixed(2)}`;

describe('the experiment log export', () => {
	it('writes CSV a spreadsheet reads safely', () => {
		const csv = runsToCsv([{ run, task: { title: 'Tune, the model', stage: 'model' } }], T0 + 9e6);
		const [header, row] = csv.split('\r\n');
		expect(header).toBe(
			'run,hypothesis,task,stage,state,launched,ended,exit,metrics,cost,where,skipped,verdict'
		);
		expect(row).toContain(
			'r42,"Does *label smoothing*, ""really"" help?","Tune, the model",Model selection,failed'
		);
		expect(row).toContain(
			',1,f1 0.81,10.00,"\'=HYPERLINK(""http://evil"")",Random seeds are set,"Shuffled labels,\nagain"'
		);
	});

	it('writes Markdown with the user’s text escaped', () => {
		const text = runsToMarkdown([{ run }], T0 + 9e6, usd);
		expect(text).toContain('## r42: Does \\*label smoothing\\*, "really" help?');
		expect(text).toContain('- **Outcome:** failed (exit 1)');
		expect(text).toContain('- **Cost:** $10.00');
		expect(text).toContain('- **Metrics:** f1 0.81');
	});
});
