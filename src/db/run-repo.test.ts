import { describe, expect, it } from 'vitest';
import { runState } from '../core/runs';
import { testDb } from './test-db';
import { RunRepo } from './run-repo';

const NOW = Date.UTC(2026, 10, 27, 18);

function setup() {
	const db = testDb('runs');
	let seq = 0;
	return {
		db,
		repo: new RunRepo(
			db,
			() => `id${++seq}`,
			() => NOW
		)
	};
}

const draft = {
	hypothesis: 'Warmup fixes the divergence',
	expectedMin: 240,
	graceMin: 48,
	where: '',
	skipped: []
};

describe('RunRepo', () => {
	it('numbers runs one past the last and gives each a 128-bit token', async () => {
		const { repo } = setup();
		const a = await repo.launch({ ...draft, taskId: 't1', costPerHour: 2.5 });
		const b = await repo.launch(draft);
		expect([a.number, b.number]).toEqual([1, 2]);
		expect(a.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(a.token).not.toBe(b.token);
		expect(a).toMatchObject({ taskId: 't1', costPerHour: 2.5, registered: false, launchedAt: NOW });
		expect('budget' in a).toBe(false);
	});

	it('stores reports on their runs once, and names only the reports of its own runs', async () => {
		const { repo } = setup();
		const run = await repo.launch(draft);
		const reports = [
			{ id: 'e1', runId: run.id, at: NOW + 1000, metric: 'f1:0.81' },
			{ id: 'e2', runId: run.id, at: NOW + 2000, exit: 1 },
			{ id: 'e3', runId: 'elsewhere', at: NOW, exit: 0 }
		];
		expect(await repo.receive(reports)).toEqual(['e1', 'e2']);
		expect(await repo.receive(reports)).toEqual(['e1', 'e2']);
		const stored = (await repo.get(run.id))!;
		expect(stored.events.map((e) => e.id)).toEqual(['e1:m', 'e2:e']);
		expect(runState(stored, NOW + 3000)).toBe('failed');
	});

	it('updates the run as stored, keeping a report that arrived meanwhile', async () => {
		const { repo } = setup();
		const run = await repo.launch(draft);
		await repo.receive([{ id: 'e1', runId: run.id, at: NOW, note: 'epoch 1' }]);
		await repo.update(run.id, (r) => ({ ...r, verdict: 'It diverged at step 900.' }));
		const stored = (await repo.get(run.id))!;
		expect(stored.verdict).toBe('It diverged at step 900.');
		expect(stored.events).toHaveLength(1);
	});

	it('offers the default checklist until the user saves templates', async () => {
		const { repo } = setup();
		const [first] = await repo.templates();
		expect(first!.items).toHaveLength(5);
		expect(first!.items.filter((i) => i.required)).toHaveLength(4);
		await repo.saveTemplate({ ...first!, name: 'GPU runs', createdAt: NOW });
		expect((await repo.templates()).map((t) => t.name)).toEqual(['GPU runs']);
	});
});
