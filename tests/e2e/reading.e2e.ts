import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { putRows } from '../setup/raw-idb.js';
import { expect, test, waitForServiceWorker } from './helpers';

const FIXTURES = new URL('../fixtures/feeds/', import.meta.url);
let feeds: Server;
let feedBase: string;

test.beforeAll(async () => {
	feeds = createServer((req, res) => {
		const name = (req.url ?? '/').slice(1).split('?')[0]!;
		if (name === 'broken.xml') {
			res.writeHead(500);
			res.end('server trouble');
			return;
		}
		try {
			const body = readFileSync(new URL(name, FIXTURES));
			const type = name.endsWith('.html')
				? 'text/html; charset=utf-8'
				: name.endsWith('.json')
					? 'application/feed+json'
					: 'application/rss+xml';
			res.writeHead(200, { 'content-type': type });
			res.end(body);
		} catch {
			res.writeHead(404);
			res.end();
		}
	});
	await new Promise<void>((done) => feeds.listen(0, '127.0.0.1', done));
	feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
	feeds.closeAllConnections();
	await new Promise((done) => feeds.close(done));
});

/** The example board (for tasks to match), then the Reading page with no default feeds. */
async function openReading(page: Page) {
	await page.goto('/');
	await page.getByRole('button', { name: 'Load an example board' }).click();
	await expect(page.getByRole('textbox', { name: 'New task' })).toBeFocused();
	await page.getByRole('link', { name: 'Reading' }).click();
	await page.getByRole('button', { name: 'Start without feeds' }).click();
}

async function subscribe(page: Page, ...names: string[]) {
	await page.getByRole('tab', { name: 'Feeds' }).click();
	const list = page.getByRole('list', { name: 'Your feeds' });
	for (const name of names) {
		await page.getByLabel('Add a feed').fill(feedBase + name);
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await expect(list.getByText(feedBase + name)).toBeVisible();
	}
}

