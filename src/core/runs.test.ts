import { describe, expect, it } from 'vitest';
import {
	alertsDue,
	byNeed,
	checkRunDraft,
	costBetween,
	costSoFar,
	defaultGraceMin,
	launchSnippet,
	machineReminder,
	markSent,
	moneyFormat,
	isSettled,
	needsAttention,
	outcomeOfExit,
	parseMetric,
	progressOf,
	projectedCost,
	runState,
	shellQuote,
	withEvents,
	MAX_RUN_EVENTS,
	type Run,
	type RunEvent
} from './runs';

const T0 = Date.UTC(2026, 10, 27, 18, 0);
const MIN = 60_000;
const H = 60 * MIN;

function run(over: Partial<Run> = {}): Run {
	return {
		id: 'run-1',
		number: 42,
		hypothesis: 'Does label smoothing help the small model?',
		launchedAt: T0,
		expectedMin: 240,
		graceMin: 48,
		where: '8×A100, cloud',
		skipped: [],
		token: 'secret',
		registered: true,
		events: [],
		verdict: '',
		alertsSent: [],
		createdAt: T0,
		updatedAt: T0,
		...over
	};
}
const end = (
	id: string,
	at: number,
	outcome: RunEvent['outcome'],
	source: RunEvent['source'] = 'job'
): RunEvent => ({
	id,
	at,
	source,
	kind: 'end',
	outcome
});
const usd = (n: number) => `$${n.toFixed(2)}`;

describe('runState', () => {
	it('is running until the expected end, due until the grace period passes, then silent', () => {
		const r = run();
		expect(runState(r, T0)).toBe('running');
		expect(runState(r, T0 + 4 * H - 1)).toBe('running');
		expect(runState(r, T0 + 4 * H)).toBe('due');
		expect(runState(r, T0 + 4 * H + 47 * MIN)).toBe('due');
		expect(runState(r, T0 + 4 * H + 48 * MIN)).toBe('silent');
	});

	it('stays due while the job keeps reporting past its expected end', () => {
		const note: RunEvent = {
			id: 'n',
			at: T0 + 4 * H + 40 * MIN,
			source: 'job',
			kind: 'note',
			text: 'epoch 9'
		};
		const r = run({ events: [note] });
		expect(runState(r, T0 + 5 * H)).toBe('due');
		expect(runState(r, T0 + 4 * H + 88 * MIN)).toBe('silent');
	});

	it('follows the end event: finished, failed or stopped', () => {
		for (const outcome of ['finished', 'failed', 'stopped'] as const) {
			expect(runState(run({ events: [end('e', T0 + H, outcome)] }), T0 + 9 * H)).toBe(outcome);
		}
	});

	it('ends even when it was silent first', () => {
		const r = run({ events: [end('e', T0 + 6 * H, 'finished')] });
		expect(runState(r, T0 + 7 * H)).toBe('finished');
	});

	it('takes the earliest end whatever order events arrive in, and a repeat once', () => {
		const hand = end('h', T0 + H, 'stopped', 'hand');
		const job = { ...end('j', T0 + H + 5_000, 'stopped'), exit: 143 };
		const a = withEvents(withEvents(run(), [job], T0), [hand, hand], T0);
		const b = withEvents(run(), [hand, job, job], T0);
		expect(a.events.map((e) => e.id)).toEqual(['h', 'j']);
		expect(b.events).toEqual(a.events);
		expect(runState(a, T0 + 2 * H)).toBe('stopped');
		const late = withEvents(
			run(),
			[end('x', T0 + 2 * H, 'failed'), end('y', T0 + H, 'finished')],
			T0
		);
		expect(runState(late, T0 + 3 * H)).toBe('finished');
	});

	it('returns the same run when every event is already known', () => {
		const r = withEvents(run(), [end('e', T0, 'finished')], T0);
		expect(withEvents(r, [end('e', T0, 'finished')], T0 + 1)).toBe(r);
	});

	it('keeps its end when notes overflow the event cap', () => {
		const notes = Array.from({ length: MAX_RUN_EVENTS + 20 }, (_, i): RunEvent => ({
			id: `n${i}`,
			at: T0 + 2 * H + i,
			source: 'job',
			kind: 'note',
			text: String(i)
		}));
		const r = withEvents(run(), [end('e', T0 + H, 'failed'), ...notes], T0);
		expect(r.events).toHaveLength(MAX_RUN_EVENTS);
		expect(runState(r, T0 + 9 * H)).toBe('failed');
		expect(r.events.at(-1)!.text).toBe(String(MAX_RUN_EVENTS + 19));
	});
});

