import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeItem } from '../core/feed-items';
import { addDays, toLocalDate } from '../core/local-date';
import { parseQuickAdd, quickAddProblem } from '../core/quick-add';
import { STAGES } from '../core/task';
import { validateDraft } from '../core/task-draft';
import { parseFeedText } from '../feeds/parse-feed';
import { AppDB } from './app-db';
import { applyBackup, backupToText, checkBackupText, dumpAll, exportBackup } from './backup';
import { FeedRepo } from './feed-repo';
import { restoreSnapshot, SnapshotDB, takeSnapshot, latestSnapshot } from './snapshots';
import { RunRepo } from './run-repo';
import { FocusRepo } from './focus-repo';
import { PlanRepo } from './plan-repo';
import { DEFAULT_PLAN_SLOTS, placeTask, slotsProblem } from '../core/day-plan';
import { endSession, pauseSession, resumeSession, FOCUS_LENGTHS } from '../core/focus';
import { TaskRepo } from './task-repo';
import { checkRunDraft } from '../core/runs';
import { oneLine } from '../core/text';
import { LIMITS } from '../core/limits';

const NOW = Date.UTC(2026, 10, 27, 12);
const TODAY = toLocalDate(NOW);
const opened: Dexie[] = [];
function open<T extends Dexie>(db: T): T {
	opened.push(db);
	return db;
}
afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await Dexie.delete(db.name);
	}
});

const escapeXml = (s: string) =>
	s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
// XML 1.0 cannot carry most control characters, so a generated feed leaves them out.
const XML_CHAR = (c: string) => {
	const code = c.codePointAt(0)!;
	return (
		code === 9 || code === 10 || code === 13 || (code >= 0x20 && code !== 0xfffe && code !== 0xffff)
	);
};
const xmlText = (max: number) =>
	fc.string({ unit: 'grapheme', maxLength: max }).map((s) => [...s].filter(XML_CHAR).join(''));

const longish = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ minLength: 400, maxLength: 700 })
);

type Op =
	| { kind: 'quickAdd'; text: string }
	| { kind: 'edit'; pick: number; title: string; notes: string; estimate: string; tags: string }
	| { kind: 'move'; pick: number; stage: number; order: number }
	| { kind: 'status'; pick: number; done: boolean }
	| { kind: 'feed'; titles: string[]; links: string[]; bodies: string[]; etag: string }
	| { kind: 'list'; notes: string }
	| {
			kind: 'run';
			hypothesis: string;
			expected: string;
			cost: string;
			report: { exit?: number; metric?: string; note?: string };
			verdict: string;
			off: boolean;
	  }
	| { kind: 'focus'; pick: number; minutes: number; pauseMin: number; note: string; end: number }
	| { kind: 'plan'; day: number; pick: number; block: number; retime: number };

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant('quickAdd' as const),
		text: fc
			.tuple(
				longish,
				fc.constantFrom('', ' #data', ' ~2000h', ' ~90m', ' p1 @x', ` @${'t'.repeat(120)}`)
			)
			.map(([a, b]) => a + b)
	}),
	fc.record({
		kind: fc.constant('edit' as const),
		pick: fc.nat(),
		title: longish,
		notes: fc.string({ maxLength: 200 }),
		estimate: fc.constantFrom('', '45m', '2h', '2000h', '1666h', 'soon'),
		tags: fc.string({ maxLength: 150 })
	}),
	fc.record({
		kind: fc.constant('move' as const),
		pick: fc.nat(),
		stage: fc.nat(3),
		order: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
	}),
	fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), done: fc.boolean() }),
	fc.record({
		kind: fc.constant('feed' as const),
		titles: fc.array(xmlText(30), { minLength: 1, maxLength: 3 }),
		links: fc.array(
			fc.oneof(
				fc.webUrl(),
				fc.constant('/relative/post'),
				fc.constant(`https://x.example/${'p'.repeat(9000)}`)
			),
			{ minLength: 3, maxLength: 3 }
		),
		bodies: fc.array(xmlText(60), { minLength: 3, maxLength: 3 }),
		etag: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 1001, maxLength: 1200 }))
	}),
	fc.record({ kind: fc.constant('list' as const), notes: fc.string({ maxLength: 100 }) }),
	fc.record({
		kind: fc.constant('run' as const),
		hypothesis: longish,
		expected: fc.constantFrom('~4h', '1h30m', '90', 'soon'),
		cost: fc.constantFrom('', '2.40', '$31', 'x'),
		report: fc.record(
			{
				exit: fc.integer({ min: 0, max: 255 }),
				metric: fc.oneof(fc.constant('f1:0.81'), fc.string({ maxLength: 200 })),
				note: fc.string({ maxLength: 1000 })
			},
			{ requiredKeys: [] }
		),
		verdict: fc.string({ maxLength: 300 }),
		off: fc.boolean()
	}),
	fc.record({
		kind: fc.constant('focus' as const),
		pick: fc.nat(),
		minutes: fc.constantFrom(...FOCUS_LENGTHS),
		pauseMin: fc.nat(300),
		note: fc.oneof(fc.string({ maxLength: 100 }), fc.string({ minLength: 990, maxLength: 1200 })),
		end: fc.nat(2)
	}),
	fc.record({
		kind: fc.constant('plan' as const),
		day: fc.nat(3),
		pick: fc.nat(),
		block: fc.nat(4),
		retime: fc.integer({ min: -120, max: 120 })
	})
);