test('subscribes, refreshes with progress, filters hype with its reason and names the matching task', async ({
	page
}) => {
	await openReading(page);
	await subscribe(page, 'rss2.xml', 'hype.xml');
	await expect(page.getByRole('textbox', { name: 'Name of Data Quality Weekly' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Name of Hype Daily' })).toBeVisible();
	await expect(page.getByText(/^Refreshed 1 of 1 feeds\.$/)).toBeVisible();

	await page.getByRole('tab', { name: /All items/ }).click();
	await page.getByRole('radio', { name: /Filtered out \(1\)/ }).check();
	const hype = page.getByRole('article', { name: 'This REVOLUTIONARY model is a GAME-CHANGER!!!' });
	await expect(
		hype.getByRole('listitem').filter({ hasText: "hype: 'revolutionary'" })
	).toContainText('−3');
	await expect(hype.getByText("hype: 'game-changer'")).toBeVisible();

	await page.getByRole('radio', { name: /Kept/ }).check();
	const relevant = page.getByRole('article', {
		name: 'Finding label noise in the train set with confident learning'
	});
	const chip = relevant.getByRole('button', {
		name: "matches your task 'Clean label noise in the train set'"
	});
	await expect(chip).toBeVisible();
	await chip.click();
	await expect(page.getByRole('dialog', { name: 'Edit task' }).getByLabel('Title')).toHaveValue(
		'Clean label noise in the train set'
	);
});

test('finds the feeds behind a site’s address: picks one of two, says so when there is none, reads JSON Feed', async ({
	page
}) => {
	await openReading(page);
	await page.getByRole('tab', { name: 'Feeds' }).click();
	const field = page.getByLabel('Add a feed');
	const list = page.getByRole('list', { name: 'Your feeds' });

	await field.fill(feedBase + 'site-no-feeds.html');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Lindy found no feed on 127.0.0.1: the page names none. Paste the feed’s own address if you know it.'
	);
	await expect(field).toHaveValue(feedBase + 'site-no-feeds.html');

	await field.fill(feedBase + 'site-two-feeds.html');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	const choice = page.getByRole('group', { name: 'This site has 2 feeds. Which one?' });
	await expect(choice.getByRole('radio', { name: /Data Quality Weekly \(RSS\)/ })).toBeChecked();
	await choice.getByRole('radio', { name: /Evaluation Notes \(JSON\)/ }).check();
	await page.getByRole('button', { name: 'Add this feed' }).click();
	await expect(list.getByText(feedBase + 'json-feed-1.1.json')).toBeVisible();
	await expect(field).toHaveValue('');
	// The JSON Feed's items are read like any other feed's.
	await expect(page.getByRole('textbox', { name: 'Name of Evaluation Notes' })).toBeVisible();
	await page.getByRole('tab', { name: /All items/ }).click();
	await expect(
		page.getByRole('article', { name: 'Why your holdout set leaks <and how to stop it>' })
	).toBeVisible();

	// The same site again: the JSON feed is followed already, so the RSS one is offered.
	await page.getByRole('tab', { name: 'Feeds' }).click();
	await field.fill(feedBase + 'site-two-feeds.html');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(choice.getByRole('radio', { name: /you follow this one/ })).toBeDisabled();
	await expect(choice.getByRole('radio', { name: /Data Quality Weekly/ })).toBeChecked();
	await page.getByRole('button', { name: 'Add this feed' }).click();
	await expect(list.getByText(feedBase + 'rss2.xml')).toBeVisible();

	// Another spelling of an address already followed is refused before anything is fetched.
	await field.fill(feedBase.replace('http://', 'https://') + 'rss2.xml/');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('You already follow this feed.');
});

test('read state, unread counts and items saved for later survive a reload, and saved ones outlive retention', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2026-11-27T09:00:00') });
	await openReading(page);
	await subscribe(page, 'rss2.xml');
	const feeds = page.getByRole('list', { name: 'Your feeds' });
	await expect(feeds.getByText('2 unread')).toBeVisible();
	await expect(page.getByRole('tab', { name: 'All items, 2 unread' })).toBeVisible();

	await page.getByRole('tab', { name: /All items/ }).click();
	const noise = page.getByRole('article', { name: /Finding label noise/ });
	const entities = page.getByRole('article', { name: /Entities & symbols/ });
	await expect(noise).toContainText('Unread.');
	// Reading an item here marks it read.
	await noise.getByRole('button', { name: 'Read here' }).click();
	await expect(
		noise.getByRole('button', { name: /Mark “Finding label noise.*” unread/ })
	).toBeVisible();
	await expect(noise).not.toContainText('Unread.');
	await expect(page.getByRole('tab', { name: 'All items, 1 unread' })).toBeVisible();
	// By hand, both ways.
	await noise.getByRole('button', { name: /unread$/ }).click();
	await expect(page.getByRole('tab', { name: 'All items, 2 unread' })).toBeVisible();
	await noise.getByRole('button', { name: /Mark “Finding label noise.*” read/ }).click();
	await expect(page.getByRole('tab', { name: 'All items, 1 unread' })).toBeVisible();

	await entities.getByRole('button', { name: /^Save “Entities/ }).click();
	await expect(entities.getByRole('button', { name: /^Save “Entities/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await page.getByRole('radio', { name: 'Saved (1)' }).check();
	await expect(page.getByRole('article')).toHaveCount(1);
	await expect(entities).toBeVisible();

	await page.reload();
	await page.getByRole('tab', { name: 'All items, 1 unread' }).click();
	await page.getByRole('checkbox', { name: 'Unread only' }).check();
	await expect(page.getByRole('radio', { name: 'Kept (1)' })).toBeVisible();
	await expect(noise).toHaveCount(0);
	await expect(entities).toContainText('Unread.');
	await page.getByRole('checkbox', { name: 'Unread only' }).uncheck();
	await expect(noise.getByRole('button', { name: /unread$/ })).toBeVisible();

	// Mark all read for a feed, and Undo.
	await page.getByRole('tab', { name: 'Feeds' }).click();
	await feeds.getByRole('button', { name: 'Mark all of Data Quality Weekly read' }).click();
	await expect(page.getByText('Marked 1 item of Data Quality Weekly read.')).toBeVisible();
	await expect(feeds.getByText('0 unread')).toBeVisible();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(feeds.getByText('1 unread')).toBeVisible();

	// A year later the feed is refreshed: retention (12 weeks) prunes the old item, not the saved
	// one. (Items on a week's list are kept too: the one to be pruned comes off this week's first.)
	await page.getByRole('tab', { name: 'This week' }).click();
	// A pass ticked is a read.
	await page
		.getByRole('article', { name: /Entities & symbols/ })
		.getByRole('checkbox', { name: /Pass 1/ })
		.check();
	await expect(page.getByRole('tab', { name: 'All items, 0 unread' })).toBeVisible();
	await page.getByRole('button', { name: /^Remove “Finding label noise/ }).click();
	await expect(page.getByRole('button', { name: /^Remove “Finding label noise/ })).toHaveCount(0);
	await page.getByRole('tab', { name: 'Feeds' }).click();
	await page.clock.fastForward(365 * 24 * 3_600_000);
	await page.getByRole('button', { name: 'Refresh all' }).click();
	await expect(page.getByText(/^Refreshed 1 of 1 feeds\./)).toBeVisible();
	await page.getByRole('tab', { name: /All items/ }).click();
	await page.getByRole('radio', { name: 'Saved (1)' }).check();
	await expect(entities).toBeVisible();
	await page.getByRole('radio', { name: /Kept/ }).check();
	await expect(noise).toHaveCount(0);
	await expect(page.getByRole('radio', { name: 'Kept (1)' })).toBeVisible();
});

test('reads by keyboard on both lists: j/k with the position said, o, v, m, s, passes, Enough, Not relevant, notes, / and ?', async ({
	page
}) => {
	await openReading(page);
	await subscribe(page, 'rss2.xml', 'atom.xml');
	await page.getByRole('tab', { name: 'This week' }).click();
	const entries = page.getByRole('feed', { name: "This week's reading list" }).getByRole('article');
	await expect(entries.nth(1)).toBeVisible();
	const total = await entries.count();
	const said = page.locator('[aria-live="polite"]');

	await page.keyboard.press('j');
	await expect(entries.nth(0)).toBeFocused();
	await expect(said).toHaveText(`1 of ${total}`);
	await page.keyboard.press('j');
	await expect(entries.nth(1)).toBeFocused();
	await expect(said).toHaveText(`2 of ${total}`);
	await page.keyboard.press('k');
	const entry = entries.nth(0);
	await expect(entry).toBeFocused();

	for (const pass of ['1', '2', '3']) {
		await page.keyboard.press(pass);
		await expect(entry.getByRole('checkbox', { name: new RegExp(`Pass ${pass}`) })).toBeChecked();
	}
	await page.keyboard.press('e');
	await expect(entry.getByRole('button', { name: /Enough/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await page.keyboard.press('x');
	await expect(entry.getByRole('button', { name: 'Not relevant' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	// A ticked pass made it read; m makes it unread again, o reads it here.
	await expect(entry).not.toContainText('Unread.');
	await page.keyboard.press('m');
	await expect(entry).toContainText('Unread.');
	await page.keyboard.press('o');
	await expect(entry.getByRole('button', { name: 'Close' })).toBeVisible();
	await expect(entry).not.toContainText('Unread.');
	await page.keyboard.press('s');
	// v asks the browser for the original in a new tab, with no way back to Lindy (noopener). The
	// original is not loaded here: the test stands in for window.open and reads what it was asked.
	const link = await entry.getByRole('heading').getByRole('link').getAttribute('href');
	await page.evaluate(() => {
		window.open = (...args: unknown[]) => {
			(window as unknown as { opened: unknown[] }).opened = args.map(String);
			return null;
		};
	});
	await page.keyboard.press('v');
	expect(await page.evaluate(() => (window as unknown as { opened: unknown[] }).opened)).toEqual([
		link,
		'_blank',
		'noopener,noreferrer'
	]);
	await entry.focus();
	await page.keyboard.press('n');
	await expect(entry.getByRole('textbox', { name: /^Notes on/ })).toBeFocused();
	// Typing in the notes is typing, not shortcuts.
	await page.keyboard.type('just notes');
	await expect(entry.getByRole('textbox', { name: /^Notes on/ })).toHaveValue('just notes');

	// "/" opens All items with its search; j and k step through the items there too.
	await page.getByRole('heading', { name: "This week's reading", level: 1 }).click();
	await page.keyboard.press('/');
	await expect(page.getByRole('searchbox', { name: 'Search all items' })).toBeFocused();
	await page.getByRole('heading', { name: "This week's reading", level: 1 }).click();
	await page.getByRole('radio', { name: 'Saved (1)' }).check();
	await expect(page.getByRole('feed', { name: 'Items' }).getByRole('article')).toHaveCount(1);
	await page.getByRole('radio', { name: /Kept/ }).check();
	const items = page.getByRole('feed', { name: 'Items' }).getByRole('article');
	// Counted once the Kept list has replaced the single saved item.
	await expect(items.nth(1)).toBeVisible();
	const shown = await items.count();
	await page.keyboard.press('j');
	await page.keyboard.press('j');
	await expect(items.nth(1)).toBeFocused();
	await expect(said).toHaveText(`2 of ${shown}`);
	const item = items.nth(1);
	const wasUnread = (await item.textContent())!.includes('Unread.');
	await page.keyboard.press('m');
	if (wasUnread) await expect(item).not.toContainText('Unread.');
	else await expect(item).toContainText('Unread.');
	await page.keyboard.press('Enter');
	await expect(item.getByRole('button', { name: 'Close' })).toBeVisible();
	const save = item.getByRole('button', { name: /^Save “/ });
	const wasSaved = (await save.getAttribute('aria-pressed')) === 'true';
	await page.keyboard.press('s');
	await expect(save).toHaveAttribute('aria-pressed', String(!wasSaved));

	await page.keyboard.press('?');
	const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(
		sheet.getByRole('heading', { name: 'Reading: this week and all items' })
	).toBeVisible();
	await expect(sheet.getByText('Mark read or unread')).toBeVisible();
});

test.describe('a broken feed', () => {
	// The browser itself logs the proxy's 502 for the broken feed.
	test.use({ allowConsole: [/status of 502/] });

	test('one broken feed does not stop the others, and each shows its status', async ({ page }) => {
		await openReading(page);
		await subscribe(page, 'broken.xml', 'atom.xml', 'rdf.xml');
		const list = page.getByRole('list', { name: 'Your feeds' });
		await expect(list.getByText(/answered 500/)).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Name of Evaluation Notes' })).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Name of Statistics Digest' })).toBeVisible();
		// Everything was fetched less than an hour ago: Refresh all is polite about it.
		await page.getByRole('button', { name: 'Refresh all' }).click();
		await expect(page.getByText('Nothing to refresh right now.')).toBeVisible();
		await expect(list.getByText('Checked less than an hour ago').first()).toBeVisible();
	});
});

test("the week's list fits the reading budget, and passes and notes survive an offline reload", async ({
	page,
	context
}) => {
	await openReading(page);
	await waitForServiceWorker(page);
	await page.getByRole('tab', { name: 'Filter' }).click();
	// The fixture posts are one-minute reads, so each pass is planned at its 5-minute floor.
	await page.getByLabel('Reading budget (minutes a week)').fill('15');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText(/^Saved\./)).toBeVisible();
	await subscribe(page, 'rss2.xml', 'atom.xml', 'rdf.xml', 'bare-ampersand.xml');

	await page.getByRole('tab', { name: 'This week' }).click();
	const budget = page.getByTestId('budget');
	await expect(budget).toContainText('2 entries · 15m planned of a 15m budget');
	await expect(budget).not.toContainText('over by');
	await expect(page.getByRole('article').first()).toContainText(
		'passes shortened to fit a 1-minute read'
	);

	const first = page.getByRole('article').first();
	const title = await first.getByRole('heading').innerText();
	await first.getByRole('checkbox', { name: /Pass 1/ }).check();
	await first.getByRole('textbox', { name: `Notes on “${title}”` }).fill('Try this on our data.');
	await first.getByRole('button', { name: 'Pin' }).click();
	await expect(first.getByRole('button', { name: 'Pinned' })).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await page.getByRole('link', { name: 'Reading' }).click();
	const again = page.getByRole('article', { name: title });
	await expect(again.getByRole('checkbox', { name: /Pass 1/ })).toBeChecked();
	await expect(again.getByRole('textbox', { name: `Notes on “${title}”` })).toHaveValue(
		'Try this on our data.'
	);
	await expect(again.getByRole('button', { name: 'Pinned' })).toBeVisible();
	await context.setOffline(false);
});

test('imports a saved feed file offline and round-trips subscriptions through OPML', async ({
	page,
	context,
	browser
}) => {
	await openReading(page);
	await waitForServiceWorker(page);
	await subscribe(page, 'rss2.xml', 'rdf.xml');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export OPML' }).click();
	const opmlPath = await (await download).path();
	expect(readFileSync(opmlPath, 'utf8')).toContain(`xmlUrl="${feedBase}rss2.xml"`);

	await context.setOffline(true);
	await page
		.getByLabel('Import a saved feed file…')
		.setInputFiles(new URL('atom.xml', FIXTURES).pathname);
	await expect(page.getByText('Imported 1 new item from Evaluation Notes.')).toBeVisible();
	await page.getByRole('tab', { name: /All items/ }).click();
	await expect(page.getByRole('article', { name: 'Ablation studies done right' })).toBeVisible();
	await context.setOffline(false);

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await openReading(other);
	await other.getByRole('tab', { name: 'Feeds' }).click();
	await other.getByLabel('Import OPML…').setInputFiles(opmlPath);
	await expect(other.getByText('Added 2 feeds.')).toBeVisible();
	const list = other.getByRole('list', { name: 'Your feeds' });
	await expect(list.getByText(`${feedBase}rss2.xml`)).toBeVisible();
	await expect(list.getByText(`${feedBase}rdf.xml`)).toBeVisible();
	await other.getByLabel('Import OPML…').setInputFiles(new URL('rss2.xml', FIXTURES).pathname);
	await expect(
		other.getByRole('alert').filter({ hasText: 'not an OPML subscription list' })
	).toBeVisible();
	await fresh.close();
});

test('a feed full of XSS payloads runs no script and loads nothing from the payload’s host', async ({
	page
}) => {
	await openReading(page);
	await subscribe(page, 'xss.xml');
	await page.getByRole('tab', { name: /All items/ }).click();
	const item = page.getByRole('article', { name: 'Hostile title' });
	await item.getByRole('button', { name: 'Read here' }).click();
	await expect(item.getByText('Body text with')).toBeVisible();
	await expect(item.getByRole('link', { name: 'a good one' })).toHaveAttribute(
		'rel',
		'noopener noreferrer'
	);
	await expect(item.getByRole('link', { name: 'a good one' })).toHaveAttribute('target', '_blank');
	await expect(item.locator('img, iframe, form, svg, object, embed, script')).toHaveCount(0);
	await page.waitForTimeout(300);
	expect(
		await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
	).toBeUndefined();
});

test('reads an item with relative links, and keeps an oversized item shortened with a note', async ({
	page
}) => {
	await openReading(page);
	const huge = join(tmpdir(), `lindy-huge-${Date.now()}.xml`);
	writeFileSync(
		huge,
		`<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><item><title>The longest post</title><link>https://huge.example/post</link><description>&lt;p&gt;${'Scaling laws, again. '.repeat(110_000)}&lt;/p&gt;</description></item></channel></rss>`
	);
	await page.getByRole('tab', { name: 'Feeds' }).click();
	await page.getByLabel('Import a saved feed file…').setInputFiles(huge);
	await expect(page.getByText('Imported 1 new item from Huge.')).toBeVisible();
	await page
		.getByLabel('Import a saved feed file…')
		.setInputFiles(new URL('xhtml.xml', FIXTURES).pathname);
	await expect(page.getByText(/Imported 4 new items/)).toBeVisible();

	await page.getByRole('tab', { name: /All items/ }).click();
	const longest = page.getByRole('article', { name: 'The longest post' });
	await longest.getByRole('button', { name: 'Read here' }).click();
	await expect(longest).toContainText('This item was longer than Lindy keeps');

	// xml:base is https://example.org/blog/, so "../other" is https://example.org/other.
	const based = page.getByRole('article', { name: 'Why not ship it?' });
	await expect(based.getByRole('heading', { name: 'Why not ship it?' })).toBeVisible();
	await based.getByRole('button', { name: 'Read here' }).click();
	await expect(based.getByRole('link', { name: 'rel', exact: true })).toHaveAttribute(
		'href',
		'https://example.org/other'
	);
	await expect(page.getByRole('article', { name: 'The <dialog> element' })).toBeVisible();
});

test('a link shared from another app becomes reading (its page fetched online, kept as shared offline) or a task', async ({
	page,
	context
}) => {
	await openReading(page);
	await waitForServiceWorker(page);
	const shareUrl = (params: Record<string, string>) => `/share?${new URLSearchParams(params)}`;

	// Online: the page's own title and description, saved for later.
	await page.goto(
		shareUrl({ title: 'Shared title', text: 'Look at this', url: feedBase + 'site-two-feeds.html' })
	);
	await expect(page.getByRole('heading', { name: 'Shared with Lindy' })).toBeVisible();
	await page.getByRole('button', { name: 'Add to reading' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Added “Evaluation Notes — a blog”' })
	).toBeVisible();
	await page.getByRole('link', { name: 'Open Reading' }).click();
	await page.getByRole('tab', { name: /All items/ }).click();
	await page.getByRole('radio', { name: 'Saved (1)' }).check();
	const fetched = page.getByRole('article', { name: 'Evaluation Notes — a blog' });
	await expect(fetched).toContainText('Shared with Lindy');

	// Offline, from the cached app: the link is kept with what was shared, and a task can be made.
	await context.setOffline(true);
	await page.goto(
		shareUrl({
			title: '',
			text: 'Calibrating ensembles https://papers.example.org/calibration?utm_source=share',
			url: ''
		})
	);
	await page.getByRole('button', { name: 'Add to reading' }).click();
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: 'Saved the link “Calibrating ensembles” under Saved' })
	).toBeVisible();
	await page.getByLabel('Task').fill('Read the calibration paper #model ~1h');
	await page.getByLabel('Tags').fill('paper, @calibration');
	await page.getByRole('button', { name: 'Add as a task' }).click();
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: 'Open the board' })
			.filter({ hasText: 'Added “Read the calibration paper” to Model selection.' })
	).toBeVisible();
	await page.getByRole('link', { name: 'Open the board' }).click();
	const task = page.getByRole('listitem', { name: /Read the calibration paper/ });
	await expect(task).toContainText('@paper');
	await expect(task).toContainText('@calibration');
	await task.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('dialog', { name: 'Edit task' }).getByLabel('Notes')).toHaveValue(
		'https://papers.example.org/calibration?utm_source=share'
	);
	await page.keyboard.press('Escape');
	await page.getByRole('link', { name: 'Reading' }).click();
	await page.getByRole('tab', { name: /All items/ }).click();
	await page.getByRole('radio', { name: 'Saved (2)' }).check();
	await expect(page.getByRole('article', { name: 'Calibrating ensembles' })).toBeVisible();
	await context.setOffline(false);
});

