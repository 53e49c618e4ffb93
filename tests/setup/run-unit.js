// @ts-check
// Runs every unit test once, then the date, quick-add and priority tests again in the time zones
// Lindy's travelling users live in — week and due-date maths must not depend on where they are.
import { spawnSync } from 'node:child_process';

const ZONED = [
	'src/core/local-date',
	'src/core/quick-add',
	'src/core/priority',
	'src/core/balance',
	'src/core/focus',
	'src/core/review',
	'src/core/day-plan'
];
const runs = [
	{ tz: 'UTC', files: [] },
	...['America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata'].map((tz) => ({ tz, files: ZONED }))
];

let failed = false;
for (const { tz, files } of runs) {
	console.log(`\n— unit tests, TZ=${tz}${files.length ? ' (dates)' : ''}`);
	const result = spawnSync('npx', ['vitest', 'run', ...files, ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: { ...process.env, TZ: tz }
	});
	if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
