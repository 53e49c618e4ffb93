import { LIMITS } from './limits';
import type { Feed, StoredItem } from './feed';
import type { ItemContent } from './records';
import type { Task } from './task';
import { truncate } from './text';

/**
 * Records as an older Lindy could have written them, shortened to today's limits so that every
 * export restores: an overlong task title keeps its full text at the top of the notes, HTML and
 * summaries are cut (the item is marked truncated), and validators or links past their limits are
 * dropped. Returns the same object when nothing needed changing.
 */
export function fitTask(task: Task): Task {
	let out = task;
	const change = (fields: Partial<Task>) => (out = { ...out, ...fields });
	if (typeof task.title === 'string' && task.title.length > LIMITS.taskTitle) {
		const notes = typeof task.notes === 'string' ? task.notes : '';
		change({
			title: truncate(task.title, LIMITS.taskTitle),
			notes: `${task.title}${notes ? `\n\n${notes}` : ''}`
		});
	}
	if (typeof out.notes === 'string' && out.notes.length > LIMITS.notes)
		change({ notes: out.notes.slice(0, LIMITS.notes) });
	if (task.status === 'done' && task.doneAt === undefined && typeof task.updatedAt === 'number')
		change({ doneAt: task.updatedAt });
	if (typeof task.estimateMin === 'number' && task.estimateMin > LIMITS.estimateMin)
		change({ estimateMin: LIMITS.estimateMin });
	// Only a list of texts is fitted; anything else is left for the record check to refuse.
	const tags: unknown = task.tags;
	if (
		Array.isArray(tags) &&
		tags.every((t) => typeof t === 'string') &&
		(tags.length > LIMITS.tags || tags.some((t: string) => t.length > LIMITS.tag))
	)
		change({
			tags: [...new Set(task.tags.map((t) => t.slice(0, LIMITS.tag)))].slice(0, LIMITS.tags)
		});
	return out;
}

function without<T extends object>(record: T, key: keyof T): T {
	const copy = { ...record };
	delete copy[key];
	return copy;
}

export function fitFeed(feed: Feed): Feed {
	let out = feed;
	if (typeof feed.etag === 'string' && feed.etag.length > LIMITS.etag) out = without(out, 'etag');
	if (typeof feed.lastModified === 'string' && feed.lastModified.length > LIMITS.lastModified)
		out = without(out, 'lastModified');
	if (typeof feed.title === 'string' && feed.title.length > LIMITS.feedTitle)
		out = { ...out, title: truncate(feed.title, LIMITS.feedTitle) };
	if (typeof feed.lastError === 'string' && feed.lastError.length > LIMITS.feedError)
		out = { ...out, lastError: truncate(feed.lastError, LIMITS.feedError) };
	return out;
}

/** An http(s) link short enough to keep, or undefined. */
export function fitLink(link: string | undefined): string | undefined {
	return link !== undefined && link.length <= LIMITS.url ? link : undefined;
}

export function fitItem(item: StoredItem): StoredItem {
	let out = item;
	const cut = (fields: Partial<StoredItem>) => (out = { ...out, ...fields, truncated: true });
	if (typeof item.title === 'string' && item.title.length > LIMITS.itemTitle)
		cut({ title: truncate(item.title, LIMITS.itemTitle) });
	if (typeof item.titleKey === 'string' && item.titleKey.length > LIMITS.itemTitle)
		out = { ...out, titleKey: item.titleKey.slice(0, LIMITS.itemTitle) };
	if (typeof item.summary === 'string' && item.summary.length > LIMITS.summary)
		cut({ summary: truncate(item.summary, LIMITS.summary) });
	if (typeof item.author === 'string' && item.author.length > LIMITS.author)
		out = { ...out, author: truncate(item.author, LIMITS.author) };
	for (const key of ['link', 'canonicalUrl'] as const) {
		if (typeof item[key] === 'string' && fitLink(item[key]) === undefined) out = without(out, key);
	}
	return out;
}

/** Cuts an item's HTML to the limit; says whether it did. */
export function fitHtml(html: string): { html: string; truncated: boolean } {
	return html.length > LIMITS.itemHtml
		? { html: html.slice(0, LIMITS.itemHtml), truncated: true }
		: { html, truncated: false };
}

type Fit<T> = (row: T) => T;

/**
 * One fitter per stored table that can hold rows past today's limits, in the order they must run:
 * contents before items, so that an item whose HTML was cut is marked truncated. Each returns the
 * row itself when nothing changed. Used by the version 3 upgrade and by import of older exports.
 */
export function recordFitters(): {
	tasks: Fit<Task>;
	feeds: Fit<Feed>;
	itemContents: Fit<ItemContent>;
	items: Fit<StoredItem>;
} {
	const cut = new Set<string>();
	return {
		tasks: fitTask,
		feeds: fitFeed,
		itemContents: (row) => {
			if (typeof row.html !== 'string') return row;
			const { html, truncated } = fitHtml(row.html);
			if (!truncated) return row;
			cut.add(row.id);
			return { ...row, html };
		},
		items: (row) => {
			const fitted = fitItem(row);
			return cut.has(row.id) && !fitted.truncated ? { ...fitted, truncated: true } : fitted;
		}
	};
}
