/**
 * Parses a duration such as `90m`, `2h`, `1h30m`, `1.5h` or a bare `45` (minutes).
 * Returns whole minutes, or undefined when the text is not a positive duration.
 */
export function parseDuration(text: string): number | undefined {
	const t = text.trim().toLowerCase();
	if (t === '') return undefined;
	let minutes: number | undefined;
	const hm = /^(\d+(?:\.\d+)?)h(?:(\d+)m?)?$/.exec(t);
	if (hm) {
		minutes = Number(hm[1]) * 60 + (hm[2] ? Number(hm[2]) : 0);
	} else {
		const m = /^(\d+)(?:m|min)?$/.exec(t);
		if (m) minutes = Number(m[1]);
	}
	if (minutes === undefined || !Number.isFinite(minutes)) return undefined;
	const whole = Math.round(minutes);
	return whole > 0 ? whole : undefined;
}

/** `45m`, `2h`, `1h30m`. */
export function formatDuration(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	if (h === 0) return `${m}m`;
	return m === 0 ? `${h}h` : `${h}h${m}m`;
}
