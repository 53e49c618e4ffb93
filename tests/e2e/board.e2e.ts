import type { Page } from '@playwright/test';
import { DB_VERSION } from '../../src/db/app-db';
import { getRows, putRows } from '../setup/raw-idb.js';
import { card, column, expect, moveWorkerStarted, quickAdd, startEmpty, test } from './helpers';

/** Open p4 tasks in one stage (thirty unless told), as rows to write straight into IndexedDB. */
function longColumn(stage: string, title: string, createdAt: number, count = 30) {
	return Array.from({ length: count }, (_, i) => ({
		id: `${stage}-${String(i).padStart(2, '0')}`,
		title: `${title} ${i}`,
		notes: '',
		stage,
		mode: 'active',
		status: 'todo',
		impact: 4,
		tags: [],
		order: i,
		createdAt,
		updatedAt: createdAt
	}));
}

/** A board whose Model selection column holds `count` cards, "Model task 0" first, in manual order. */
async function longModelColumn(page: Page, count: number) {
	await startEmpty(page);
	await putRows(page, 'tasks', longColumn('model', 'Model task', Date.now(), count));
	await page.reload();
	await page.getByRole('combobox', { name: 'Sort' }).selectOption('manual');
	return column(page, 'model');
}

test.describe('first run', () => {
	test('loads a realistic example board across the four stages', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Welcome to Lindy' })).toBeVisible();
		await page.getByRole('button', { name: 'Load an example board' }).click();

		for (const stage of ['problem', 'data', 'model', 'deploy'] as const) {
			await expect(column(page, stage).getByRole('listitem').first()).toBeVisible();
		}
		await expect(card(column(page, 'data'), 'Clean label noise in the train set')).toBeVisible();
		const nextUp = page.getByRole('region', { name: 'Next up' });
		await expect(nextUp.getByRole('listitem')).toHaveCount(3);
		await expect(page.getByText(/Model selection holds \d+% of your open effort/)).toBeVisible();

		await page.reload();
		await expect(page.getByRole('heading', { name: 'Welcome to Lindy' })).toBeHidden();
		await expect(card(column(page, 'deploy'), 'Draft the model card')).toBeHidden();
		await column(page, 'deploy').getByRole('button', { name: '1 done' }).click();
		await expect(card(column(page, 'deploy'), 'Draft the model card')).toBeVisible();
	});

	test('columns come in value-chain order', async ({ page }) => {
		await startEmpty(page);
		const headings = page.getByRole('region').getByRole('heading', { level: 2 });
		await expect(headings).toContainText([
			'Where effort goes',
			'Next up',
			'Problem definition',
			'Data quality',
			'Model selection',
			'Deployment'
		]);
	});
});

test.describe('quick add', () => {
	test('parses the syntax into chips and files the task', async ({ page }) => {
		await startEmpty(page);
		const box = page.getByRole('textbox', { name: 'New task' });
		await box.fill('Launch sweep #model !passive ~1h30m p1 due:tomorrow @tuning');
		const chips = page.getByRole('list', { name: 'Parsed from your text' });
		await expect(chips.getByRole('listitem')).toHaveText([
			'Model selection',
			'Passive',
			'~1h30m',
			'p1',
			'due tomorrow',
			'@tuning'
		]);
		await box.press('Enter');
		await expect(box).toHaveValue('');
		await expect(box).toBeFocused();

		const saved = card(column(page, 'model'), 'Launch sweep');
		await expect(saved).toContainText('Passive');
		await expect(saved).toContainText('~1h30m');
		await expect(saved).toContainText('due tomorrow');
		await expect(saved).toContainText('@tuning');

		await page.reload();
		await expect(card(column(page, 'model'), 'Launch sweep')).toBeVisible();
	});

	test('files into the column it was opened from, and n focuses it', async ({ page }) => {
		await startEmpty(page);
		await page.getByRole('textbox', { name: 'New task' }).blur();
		await page.getByRole('button', { name: 'Add a task to Deployment' }).click();
		await quickAdd(page, 'Write rollback runbook');
		await expect(card(column(page, 'deploy'), 'Write rollback runbook')).toBeVisible();

		await page.getByRole('textbox', { name: 'New task' }).blur();
		await page.keyboard.press('n');
		await expect(page.getByRole('textbox', { name: 'New task' })).toBeFocused();
	});

	test('refuses a line with no title and keeps what was typed', async ({ page }) => {
		await startEmpty(page);
		const box = page.getByRole('textbox', { name: 'New task' });
		await box.fill('#data p1');
		await box.press('Enter');
		await expect(
			page.getByRole('alert').filter({ hasText: 'Add a few words for the title too.' })
		).toBeVisible();
		await expect(box).toHaveValue('#data p1');
		await expect(column(page, 'data').getByRole('listitem')).toHaveCount(0);
	});
});

