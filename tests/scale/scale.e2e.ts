import { card, column, expect, quickAdd, startEmpty, test } from '../e2e/helpers';
import {
	device,
	joinSync,
	SERVER_DOWN,
	syncServer,
	syncStatus,
	turnOnSync,
	type Device
} from '../e2e/sync-helpers';

/**
 * Two Lindy servers with one Postgres and one Redis, as behind a load balancer: a device on each
 * server sees the other's work, a server restarts without losing any, and a device removed
 * through one server is cut off on the other.
 */
const shared = {
	LINDY_SYNC_POSTGRES: process.env.LINDY_SYNC_POSTGRES ?? '',
	LINDY_SYNC_REDIS: process.env.LINDY_SYNC_REDIS ?? ''
};

test.beforeAll(() => {
	if (!shared.LINDY_SYNC_POSTGRES || !shared.LINDY_SYNC_REDIS)
		throw new Error('Run this through `npm run test:scale`, which starts Postgres and Redis.');
});

async function onBoard(d: Device) {
	await d.page.getByRole('link', { name: 'Board' }).click();
	await expect(d.page.getByRole('textbox', { name: 'New task' })).toBeVisible();
}

test('two servers sharing Postgres and Redis: devices on each converge, and a restart loses nothing', async ({
	problems
}) => {
	const one = syncServer(4193, shared);
	const two = syncServer(4194, shared);
	await Promise.all([one.start(), two.start()]);
	// Chromium logs the stopped server and the removed phone's refusals as failed loads.
	const expected = [...SERVER_DOWN, /status of 401/, /status of 403/];
	const laptop = await device(problems, expected);
	const phone = await device(problems, expected);
	const tablet = await device(problems, expected);
	try {
		await startEmpty(laptop.page, one.url);
		await quickAdd(laptop.page, 'Write the eval plan #problem');
		const link = await turnOnSync(laptop.page, one.url);

		// The phone opens Lindy at the other server and joins with the same code.
		await joinSync(phone.page, link.replace(one.url, two.url));
		await onBoard(phone);
		await onBoard(laptop);
		await expect(card(column(phone.page, 'problem'), 'Write the eval plan')).toBeVisible();
		await quickAdd(phone.page, 'Deduplicate the crawl #data');
		await expect(card(column(laptop.page, 'data'), 'Deduplicate the crawl')).toBeVisible();

		// Server one restarts; the phone keeps working through server two meanwhile.
		await one.stop();
		await expect(syncStatus(laptop.page)).toHaveText(/Sync connecting/);
		await quickAdd(phone.page, 'Shadow-deploy the ranker #deploy');
		await quickAdd(laptop.page, 'Label 200 hard cases #data');
		await one.start();
		await expect(card(column(laptop.page, 'deploy'), 'Shadow-deploy the ranker')).toBeVisible();
		await expect(card(column(phone.page, 'data'), 'Label 200 hard cases')).toBeVisible();

		// Server two restarts hard; a new device joining through it still gets everything.
		await two.stop('SIGKILL');
		await two.start();
		await joinSync(tablet.page, link.replace(one.url, two.url), 'Tablet');
		await onBoard(tablet);
		for (const title of [
			'Write the eval plan',
			'Deduplicate the crawl',
			'Shadow-deploy the ranker',
			'Label 200 hard cases'
		])
			await expect(card(tablet.page, title)).toBeVisible();

		// The laptop, on server one, removes the phone, connected to server two: it is cut off.
		await laptop.page.getByRole('link', { name: 'Settings' }).click();
		const devices = laptop.page
			.getByRole('region', { name: 'Sync' })
			.getByRole('list', { name: 'Devices in this workspace' });
		await expect(devices.getByRole('listitem')).toHaveCount(3);
		await devices.getByRole('button', { name: 'Remove Phone…' }).click();
		await devices.getByRole('button', { name: 'Remove Phone', exact: true }).click();
		await expect(syncStatus(phone.page)).toHaveText(/Sync stopped/);
	} finally {
		await Promise.all([laptop.close(), phone.close(), tablet.close()]);
		await Promise.all([one.remove(), two.remove()]);
	}
});
