import { describe, expect, it } from 'vitest';
import { placeTask } from '../core/day-plan';
import { testDb } from './test-db';
import { PlanRepo } from './plan-repo';

const NOW = Date.UTC(2026, 10, 27, 6);

function setup() {
	const db = testDb('plans');
	return new PlanRepo(db, () => NOW);
}

describe('PlanRepo', () => {
	it('makes the day’s plan from the template once, and keeps changes to it', async () => {
		const repo = setup();
		const plan = await repo.ensure('2026-11-27', 'Europe/Lisbon');
		expect(plan.blocks).toHaveLength(5);
		await repo.update('2026-11-27', (p, now) => placeTask(p, 't1', 'deep', now));
		const again = await repo.ensure('2026-11-27', 'Asia/Tokyo');
		expect(again.zone).toBe('Europe/Lisbon');
		expect(again.blocks[0]!.taskIds).toEqual(['t1']);
	});

	it('uses the saved template for new days, sorted by time', async () => {
		const repo = setup();
		await repo.saveTemplate([
			{ id: 'b', kind: 'analyse', startMin: 900, endMin: 960 },
			{ id: 'a', kind: 'deep', startMin: 480, endMin: 720 }
		]);
		const plan = await repo.ensure('2026-11-28', 'Europe/Lisbon');
		expect(plan.blocks.map((b) => b.id)).toEqual(['a', 'b']);
	});
});
