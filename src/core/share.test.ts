import { describe, expect, it } from 'vitest';
import { readShare, sharedItem, shareTaskLine, SHARED_FEED_ID } from './share';

const NOW = Date.UTC(2026, 10, 28, 9);

describe('readShare', () => {
	it('takes the url as sent', () => {
		expect(
			readShare({ title: ' Calibration ', text: 'worth a read', url: 'https://ex.com/a' })
		).toEqual({ title: 'Calibration', text: 'worth a read', url: 'https://ex.com/a' });
	});

	it('finds the link inside the text, as phone apps send it, and leaves the rest', () => {
		expect(
			readShare({ title: '', text: 'Look at this: https://ex.com/post?id=3). So good', url: null })
		).toEqual({ title: '', text: 'Look at this: ). So good', url: 'https://ex.com/post?id=3' });
	});

	it('shares text without a link, and refuses addresses that are not web pages', () => {
		expect(readShare({ text: 'Try focal loss', url: 'javascript:alert(1)' })).toEqual({
			title: '',
			text: 'Try focal loss'
		});
	});
});

describe('shareTaskLine and sharedItem', () => {
	it('makes a task line of the title, else the text', () => {
		expect(shareTaskLine({ title: 'Read  the\npaper', text: 'x' })).toBe('Read the paper');
		expect(shareTaskLine({ title: '', text: 'Try focal loss' })).toBe('Try focal loss');
	});

	it('makes an item from what the page says, else from what was shared', () => {
		const share = {
			title: 'Shared title',
			text: 'Shared note',
			url: 'https://ex.com/a?utm_source=x'
		};
		const fetched = sharedItem(share, { title: 'Page title', description: 'Page says' }, NOW)!;
		expect(fetched).toMatchObject({
			feedId: SHARED_FEED_ID,
			title: 'Page title',
			summary: 'Page says',
			link: 'https://ex.com/a?utm_source=x',
			canonicalUrl: 'https://ex.com/a',
			firstSeenAt: NOW
		});
		const offline = sharedItem(share, undefined, NOW)!;
		expect(offline).toMatchObject({ title: 'Shared title', summary: 'Shared note' });
		expect(offline.id).toBe(fetched.id);
		expect(sharedItem({ title: 'No link', text: '' }, undefined, NOW)).toBeUndefined();
	});
});