test.describe('editing', () => {
	test('saves changes made in the dialog', async ({ page }) => {
		await startEmpty(page);
		await quickAdd(page, 'Define success metric');
		await card(page, 'Define success metric')
			.getByRole('button', { name: 'Edit “Define success metric”' })
			.click();

		const dialog = page.getByRole('dialog', { name: 'Edit task' });
		await dialog.getByLabel('Title').fill('Define the success metric with product');
		await dialog.getByLabel('Notes').fill('Precision at top 5% matters most.');
		await dialog.getByLabel('Stage').selectOption({ label: 'Data quality' });
		await dialog.getByLabel('Impact').selectOption({ label: 'p1 (highest)' });
		await dialog.getByLabel('Estimate').fill('45m');
		await dialog.getByLabel('Tags').fill('@metrics');
		await dialog.getByRole('button', { name: 'Save' }).click();
		await expect(dialog).toBeHidden();

		const edited = card(column(page, 'data'), 'Define the success metric with product');
		await expect(edited).toBeFocused();
		await expect(edited).toContainText('p1');
		await expect(edited).toContainText('~45m');
		await expect(edited).toContainText('@metrics');
		await page.reload();
		await expect(
			card(column(page, 'data'), 'Define the success metric with product')
		).toBeVisible();
	});

	test('refuses an empty title and a bad estimate without losing input', async ({ page }) => {
		await startEmpty(page);
		await quickAdd(page, 'Audit label sources');
		await card(page, 'Audit label sources').press('Enter');

		const dialog = page.getByRole('dialog', { name: 'Edit task' });
		await dialog.getByLabel('Title').fill('   ');
		await dialog.getByLabel('Notes').fill('Notes I do not want to lose');
		await dialog.getByLabel('Estimate').fill('-2h');
		await dialog.getByRole('button', { name: 'Save' }).click();

		await expect(dialog.getByText('Give the task a title.')).toBeVisible();
		await expect(
			dialog.getByText('The estimate must be a positive duration, like 45m, 2h or 1h30m.')
		).toBeVisible();
		await expect(dialog.getByLabel('Title')).toBeFocused();
		await expect(dialog.getByLabel('Notes')).toHaveValue('Notes I do not want to lose');
		await expect(dialog.getByLabel('Estimate')).toHaveValue('-2h');

		await dialog.getByLabel('Title').fill('Audit label sources twice');
		await dialog.getByLabel('Estimate').fill('2h');
		await dialog.getByRole('button', { name: 'Save' }).click();
		await expect(dialog).toBeHidden();
		await expect(card(page, 'Audit label sources twice')).toContainText('~2h');
	});

	test('asks before discarding unsaved changes', async ({ page }) => {
		await startEmpty(page);
		await quickAdd(page, 'Check class balance');
		await card(page, 'Check class balance').press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Edit task' });
		await dialog.getByLabel('Notes').fill('half-written thought');
		await page.keyboard.press('Escape');
		await expect(dialog.getByText('Discard your changes?')).toBeVisible();
		await dialog.getByRole('button', { name: 'Keep editing' }).click();
		await expect(dialog.getByLabel('Notes')).toHaveValue('half-written thought');
	});
});

