import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from './quick-add';

// Friday 27 November 2026.
const FRIDAY = '2026-11-27';

describe('parseQuickAdd', () => {
	it('keeps a plain sentence as the title', () => {
		const r = parseQuickAdd('Clean label noise in the train set', FRIDAY);
		expect(r.title).toBe('Clean label noise in the train set');
		expect(r.chips).toEqual([]);
		expect(r.tags).toEqual([]);
	});

	it.each([
		['#problem', 'problem'],
		['#data', 'data'],
		['#model', 'model'],
		['#deploy', 'deploy'],
		['#Deployment', 'deploy']
	])('reads the stage token %s', (token, stage) => {
		const r = parseQuickAdd(`Task ${token}`, FRIDAY);
		expect(r.stage).toBe(stage);
		expect(r.title).toBe('Task');
	});

	it.each([
		['!active', 'active', 'Active'],
		['!passive', 'passive', 'Passive'],
		['!low', 'low', 'Low-energy']
	])('reads the mode token %s', (token, mode, label) => {
		const r = parseQuickAdd(`Run sweep ${token}`, FRIDAY);
		expect(r.mode).toBe(mode);
		expect(r.chips).toEqual([{ kind: 'mode', label, token }]);
	});

	it.each([
		['~90m', 90],
		['~2h', 120],
		['~1h30m', 90],
		['~1.5h', 90],
		['~45', 45]
	])('reads the estimate %s as %i minutes', (token, minutes) => {
		expect(parseQuickAdd(`x ${token}`, FRIDAY).estimateMin).toBe(minutes);
	});

	it('leaves malformed estimates in the title', () => {
		const r = parseQuickAdd('Tune ~0m ~abc ~-5m', FRIDAY);
		expect(r.estimateMin).toBeUndefined();
		expect(r.title).toBe('Tune ~0m ~abc ~-5m');
	});

	it('reads impact p1 to p4 and leaves p5 and p10 alone', () => {
		expect(parseQuickAdd('a p1', FRIDAY).impact).toBe(1);
		expect(parseQuickAdd('a P4', FRIDAY).impact).toBe(4);
		const r = parseQuickAdd('compare p5 with p10', FRIDAY);
		expect(r.impact).toBeUndefined();
		expect(r.title).toBe('compare p5 with p10');
	});

	it('resolves due words relative to today', () => {
		expect(parseQuickAdd('x due:today', FRIDAY).due).toBe('2026-11-27');
		expect(parseQuickAdd('x due:tomorrow', FRIDAY).due).toBe('2026-11-28');
		expect(parseQuickAdd('x due:mon', FRIDAY).due).toBe('2026-11-30');
		// A weekday never means today: "fri" on a Friday is next Friday.
		expect(parseQuickAdd('x due:fri', FRIDAY).due).toBe('2026-12-04');
		expect(parseQuickAdd('x due:2026-12-04', FRIDAY).due).toBe('2026-12-04');
		expect(parseQuickAdd('x due:next-week', FRIDAY).due).toBe('2026-11-30');
	});

	it('keeps impossible dates in the title', () => {
		const r = parseQuickAdd('x due:2026-02-30 due:someday', FRIDAY);
		expect(r.due).toBeUndefined();
		expect(r.title).toBe('x due:2026-02-30 due:someday');
	});

	it('collects tags once each, lower-cased', () => {
		const r = parseQuickAdd('Fix @Labels @labels @eval-v2', FRIDAY);
		expect(r.tags).toEqual(['labels', 'eval-v2']);
		expect(r.title).toBe('Fix');
	});

	it('reads every kind of token together and shows a chip for each', () => {
		const r = parseQuickAdd(
			'Launch sweep #model !passive ~2h p1 due:tomorrow @tuning overnight',
			FRIDAY
		);
		expect(r).toMatchObject({
			title: 'Launch sweep overnight',
			stage: 'model',
			mode: 'passive',
			estimateMin: 120,
			impact: 1,
			due: '2026-11-28',
			tags: ['tuning']
		});
		expect(r.chips.map((c) => c.label)).toEqual([
			'Model selection',
			'Passive',
			'~2h',
			'p1',
			'due tomorrow',
			'@tuning'
		]);
	});

	it('lets the last of a repeated token win', () => {
		const r = parseQuickAdd('x #data #deploy p2 p1', FRIDAY);
		expect(r.stage).toBe('deploy');
		expect(r.impact).toBe(1);
	});

	it('treats junk and unknown symbols as title words', () => {
		const r = parseQuickAdd('  #nope !loud @ ~ p0 due: <b>hi</b>  ', FRIDAY);
		expect(r.title).toBe('#nope !loud @ ~ p0 due: <b>hi</b>');
		expect(r.chips).toEqual([]);
	});

	it('gives an empty title when only tokens were typed', () => {
		expect(parseQuickAdd('#data p1', FRIDAY).title).toBe('');
	});
});
