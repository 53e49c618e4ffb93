import { describe, expect, it } from 'vitest';
import { stageBalance } from './balance';
import {
	buildColumns,
	ColumnBuilder,
	compareOpen,
	nextUp,
	orderAt,
	sameItems,
	storableOrder
} from './board';
import { compareByPriority, createPrioritiser, prioritise, prioritiseAll } from './priority';
import type { Task } from './task';
import { makeTask } from './test-tasks';

const NOW = Date.UTC(2026, 10, 27, 12);
const TODAY = '2026-11-27';

function ctxFor(tasks: Task[]) {
	return { now: NOW, today: TODAY, balance: stageBalance(tasks, NOW - 4 * 86_400_000) };
}

function labels(task: Task, tasks: Task[]) {
	return prioritise(task, ctxFor(tasks)).reasons.map((r) => r.label);
}

describe('prioritise', () => {
	it('ranks higher impact first, all else equal', () => {
		const tasks = [1, 2, 3, 4].map((impact) => makeTask({ impact: impact as Task['impact'] }));
		const scores = tasks.map((t) => prioritise(t, ctxFor(tasks)).score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		expect(new Set(scores).size).toBe(4);
	});

	it('explains impact, due date, quick wins and age in plain phrases', () => {
		const t = makeTask({
			impact: 1,
			due: '2026-11-29',
			estimateMin: 20,
			createdAt: NOW - 15 * 86_400_000
		});
		expect(labels(t, [t])).toEqual(['p1', 'due in 2 days', 'quick win (~20m)', 'waiting 2 weeks']);
	});

	it('raises tasks as their due date nears and most when overdue', () => {
		const score = (due: string) => prioritise(makeTask({ due }), ctxFor([])).score;
		expect(score('2026-11-26')).toBeGreaterThan(score('2026-11-27'));
		expect(score('2026-11-27')).toBeGreaterThan(score('2026-11-30'));
		expect(score('2026-11-30')).toBeGreaterThan(score('2026-12-20'));
		expect(labels(makeTask({ due: '2026-11-24' }), [])).toContain('overdue by 3 days');
	});

	it('lowers very large tasks and suggests splitting them', () => {
		const big = makeTask({ estimateMin: 600 });
		const r = prioritise(big, ctxFor([big]));
		expect(r.reasons).toContainEqual({ label: 'large (~10h) — split it?', points: -5 });
	});

	it('boosts a stage holding less than its share of open effort', () => {
		const tasks = [
			makeTask({ stage: 'model', estimateMin: 600 }),
			makeTask({ stage: 'model', estimateMin: 600 }),
			makeTask({ stage: 'data', estimateMin: 300 }),
			makeTask({ stage: 'problem', estimateMin: 300 }),
			makeTask({ stage: 'deploy', estimateMin: 60 })
		];
		const deploy = tasks[4]!;
		expect(labels(deploy, tasks)).toContain('Deployment is under-served');
		const model = tasks[0]!;
		expect(labels(model, tasks)).toContain('Model selection already holds most open effort');
		const scoreWithout = prioritise(deploy, ctxFor([deploy])).score;
		expect(prioritise(deploy, ctxFor(tasks)).score).toBeGreaterThan(scoreWithout);
	});

	it('gives the reasons that add up to the score', () => {
		const tasks = [makeTask({ impact: 2, due: '2026-11-28', stage: 'deploy' }), makeTask()];
		const p = prioritise(tasks[0]!, ctxFor(tasks));
		expect(p.score).toBe(p.reasons.reduce((s, r) => s + r.points, 0));
	});

	it('scores only open tasks', () => {
		const tasks = [makeTask(), makeTask({ status: 'done', doneAt: NOW })];
		expect([...prioritiseAll(tasks, ctxFor(tasks)).keys()]).toEqual([tasks[0]!.id]);
	});

	it('breaks ties by due date, then age, deterministically', () => {
		const a = makeTask({ createdAt: NOW - 1000 });
		const b = makeTask({ createdAt: NOW - 2000 });
		const c = makeTask({ due: '2026-12-30', createdAt: NOW });
		const all = [a, b, c];
		const pr = prioritiseAll(all, ctxFor(all));
		expect([a, b, c].sort((x, y) => compareByPriority(x, y, pr)).map((t) => t.id)).toEqual([
			c.id,
			b.id,
			a.id
		]);
	});
});

describe('buildColumns', () => {
	it('puts doing first, then to do by priority, and folds done tasks', () => {
		const low = makeTask({ impact: 4 });
		const high = makeTask({ impact: 1 });
		const doing = makeTask({ impact: 4, status: 'doing' });
		const done = makeTask({ status: 'done', doneAt: NOW });
		const all = [low, high, doing, done];
		const [problem] = buildColumns(all, 'priority', prioritiseAll(all, ctxFor(all)));
		expect(problem!.open.map((t) => t.id)).toEqual([doing.id, high.id, low.id]);
		expect(problem!.done.map((t) => t.id)).toEqual([done.id]);
	});

	it('orders each column as compareByPriority does, ties included', () => {
		const tasks = board(200);
		const pr = prioritiseAll(tasks, ctxFor(tasks));
		for (const column of buildColumns(tasks, 'priority', pr)) {
			const expected = tasks
				.filter((t) => t.stage === column.stage && t.status !== 'done')
				.sort((a, b) => compareOpen(a, b, 'priority', pr));
			expect(column.open.map((t) => t.id)).toEqual(expected.map((t) => t.id));
		}
	});

	it('keeps the manual order when asked', () => {
		const a = makeTask({ impact: 4, order: 1 });
		const b = makeTask({ impact: 1, order: 2 });
		const [problem] = buildColumns([b, a], 'manual', prioritiseAll([a, b], ctxFor([a, b])));
		expect(problem!.open.map((t) => t.id)).toEqual([a.id, b.id]);
	});

	it('puts the best search matches first while searching, doing before to do', () => {
		const a = makeTask({ impact: 1 });
		const b = makeTask({ impact: 4 });
		const c = makeTask({ impact: 4, status: 'doing' });
		const all = [a, b, c];
		const rank = new Map([
			[b.id, 0],
			[a.id, 1],
			[c.id, 2]
		]);
		const [problem] = buildColumns(all, 'priority', prioritiseAll(all, ctxFor(all)), rank);
		expect(problem!.open.map((t) => t.id)).toEqual([c.id, b.id, a.id]);
	});

	it('returns the four stages in value-chain order', () => {
		expect(buildColumns([], 'priority', new Map()).map((c) => c.stage)).toEqual([
			'problem',
			'data',
			'model',
			'deploy'
		]);
	});
});

describe('nextUp', () => {
	it('picks the same tasks as sorting the whole board would', () => {
		const tasks = board(200);
		const pr = prioritiseAll(tasks, ctxFor(tasks));
		const sorted = tasks
			.filter((t) => t.status !== 'done' && t.mode === 'active')
			.sort((a, b) => compareByPriority(a, b, pr));
		expect(nextUp(tasks, pr).map((t) => t.id)).toEqual(sorted.slice(0, 3).map((t) => t.id));
		expect(nextUp(tasks, pr, 5).map((t) => t.id)).toEqual(sorted.slice(0, 5).map((t) => t.id));
	});

	it('lists the top three open active tasks across stages', () => {
		const tasks = [
			makeTask({ impact: 1, stage: 'deploy' }),
			makeTask({ impact: 1, mode: 'passive' }),
			makeTask({ impact: 2, stage: 'data' }),
			makeTask({ impact: 1, status: 'done', doneAt: NOW }),
			makeTask({ impact: 3 }),
			makeTask({ impact: 4 })
		];
		const top = nextUp(tasks, prioritiseAll(tasks, ctxFor(tasks)));
		expect(top.map((t) => t.id)).toEqual([tasks[0]!.id, tasks[2]!.id, tasks[4]!.id]);
	});
});

/** A varied board: every stage, mode, impact, some estimates, due dates and ages. */
function board(n: number): Task[] {
	const stages = ['problem', 'data', 'model', 'deploy'] as const;
	const modes = ['active', 'passive', 'low'] as const;
	return Array.from({ length: n }, (_, i) =>
		makeTask({
			stage: stages[(i * 7) % 4],
			mode: modes[i % 3],
			impact: ((i % 4) + 1) as Task['impact'],
			status: i % 11 === 0 ? 'doing' : 'todo',
			...(i % 3 ? { estimateMin: 15 * (i % 20) + 10 } : {}),
			...(i % 5 === 0 ? { due: `2026-12-0${(i % 9) + 1}` } : {}),
			createdAt: NOW - (i % 40) * 86_400_000
		})
	);
}

describe('createPrioritiser', () => {
	it('gives what prioritise gives, and the same object for a task a change did not touch', () => {
		const tasks = board(60);
		const prioritiser = createPrioritiser();
		const first = prioritiser(tasks, ctxFor(tasks));
		for (const t of tasks) expect(first.get(t.id)).toEqual(prioritise(t, ctxFor(tasks)));

		const edited = tasks.map((t, i) => (i === 7 ? { ...t, impact: 1 as const } : t));
		const second = prioritiser(edited, ctxFor(edited));
		expect(second.get(tasks[7]!.id)).toEqual(prioritise(edited[7]!, ctxFor(edited)));
		expect(second.get(tasks[7]!.id)).not.toBe(first.get(tasks[7]!.id));
		const untouched = tasks.filter((t, i) => i !== 7 && t.stage !== tasks[7]!.stage);
		for (const t of untouched) expect(second.get(t.id)).toBe(first.get(t.id));
	});

	it('scores again when the day turns or a stage reason changes', () => {
		const tasks = board(12);
		const prioritiser = createPrioritiser();
		const before = prioritiser(tasks, ctxFor(tasks));
		const nextDay = prioritiser(tasks, { ...ctxFor(tasks), today: '2026-11-28' });
		expect(nextDay.get(tasks[0]!.id)).not.toBe(before.get(tasks[0]!.id));
		const onlyModel = tasks.map((t) => ({ ...t, stage: 'model' as const }));
		const shifted = prioritiser(tasks, { ...ctxFor(tasks), balance: ctxFor(onlyModel).balance });
		for (const t of tasks)
			expect(shifted.get(t.id)).toEqual(
				prioritise(t, { ...ctxFor(tasks), balance: ctxFor(onlyModel).balance })
			);
	});
});

describe('ColumnBuilder', () => {
	it('builds what buildColumns builds, and returns a column a change did not touch as is', () => {
		const tasks = board(80);
		const prioritiser = createPrioritiser();
		const builder = new ColumnBuilder();
		const pr = prioritiser(tasks, ctxFor(tasks));
		const first = builder.build(tasks, 'priority', pr);
		expect(first).toEqual(buildColumns(tasks, 'priority', pr));

		// Raising one Data quality task's impact changes no effort, so only its column changes.
		const raised = tasks.find((t) => t.stage === 'data' && t.impact === 4)!;
		const edited = tasks.map((t) => (t === raised ? { ...t, impact: 1 as const } : t));
		const pr2 = prioritiser(edited, ctxFor(edited));
		const second = builder.build(edited, 'priority', pr2);
		expect(second).toEqual(buildColumns(edited, 'priority', pr2));
		expect(second[1]).not.toBe(first[1]);
		expect(second[1]!.open.indexOf(edited.find((t) => t.id === raised.id)!)).toBeLessThan(
			first[1]!.open.indexOf(raised)
		);
		for (const i of [0, 2, 3]) expect(second[i]).toBe(first[i]);
		expect(builder.build(edited, 'manual', pr2)[0]).not.toBe(second[0]);
	});
});

describe('orderAt', () => {
	it('places an item between its new neighbours', () => {
		const list = [{ order: 1 }, { order: 2 }];
		expect(orderAt(list, 0)).toBeLessThan(1);
		expect(orderAt(list, 1)).toBe(1.5);
		expect(orderAt(list, 2)).toBeGreaterThan(2);
		expect(orderAt([], 0)).toBe(0);
	});
});

describe('storableOrder', () => {
	it('turns −0, which JSON cannot write, into 0 and leaves every other order as it is', () => {
		expect(Object.is(storableOrder(-0), 0)).toBe(true);
		expect(storableOrder(-1.5)).toBe(-1.5);
		expect(storableOrder(2)).toBe(2);
	});
});

describe('sameItems', () => {
	it('tells the same items in the same order from any other list', () => {
		const [a, b] = [makeTask(), makeTask()];
		expect(sameItems([a, b], [a, b])).toBe(true);
		expect(sameItems([a, b], [b, a])).toBe(false);
		expect(sameItems([a], [a, b])).toBe(false);
		expect(sameItems([a], [{ ...a }])).toBe(false);
	});
});
