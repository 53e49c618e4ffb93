export interface Toast {
	id: number;
	message: string;
	/** Present when the action can be undone from the toast. */
	undo?: () => Promise<unknown>;
	tone: 'info' | 'error';
}

const TOAST_MS = 7_000;

/** Short messages at the bottom of the screen, most with an Undo button. */
export class Toasts {
	items = $state<Toast[]>([]);
	#next = 1;
	#timers = new Map<number, ReturnType<typeof setTimeout>>();

	show(message: string, options: { undo?: () => Promise<unknown>; tone?: Toast['tone'] } = {}) {
		const id = this.#next++;
		this.items = [
			...this.items.slice(-2),
			{ id, message, undo: options.undo, tone: options.tone ?? 'info' }
		];
		this.#timers.set(
			id,
			setTimeout(() => this.dismiss(id), options.tone === 'error' ? TOAST_MS * 2 : TOAST_MS)
		);
		return id;
	}

	error(message: string) {
		return this.show(message, { tone: 'error' });
	}

	dismiss(id: number) {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
		this.items = this.items.filter((t) => t.id !== id);
	}

	/** Undoes what the newest message offering Undo says; false when none does. */
	undoLatest(): boolean {
		const toast = this.items.findLast((t) => t.undo);
		if (!toast) return false;
		void this.undo(toast.id);
		return true;
	}

	async undo(id: number) {
		const toast = this.items.find((t) => t.id === id);
		this.dismiss(id);
		if (!toast?.undo) return;
		try {
			await toast.undo();
			this.show('Undone.');
		} catch (error) {
			this.error(`Could not undo: ${describeError(error)}`);
		}
	}
}

/**
 * Runs a storage action; on failure says "Could not <what>: <why>" in an error toast and gives
 * undefined, so the caller carries on.
 */
export async function attempt<T>(
	toasts: Pick<Toasts, 'error'>,
	what: string,
	action: () => Promise<T>
): Promise<T | undefined> {
	try {
		return await action();
	} catch (error) {
		toasts.error(`Could not ${what}: ${describeError(error)}`);
		return undefined;
	}
}

/** A sentence for the user out of anything thrown, with the common storage failures named. */
export function describeError(error: unknown): string {
	const inner = (error as { inner?: unknown })?.inner ?? error;
	const name = (inner as { name?: string })?.name;
	if (name === 'QuotaExceededError') {
		return 'the disk is full, so nothing new could be saved. Free some space, then try again.';
	}
	if (error instanceof Error && error.message) return error.message;
	return String(error);
}