describe('outcomeOfExit', () => {
	it('reads 0 as finished, signals as stopped and anything else as failed', () => {
		expect(outcomeOfExit(0)).toBe('finished');
		expect(outcomeOfExit(143)).toBe('stopped');
		expect(outcomeOfExit(130)).toBe('stopped');
		expect(outcomeOfExit(1)).toBe('failed');
		expect(outcomeOfExit(137)).toBe('failed');
	});
});

describe('cost', () => {
	const r = run({ costPerHour: 20, budget: 100 });
	it('counts instance time at the hourly rate', () => {
		expect(costSoFar(r, T0 + 90 * MIN)).toBeCloseTo(30);
		expect(costSoFar(run(), T0 + H)).toBeUndefined();
	});

	it('projects the cost at the expected end, and past it what is spent', () => {
		expect(projectedCost(r, T0 + H)).toBeCloseTo(80);
		expect(projectedCost(r, T0 + 5 * H)).toBeCloseTo(100);
	});

	it('keeps counting after the end until the machine is confirmed off', () => {
		const ended = { ...r, events: [end('e', T0 + 2 * H, 'finished')] };
		expect(costSoFar(ended, T0 + 30 * H)).toBeCloseTo(600);
		const off = { ...ended, machineOffAt: T0 + 3 * H };
		expect(costSoFar(off, T0 + 30 * H)).toBeCloseTo(60);
		expect(projectedCost(off, T0 + 30 * H)).toBeCloseTo(60);
	});

	it('splits cost across a week boundary', () => {
		expect(costBetween(r, T0 + H, T0 + 3 * H, T0 + 10 * H)).toBeCloseTo(40);
		expect(costBetween(r, T0 - 5 * H, T0 - H, T0 + 10 * H)).toBe(0);
	});

	it('shows progress to the expected end', () => {
		expect(progressOf(r, T0 + 2 * H)).toBeCloseTo(0.5);
		expect(progressOf(r, T0 + 9 * H)).toBe(1);
	});
});

describe('needsAttention', () => {
	it('holds while a run is due or silent, and after its end until the machine is off', () => {
		expect(needsAttention(run(), T0 + H)).toBe(false);
		expect(needsAttention(run(), T0 + 4 * H)).toBe(true);
		const ended = run({ events: [end('e', T0 + H, 'finished')] });
		expect(needsAttention(ended, T0 + 2 * H)).toBe(true);
		expect(needsAttention({ ...ended, machineOffAt: T0 + H }, T0 + 2 * H)).toBe(false);
	});
});

describe('byNeed', () => {
	it('puts silent runs first, then due, then ended ones, then running by nearest end', () => {
		const now = T0 + 5 * H;
		const silent = run({ id: 'silent', expectedMin: 60, graceMin: 15 });
		const due = run({ id: 'due', expectedMin: 270, graceMin: 60 });
		const ended = run({ id: 'ended', expectedMin: 600, events: [end('e', T0 + H, 'finished')] });
		const soon = run({ id: 'soon', expectedMin: 360 });
		const later = run({ id: 'later', expectedMin: 720 });
		expect(byNeed([later, soon, ended, due, silent], now).map((r) => r.id)).toEqual([
			'silent',
			'due',
			'ended',
			'soon',
			'later'
		]);
	});
});

describe('isSettled', () => {
	const format = moneyFormat('USD', 'en-US');
	const ended = run({ costPerHour: 10, budget: 30, events: [end('e', T0 + H, 'failed')] });

	it('holds only once a run has ended and its machine is confirmed off', () => {
		expect(isSettled(run())).toBe(false);
		expect(isSettled(ended)).toBe(false);
		expect(isSettled(run({ machineOffAt: T0 + H }))).toBe(false);
		expect(isSettled({ ...ended, machineOffAt: T0 + 2 * H })).toBe(true);
	});

	it('means nothing about the run changes as time passes', () => {
		const settled = { ...ended, machineOffAt: T0 + 2 * H };
		const at = (now: number) => ({
			state: runState(settled, now),
			cost: costSoFar(settled, now),
			projected: projectedCost(settled, now),
			week: costBetween(settled, T0 - 24 * H, T0 + 6 * 24 * H, now),
			attention: needsAttention(settled, now),
			alerts: alertsDue(settled, now, format).map((a) => a.key)
		});
		for (const later of [3 * H, 30 * H, 400 * H]) expect(at(T0 + later)).toEqual(at(T0 + 2 * H));
	});
});

