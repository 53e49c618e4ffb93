import { whenIdle } from './when-idle';
import type { Action } from 'svelte/action';
import type { DndEvent, Options } from 'svelte-dnd-action';
import type { Task } from '../core/task';

type DndModule = typeof import('svelte-dnd-action');
type DndOptions = Options<Task>;

let loading: Promise<DndModule> | undefined;

/** Starts loading drag and drop; called when the board is idle after its first render. */
export function preloadDnd(): Promise<DndModule> {
	loading ??= import('svelte-dnd-action').then((mod) => {
		// Space picks a card up; Enter stays free to open the editor.
		mod.setKeyboardDragTrigger('space');
		mod.setAriaStrings({
			dragStarted: ({ itemLabel, zoneLabel }) =>
				`Picked up ${itemLabel} in ${zoneLabel}. Arrow keys move it, Tab moves to another stage, Space drops it.`,
			movedToPosition: ({ itemLabel, zoneLabel, position }) =>
				`${itemLabel} is at position ${position} in ${zoneLabel}.`,
			dropped: ({ itemLabel }) => `Dropped ${itemLabel}.`
		});
		return mod;
	});
	return loading;
}

/**
 * svelte-dnd-action's `dndzone`, loaded after the board has rendered so that drag and drop does
 * not weigh on the first paint. Options given before it loads are applied once it arrives.
 *
 * Outside a drag (`deferUpdates`), a change of the zone's items reaches the library when the
 * browser is idle: it restyles and rewires every card of the zone, which cost a keyboard move more
 * than the move itself. During a drag every change goes through at once.
 */
export const lazyDndzone: Action<
	HTMLElement,
	DndOptions & { deferUpdates: boolean },
	{
		onconsider: (e: CustomEvent<DndEvent<Task>>) => void;
		onfinalize: (e: CustomEvent<DndEvent<Task>>) => void;
	}
> = (node, { deferUpdates: _, ...options }) => {
	let latest: DndOptions = options;
	let real: { update?: (o: DndOptions) => void; destroy?: () => void } | undefined;
	let destroyed = false;
	let cancelPending: (() => void) | undefined;
	const apply = () => {
		cancelPending?.();
		cancelPending = undefined;
		real?.update?.(latest);
	};
	void preloadDnd().then((mod) => {
		if (!destroyed) real = mod.dndzone(node, latest) as typeof real;
	});
	return {
		update({ deferUpdates, ...next }) {
			latest = next;
			if (!real) return;
			if (!deferUpdates) apply();
			else cancelPending ??= whenIdle(apply);
		},
		destroy() {
			destroyed = true;
			cancelPending?.();
			real?.destroy?.();
		}
	};
};
