import { describe, expect, it } from 'vitest';
import { goodEnoughText } from './good-enough';
import { targetFacts, targetMet } from './run-targets';
import { stageBalance } from './balance';
import { prioritise } from './priority';
import type { Run, RunEvent } from './runs';
import type { Target, Task } from './task';

const T0 = Date.UTC(2026, 10, 27, 9, 0);
const H = 3_600_000;
const metric = (
	id: string,
	name: string,
	value: number,
	source: RunEvent['source'] = 'job'
): RunEvent => ({
	id,
	at: T0 + H,
	source,
	kind: 'metric',
	metric: { name, value }
});
const run = (id: string, events: RunEvent[], launchedAt = T0, taskId = 'tune'): Run => ({
	id,
	number: 1,
	taskId,
	hypothesis: 'h',
	launchedAt,
	expectedMin: 60,
	graceMin: 15,
	where: '',
	skipped: [],
	token: 't',
	registered: true,
	events,
	verdict: '',
	alertsSent: [],
	createdAt: T0,
	updatedAt: T0
});
const f1: Target = { metric: 'f1', op: '>=', value: 0.8, tuningBudgetMin: 120 };
const task = (over: Partial<Task> = {}): Task => ({
	id: 'tune',
	title: 'Tune the classifier',
	notes: '',
	stage: 'model',
	mode: 'passive',
	status: 'todo',
	impact: 2,
	tags: [],
	order: 0,
	createdAt: T0,
	updatedAt: T0,
	target: f1,
	...over
});

describe('targetMet', () => {
	it('is met by the best reported or typed value', () => {
		const runs = [
			run('a', [metric('1', 'f1', 0.74)]),
			run('b', [metric('2', 'f1', 0.81, 'hand'), metric('3', 'acc', 0.99)])
		];
		expect(targetMet(f1, runs)).toEqual({ name: 'f1', value: 0.81 });
		expect(targetMet(f1, runs.slice(0, 1))).toBeUndefined();
	});

	it('reads ≤ targets as lower is better', () => {
		const loss: Target = { metric: 'loss', op: '<=', value: 0.3 };
		expect(
			targetMet(loss, [run('a', [metric('1', 'loss', 0.5), metric('2', 'loss', 0.29)])])
		).toEqual({ name: 'loss', value: 0.29 });
	});

	it('words the stop', () => {
		expect(goodEnoughText(f1, { name: 'f1', value: 0.81 })).toBe(
			'Good enough: f1 0.81 ≥ 0.8 — stop tuning, ship it'
		);
	});
});

describe('targetFacts and the priority', () => {
	const ctx = (targets: ReturnType<typeof targetFacts>, t: Task) => ({
		today: '2026-11-27',
		now: T0 + 6 * H,
		balance: stageBalance([t], T0),
		targets
	});

	it('counts run time past the tuning budget', () => {
		const ended = (at: number): RunEvent => ({
			id: `e${at}`,
			at,
			source: 'job',
			kind: 'end',
			outcome: 'finished'
		});
		const runs = [run('a', [ended(T0 + 2 * H)], T0), run('b', [], T0 + 2 * H)];
		const facts = targetFacts([task()], runs, T0 + 5 * H);
		expect(facts.get('tune')).toEqual({ overBudgetMin: 180 });
		const reasons = prioritise(task(), ctx(facts, task())).reasons.map((r) => r.label);
		expect(reasons).toContain('3h over the tuning budget');
	});

	it('nudges a met task out of Model selection and lifts it in Deployment', () => {
		const runs = [
			run('a', [
				metric('1', 'f1', 0.81),
				{ id: 'e', at: T0 + H, source: 'job', kind: 'end', outcome: 'finished' }
			])
		];
		const facts = targetFacts([task()], runs, T0 + 2 * H);
		const inModel = prioritise(task(), ctx(facts, task()));
		const shipped = task({ stage: 'deploy' });
		const inDeploy = prioritise(shipped, ctx(facts, shipped));
		expect(inModel.reasons).toContainEqual({
			label: 'Good enough: f1 0.81 ≥ 0.8 — stop tuning, ship it',
			points: -10
		});
		expect(inDeploy.reasons).toContainEqual({
			label: 'Good enough: f1 0.81 ≥ 0.8 — ship it',
			points: 15
		});
	});

	it('ignores tasks without a target and runs of other tasks', () => {
		const runs = [run('a', [metric('1', 'f1', 0.9)], T0, 'other')];
		expect(targetFacts([task(), task({ id: 'x', target: undefined })], runs, T0).size).toBe(0);
	});
});
