import { putRows } from '../setup/raw-idb.js';
import { expect, quickAdd, startEmpty, test, waitForServiceWorker } from './helpers';
import { launch } from './run-helpers';

// 24-hour times, as a traveller's phone in Europe shows them.
test.use({ timezoneId: 'Europe/Lisbon', locale: 'en-GB' });

test('plan the day: drag a task into a block, add one by keyboard, and see where a run ends', async ({
	page,
	context
}) => {
	await page.clock.install({ time: new Date('2026-11-27T13:50:00Z') });
	await startEmpty(page);
	await quickAdd(page, 'Derive the focal loss #model !active');
	await quickAdd(page, 'Sweep the warmup #model !passive');
	await quickAdd(page, 'Tidy the experiment notes #data !low');
	await launch(page, 'Sweep the warmup', { expected: '1h50m' });

	await page.getByRole('link', { name: 'Today' }).click();
	const deep = page.getByRole('region', { name: 'Deep work' });
	await expect(deep).toContainText('07:00–10:00');
	await expect(
		deep.getByRole('button', { name: 'Put “Derive the focal loss” in Deep work' })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Analyse results' })).toContainText(
		'r1 ends 15:40 — in your analyse results block'
	);

	const pool = page.getByRole('list', { name: 'Open tasks not in the plan' });
	await pool.getByText('Derive the focal loss').dragTo(deep);
	await expect(deep.getByRole('list', { name: 'Tasks in Deep work' })).toContainText(
		'Derive the focal loss'
	);

	const away = page.getByRole('region', { name: 'Away while training' });
	const picker = away.getByLabel('Add a task to Away while training');
	await picker.focus();
	await picker.selectOption({ label: 'Tidy the experiment notes' });
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(away.getByRole('list', { name: 'Tasks in Away while training' })).toContainText(
		'Tidy the experiment notes'
	);

	// The plan is kept, and the page works offline.
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await expect(deep.getByRole('list', { name: 'Tasks in Deep work' })).toContainText(
		'Derive the focal loss'
	);
	await away
		.getByRole('button', { name: 'Take “Tidy the experiment notes” out of Away while training' })
		.click();
	await expect(away.getByRole('list', { name: 'Tasks in Away while training' })).toHaveCount(0);
});

test.describe('after a flight', () => {
	test.use({ timezoneId: 'Asia/Tokyo' });

	test('a plan made in Lisbon offers to move to local hours in Tokyo', async ({ page }) => {
		await page.clock.install({ time: new Date('2026-11-27T00:30:00Z') });
		await startEmpty(page);
		const slot = (id: string, kind: string, start: number, end: number) => ({
			id,
			kind,
			startMin: start * 60,
			endMin: end * 60,
			taskIds: []
		});
		await putRows(page, 'dayPlans', [
			{
				date: '2026-11-27',
				zone: 'Europe/Lisbon',
				blocks: [slot('deep', 'deep', 7, 10), slot('overnight', 'overnight', 17, 18)],
				createdAt: 1,
				updatedAt: 1
			}
		]);
		await page.getByRole('link', { name: 'Today' }).click();
		const offer = page.getByRole('alert').filter({ hasText: 'You are now in Asia/Tokyo' });
		await expect(offer).toContainText('move today’s plan to 07:00–18:00 local time?');
		// Until moved, the Lisbon morning is Tokyo's evening.
		await expect(page.getByRole('region', { name: 'Deep work' })).toContainText('16:00–19:00');
		await offer.getByRole('button', { name: 'Move to local hours' }).click();
		await expect(offer).toBeHidden();
		await expect(page.getByRole('region', { name: 'Deep work' })).toContainText('07:00–10:00');
	});
});

test('the template is editable: a block retimed, one removed, a bad time refused', async ({
	page
}) => {
	await startEmpty(page);
	await page.getByRole('link', { name: 'Today' }).click();
	await page.getByText('Edit the template').click();
	await page.getByLabel('Block 1: starts').fill('08:00');
	await page.getByRole('button', { name: 'Remove block 5 (Set up overnight runs)' }).click();
	await page.getByLabel('Block 2: ends').fill('09:00');
	await page.getByRole('button', { name: 'Save the template' }).click();
	await expect(page.getByRole('alert')).toHaveText('The launch runs block ends before it starts.');
	await page.getByLabel('Block 2: ends').fill('11:30');
	await page.getByRole('button', { name: 'Save the template' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'The away while training block overlaps the one before it.'
	);
	await page.getByLabel('Block 2: ends').fill('10:45');
	await page.getByRole('button', { name: 'Save the template' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	// Tomorrow's plan is made from it.
	await page.clock.install({ time: new Date(Date.now() + 86_400_000) });
	await page.reload();
	const deep = page.getByRole('region', { name: 'Deep work' });
	await expect(deep).toContainText('08:00–10:00');
	await expect(page.getByRole('region', { name: 'Launch runs' })).toContainText('10:00–10:45');
	await expect(page.getByRole('region', { name: 'Set up overnight runs' })).toHaveCount(0);
});

test('the tired view suggests low-energy tasks that fit before the next run ends', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2026-11-27T15:00:00Z') });
	await startEmpty(page);
	await quickAdd(page, 'Sweep the warmup #model !passive');
	await quickAdd(page, 'Tidy the experiment notes #data !low ~20m');
	await quickAdd(page, 'Re-label the held-out shard #data !low ~3h');
	await launch(page, 'Sweep the warmup', { expected: '30m' });
	await page
		.getByRole('radiogroup', { name: 'Show tasks by mode' })
		.getByRole('radio', { name: 'Low-energy' })
		.check();
	const fits = page.getByRole('region', { name: /^Fits before r1 ends: (29|30)m$/ });
	await expect(
		fits.getByRole('button', { name: 'Tidy the experiment notes · ~20m' })
	).toBeVisible();
	await expect(fits).not.toContainText('Re-label the held-out shard');
});