test('opening a subscription list or a saved feed with the installed app imports it (launch queue)', async ({
	page
}) => {
	// The browser hands the files to the consumer Lindy sets; the test keeps that consumer and
	// calls it as a launch would, with handles from the origin-private file system.
	await page.addInitScript(() => {
		const w = window as unknown as {
			launchQueue?: { setConsumer(fn: unknown): void };
			launched?: unknown;
		};
		const keep = (fn: unknown) => (w.launched = fn);
		if (w.launchQueue) w.launchQueue.setConsumer = keep;
		else Object.defineProperty(window, 'launchQueue', { value: { setConsumer: keep } });
	});
	await openReading(page);
	const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="Data Quality Weekly" xmlUrl="${feedBase}rss2.xml"/></body></opml>`;
	const atom = readFileSync(new URL('atom.xml', FIXTURES), 'utf8');
	await page.evaluate(
		async ({ opml, atom }) => {
			const dir = await navigator.storage.getDirectory();
			const handles = [];
			for (const [name, text] of [
				['subscriptions.opml', opml],
				['saved-feed.atom', atom]
			] as const) {
				const handle = await dir.getFileHandle(name, { create: true });
				const writable = await handle.createWritable();
				await writable.write(text);
				await writable.close();
				handles.push(handle);
			}
			const launched = (window as unknown as { launched: (p: unknown) => Promise<void> }).launched;
			await launched({ files: handles });
		},
		{ opml, atom }
	);
	await expect(page.getByRole('tab', { name: 'Feeds', selected: true })).toBeVisible();
	await expect(page.getByText('subscriptions.opml: Added 1 feed.')).toBeVisible();
	await expect(
		page.getByText(/saved-feed\.atom: Imported \d+ new items? from Evaluation Notes\./)
	).toBeVisible();
	const list = page.getByRole('list', { name: 'Your feeds' });
	await expect(list.getByText(feedBase + 'rss2.xml')).toBeVisible();
	await expect(list.getByText('file:saved-feed.atom')).toBeVisible();
});

test('All items sorts thousands of stored items in the background, pages them and searches them all', async ({
	page
}) => {
	await openReading(page);
	const now = Date.now();
	const items = Array.from({ length: 3000 }, (_, i) => {
		const title =
			i % 3 === 0
				? `A revolutionary game-changer, part ${i}`
				: i === 2999
					? 'The oldest note on calibrating ensembles'
					: `Weekly notes on evaluation, part ${i}`;
		return {
			id: `many:${i}`,
			feedId: 'many',
			title,
			titleKey: title.toLowerCase(),
			link: `https://many.example/${i}`,
			canonicalUrl: `https://many.example/${i}`,
			sortAt: now - i * 60_000,
			firstSeenAt: now - i * 60_000,
			summary: 'What the post says.',
			wordCount: 400,
			readingMinutes: 2
		};
	});
	await putRows(page, 'items', items);
	await page.reload();

	await page.getByRole('tab', { name: /All items/ }).click();
	const kept = page.getByRole('radio', { name: 'Kept (2,000)' });
	await expect(kept).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Filtered out (1,000)' })).toBeAttached();
	const rows = page.getByRole('tabpanel').getByRole('article');
	await expect(rows).toHaveCount(25);
	await expect(rows.first()).toHaveAccessibleName('Weekly notes on evaluation, part 1');
	// By keyboard: rows drawn just after a jump to the end take their real heights a frame later,
	// and can move the button from under a click made within that frame.
	await page.getByRole('button', { name: 'Show more (1,975 left)' }).press('Enter');
	await expect(rows).toHaveCount(50);
	await expect(page.getByRole('button', { name: 'Show more (1,950 left)' })).toBeVisible();

	await page.getByRole('searchbox', { name: 'Search all items' }).fill('calibrating ensembles');
	await expect(rows.first()).toHaveAccessibleName('The oldest note on calibrating ensembles');
	await page.getByRole('searchbox', { name: 'Search all items' }).press('Escape');
	await expect(rows.first()).toHaveAccessibleName('Weekly notes on evaluation, part 1');

	// j past the end of what is shown loads the next page and goes on, saying where it is.
	await page.getByRole('heading', { name: "This week's reading", level: 1 }).click();
	for (let i = 0; i < 51; i++) await page.keyboard.press('j');
	await expect(rows).toHaveCount(75);
	await expect(rows.nth(50)).toBeFocused();
	await expect(page.locator('[aria-live="polite"]')).toHaveText('51 of 2,000');
});

