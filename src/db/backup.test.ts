import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { normalizeItem } from '../core/feed-items';
import { makeTask } from '../core/test-tasks';
import type { AppDB } from './app-db';
import {
	applyBackup,
	backupToText,
	checkBackupFile,
	checkBackupText,
	deleteEverything,
	dumpAll,
	exportBackup
} from './backup';
import { FeedRepo } from './feed-repo';
import { testDb } from './test-db';

const NOW = Date.UTC(2026, 10, 27, 12);
const openDb = () => testDb('backup');

/** A database with a record of every kind. */
async function seed(db: AppDB) {
	await db.tasks.bulkAdd([
		makeTask({
			id: 'task-1',
			title: 'Clean labels',
			due: '2026-12-04',
			estimateMin: 90,
			tags: ['labels']
		}),
		makeTask({ id: 'task-2', status: 'done', doneAt: NOW, notes: 'Done — “quotes” & <tags>' })
	]);
	const repo = new FeedRepo(db, () => 'feed-1');
	const feed = await repo.addFeed('https://dq.example/feed', 'Data Quality', NOW);
	await repo.updateFeed(feed.id, { etag: 'W/"abc"', trust: 1 });
	await repo.saveItems([
		normalizeItem(
			{
				guid: 'g1',
				title: { value: 'Label noise', type: 'text' },
				link: 'https://dq.example/1',
				content: { value: '<p>Hello</p>', type: 'html' }
			},
			{ feedId: feed.id, feedUrl: feed.url, now: NOW }
		)
	]);
	const [item] = await db.items.toArray();
	await repo.setItemNotes(item!.id, 'worth a second pass');
	await repo.putReadingList({
		week: '2026-11-23',
		friday: '2026-11-27',
		createdAt: NOW,
		budgetMin: 180,
		maxItems: 7,
		entries: [
			{
				itemId: item!.id,
				title: 'Label noise',
				link: 'https://dq.example/1',
				feedTitle: 'Data Quality',
				readingMinutes: 1,
				score: 4,
				parts: [{ kind: 'lindy', label: 'Lindy: label noise', points: 2 }],
				plannedPasses: [1, 2],
				passesDone: [1],
				enough: false,
				notRelevant: false,
				notes: 'try it',
				pinned: true,
				byHand: false
			}
		]
	});
	await db.settings.bulkPut([
		{ key: 'sortMode', value: 'manual' },
		{ key: 'wordLists', value: { hype: ['insane'], lindy: ['SQL'], mute: ['crypto'], boost: [] } }
	]);
}

