import { describe, expect, it } from 'vitest';
import {
	DEFAULT_HYPE_WORDS,
	DEFAULT_LINDY_WORDS,
	FILTER_CUTOFF,
	compileLists,
	scoreItem,
	signed
} from './hype';

const lists = compileLists({
	hype: DEFAULT_HYPE_WORDS,
	lindy: DEFAULT_LINDY_WORDS,
	mute: ['crypto'],
	boost: ['label noise']
});
const score = (title: string, extra: Partial<Parameters<typeof scoreItem>[0]> = {}) =>
	scoreItem({ title, summary: '', trust: 0, ...extra }, lists);

describe('scoreItem', () => {
	it('ships at least 30 hype words', () => {
		expect(DEFAULT_HYPE_WORDS.length).toBeGreaterThanOrEqual(30);
	});

	it('pulls hype down and names the word', () => {
		const s = score('This game-changer will revolutionize inference');
		expect(s.parts).toContainEqual({ kind: 'hype', label: "hype: 'game-changer'", points: -3 });
		expect(s.score).toBeLessThan(FILTER_CUTOFF);
	});

	it('raises durable tools and topics', () => {
		const s = score('Calibration curves in scikit-learn, with a PyTorch port');
		expect(s.parts.map((p) => p.label)).toEqual([
			'Lindy: PyTorch',
			'Lindy: scikit-learn',
			'Lindy: calibration'
		]);
		expect(s.score).toBe(6);
	});

	it('matches whole words only', () => {
		expect(score('SQLite tips').parts.some((p) => p.label === 'Lindy: SQL')).toBe(false);
		expect(score('Writing better SQL').parts.some((p) => p.label === 'Lindy: SQL')).toBe(true);
		expect(score('A killer-whale dataset').parts.some((p) => p.kind === 'hype')).toBe(true);
		expect(score('Skillers unite').parts.some((p) => p.kind === 'hype')).toBe(false);
	});

	it('catches shouting but not acronyms', () => {
		expect(score('HUGE NEWS for LLM builders').parts).toContainEqual({
			kind: 'shouting',
			label: "shouting: 'HUGE NEWS'",
			points: -2
		});
		expect(score('New GPU kernels for RLHF and LLM training').parts).toEqual([]);
		expect(score('It works!!!').parts.map((p) => p.kind)).toContain('shouting');
	});

	it('catches clickbait shapes', () => {
		expect(score('7 ways to speed up training').parts.map((p) => p.label)).toContain(
			'clickbait: listicle'
		);
		expect(score('This one weird trick fixes overfitting').parts.map((p) => p.label)).toContain(
			'clickbait: one weird trick'
		);
	});

	it('names the open task an item is relevant to', () => {
		const s = score('Finding label errors at scale', {
			match: { taskId: 't1', title: 'Clean label noise in the train set' }
		});
		expect(s.parts).toContainEqual({
			kind: 'task',
			label: "matches your task 'Clean label noise in the train set'",
			points: 4,
			taskId: 't1'
		});
	});

	it('counts the source’s trust', () => {
		expect(score('Plain title', { trust: 1 }).parts).toEqual([
			{ kind: 'trust', label: 'trusted source', points: 1 }
		]);
		expect(score('Plain title', { trust: -2 }).score).toBe(-2);
	});

	it('mutes by mute word and boosts by boost word', () => {
		expect(score('Crypto meets AI').mutedBy).toBe('crypto');
		expect(score('Measuring label noise').parts).toContainEqual({
			kind: 'boost',
			label: "boost: 'label noise'",
			points: 3
		});
	});

	it('adds up exactly the parts it shows', () => {
		const s = score('REVOLUTIONARY breakthrough in PyTorch!!', { trust: 1 });
		expect(s.score).toBe(s.parts.reduce((sum, p) => sum + p.points, 0));
	});
});

describe('signed', () => {
	it('writes points with their sign', () => {
		expect([signed(2), signed(-3), signed(0)]).toEqual(['+2', '−3', '0']);
	});
});
