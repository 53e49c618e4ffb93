/** The hype filter: an explainable score for each feed item. */

export interface WordLists {
	hype: string[];
	lindy: string[];
	mute: string[];
	boost: string[];
}

export const DEFAULT_HYPE_WORDS = [
	'revolutionary',
	'revolutionize',
	'game-changer',
	'game changer',
	'game-changing',
	'breakthrough',
	'10x',
	'100x',
	'mind-blowing',
	'mind blowing',
	'insane',
	'insanely',
	"you won't believe",
	'changes everything',
	'is dead',
	'are dead',
	'killer',
	'disrupt',
	'disruptive',
	'unprecedented',
	'jaw-dropping',
	'groundbreaking',
	'next-level',
	'magical',
	'skyrocket',
	'supercharge',
	'crushes',
	'destroys',
	'blows away',
	'shocking',
	'must-read',
	'paradigm shift',
	"world's first",
	'holy grail',
	'secret weapon',
	'agi is here'
];

export const DEFAULT_LINDY_WORDS = [
	'PyTorch',
	'scikit-learn',
	'NumPy',
	'pandas',
	'SQL',
	'XGBoost',
	'LightGBM',
	'statistics',
	'evaluation',
	'ablation',
	'reproducibility',
	'data quality',
	'baseline',
	'cross-validation',
	'linear regression',
	'logistic regression',
	'feature engineering',
	'linear algebra',
	'probability',
	'Bayesian',
	'causal inference',
	'error analysis',
	'label noise',
	'calibration',
	'monitoring',
	'experiment tracking',
	'PostgreSQL',
	'unit tests'
];

/** Acronyms that are written in capitals on purpose and are not shouting. */
const ACRONYMS = new Set(
	'AI ML LLM LLMS GPU GPUS TPU API SQL NLP RL RLHF CNN RNN GAN GANS MLP ETL CPU AWS GCP RAG MOE SOTA USA UK EU ICML ICLR NEURIPS CVPR ACL KDD ONNX JSON HTML CSS HTTP URL PDF FAQ CEO CTO MIT BAIR VAE NLU ASR TTS OCR'.split(
		' '
	)
);