/** A backup file as parsed JSON, loosely typed so tests can break it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BackupJson = any;

async function exportText(db: AppDB) {
	return backupToText(await exportBackup(db, '0.1.0', NOW));
}

describe('backups', () => {
	let source: AppDB;
	beforeEach(async () => {
		source = openDb();
		await seed(source);
	});

	it('round-trips every record into an empty profile, field by field', async () => {
		const text = await exportText(source);
		const check = checkBackupText(text);
		expect(check).toMatchObject({
			ok: true,
			counts: { tasks: 2, feeds: 1, items: 1, readingLists: 1, settings: 2 }
		});
		const target = openDb();
		if (check.ok) await applyBackup(target, check.backup, 'replace');
		expect(await dumpAll(target)).toEqual(await dumpAll(source));
	});

	it('imports an export an older Lindy wrote past today’s limits, shortening it and saying so', async () => {
		const old = JSON.parse(await exportText(source));
		const longTitle = 'why the loss plateaus '.repeat(30).trim();
		old.data.tasks[0].title = longTitle;
		old.data.tasks[0].estimateMin = 120_000;
		old.data.feeds[0].etag = `"${'e'.repeat(1500)}"`;
		old.data.itemContents[0].html = 'x'.repeat(2_100_000);
		const check = checkBackupText(JSON.stringify(old));
		expect(check.ok ? check.counts.shortened : check.message).toBe(4);
		const target = openDb();
		if (check.ok) await applyBackup(target, check.backup, 'replace');
		const task = (await target.tasks.get(old.data.tasks[0].id))!;
		expect(task.notes.startsWith(longTitle)).toBe(true);
		expect(task.estimateMin).toBe(100_000);
		expect((await target.feeds.toArray())[0]!.etag).toBeUndefined();
		expect((await target.items.toArray())[0]!.truncated).toBe(true);
	});

	it('writes a human-readable file that names its format and versions', async () => {
		const backup = JSON.parse(await exportText(source));
		expect(backup).toMatchObject({
			format: 'lindy-backup',
			formatVersion: 4,
			appVersion: '0.1.0',
			exportedAt: '2026-11-27T12:00:00.000Z'
		});
		expect(Object.keys(backup.data)).toEqual([
			'tasks',
			'feeds',
			'items',
			'itemContents',
			'readingLists',
			'settings',
			'runs',
			'runTemplates',
			'focusSessions',
			'dayPlans',
			'planTemplates'
		]);
	});

	it('imports a format 2 backup, made before focus blocks, as one with no sessions or plans', async () => {
		const old = JSON.parse(await exportText(source));
		old.formatVersion = 2;
		delete old.data.focusSessions;
		delete old.data.dayPlans;
		delete old.data.planTemplates;
		const check = checkBackupText(JSON.stringify(old));
		expect(check.ok).toBe(true);
		const target = openDb();
		if (check.ok) await applyBackup(target, check.backup, 'replace');
		expect(await target.tasks.count()).toBe(2);
		expect(await target.focusSessions.count()).toBe(0);
		expect(await target.dayPlans.count()).toBe(0);
	});

	it('imports a format 1 backup, made before runs, as one with no runs', async () => {
		const old = JSON.parse(await exportText(source));
		old.formatVersion = 1;
		delete old.data.runs;
		delete old.data.runTemplates;
		delete old.data.focusSessions;
		delete old.data.dayPlans;
		delete old.data.planTemplates;
		const check = checkBackupText(JSON.stringify(old));
		expect(check.ok && check.counts).toMatchObject({ tasks: 2, runs: 0 });
		const target = openDb();
		if (check.ok) await applyBackup(target, check.backup, 'replace');
		expect(await target.tasks.count()).toBe(2);
		expect(await target.runs.count()).toBe(0);
	});

	it('merges with the newer edit winning and nothing lost', async () => {
		const text = await exportText(source);
		const target = openDb();
		await target.tasks.bulkAdd([
			makeTask({ id: 'task-1', title: 'Edited later', updatedAt: NOW + 1000 }),
			makeTask({ id: 'task-3', title: 'Only here' })
		]);
		const task2 = (await source.tasks.get('task-2'))!;
		await target.tasks.put({ ...task2, title: 'Older copy', updatedAt: 1 });
		const check = checkBackupText(text);
		if (check.ok) await applyBackup(target, check.backup, 'merge');
		const titles = (await target.tasks.toArray()).map((t) => t.title).sort();
		expect(titles).toEqual(['Edited later', 'Only here', task2.title].sort());
		expect(await target.feeds.count()).toBe(1);
		expect(await target.readingLists.count()).toBe(1);
	});

	it.each([
		[
			'wrong types',
			(b: BackupJson) => (b.data.tasks[0].impact = 'high'),
			/data\.tasks\[0\]\.impact/
		],
		['missing fields', (b: BackupJson) => delete b.data.tasks[0].title, /data\.tasks\[0\]\.title/],
		[
			'a 10 MB string',
			(b: BackupJson) => (b.data.readingLists[0].entries[0].notes = 'x'.repeat(10_000_000)),
			/longer than 100000/
		],
		[
			'a __proto__ key',
			(b: BackupJson) =>
				(b.data.tasks[0] = JSON.parse(
					`{"__proto__":{"polluted":1},${JSON.stringify(b.data.tasks[0]).slice(1)}`
				)),
			/__proto__/
		],
		['a newer format', (b: BackupJson) => (b.formatVersion = 5), /newer Lindy \(backup format 5\)/],
		['another app’s JSON', (b: BackupJson) => (b.format = 'todoist'), /not a Lindy backup/],
		[
			'an unknown setting',
			(b: BackupJson) => b.data.settings.push({ key: 'evil', value: 1 }),
			/data\.settings\[2\]/
		],
		[
			'a javascript: link',
			(b: BackupJson) => (b.data.items[0].link = 'javascript:alert(1)'),
			/data\.items\[0\]\.link/
		]
	])('refuses %s with a message that says what is wrong', async (_name, mutate, message) => {
		const backup = JSON.parse(await exportText(source));
		mutate(backup);
		const check = checkBackupText(JSON.stringify(backup));
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.message).toMatch(message);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it.each([
		['a truncated file', async (t: string) => t.slice(0, t.length / 2), /damaged or cut short/],
		[
			'an OPML file',
			async () => '<?xml version="1.0"?><opml><body/></opml>',
			/OPML list or a feed/
		],
		['a binary file', async () => '\u0000\u0001PNG\u0000', /binary file/],
		['an empty file', async () => '', /it is empty/]
	])('refuses %s', async (_name, make, message) => {
		const check = checkBackupText(await make(await exportText(source)));
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.message).toMatch(message);
	});

	it('refuses a 100 MB file without reading it', async () => {
		const huge = new Blob([new Uint8Array(100 * 1024 * 1024)]);
		const check = await checkBackupFile(huge);
		expect(check).toEqual({
			ok: false,
			message: 'This file cannot be imported: at 100 MB it is far larger than any Lindy backup.'
		});
	});

	it('refuses a backup that lists one feed address twice, which the database could never hold', async () => {
		const backup = JSON.parse(await exportText(source));
		backup.data.feeds.push({ ...backup.data.feeds[0], id: 'feed-2' });
		expect(checkBackupText(JSON.stringify(backup))).toEqual({
			ok: false,
			message:
				'This file cannot be imported: data.feeds lists the feed https://dq.example/feed twice.'
		});
	});

	it('applies all or nothing: a write that fails midway (a full disk) leaves the database as it was', async () => {
		const check = checkBackupText(await exportText(source));
		if (!check.ok) throw new Error(check.message);
		const target = openDb();
		await seed(target);
		const before = await dumpAll(target);
		target.tasks.hook('creating', () => {
			throw new DOMException('The disk is full.', 'QuotaExceededError');
		});
		await expect(applyBackup(target, check.backup, 'replace')).rejects.toThrow('The disk is full');
		expect(await dumpAll(target)).toEqual(before);
	});

	it('never throws on random or mutated files, and a refused file changes nothing', async () => {
		const valid = JSON.parse(await exportText(source));
		const validCheck = checkBackupText(JSON.stringify(valid));
		if (!validCheck.ok) throw new Error(validCheck.message);
		const target = openDb();
		await applyBackup(target, validCheck.backup, 'replace');
		const before = await dumpAll(target);
		const mutated = fc
			.tuple(
				fc.constantFrom('tasks', 'feeds', 'items', 'readingLists', 'settings'),
				fc.jsonValue(),
				fc.nat(20)
			)
			.map(([table, value, index]) => {
				const copy = structuredClone(valid);
				const rows = copy.data[table];
				const row = rows[index % rows.length];
				const keys = Object.keys(row);
				row[keys[index % keys.length]!] = value;
				return JSON.stringify(copy);
			});
		const random = fc.oneof(
			fc.string(),
			fc.jsonValue().map((j) => JSON.stringify(j)),
			mutated,
			mutated.map((t) => t.slice(0, t.length - 7))
		);
		await fc.assert(
			fc.asyncProperty(
				random,
				fc.constantFrom<'merge' | 'replace'>('merge', 'replace'),
				async (text, mode) => {
					const check = checkBackupText(text);
					if (!check.ok) {
						expect(check.message).toMatch(/^This file cannot be imported: /);
						expect(await dumpAll(target)).toEqual(before);
						return;
					}
					try {
						await applyBackup(target, check.backup, mode);
					} catch {
						// Refused by the database itself: the transaction must have changed nothing.
						expect(await dumpAll(target)).toEqual(before);
						return;
					}
					await applyBackup(target, validCheck.backup, 'replace');
				}
			),
			{ numRuns: 150 }
		);
	});

	it('deletes everything and leaves a working empty database', async () => {
		await deleteEverything(source);
		const dump = await dumpAll(source);
		expect(Object.values(dump).every((rows) => rows.length === 0)).toBe(true);
		await source.tasks.add(makeTask({ id: 'after' }));
		expect(await source.tasks.count()).toBe(1);
	});
});
