import type { Task } from './task';

let counter = 0;

/**
 * A task with sensible defaults for tests; `now` defaults to 27 Nov 2026 noon UTC. A done task says
 * when it was done.
 */
export function makeTask(overrides: Partial<Task> = {}): Task {
	counter += 1;
	const created = overrides.createdAt ?? Date.UTC(2026, 10, 27, 12);
	return {
		id: `t${String(counter).padStart(4, '0')}`,
		title: `Task ${counter}`,
		notes: '',
		stage: 'problem',
		mode: 'active',
		status: 'todo',
		impact: 3,
		tags: [],
		order: counter,
		createdAt: created,
		updatedAt: created,
		...(overrides.status === 'done' ? { doneAt: overrides.updatedAt ?? created } : {}),
		...overrides
	};
}