test('a long summary shows its first three lines in the list, so one item never fills the screen', async ({
	page
}) => {
	await openReading(page);
	const summary = 'Near-duplicates across splits inflate every metric. '.repeat(60);
	const now = Date.now();
	await putRows(page, 'items', [
		{
			id: 'long:1',
			feedId: 'long',
			title: 'A very thorough post on leakage',
			titleKey: 'a very thorough post on leakage',
			sortAt: now,
			firstSeenAt: now,
			summary,
			wordCount: 3000,
			readingMinutes: 15
		}
	]);
	await page.reload();
	await page.getByRole('tab', { name: /All items/ }).click();
	const shown = page
		.getByRole('article', { name: 'A very thorough post on leakage' })
		.getByText(summary.trim());
	await expect(shown).toBeVisible();
	const lines = await shown.evaluate(
		(p) => p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)
	);
	expect(Math.round(lines)).toBe(3);
});

test.describe('less motion', () => {
	test.use({ reducedMotion: 'reduce' });

	test('when the user asks for less motion, j and k scroll at once, not smoothly', async ({
		page
	}) => {
		await openReading(page);
		const now = Date.now();
		await putRows(
			page,
			'items',
			Array.from({ length: 25 }, (_, i) => ({
				id: `calm:${i}`,
				feedId: 'calm',
				title: `Calm note ${i}`,
				titleKey: `calm note ${i}`,
				sortAt: now - i * 60_000,
				firstSeenAt: now - i * 60_000,
				summary: 'A few lines on evaluation.',
				wordCount: 100,
				readingMinutes: 1
			}))
		);
		await page.reload();
		await page.getByRole('tab', { name: /All items/ }).click();
		await expect(page.getByRole('feed', { name: 'Items' }).getByRole('article')).toHaveCount(25);
		await page.getByRole('heading', { name: "This week's reading", level: 1 }).click();
		for (let i = 0; i < 20; i++) await page.keyboard.press('j');
		// Straight after the key press the row is already in view: nothing was animated.
		const inView = await page.evaluate(() => {
			const box = document.activeElement!.getBoundingClientRect();
			return box.top >= 0 && box.top < innerHeight;
		});
		expect(inView).toBe(true);
		expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(
			true
		);
	});
});
