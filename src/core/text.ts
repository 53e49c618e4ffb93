/** Small pure helpers for text: hashing, word counts, reading time, shortening. */

/** FNV-1a, 53 bits, as base-36: a stable id from text, without crypto. */
export function hashText(text: string): string {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995);
	}
	return ((h2 >>> 0) * 2 ** 21 + ((h1 >>> 0) & 0x1fffff)).toString(36);
}

/** Scripts written without spaces between words: read by the character. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** Words a minute for spaced scripts, characters a minute for Chinese and Japanese. */
export const WORDS_PER_MINUTE = 265;
export const CJK_CHARS_PER_MINUTE = 400;

function spacedWords(text: string): number {
	const words = text.replace(CJK, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
	return words ? words.length : 0;
}

/** Words, counting each Chinese or Japanese character as one. */
export function countWords(text: string): number {
	return spacedWords(text) + (text.match(CJK)?.length ?? 0);
}

/** Minutes to read a text once, at least one. */
export function readingMinutes(text: string): number {
	const minutes =
		spacedWords(text) / WORDS_PER_MINUTE + (text.match(CJK)?.length ?? 0) / CJK_CHARS_PER_MINUTE;
	return Math.max(1, Math.round(minutes));
}

/** Shortens text at a word boundary. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Text on one line, control characters as spaces, at most `max` characters. */
export function oneLine(text: string, max: number): string {
	// eslint-disable-next-line no-control-regex
	const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