test.describe('the early read', () => {
	test('reads the open tasks before the app loads, and leaves no database on a first visit', async ({
		page
	}) => {
		// A page of the app's origin without the app, running the script as index.html does.
		const earlyRead = async () => {
			await page.goto('/robots.txt');
			await page.addScriptTag({ url: '/early-read.js' });
			return page.evaluate(async () => {
				const read = await window.lindyEarlyRead;
				const stored = (await indexedDB.databases()).some((d) => d.name === 'lindy');
				return { version: read?.version, titles: read?.tasks.map((t) => t.title), stored };
			});
		};
		expect(await earlyRead()).toEqual({ version: undefined, titles: undefined, stored: false });

		await startEmpty(page);
		await quickAdd(page, 'Still to do #data');
		await quickAdd(page, 'Already shipped #deploy');
		await page.getByRole('button', { name: 'Complete “Already shipped”' }).click();
		await expect(column(page, 'deploy').getByRole('button', { name: '1 done' })).toBeVisible();
		expect(await earlyRead()).toEqual({
			version: DB_VERSION * 10,
			titles: ['Still to do'],
			stored: true
		});
	});
});

test.describe('undo', () => {
	test('a deleted task comes back with Undo', async ({ page }) => {
		await startEmpty(page);
		await quickAdd(page, 'Label 200 hard examples #data ~2h @labels');
		const task = card(column(page, 'data'), 'Label 200 hard examples');
		await task.press('Delete');
		await expect(task).toBeHidden();
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(task).toBeVisible();
		await expect(task).toContainText('@labels');
		await page.reload();
		await expect(card(column(page, 'data'), 'Label 200 hard examples')).toBeVisible();
	});

	test('Ctrl+Z undoes from the keyboard, and an Undo reached by keyboard gives focus back', async ({
		page
	}) => {
		await startEmpty(page);
		await quickAdd(page, 'Keep me #data');
		await quickAdd(page, 'Delete me #data');
		const keep = card(column(page, 'data'), 'Keep me');
		const doomed = card(column(page, 'data'), 'Delete me');

		await doomed.press('Delete');
		await expect(doomed).toBeHidden();
		await expect(keep).toBeFocused();
		await page.keyboard.press('Control+z');
		await expect(doomed).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
		await expect(keep).toBeFocused();

		// With nothing offered to undo, Ctrl+Z is left to the browser.
		const dismiss = page.getByRole('button', { name: 'Dismiss' });
		while ((await dismiss.count()) > 0) await dismiss.first().click();
		await keep.focus();
		const passed = await keep.evaluate((el) => {
			const event = new KeyboardEvent('keydown', {
				key: 'z',
				ctrlKey: true,
				bubbles: true,
				cancelable: true
			});
			el.dispatchEvent(event);
			return !event.defaultPrevented;
		});
		expect(passed).toBe(true);

		await doomed.press('Delete');
		await expect(doomed).toBeHidden();
		const undo = page.getByRole('button', { name: 'Undo' });
		await undo.focus();
		await page.keyboard.press('Enter');
		await expect(doomed).toBeVisible();
		await expect(keep).toBeFocused();
	});

	test('completing can be undone too', async ({ page }) => {
		await startEmpty(page);
		await quickAdd(page, 'Ship v1 #deploy');
		await page.getByRole('button', { name: 'Complete “Ship v1”' }).click();
		await expect(column(page, 'deploy').getByRole('button', { name: '1 done' })).toBeVisible();
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(card(column(page, 'deploy'), 'Ship v1')).toBeVisible();
		await expect(column(page, 'deploy').getByRole('button', { name: /done$/ })).toBeHidden();
	});
});

