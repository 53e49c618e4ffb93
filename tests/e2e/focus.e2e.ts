import type { Page } from '@playwright/test';
import { card, column, expect, quickAdd, startEmpty, test, waitForServiceWorker } from './helpers';
import { launch, passiveTask, recordShownNotifications, report, shown } from './run-helpers';

test.use({ permissions: ['notifications'] });

const DEEP = 'Derive the focal loss';

/** A passive task to launch runs on and an active one to focus on. */
async function board(page: Page) {
	await passiveTask(page, 'Sweep the warmup');
	await quickAdd(page, `${DEEP} #model !active`);
	await expect(card(column(page, 'model'), DEEP)).toBeVisible();
}

/** Starts a block from the task's card (or from Next up). */
async function startBlock(page: Page, length = '3h', from: 'card' | 'next up' = 'card') {
	const scope =
		from === 'card'
			? card(column(page, 'model'), DEEP)
			: page.getByRole('region', { name: 'Next up' });
	await scope.getByRole('button', { name: `Start a focus block on “${DEEP}”` }).click();
	const dialog = page.getByRole('dialog', { name: 'Start a focus block' });
	await dialog.getByRole('radio', { name: length }).check();
	await dialog.getByRole('button', { name: `Start ${length} of focus` }).click();
	await expect(dialog).toBeHidden();
	const bar = page.getByRole('region', { name: 'Focus block' });
	await expect(bar).toContainText(DEEP);
	return bar;
}

/**
 * Time passes with Lindy open: minute by minute, each tick's writes landing before the next (one
 * long `runFor` fires the ticks back to back, faster than IndexedDB commits the heartbeat, which
 * Lindy would read as a laptop asleep). A closed lid is a new page whose clock starts later.
 */
async function openFor(page: Page, minutes: number) {
	for (let i = 0; i < minutes; i++) {
		await page.clock.runFor(60_000);
		await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
	}
}

test.describe('focus blocks', () => {
	test('a 180-minute block holds a run’s alerts and delivers them in one summary at the end', async ({
		page,
		context
	}) => {
		await recordShownNotifications(context);
		await page.clock.install({ time: new Date('2026-11-27T09:00:00') });
		await board(page);
		await launch(page, 'Sweep the warmup', { expected: '1h' });
		const bar = await startBlock(page);
		await expect(bar).toContainText('3h left');
		await expect(bar).toContainText('First 45 minutes');
		await expect(card(column(page, 'model'), DEEP)).toContainText('Doing');

		await openFor(page, 61);
		const run = page.getByRole('region', { name: 'Running' }).getByRole('article');
		await expect(run).toContainText('Due — check it');
		// The clock ticks once a minute, not in step with the block: a minute either way.
		await expect(bar).toContainText(/(1h59m|2h) left/);
		await expect(bar).not.toContainText('First 45 minutes');
		expect(await shown(page)).toBe('');

		await openFor(page, 121);
		const done = page.getByRole('dialog', { name: 'Block done — take a break' });
		await expect(done).toBeVisible();
		await expect(done).toContainText(`3h of focus on ${DEEP}`);
		await expect
			.poll(() => shown(page))
			.toBe('|Block done — take a break|While you focused: 2 alerts');
		const summary = done.getByRole('region', { name: 'While you focused' });
		await expect(summary).toContainText('r1 should be done by now');
		await expect(summary).toContainText('r1 has gone silent');
		await done.getByRole('button', { name: 'Skip' }).click();
		await expect(bar).toBeHidden();
	});

	test('a failed run breaks through a block once its first 45 minutes are over', async ({
		page,
		context,
		request
	}) => {
		await recordShownNotifications(context);
		await page.clock.install({ time: new Date('2026-11-27T09:00:00') });
		await board(page);
		const snippet = await launch(page, 'Sweep the warmup', { expected: '4h' });
		await startBlock(page, '2h', 'next up');
		await openFor(page, 50);
		await report(request, snippet, { exit: '1' });
		await expect(page.getByRole('region', { name: 'Running' })).toContainText('Failed (exit 1)');
		await expect.poll(() => shown(page)).toBe('|r1 failed (exit 1)');
		await expect(page.getByRole('region', { name: 'Focus block' })).toBeVisible();
	});

	test('stopped early, it asks where you stopped, and the next block shows it first — offline', async ({
		page,
		context
	}) => {
		await page.clock.install({ time: new Date('2026-11-27T14:00:00') });
		await board(page);
		await waitForServiceWorker(page);
		await context.setOffline(true);
		const bar = await startBlock(page, '1h30m');
		await openFor(page, 20);
		await bar.getByRole('button', { name: 'Pause' }).click();
		await expect(bar).toContainText('Paused');
		await openFor(page, 10);
		await bar.getByRole('button', { name: 'Resume' }).click();
		await expect(bar).toContainText(/1h1[01]m left/);
		await bar.getByRole('button', { name: 'Stop the block' }).click();

		const ended = page.getByRole('dialog', { name: 'Block stopped' });
		await expect(ended).toContainText(`20m of focus on ${DEEP}`);
		await ended.getByLabel('Where I stopped').fill('Check the sign of the second term');
		await ended.getByRole('button', { name: 'Save' }).click();
		await expect(ended).toBeHidden();

		await card(column(page, 'model'), DEEP).focus();
		await page.keyboard.press('f');
		const next = page.getByRole('dialog', { name: 'Start a focus block' });
		await expect(next.getByRole('note', { name: 'Where you stopped last time' })).toContainText(
			'Check the sign of the second term'
		);
	});

	test('a reload keeps the block; after a long gap Lindy asks what happened', async ({
		page,
		context
	}) => {
		await page.clock.install({ time: new Date('2026-11-27T07:00:00') });
		await board(page);
		await startBlock(page);
		await openFor(page, 10);
		const bar = page.getByRole('region', { name: 'Focus block' });
		await expect(bar).toContainText(/2h5[01]m left/);
		await page.reload();
		await expect(bar).toContainText('2h50m left');
		await expect(page.getByRole('dialog')).toHaveCount(0);

		// The laptop's lid closes for two hours: Lindy was not running meanwhile.
		await page.close();
		const later = await context.newPage();
		await later.clock.install({ time: new Date('2026-11-27T09:10:00') });
		await later.goto('/');
		const asked = later.getByRole('dialog', { name: 'What happened to your focus block?' });
		await expect(asked).toContainText(DEEP);
		await asked.getByRole('button', { name: 'I took a break — carry on' }).click();
		await expect(asked).toBeHidden();
		await expect(later.getByRole('region', { name: 'Focus block' })).toContainText('2h50m left');
	});

	test('pops out into a small always-on-top window with the timer', async ({ page, context }) => {
		await page.clock.install({ time: new Date('2026-11-27T07:00:00') });
		await board(page);
		const bar = await startBlock(page);
		const popped = context.waitForEvent('page');
		await bar.getByRole('button', { name: 'Pop out' }).click();
		const pip = await popped;
		await expect(pip.getByText(DEEP)).toBeVisible();
		await expect(pip.getByText('3h left')).toBeVisible();
		await expect(bar.getByRole('button', { name: 'Pop out' })).toBeHidden();
		await pip.close();
		await expect(bar.getByRole('button', { name: 'Pop out' })).toBeVisible();
	});
});

