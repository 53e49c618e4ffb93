/** The card showing a task, wherever it is drawn now (or within `list`); undefined when none is. */
export function taskCardElement(id: string, list: ParentNode = document): HTMLElement | undefined {
	return list.querySelector<HTMLElement>(`li[data-task-id="${CSS.escape(id)}"]`) ?? undefined;
}

/**
 * Scrolls a card into view. Cards far off screen are laid out at an estimated height
 * (`content-visibility`), so a long scroll can stop short, and the page below the estimate can
 * end too soon: for the next frames, as the cards around it take their real heights, the card
 * is scrolled to again whenever it is outside the window.
 */
export function revealCard(element: HTMLElement, frames = 10): void {
	element.scrollIntoView({ block: 'nearest' });
	let left = frames;
	const check = () => {
		if (!element.isConnected || --left === 0) return;
		const { top, bottom } = element.getBoundingClientRect();
		if (top < 0 || bottom > window.innerHeight) element.scrollIntoView({ block: 'nearest' });
		requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
}