test.describe('moving tasks', () => {
	test('Alt+arrows move between stages and within a column, and it survives a reload', async ({
		page
	}) => {
		await startEmpty(page);
		await quickAdd(page, 'First #data');
		await quickAdd(page, 'Second #data');
		await quickAdd(page, 'Mover');

		const mover = card(column(page, 'problem'), 'Mover');
		await mover.press('Alt+ArrowRight');
		const moved = card(column(page, 'data'), 'Mover');
		await expect(moved).toBeVisible();
		await expect(moved).toBeFocused();
		await expect(page.getByText('Moved “Mover” to Data quality, position 3 of 3.')).toBeAttached();

		await page.keyboard.press('Alt+ArrowUp');
		await page.keyboard.press('Alt+ArrowUp');
		const names = column(page, 'data').getByRole('listitem');
		await expect(names).toHaveCount(3);
		await expect(names.first()).toHaveAccessibleName('Mover');
		await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('manual');
		// Said once the last move is saved.
		await expect(page.getByText('“Mover” is now in Data quality, position 1 of 3.')).toBeAttached();

		await page.reload();
		const after = column(page, 'data').getByRole('listitem');
		await expect(after.first()).toHaveAccessibleName('Mover');
		await expect(after.nth(1)).toHaveAccessibleName('First');
		await expect(after.nth(2)).toHaveAccessibleName('Second');
	});

	test('a keyboard move is on disk at once, even while the page is busy drawing', async ({
		context,
		page
	}) => {
		await startEmpty(page);
		await quickAdd(page, 'Moved while busy');
		await moveWorkerStarted(page);
		const id = await card(column(page, 'problem'), 'Moved while busy').getAttribute('data-task-id');
		// Another tab of the app's origin, reading the database as stored.
		const reader = await context.newPage();
		await reader.goto('/robots.txt');
		const storedStage = async () =>
			(await getRows(reader, 'tasks')).find((t: { id: string }) => t.id === id)?.stage;

		// The key press, then 4 s in which the page runs nothing else (a long redraw, say).
		const busy = page.evaluate((id) => {
			const moving = document.querySelector<HTMLElement>(`li[data-task-id="${id}"]`)!;
			moving.focus();
			moving.dispatchEvent(
				new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true })
			);
			const end = performance.now() + 4000;
			while (performance.now() < end);
		}, id);
		await expect.poll(storedStage, { timeout: 3000 }).toBe('data');
		await busy;
		await expect(card(column(page, 'data'), 'Moved while busy')).toBeFocused();
		await reader.close();
	});

	test('focus follows a moved card at once, so quick presses chain, and it scrolls into view', async ({
		page
	}) => {
		// A long Model selection column in manual order: a moved card lands at its end, below the fold.
		await longModelColumn(page, 30);
		await quickAdd(page, 'Mover');

		// From the top of the page: the cards on the way down are drawn at an estimated height
		// until they come near, so the first scroll falls short and is corrected.
		await quickAdd(page, 'Follower #data');
		await card(column(page, 'data'), 'Follower').press('Alt+ArrowRight');
		const follower = card(column(page, 'model'), 'Follower');
		await expect(follower).toBeFocused();
		await expect(follower).toBeInViewport();

		// Another connection holds the tasks store, so no move can be saved until it lets go: the
		// second press comes while the first move is still on its way, and must not be lost.
		await page.evaluate(
			() =>
				new Promise((held) => {
					const open = indexedDB.open('lindy');
					open.onsuccess = () => {
						const store = open.result.transaction('tasks', 'readwrite').objectStore('tasks');
						const w = window as unknown as { holding: boolean };
						w.holding = true;
						const hold = () => {
							if (w.holding) store.count().onsuccess = hold;
						};
						hold();
						held(undefined);
					};
				})
		);
		await card(column(page, 'problem'), 'Mover').press('Alt+ArrowRight');
		await expect(card(column(page, 'data'), 'Mover')).toBeFocused();
		await page.keyboard.press('Alt+ArrowRight');
		await page.evaluate(() => ((window as unknown as { holding: boolean }).holding = false));
		const moved = card(column(page, 'model'), 'Mover');
		await expect(moved).toBeFocused();
		await expect(moved).toBeInViewport();
		await expect(
			page.getByText('Moved “Mover” to Model selection, position 32 of 32.')
		).toBeAttached();
		await expect(card(column(page, 'data'), 'Mover')).toBeHidden();

		await page.reload();
		await expect(card(column(page, 'model'), 'Mover')).toBeVisible();
	});

	test('a long column shows its first 60 cards, and Show more draws the rest', async ({ page }) => {
		const model = await longModelColumn(page, 130);
		const cards = model.getByRole('list', { name: 'Model selection tasks' }).getByRole('listitem');
		await expect(cards).toHaveCount(60);
		await model.getByRole('button', { name: 'Show 70 more' }).click();
		await expect(cards).toHaveCount(130);
		await expect(cards.last()).toHaveAccessibleName('Model task 129');
		await expect(model.getByRole('button', { name: /^Show \d+ more$/ })).toHaveCount(0);
	});

	test('a card moved, edited or added into a long column, past the cards it shows, is drawn there', async ({
		page
	}) => {
		// Seventy cards in manual order: the column shows its first 60, and a moved card lands last.
		const model = await longModelColumn(page, 70);
		await expect(model.getByRole('button', { name: 'Show 10 more' })).toBeVisible();
		await quickAdd(page, 'Mover #data');
		await quickAdd(page, 'Edited #data');

		await card(column(page, 'data'), 'Mover').press('Alt+ArrowRight');
		const moved = card(model, 'Mover');
		await expect(moved).toBeFocused();
		await expect(moved).toBeInViewport();
		await expect(
			page.getByText('Moved “Mover” to Model selection, position 71 of 71.')
		).toBeAttached();
		// The keyboard goes on acting on it.
		await page.keyboard.press('Alt+ArrowLeft');
		await expect(card(column(page, 'data'), 'Mover')).toBeFocused();

		await card(column(page, 'data'), 'Edited').press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Edit task' });
		await dialog.getByLabel('Stage').selectOption({ label: 'Model selection' });
		await dialog.getByRole('button', { name: 'Save' }).click();
		await expect(dialog).toBeHidden();
		await expect(card(model, 'Edited')).toBeFocused();

		// A task added there lands last, past the cards shown, and is drawn there too.
		await quickAdd(page, 'Added last #model');
		await expect(card(model, 'Added last')).toBeAttached();
		await expect(model.getByRole('listitem')).toHaveCount(72);
	});

	test('focus stays where the keyboard acts: s re-sorts a card, x and Delete pass to the next', async ({
		page
	}) => {
		await startEmpty(page);
		// Thirty p4 tasks older than the ones added below, so a new p4 task sorts after them.
		await putRows(page, 'tasks', longColumn('problem', 'Problem task', Date.now() - 1000));
		await page.reload();
		await quickAdd(page, 'Alpha p3');
		await quickAdd(page, 'Beta p3');
		await quickAdd(page, 'Gamma p4');
		const names = async () =>
			(
				await column(page, 'problem')
					.getByRole('list', { name: 'Problem definition tasks' })
					.getByRole('listitem')
					.evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')))
			).filter((name) => !name?.startsWith('Problem task'));
		await expect.poll(names).toEqual(['Alpha', 'Beta', 'Gamma']);

		// Doing sorts first: the card at the end of the column moves to its top, out of view. Its
		// element moves, which drops focus; focus and the view follow it.
		const gamma = card(column(page, 'problem'), 'Gamma');
		await gamma.press('s');
		await expect.poll(names).toEqual(['Gamma', 'Alpha', 'Beta']);
		await expect(gamma).toBeFocused();
		await expect(gamma).toBeInViewport();

		await page.keyboard.press('x');
		await expect(column(page, 'problem').getByRole('button', { name: '1 done' })).toBeVisible();
		await expect(card(column(page, 'problem'), 'Alpha')).toBeFocused();

		await page.keyboard.press('Delete');
		await expect.poll(names).toEqual(['Beta']);
		await expect(card(column(page, 'problem'), 'Beta')).toBeFocused();
	});

	test('drag and drop moves a task to another stage and it survives a reload', async ({ page }) => {
		await startEmpty(page);
		await quickAdd(page, 'Drag me #problem');
		await quickAdd(page, 'Already here #deploy');
		const source = card(column(page, 'problem'), 'Drag me');
		const target = card(column(page, 'deploy'), 'Already here');
		await expect(source).toBeVisible();
		// Drag and drop loads after the first paint; wait until the zone is live.
		await expect(
			column(page, 'deploy').getByRole('list', { name: 'Deployment tasks' })
		).toHaveAttribute('aria-describedby', /dnd/);

		const from = (await source.boundingBox())!;
		const to = (await target.boundingBox())!;
		await page.mouse.move(from.x + from.width / 2, from.y + 12);
		await page.mouse.down();
		await page.mouse.move(from.x + from.width / 2 + 20, from.y + 30, { steps: 5 });
		await page.mouse.move(to.x + to.width / 2, to.y + to.height + 24, { steps: 20 });
		// Wait, as a hand would, until the placeholder shows where the card will land. The
		// placeholder is hidden from assistive technology, so it is found by its label.
		await expect(column(page, 'deploy').locator('li[aria-label="Drag me"]')).toBeAttached();
		await page.mouse.move(to.x + to.width / 2, to.y + to.height + 26);
		await page.mouse.up();

		await expect(card(column(page, 'deploy'), 'Drag me')).toBeVisible();
		await expect(card(column(page, 'problem'), 'Drag me')).toBeHidden();
		// The card moves at once; the toast comes once the move is saved.
		await expect(page.getByText('Moved “Drag me” to Deployment.', { exact: true })).toBeVisible();
		await page.reload();
		await expect(card(column(page, 'deploy'), 'Drag me')).toBeVisible();
	});
});

