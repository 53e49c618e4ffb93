import { describe, expect, it } from 'vitest';
import { weekToMarkdown } from './digest-markdown';

describe('weekToMarkdown', () => {
	it('writes titles, links, reasons, passes and notes', () => {
		const md = weekToMarkdown(
			'2026-11-27',
			[
				{
					title: 'Label noise [survey]',
					link: 'https://x.example/a',
					feedTitle: 'Data Weekly',
					parts: [
						{ label: 'Lindy: PyTorch', points: 2 },
						{ label: "hype: 'insane'", points: -3 }
					],
					plannedPasses: [1, 2],
					passesDone: [1],
					enough: true,
					notRelevant: false,
					notes: 'Try on our set.\nAsk Sam.'
				}
			],
			'en-GB'
		);
		expect(md).toBe(`# R&D Friday — Fri 27 Nov 2026

## [Label noise \\[survey\\]](https://x.example/a)

- Source: Data Weekly
- Why: Lindy: PyTorch (+2), hype: 'insane' (-3)
- Passes: [x] pass 1 (Skim, 15 min); [ ] pass 2 (Methods, 45 min) — enough

> Try on our set.
> Ask Sam.
`);
	});

	it('says so when the list is empty', () => {
		expect(weekToMarkdown('2026-11-27', [])).toContain('_Nothing on the list this week._');
	});
});