describe('alertsDue', () => {
	const keys = (r: Run, now: number) => alertsDue(r, now, usd).map((a) => a.key);

	it('alerts at the expected end, then when silent, each once', () => {
		expect(keys(run(), T0 + H)).toEqual([]);
		expect(keys(run(), T0 + 4 * H)).toEqual(['eta']);
		expect(keys(run({ alertsSent: ['eta'] }), T0 + 4 * H + 10 * MIN)).toEqual([]);
		expect(keys(run({ alertsSent: ['eta'] }), T0 + 5 * H)).toEqual(['silent']);
	});

	it('alerts at the end, a failure as urgent, with the exit status', () => {
		const failed = run({ events: [{ ...end('e', T0 + H, 'failed'), exit: 2 }] });
		const [alert] = alertsDue(failed, T0 + H, usd);
		expect(alert).toMatchObject({ key: 'end', urgent: true, title: 'r42 failed (exit 2)' });
		const ok = run({ events: [end('e', T0 + H, 'finished')] });
		expect(alertsDue(ok, T0 + H, usd)[0]!.urgent).toBe(false);
	});

	it('does not alert an end the user marked by hand', () => {
		const marked = run({ events: [end('e', T0 + H, 'stopped', 'hand')] });
		expect(keys(marked, T0 + H)).toEqual([]);
		expect(keys(marked, T0 + 2 * H)).toEqual(['machine-1']);
	});

	it('does not alert a stale expected end for a run that already ended', () => {
		const ended = run({ events: [end('e', T0 + 5 * H, 'finished')] });
		expect(keys(ended, T0 + 5 * H)).toEqual(['end']);
	});

	it('alerts at 80 % and at 100 % of the budget, the second urgent', () => {
		const r = run({ costPerHour: 25, budget: 100 });
		expect(keys(r, T0 + 3 * H)).toEqual([]);
		expect(alertsDue(r, T0 + 3.2 * H, usd)).toMatchObject([
			{ key: 'budget-80', urgent: false, body: '$80.00 of $100.00.' }
		]);
		expect(alertsDue({ ...r, alertsSent: ['budget-80'] }, T0 + 4 * H, usd)).toMatchObject([
			{ key: 'eta' },
			{ key: 'budget-100', urgent: true }
		]);
	});

	it('reminds of a machine left on hourly for a day, then daily, until confirmed off', () => {
		const endedAt = T0 + H;
		const ended = run({ events: [end('e', endedAt, 'finished')], alertsSent: ['end'] });
		expect(keys(ended, endedAt + 30 * MIN)).toEqual([]);
		expect(keys(ended, endedAt + H)).toEqual(['machine-1']);
		expect(keys({ ...ended, alertsSent: ['end', 'machine-1'] }, endedAt + 90 * MIN)).toEqual([]);
		expect(keys(ended, endedAt + 2 * H)).toEqual(['machine-2']);
		expect(machineReminder(endedAt, endedAt + 24 * H)).toBe(24);
		expect(machineReminder(endedAt, endedAt + 47 * H)).toBe(24);
		expect(machineReminder(endedAt, endedAt + 48 * H)).toBe(25);
		expect(keys({ ...ended, machineOffAt: endedAt }, endedAt + 5 * H)).toEqual([]);
	});
});

describe('markSent', () => {
	it('adds keys once and keeps only the latest machine reminder', () => {
		const r = markSent(run({ alertsSent: ['end', 'machine-1'] }), ['machine-2', 'end']);
		expect(r.alertsSent).toEqual(['end', 'machine-2']);
		const same = run();
		expect(markSent(same, [])).toBe(same);
	});
});

describe('moneyFormat', () => {
	it('formats in the chosen currency and falls back to dollars for an unknown code', () => {
		expect(moneyFormat('EUR', 'en-US')(12.5)).toBe('€12.50');
		expect(moneyFormat('XYZ1', 'en-US')(3)).toBe('$3.00');
	});
});