test.describe('scroll position', () => {
	test('a reload, Back and Forward come back to the cards in view; a link opens a page at its top', async ({
		page
	}) => {
		const model = await longModelColumn(page, 70);
		// History: Today, then the board, scrolled to task 40 in the middle of the window.
		await page.getByRole('link', { name: 'Today' }).click();
		await page.getByRole('link', { name: 'Board' }).click();
		await card(model, 'Model task 40').evaluate(
			(element) =>
				new Promise((scrolled) => {
					addEventListener('scrollend', scrolled, { once: true });
					element.scrollIntoView({ block: 'center' });
				})
		);
		const inView = async () => {
			await expect(card(model, 'Model task 40')).toBeInViewport();
			await expect(card(model, 'Model task 30')).not.toBeInViewport();
		};
		await inView();

		// The first frame after a reload draws only a window's worth of each column.
		await page.reload();
		await inView();

		// A link from far down the board: the page it opens starts at its top.
		await page.getByRole('link', { name: 'Settings' }).click();
		await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeInViewport();
		await page.goBack();
		await inView();
		await page.goBack();
		await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
		await page.goForward();
		await inView();
	});
});

test.describe('finding tasks', () => {
	test('fuzzy search highlights matches and Esc clears it', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: 'Load an example board' }).click();
		await expect(page.getByRole('textbox', { name: 'New task' })).toBeFocused();
		await page.keyboard.press('Escape');
		await page.keyboard.press('/');
		const search = page.getByRole('searchbox', { name: 'Search tasks' });
		await expect(search).toBeFocused();
		await search.fill('leakge');
		const hit = card(page, 'Check for leakage between train and test users');
		await expect(hit).toBeVisible();
		await expect(hit.locator('mark').first()).toBeVisible();
		await expect(card(page, 'Draft the model card')).toBeHidden();
		await expect(
			page.getByRole('listitem', { name: 'Baseline: logistic regression on tabular features' })
		).toBeHidden();
		// A task added while searching is searched too.
		await quickAdd(page, 'Audit leakage in the eval set');
		await expect(card(page, 'Audit leakage in the eval set')).toBeVisible();
		await search.press('Escape');
		await expect(search).toHaveValue('');
		await expect(card(page, 'Baseline: logistic regression on tabular features')).toBeVisible();
	});

	test('the low-energy filter shows only tasks for tired hours', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: 'Load an example board' }).click();
		await page.getByRole('radio', { name: 'Low-energy' }).check();
		const cards = page.getByRole('region', { name: 'Model selection' }).getByRole('listitem');
		await expect(cards).toHaveCount(1);
		await expect(cards.first()).toHaveAccessibleName(
			'Read the XGBoost docs on monotonic constraints'
		);
		await expect(card(page, 'Clean label noise in the train set')).toBeHidden();
		await page.getByRole('radio', { name: 'All' }).check();
		await expect(card(page, 'Clean label noise in the train set')).toBeVisible();
	});
});

test.describe('explanations and help', () => {
	test('each card explains its rank in plain phrases', async ({ page }) => {
		await startEmpty(page);
		await quickAdd(page, 'Write problem statement p1 due:tomorrow ~20m');
		await page
			.getByRole('button', { name: 'Why this rank for “Write problem statement”' })
			.first()
			.click();
		const why = page.getByRole('list', { name: 'Why this rank' }).first();
		await expect(why).toContainText('p1');
		await expect(why).toContainText('due tomorrow');
		await expect(why).toContainText('quick win (~20m)');
	});

	test('? lists the shortcuts and the theme toggle switches to dark', async ({ page }) => {
		await startEmpty(page);
		await page.getByRole('textbox', { name: 'New task' }).blur();
		await page.keyboard.press('?');
		const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		await expect(dialog).toContainText('Move to the next stage');
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();

		await page.emulateMedia({ colorScheme: 'light' });
		await page.getByRole('button', { name: 'Switch to dark theme' }).click();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await page.reload();
		await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
	});
});
