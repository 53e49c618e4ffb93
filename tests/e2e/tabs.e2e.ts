import { card, column, expect, quickAdd, startEmpty, test } from './helpers';

test('two tabs on the board see each other’s changes', async ({ context }) => {
	const first = await context.newPage();
	await startEmpty(first);
	const second = await context.newPage();
	await second.goto('/');
	await expect(second.getByRole('heading', { name: 'Welcome to Lindy' })).toBeHidden();

	await quickAdd(first, 'Typed in the first tab #data');
	await expect(card(column(second, 'data'), 'Typed in the first tab')).toBeVisible();

	await quickAdd(second, 'Typed in the second tab #deploy');
	await expect(card(column(first, 'deploy'), 'Typed in the second tab')).toBeVisible();

	await card(column(second, 'data'), 'Typed in the first tab').press('Alt+ArrowLeft');
	await expect(card(column(first, 'problem'), 'Typed in the first tab')).toBeVisible();
});