const CLICKBAIT: { re: RegExp; label: string }[] = [
	{ re: /^\s*\d+\s+(ways|reasons|things|tools|tips|tricks|secrets|prompts)\b/i, label: 'listicle' },
	{ re: /\b(this|one) (simple|weird|little) trick\b/i, label: 'one weird trick' },
	{ re: /\bwhat happen(s|ed) next\b/i, label: 'what happened next' },
	{ re: /\b(here'?s|this is) why\b.*\?\s*$/i, label: 'teaser question' },
	{ re: /\bwill (blow|melt) your mind\b/i, label: 'mind-blowing promise' },
	{ re: /\?{2,}/, label: 'question marks' }
];

export type ScorePartKind =
	'hype' | 'shouting' | 'clickbait' | 'lindy' | 'task' | 'trust' | 'boost' | 'mute';

export interface ScorePart {
	kind: ScorePartKind;
	/** As shown on the chip, without the sign: "hype: 'game-changer'", "Lindy: PyTorch". */
	label: string;
	points: number;
	/** For a task match: the task it names, so the chip can link to it. */
	taskId?: string;
}

export interface ItemScore {
	score: number;
	parts: ScorePart[];
	/** The mute word that hides the item, when one matched. */
	mutedBy?: string;
}

export interface TaskMatch {
	taskId: string;
	title: string;
}

export interface ScoreInput {
	title: string;
	summary: string;
	/** The source's trust weight, −2 … +2. */
	trust: number;
	/** The open task this item is most relevant to, if any. */
	match?: TaskMatch;
}

/** Below this score an item goes to "Filtered out", still browsable with its reasons. */
export const FILTER_CUTOFF = -2;

/** Where "All items" shows an item: kept, filtered out (scored below the cutoff) or muted. */
export type ItemView = 'kept' | 'filtered' | 'muted';

export function viewOf(score: ItemScore): ItemView {
	if (score.mutedBy) return 'muted';
	return score.score >= FILTER_CUTOFF ? 'kept' : 'filtered';
}

const HYPE_POINTS = -3;
const LINDY_POINTS = 2;
const TASK_POINTS = 4;
const BOOST_POINTS = 3;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for a word or phrase that respects word edges, so "SQL" does not match "SQLite". */
export function phraseMatcher(phrase: string): RegExp {
	const body = escapeRegExp(phrase.trim()).replace(/\s+/g, '\\s+');
	return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
}

/** One compiled list: each word with its lower-case form (a cheap first check) and its pattern. */
export type CompiledList = { word: string; lower: string; re: RegExp }[];

/** Compiled word lists, built once per change of the lists and reused for every item. */
export interface CompiledLists {
	hype: CompiledList;
	lindy: CompiledList;
	mute: CompiledList;
	boost: CompiledList;
}

function compileList(words: readonly string[]): CompiledList {
	const seen = new Set<string>();
	const out: CompiledList = [];
	for (const raw of words) {
		const word = raw.trim();
		const lower = word.toLowerCase().replace(/\s+/g, ' ');
		if (word === '' || seen.has(lower)) continue;
		seen.add(lower);
		out.push({ word, lower, re: phraseMatcher(word) });
	}
	return out;
}

export function compileLists(lists: WordLists): CompiledLists {
	return {
		hype: compileList(lists.hype),
		lindy: compileList(lists.lindy),
		mute: compileList(lists.mute),
		boost: compileList(lists.boost)
	};
}

/** The list's words found in text (whole words only), in list order. */
function findWords(list: CompiledList, text: string, lower: string): string[] {
	const found: string[] = [];
	for (const { word, lower: needle, re } of list) {
		if (lower.includes(needle) && re.test(text)) found.push(word);
	}
	return found;
}

function shouting(title: string): ScorePart[] {
	const parts: ScorePart[] = [];
	const capsWords = (title.match(/\b[A-Z]{3,}\b/g) ?? []).filter((w) => !ACRONYMS.has(w));
	if (capsWords.length >= 2 || capsWords.some((w) => w.length >= 6)) {
		parts.push({
			kind: 'shouting',
			label: `shouting: '${capsWords.slice(0, 2).join(' ')}'`,
			points: -2
		});
	}
	if (/!{2,}/.test(title)) parts.push({ kind: 'shouting', label: "shouting: '!!'", points: -2 });
	return parts;
}

/**
 * Scores one item and says why: hype words and shouting pull it down, durable tools and topics and
 * a match with an open task push it up, and the source's trust counts too.
 */
export function scoreItem(input: ScoreInput, lists: CompiledLists): ItemScore {
	const text = `${input.title}\n${input.summary}`;
	const lower = text.toLowerCase().replace(/\s+/g, ' ');
	const parts: ScorePart[] = [];

	for (const word of findWords(lists.hype, text, lower)) {
		parts.push({ kind: 'hype', label: `hype: '${word}'`, points: HYPE_POINTS });
	}
	parts.push(...shouting(input.title));
	for (const { re, label } of CLICKBAIT) {
		if (re.test(input.title))
			parts.push({ kind: 'clickbait', label: `clickbait: ${label}`, points: -2 });
	}
	for (const word of findWords(lists.lindy, text, lower).slice(0, 3)) {
		parts.push({ kind: 'lindy', label: `Lindy: ${word}`, points: LINDY_POINTS });
	}
	for (const word of findWords(lists.boost, text, lower)) {
		parts.push({ kind: 'boost', label: `boost: '${word}'`, points: BOOST_POINTS });
	}
	if (input.match) {
		parts.push({
			kind: 'task',
			label: `matches your task '${input.match.title}'`,
			points: TASK_POINTS,
			taskId: input.match.taskId
		});
	}
	if (input.trust !== 0) {
		parts.push({
			kind: 'trust',
			label: input.trust > 0 ? 'trusted source' : 'less-trusted source',
			points: input.trust
		});
	}
	const mutedBy = findWords(lists.mute, text, lower)[0];
	const score = parts.reduce((sum, p) => sum + p.points, 0);
	return mutedBy === undefined ? { score, parts } : { score, parts, mutedBy };
}

/** "+2" or "−3" (a real minus sign), for chips. */
export function signed(points: number): string {
	return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
}
