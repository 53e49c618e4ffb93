/**
 * The review's charts as one PNG image, drawn offline from the SVGs on the page: each chart is
 * copied with its computed colours and fonts (a picture cannot read the page's CSS), drawn onto a
 * canvas under its title, and encoded.
 */

const PAD = 24;
const SCALE = 2;

const STYLE_PROPS = [
	'fill',
	'stroke',
	'font-family',
	'font-size',
	'font-weight',
	'font-variant-numeric'
];

function inlined(svg: SVGSVGElement): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const from = [svg, ...svg.querySelectorAll('*')];
	const to = [copy, ...copy.querySelectorAll('*')];
	from.forEach((el, i) => {
		const style = getComputedStyle(el);
		(to[i] as SVGElement).setAttribute(
			'style',
			STYLE_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';')
		);
	});
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	return new XMLSerializer().serializeToString(copy);
}

function load(svgText: string): Promise<HTMLImageElement> {
	return new Promise((resolve, reject) => {
		const img = new Image();
		img.onload = () => resolve(img);
		img.onerror = () => reject(new Error('The chart could not be drawn.'));
		img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
	});
}

export async function chartsToPng(container: HTMLElement, heading: string): Promise<Blob> {
	const svgs = [...container.querySelectorAll<SVGSVGElement>('svg.chart-svg')];
	const images = await Promise.all(svgs.map((svg) => load(inlined(svg))));
	const page = getComputedStyle(container);
	const surface = getComputedStyle(document.body).backgroundColor;
	const width = Math.max(...images.map((img) => img.width), 600) + PAD * 2;
	const titleH = 28;
	const height =
		PAD + 36 + images.reduce((sum, img) => sum + titleH + img.height + PAD, 0) + PAD / 2;
	const canvas = document.createElement('canvas');
	canvas.width = width * SCALE;
	canvas.height = height * SCALE;
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('No canvas in this browser.');
	ctx.scale(SCALE, SCALE);
	ctx.fillStyle = surface;
	ctx.fillRect(0, 0, width, height);
	ctx.fillStyle = page.color;
	ctx.font = `700 20px ${page.fontFamily}`;
	ctx.fillText(heading, PAD, PAD + 20);
	let y = PAD + 36;
	images.forEach((img, i) => {
		ctx.font = `700 15px ${page.fontFamily}`;
		ctx.fillText(svgs[i]!.dataset.title ?? '', PAD, y + 18);
		y += titleH;
		ctx.drawImage(img, PAD, y, img.width, img.height);
		y += img.height + PAD;
	});
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('No PNG.'))), 'image/png')
	);
}
