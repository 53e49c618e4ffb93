/** The card showing a task, wherever it is drawn now; undefined when none is. */
export function taskCardElement(id: string): HTMLElement | undefined {
	return document.querySelector<HTMLElement>(`li[data-task-id="${CSS.escape(id)}"]`) ?? undefined;
}