async function run(db: AppDB, ops: Op[]) {
	let seq = 0;
	const tasks = new TaskRepo(
		db,
		() => `t${seq++}`,
		() => NOW + seq
	);
	const feeds = new FeedRepo(db, () => `f${seq++}`);
	const runs = new RunRepo(
		db,
		() => `r${seq++}`,
		() => NOW + seq
	);
	const focus = new FocusRepo(
		db,
		() => `s${seq++}`,
		() => NOW + seq * 60_000
	);
	const plans = new PlanRepo(db, () => NOW + seq * 60_000);
	const ids = async () => (await db.tasks.toArray()).map((t) => t.id).sort();
	for (const o of ops) {
		if (o.kind === 'quickAdd') {
			const parsed = parseQuickAdd(o.text, TODAY);
			// Whatever quick add lets through, the database takes.
			if (quickAddProblem(o.text, parsed) === undefined)
				await tasks.add({ ...parsed, stage: parsed.stage ?? 'problem' });
		} else if (o.kind === 'edit' || o.kind === 'move' || o.kind === 'status') {
			const all = await ids();
			if (all.length === 0) continue;
			const id = all[o.pick % all.length]!;
			if (o.kind === 'move') await tasks.move((await tasks.get(id))!, STAGES[o.stage]!, o.order);
			else if (o.kind === 'status') await tasks.setStatus(id, o.done ? 'done' : 'todo');
			else {
				const task = (await tasks.get(id))!;
				const checked = validateDraft({
					title: o.title,
					notes: o.notes,
					stage: task.stage,
					mode: task.mode,
					status: task.status,
					impact: task.impact,
					estimate: o.estimate,
					due: '',
					tags: o.tags
				});
				if (checked.ok) await tasks.update(id, checked.value);
			}
		} else if (o.kind === 'feed') {
			const url = `https://feeds.example.com/${seq}.xml`;
			const feed = await feeds.addFeed(url, 'Generated', NOW);
			const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>G</title>${o.titles
				.map(
					(t, i) =>
						`<item><title>${escapeXml(t)}</title><link>${escapeXml(o.links[i]!)}</link><description>${escapeXml(o.bodies[i]!)}</description><pubDate>someday</pubDate></item>`
				)
				.join('')}</channel></rss>`;
			const parsed = await parseFeedText(xml);
			await feeds.saveItems(
				parsed.items.map((raw) => normalizeItem(raw, { feedId: feed.id, feedUrl: url, now: NOW }))
			);
			await feeds.updateFeed(feed.id, { etag: o.etag, lastError: o.bodies[0]!.repeat(50) });
		} else if (o.kind === 'focus') {
			const all = await ids();
			if (all.length === 0) continue;
			const task = (await tasks.get(all[o.pick % all.length]!))!;
			const active = await focus.active();
			const session = active ?? (await focus.start(task, o.minutes));
			await focus.update(session.id, (x, now) =>
				resumeSession(pauseSession(x, now), now + o.pauseMin * 60_000)
			);
			if (o.end > 0) {
				const ending = o.end === 1 ? 'done' : 'stopped';
				await focus.update(session.id, (x, now) => endSession(x, ending, now + 4 * 3_600_000));
				await focus.saveNote(session.id, o.note);
			}
		} else if (o.kind === 'plan') {
			const date = addDays(TODAY, o.day);
			const plan = await plans.ensure(date, 'Europe/Lisbon');
			const all = await ids();
			const block = plan.blocks[o.block % plan.blocks.length]!;
			if (all.length > 0)
				await plans.update(date, (p, now) =>
					placeTask(p, all[o.pick % all.length]!, block.id, now)
				);
			const slots = DEFAULT_PLAN_SLOTS.map((s, i) =>
				i === 0 ? { ...s, startMin: Math.max(0, s.startMin + Math.min(o.retime, 100)) } : s
			);
			if (!slotsProblem(slots)) await plans.saveTemplate(slots);
		} else if (o.kind === 'run') {
			const checked = checkRunDraft({
				hypothesis: o.hypothesis,
				expected: o.expected,
				grace: '',
				where: '8×A100',
				costPerHour: o.cost,
				budget: ''
			});
			if (!checked.ok) continue;
			const all = await ids();
			const launched = await runs.launch({
				...checked.draft,
				skipped: ['Random seeds are set'],
				...(all[0] ? { taskId: all[0] } : {})
			});
			await runs.receive([{ id: `s${seq++}`, runId: launched.id, at: NOW + seq, ...o.report }]);
			await runs.update(launched.id, (r, now) => ({
				...r,
				verdict: oneLine(o.verdict, LIMITS.runText),
				...(o.off ? { machineOffAt: now } : {})
			}));
		} else {
			const items = (await db.items.toArray()).slice(0, 3);
			await feeds.putReadingList({
				week: '2026-11-23',
				friday: '2026-11-27',
				createdAt: NOW,
				budgetMin: 180,
				maxItems: 7,
				entries: items.map((item) => ({
					itemId: item.id,
					title: item.title,
					...(item.link ? { link: item.link } : {}),
					feedTitle: 'Generated',
					readingMinutes: item.readingMinutes,
					score: 1,
					parts: [],
					plannedPasses: [1],
					passesDone: [],
					enough: false,
					notRelevant: false,
					notes: o.notes,
					pinned: false,
					byHand: false
				}))
			});
		}
	}
}

describe('what Lindy writes, Lindy reads back', () => {
	it('exports, re-imports and restores its daily copy field by field after any sequence of real operations', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
				const db = open(new AppDB(`trip-${crypto.randomUUID()}`));
				await run(db, ops);
				const original = await dumpAll(db);

				const check = checkBackupText(backupToText(await exportBackup(db, 'test', NOW)));
				expect(check.ok ? 'ok' : check.message).toBe('ok');
				const target = open(new AppDB(`trip-target-${crypto.randomUUID()}`));
				if (check.ok) await applyBackup(target, check.backup, 'replace');
				expect(await dumpAll(target)).toEqual(original);

				const snaps = open(new SnapshotDB(`trip-snaps-${crypto.randomUUID()}`));
				if ((await takeSnapshot(db, snaps, 'test', NOW)) === 'empty') return;
				const restored = open(new AppDB(`trip-restored-${crypto.randomUUID()}`));
				await restoreSnapshot(restored, (await latestSnapshot(snaps))!);
				expect(await dumpAll(restored)).toEqual(original);
			}),
			{ numRuns: 40 }
		);
	}, 120_000);
});
