// @ts-check
// Renders Lindy's app icons (public/icons/*.png) from one SVG with headless Chromium.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_MESSAGE } from '../tests/setup/browser.js';

const executablePath = findChromium();
if (!executablePath) {
	console.error(NO_BROWSER_MESSAGE);
	process.exit(1);
}

/**
 * @param {number} inset share of the canvas left as safe-zone padding (maskable icons)
 * @param {boolean} rounded
 */
function svg(inset, rounded) {
	const s = 512;
	const pad = s * inset;
	const inner = s - 2 * pad;
	/** @type {(i: number, h: number, color: string) => string} */
	const bar = (i, h, color) => {
		const w = inner * 0.14;
		const gap = inner * 0.05;
		const x = pad + inner * 0.14 + i * (w + gap);
		const y = pad + inner * 0.82 - inner * h;
		return `<rect x="${x}" y="${y}" width="${w}" height="${inner * h}" rx="${w * 0.22}" fill="${color}"/>`;
	};
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
<rect width="${s}" height="${s}" rx="${rounded ? s * 0.22 : 0}" fill="#1f5f4a"/>
${bar(0, 0.24, '#c9b8f0')}${bar(1, 0.38, '#9fe0e8')}${bar(2, 0.52, '#f5c98f')}${bar(3, 0.68, '#a9c8f5')}
</svg>`;
}

const icons = [
	{ file: 'public/icons/icon-192.png', size: 192, inset: 0.06, rounded: true },
	{ file: 'public/icons/icon-512.png', size: 512, inset: 0.06, rounded: true },
	{ file: 'public/icons/icon-maskable-512.png', size: 512, inset: 0.16, rounded: false }
];

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
for (const icon of icons) {
	const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
	const markup = svg(icon.inset, icon.rounded).replace(
		'<svg ',
		`<svg style="width:${icon.size}px;height:${icon.size}px;display:block" `
	);
	await page.setContent(`<body style="margin:0;background:transparent">${markup}</body>`);
	await page.screenshot({ path: icon.file, omitBackground: true });
	await page.close();
	console.log(`wrote ${icon.file}`);
}
await browser.close();
