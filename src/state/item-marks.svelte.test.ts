import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeItem } from '../core/feed-items';
import { SHARED_FEED_ID } from '../core/share';
import type { AppDB } from '../db/app-db';
import { testDb } from '../db/test-db';
import { FeedRepo } from '../db/feed-repo';
import { ItemMarks } from './item-marks.svelte';

const NOW = Date.UTC(2026, 10, 28, 9);
let db: AppDB;
let repo: FeedRepo;
let marks: ItemMarks;
const said: string[] = [];
const shown: { text: string; undo?: () => unknown }[] = [];

beforeEach(() => {
	db = testDb('marks');
	repo = new FeedRepo(db);
	said.length = 0;
	shown.length = 0;
	marks = new ItemMarks({
		repo,
		clock: { now: NOW },
		announcer: { say: (text) => said.push(text) },
		toasts: {
			show: (text, options) => {
				shown.push({ text, undo: options?.undo });
				return 0;
			},
			error: (text) => said.push(`error: ${text}`)
		}
	});
});

afterEach(() => {
	vi.unstubAllGlobals();
});

const item = (feedId: string, guid: string) =>
	normalizeItem(
		{ guid, title: { value: `Post ${guid}`, type: 'text' }, link: `https://x.example/${guid}` },
		{ feedId, feedUrl: 'https://x.example/feed', now: NOW }
	);

describe('ItemMarks', () => {
	it('marks read and unread, and says so', async () => {
		await repo.saveItems([item('f', '1')]);
		const [stored] = await db.items.toArray();
		await marks.toggleRead(stored!);
		expect((await db.items.get(stored!.id))!.readAt).toBe(NOW);
		await marks.toggleRead((await db.items.get(stored!.id))!);
		expect((await db.items.get(stored!.id))!.readAt).toBeUndefined();
		expect(said).toEqual(['Marked “Post 1” read.', 'Marked “Post 1” unread.']);
	});

	it('marks a whole feed read with an Undo that brings back exactly those', async () => {
		const feed = await repo.addFeed('https://x.example/feed', 'X', NOW);
		await repo.saveItems([item(feed.id, '1'), item(feed.id, '2')]);
		await marks.markFeedRead(feed);
		expect(shown[0]!.text).toBe('Marked 2 items of X read.');
		expect((await repo.unreadCounts()).get(feed.id)).toBe(0);
		await shown[0]!.undo!();
		expect((await repo.unreadCounts()).get(feed.id)).toBe(2);
		await marks.markFeedRead({ ...feed });
		await marks.markFeedRead(feed);
		expect(said).toContain('Nothing unread in X.');
	});

	it('keeps a link shared offline as shared, saved for later, and knows it the second time', async () => {
		vi.stubGlobal('navigator', { ...navigator, onLine: false });
		const share = {
			title: 'Calibration',
			text: 'Read me',
			url: 'https://p.example/c?utm_source=x'
		};
		expect(await marks.addShared(share)).toBe(
			'Saved the link “Calibration” under Saved, with what was shared: Lindy could not fetch the page now.'
		);
		const [saved] = await repo.savedItems();
		expect(saved).toMatchObject({ feedId: SHARED_FEED_ID, title: 'Calibration', savedAt: NOW });
		expect(await marks.addShared(share)).toBe(
			'“Calibration” is in your reading already; it is under Saved.'
		);
		expect(await marks.addShared({ title: 'No link', text: '' })).toMatch(/no web address/);
	});
});