describe('parseMetric', () => {
	it('reads name:value and name=value', () => {
		expect(parseMetric('f1:0.81')).toEqual({ name: 'f1', value: 0.81 });
		expect(parseMetric(' val_loss = 0.23 ')).toEqual({ name: 'val_loss', value: 0.23 });
		expect(parseMetric('acc:9.1e-1')).toEqual({ name: 'acc', value: 0.91 });
		expect(parseMetric('eval/bleu:-1.5')).toEqual({ name: 'eval/bleu', value: -1.5 });
	});

	it('refuses what is not one metric', () => {
		for (const bad of [
			'',
			'f1',
			'f1:',
			':0.8',
			'f1:abc',
			'f1:0.8 extra',
			'1f:0.8',
			'f1:Infinity',
			`${'a'.repeat(65)}:1`
		]) {
			expect(parseMetric(bad), bad).toBeUndefined();
		}
	});
});

describe('checkRunDraft', () => {
	const input = {
		hypothesis: 'Warmup fixes the early divergence',
		expected: '~4h',
		grace: '',
		where: '',
		costPerHour: '',
		budget: ''
	};

	it('reads durations as quick add does and defaults the grace to a fifth, at least 15 min', () => {
		expect(checkRunDraft(input)).toEqual({
			ok: true,
			draft: { hypothesis: input.hypothesis, expectedMin: 240, graceMin: 48, where: '' }
		});
		const short = checkRunDraft({ ...input, expected: '1h', grace: '' });
		expect(short.ok && short.draft.graceMin).toBe(15);
		expect(defaultGraceMin(90)).toBe(18);
		const full = checkRunDraft({
			...input,
			expected: '1h30m',
			grace: '30m',
			where: '8×A100',
			costPerHour: '$2.40',
			budget: '50'
		});
		expect(full).toMatchObject({
			ok: true,
			draft: { expectedMin: 90, graceMin: 30, costPerHour: 2.4, budget: 50 }
		});
	});

	it('explains every problem at once', () => {
		const result = checkRunDraft({
			hypothesis: '  ',
			expected: 'soon',
			grace: 'later',
			where: 'x'.repeat(201),
			costPerHour: 'cheap',
			budget: '0'
		});
		expect(result.ok).toBe(false);
		expect(!result.ok && Object.keys(result.problems).sort()).toEqual([
			'budget',
			'costPerHour',
			'expected',
			'grace',
			'hypothesis',
			'where'
		]);
		expect(!result.ok && result.problems.hypothesis).toBe(
			'Say in one sentence what this run tests and why.'
		);
	});
});

describe('launchSnippet', () => {
	it('quotes values so that no quote, newline or substitution escapes', () => {
		expect(shellQuote(`'; rm -rf ~`)).toBe(`''\\''; rm -rf ~'`);
		expect(shellQuote('$(reboot)\n`id`')).toBe(`'$(reboot)\n\`id\`'`);
	});

	it('keeps a hostile title on one comment line and quotes the id and token', () => {
		const text = launchSnippet({
			run: { id: `x'; rm -rf ~`, number: 7, hypothesis: "ok\nrm -rf ~ $(reboot) '", token: 'tok' },
			serverUrl: 'http://127.0.0.1:4173/'
		});
		const lines = text.split('\n');
		expect(lines[0]).toBe("# Lindy r7: ok rm -rf ~ $(reboot) '");
		expect(lines[1]).toBe(
			"LINDY_URL='http://127.0.0.1:4173/api/runs/x'\\''%3B%20rm%20-rf%20~/events'"
		);
		expect(text).toContain('trap lindy_exit EXIT');
		expect(text).toContain('metric=f1:0.81');
		expect(text).not.toContain('ntfy');
	});

	it('posts to the ntfy topic as well when one is set', () => {
		const text = launchSnippet({
			run: { id: 'r', number: 1, hypothesis: 'h', token: 't' },
			serverUrl: 'http://127.0.0.1:4173',
			ntfyUrl: 'https://ntfy.sh/my-topic'
		});
		expect(text).toContain("LINDY_NTFY='https://ntfy.sh/my-topic'");
		expect(text).toContain('lindy-run=$LINDY_RUN token=$LINDY_TOKEN exit=$lindy_status');
	});
});