test.describe('the time-box', () => {
	test('at the limit it asks to step away; extended once, then the three lines are saved', async ({
		page,
		context
	}) => {
		await recordShownNotifications(context);
		await page.clock.install({ time: new Date('2026-12-01T10:00:00') });
		await startEmpty(page);
		const title = 'Find the NaN in the loss';
		await quickAdd(page, `${title} #model @debug`);
		const task = card(column(page, 'model'), title);
		await expect(task).toContainText('time-box: 2h left');
		await task.focus();
		await page.keyboard.press('s');
		await expect(task).toContainText('Doing');

		await openFor(page, 121);
		const asked = page.getByRole('dialog', { name: '2h without finding the cause' });
		await expect(asked).toBeVisible();
		await expect.poll(() => shown(page)).toBe('|Time to step away');
		await asked.getByRole('button', { name: 'Extend 30 min' }).click();
		await expect(asked).toBeHidden();

		await openFor(page, 31);
		const again = page.getByRole('dialog', { name: '2h30m without finding the cause' });
		await expect(again).toContainText('Extended once already.');
		await again.getByRole('button', { name: 'Step away 20 min' }).click();
		await expect(again.getByLabel('What I tried')).toBeFocused();
		await expect(again).toContainText('Write what you tried, in a few words.');
		await again.getByLabel('What I tried').fill('Lower lr, grad clipping');
		await again.getByLabel('What I suspect').fill('log(0) in the focal term');
		await again.getByLabel('What I’ll try next').fill('Clamp the probabilities');
		await again.getByRole('button', { name: 'Step away 20 min' }).click();
		await expect(again).toBeHidden();

		await expect(task).not.toContainText('Doing');
		await expect(task).toContainText(/away — back in 2[01]m/);
		await openFor(page, 21);
		await expect
			.poll(() => shown(page))
			.toBe('|Time to step away|Time to step away|Back from stepping away');
		await expect(task).toContainText('time-box: 2h left');
		await task.click();
		const edit = page.getByRole('dialog', { name: 'Edit task' });
		await expect(edit.getByLabel('Notes')).toHaveValue(
			/Stepped away \(.*\):\n- Tried: Lower lr, grad clipping\n- Suspect: log\(0\) in the focal term\n- Next: Clamp the probabilities/
		);
	});
});

test('any task can be time-boxed from its edit dialog, and turned off again', async ({ page }) => {
	await startEmpty(page);
	await quickAdd(page, 'Implement the paper’s sampler #model');
	const task = card(column(page, 'model'), 'Implement the paper’s sampler');
	await expect(task).not.toContainText('time-box');
	await task.click();
	const edit = page.getByRole('dialog', { name: 'Edit task' });
	await edit.getByRole('checkbox', { name: /^Time-box: 2h of work/ }).check();
	await edit.getByRole('button', { name: 'Save' }).click();
	await expect(edit).toBeHidden();
	await expect(task).toContainText('time-box: 2h left');
	await task.click();
	await edit.getByRole('checkbox', { name: /^Time-box: 2h of work/ }).uncheck();
	await edit.getByRole('button', { name: 'Save' }).click();
	await expect(task).not.toContainText('time-box');
});
