/**
 * Keeps keyboard focus through a redraw. Chromium drops focus to the page's body when the focused
 * element is moved or removed (a keyed list re-sorted, a message closed). Before each redraw of
 * what `track` reads, `note` says where focus is (undefined when it is not this component's
 * concern); after it, if focus fell to the body, `restore` puts it back from that note. Call while
 * a component initialises.
 */
export function keepFocus<T>(
	track: () => void,
	note: () => T | undefined,
	restore: (noted: T) => void
): void {
	let noted: T | undefined;
	$effect.pre(() => {
		track();
		noted = note();
	});
	$effect(() => {
		track();
		const was = noted;
		noted = undefined;
		const active = document.activeElement;
		if (was !== undefined && (!active || active === document.body)) restore(was);
	});
}
