import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { card, column, expect, quickAdd, startEmpty } from './helpers';

/** What the runs and focus tests share: launching a run as a user does, and watching notifications. */

/** Opens the pre-flight check on a task's card, ticks every check and launches. */
export async function launch(
	page: Page,
	title: string,
	fields: { hypothesis?: string; expected?: string; cost?: string; budget?: string } = {}
) {
	await page.getByRole('button', { name: `Launch a run for “${title}”` }).click();
	const dialog = page.getByRole('dialog', { name: 'Pre-flight check' });
	// The checklist comes from the stored template, drawn a moment after the dialog: `all()` does
	// not wait for it.
	const checks = dialog.getByRole('checkbox');
	await expect(checks.first()).toBeVisible();
	for (const box of await checks.all()) await box.check();
	await dialog
		.getByLabel('What does this run test, and why?')
		.fill(fields.hypothesis ?? 'Label smoothing lifts f1 on the small model');
	await dialog.getByLabel('Expected duration').fill(fields.expected ?? '~4h');
	if (fields.cost || fields.budget) {
		await dialog.getByText('Where it runs and what it costs').click();
		if (fields.cost) await dialog.getByLabel(/Cost per hour/).fill(fields.cost);
		if (fields.budget) await dialog.getByLabel(/Budget/).fill(fields.budget);
	}
	await dialog.getByRole('button', { name: 'Launch', exact: true }).click();
	const launched = page.getByRole('dialog', { name: /^r\d+ launched$/ });
	await expect(launched).toBeVisible();
	const snippet = (await launched.getByLabel('Launch snippet').textContent()) ?? '';
	await launched.getByRole('button', { name: 'Done' }).click();
	return snippet;
}

/** Sends what the snippet's curl sends: the run's URL and token, a form body. */
export async function report(
	request: APIRequestContext,
	snippet: string,
	form: Record<string, string>
) {
	const url = /LINDY_URL='([^']+)'/.exec(snippet)![1]!;
	const token = /LINDY_TOKEN='([^']+)'/.exec(snippet)![1]!;
	const res = await request.post(url, { headers: { Authorization: `Bearer ${token}` }, form });
	expect(res.status()).toBe(201);
}

/** The notifications Lindy's service worker shows, by title. */
export async function notifications(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return (await registration.getNotifications()).map((n) => n.title);
	});
}

/**
 * Notes in localStorage (shared by the tabs) each notification Lindy asks the service worker to
 * show, in order, as `|title|title`.
 */
export async function recordShownNotifications(context: BrowserContext) {
	await context.addInitScript(() => {
		if (typeof ServiceWorkerRegistration === 'undefined') return;
		const show = ServiceWorkerRegistration.prototype.showNotification;
		ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
			localStorage.setItem('shown', `${localStorage.getItem('shown') ?? ''}|${title}`);
			return show.call(this, title, options);
		};
	});
}

export const shown = (page: Page) => page.evaluate(() => localStorage.getItem('shown') ?? '');

export async function passiveTask(page: Page, title: string) {
	await startEmpty(page);
	await quickAdd(page, `${title} #model !passive`);
	await expect(card(column(page, 'model'), title)).toBeVisible();
}
