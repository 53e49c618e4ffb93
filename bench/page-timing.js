// @ts-check
// What the bench's page timings share: the median, and the time from a click on a page's link
// (coming from the board, the page's code already loaded) to its content drawn.

/** @param {number[]} values */
export const median = (values) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * Gives every page of `target` a `benchPainted()`, which resolves with `performance.now()` once
 * the next frame is drawn: the next animation frame, then the end of its rendering. Every
 * "painted" time in the bench is measured with it.
 * @param {import('@playwright/test').BrowserContext | import('@playwright/test').Page} target
 */
export const addPaintProbe = (target) =>
	target.addInitScript(() => {
		/** @type {any} */ (window).benchPainted = () =>
			new Promise((done) =>
				requestAnimationFrame(() => {
					const channel = new MessageChannel();
					channel.port1.onmessage = () => done(performance.now());
					channel.port2.postMessage(null);
				})
			);
	});

/**
 * Milliseconds from a click on the link to `href` until `drawn` matches and a frame has painted,
 * each time coming back from the board first.
 * @param {import('@playwright/test').Page} page
 * @param {string} href
 * @param {string} drawn a CSS selector that matches once the page has drawn what is measured
 * @param {number} repeats
 */
export async function timeNavigation(page, href, drawn, repeats) {
	const times = [];
	for (let i = 0; i < repeats; i++) {
		await page.getByRole('link', { name: 'Board' }).click();
		await page.getByRole('textbox', { name: 'New task' }).waitFor();
		times.push(
			await page.evaluate(
				async ([link, selector]) => {
					const start = performance.now();
					/** @type {HTMLElement} */ (document.querySelector(`nav a[href="${link}"]`)).click();
					while (!document.querySelector(/** @type {string} */ (selector)))
						await new Promise((r) => requestAnimationFrame(r));
					await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
					return performance.now() - start;
				},
				[href, drawn]
			)
		);
	}
	return times;
}
