import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeItem } from '../core/feed-items';
import { AppDB } from './app-db';
import { FeedRepo } from './feed-repo';

let db: AppDB;
let repo: FeedRepo;
const NOW = Date.UTC(2026, 10, 27);
const item = (feedId: string, guid: string, title: string, now = NOW) =>
	normalizeItem(
		{
			guid,
			title: { value: title, type: 'text' },
			link: `https://x.example/${guid}`,
			content: { value: `<p>${title} body</p>`, type: 'html' }
		},
		{ feedId, feedUrl: 'https://x.example/feed', now }
	);

beforeEach(() => {
	db = new AppDB(`feeds-${crypto.randomUUID()}`);
	repo = new FeedRepo(db);
});

afterEach(async () => {
	db.close();
	await Dexie.delete(db.name);
});

describe('FeedRepo', () => {
	it('adds feeds and refuses the same address twice', async () => {
		await repo.addFeed('https://a.example/feed', 'A', NOW);
		await expect(repo.addFeed('https://a.example/feed', 'A again', NOW)).rejects.toThrow(
			'You already follow this feed.'
		);
		expect(
			await repo.addFeeds(
				[
					{ url: 'https://a.example/feed', title: 'A' },
					{ url: 'https://b.example/feed', title: 'B' }
				],
				NOW
			)
		).toBe(1);
		expect((await repo.feeds()).map((f) => f.title)).toEqual(['A', 'B']);
	});

	it('knows a feed it follows under another spelling of its address', async () => {
		await repo.addFeed('https://a.example/feed', 'A', NOW);
		for (const url of [
			'http://a.example/feed',
			'https://www.a.example/feed/',
			'https://a.example/feed?utm_source=newsletter'
		])
			await expect(repo.addFeed(url, 'A again', NOW)).rejects.toThrow(
				'You already follow this feed.'
			);
		expect(
			await repo.addFeeds(
				[
					{ url: 'http://www.a.example/feed/', title: 'A' },
					{ url: 'https://a.example/feed?tag=ml', title: 'A, ML only' }
				],
				NOW
			)
		).toBe(1);
		// Saved feed files have no web address: each is its own feed.
		await repo.addFeed('file:one.xml', 'One', NOW);
		await repo.addFeed('file:two.xml', 'Two', NOW);
	});

	it('removes a feed with its items, and puts all of it back', async () => {
		const feed = await repo.addFeed('https://a.example/feed', 'A', NOW);
		await repo.saveItems([item(feed.id, '1', 'One'), item(feed.id, '2', 'Two')]);
		const removed = await repo.removeFeed(feed.id);
		expect(await db.items.toArray()).toEqual([]);
		await repo.restoreFeed(removed!);
		expect((await db.items.toArray()).map((i) => i.title).sort()).toEqual(['One', 'Two']);
		const content = await repo.itemContent((await db.items.toArray())[0]!.id);
		expect(content.html).toMatch(/<p>(One|Two) body<\/p>/);
		expect(content.base).toMatch(/^https:\/\/x\.example\/[12]$/);
	});

	it('saves items once, counting new, updated and duplicate stories', async () => {
		const first = await repo.saveItems([
			item('f1', '1', 'Label noise'),
			item('f1', '2', 'Ablations')
		]);
		expect(first).toEqual({ added: 2, updated: 0, duplicates: 0 });
		const again = await repo.saveItems([
			item('f1', '1', 'Label noise'),
			item('f2', '9', 'Ablations')
		]);
		expect(again).toEqual({ added: 0, updated: 1, duplicates: 1 });
	});

	it('keeps read and saved state when a refresh brings the item again', async () => {
		await repo.saveItems([item('f1', '1', 'Label noise')]);
		const [stored] = await db.items.toArray();
		await repo.setRead([stored!.id], NOW + 1);
		await repo.setSaved(stored!.id, NOW + 2);
		await repo.saveItems([item('f1', '1', 'Label noise, revised')]);
		expect(await db.items.get(stored!.id)).toMatchObject({
			title: 'Label noise, revised',
			readAt: NOW + 1,
			savedAt: NOW + 2
		});
		await repo.setRead([stored!.id], undefined);
		await repo.setSaved(stored!.id, undefined);
		const after = (await db.items.get(stored!.id))!;
		expect('readAt' in after || 'savedAt' in after).toBe(false);
	});

	it('counts unread items per feed, marks a whole feed read and can take it back', async () => {
		const a = await repo.addFeed('https://a.example/feed', 'A', NOW);
		const b = await repo.addFeed('https://b.example/feed', 'B', NOW);
		await repo.saveItems([
			item(a.id, '1', 'One'),
			item(a.id, '2', 'Two'),
			item(a.id, '3', 'Three'),
			item(b.id, '4', 'Four')
		]);
		const ids = (await db.items.where('feedId').equals(a.id).primaryKeys()).sort();
		await repo.setRead([ids[0]!], NOW);
		expect(await repo.unreadCounts()).toEqual(
			new Map([
				[a.id, 2],
				[b.id, 1]
			])
		);
		const marked = await repo.markFeedRead(a.id, NOW + 5);
		expect(marked.sort()).toEqual(ids.slice(1));
		expect((await repo.unreadCounts()).get(a.id)).toBe(0);
		expect((await db.items.get(ids[0]!))!.readAt).toBe(NOW);
		await repo.setRead(marked, undefined);
		expect((await repo.unreadCounts()).get(a.id)).toBe(2);
	});

	it('lists saved items, the latest saved first', async () => {
		await repo.saveItems([item('f', '1', 'One'), item('f', '2', 'Two'), item('f', '3', 'Three')]);
		const byTitle = new Map((await db.items.toArray()).map((i) => [i.title, i.id]));
		await repo.setSaved(byTitle.get('Two')!, NOW + 1);
		await repo.setSaved(byTitle.get('One')!, NOW + 2);
		expect((await repo.savedItems()).map((i) => i.title)).toEqual(['One', 'Two']);
	});

	it('prunes old items but keeps annotated, saved and listed ones', async () => {
		const old = NOW - 100 * 86_400_000;
		await repo.saveItems([
			item('f', 'a', 'Old plain', old),
			item('f', 'b', 'Old noted', old),
			item('f', 'c', 'Old listed', old),
			item('f', 'e', 'Old saved', old),
			item('f', 'd', 'New', NOW)
		]);
		const items = await db.items.toArray();
		const id = (title: string) => items.find((i) => i.title === title)!.id;
		await repo.setItemNotes(id('Old noted'), 'keep me');
		await repo.setSaved(id('Old saved'), old + 1);
		await repo.putReadingList({
			week: '2026-08-17',
			friday: '2026-08-21',
			createdAt: old,
			budgetMin: 180,
			maxItems: 7,
			entries: [
				{
					itemId: id('Old listed'),
					title: 'Old listed',
					feedTitle: 'F',
					readingMinutes: 1,
					score: 0,
					parts: [],
					plannedPasses: [1],
					passesDone: [],
					enough: false,
					notRelevant: false,
					notes: '',
					pinned: false,
					byHand: false
				}
			]
		});
		expect(await repo.pruneItems(NOW - 84 * 86_400_000)).toBe(1);
		expect((await db.items.toArray()).map((i) => i.title).sort()).toEqual([
			'New',
			'Old listed',
			'Old noted',
			'Old saved'
		]);
	});
});
