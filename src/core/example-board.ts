import { addDays, DAY_MS } from './local-date';
import type { Impact, LocalDate, Mode, Stage, Task } from './task';

interface Seed {
	title: string;
	stage: Stage;
	mode: Mode;
	impact: Impact;
	estimateMin?: number;
	dueInDays?: number;
	tags: string[];
	notes?: string;
	status?: Task['status'];
	ageDays?: number;
}

const SEEDS: Seed[] = [
	{
		title: 'Write the one-page problem statement for churn prediction',
		stage: 'problem',
		mode: 'active',
		impact: 1,
		estimateMin: 90,
		dueInDays: 2,
		tags: ['churn'],
		notes: 'Who acts on a churn score, and what does a false positive cost them?'
	},
	{
		title: 'Agree the success metric with the retention team',
		stage: 'problem',
		mode: 'low',
		impact: 2,
		estimateMin: 30,
		tags: ['churn', 'stakeholders']
	},
	{
		title: 'List the decisions the model will change',
		stage: 'problem',
		mode: 'low',
		impact: 3,
		estimateMin: 20,
		tags: ['churn']
	},
	{
		title: 'Clean label noise in the train set',
		stage: 'data',
		mode: 'active',
		impact: 1,
		estimateMin: 240,
		tags: ['labels'],
		status: 'doing',
		ageDays: 9
	},
	{
		title: 'Scrape last quarter of support tickets',
		stage: 'data',
		mode: 'passive',
		impact: 3,
		estimateMin: 120,
		tags: ['scraping'],
		notes: 'Pre-flight: check rate limits, disk space, and that the resume flag works.'
	},
	{
		title: 'Check for leakage between train and test users',
		stage: 'data',
		mode: 'active',
		impact: 2,
		estimateMin: 60,
		dueInDays: 5,
		tags: ['labels', 'evaluation']
	},
	{
		title: 'Baseline: logistic regression on tabular features',
		stage: 'model',
		mode: 'active',
		impact: 2,
		estimateMin: 120,
		tags: ['baseline']
	},
	{
		title: 'Hyper-parameter sweep for gradient boosting',
		stage: 'model',
		mode: 'passive',
		impact: 3,
		estimateMin: 360,
		tags: ['tuning'],
		notes:
			'Launch before lunch. Pre-flight: pin the data snapshot, set a budget, log to the tracker.'
	},
	{
		title: 'Try a transformer over event sequences',
		stage: 'model',
		mode: 'active',
		impact: 4,
		estimateMin: 480,
		tags: ['research']
	},
	{
		title: 'Read the XGBoost docs on monotonic constraints',
		stage: 'model',
		mode: 'low',
		impact: 3,
		estimateMin: 30,
		tags: ['reading']
	},
	{
		title: 'Set up a shadow deployment behind a feature flag',
		stage: 'deploy',
		mode: 'active',
		impact: 2,
		estimateMin: 180,
		dueInDays: 10,
		tags: ['rollout']
	},
	{
		title: 'Write the monitoring dashboard for score drift',
		stage: 'deploy',
		mode: 'active',
		impact: 3,
		estimateMin: 120,
		tags: ['monitoring']
	},
	{
		title: 'Draft the model card',
		stage: 'deploy',
		mode: 'low',
		impact: 3,
		estimateMin: 45,
		tags: ['docs'],
		status: 'done'
	}
];

/** A realistic ML project's tasks across the four stages, dated relative to `now`. */
export function exampleTasks(now: number, today: LocalDate, newId: () => string): Task[] {
	const perStage = new Map<Stage, number>();
	return SEEDS.map((s) => {
		const order = perStage.get(s.stage) ?? 0;
		perStage.set(s.stage, order + 1);
		const createdAt = now - (s.ageDays ?? 1) * DAY_MS;
		const status = s.status ?? 'todo';
		const task: Task = {
			id: newId(),
			title: s.title,
			notes: s.notes ?? '',
			stage: s.stage,
			mode: s.mode,
			status,
			impact: s.impact,
			tags: s.tags,
			order,
			createdAt,
			updatedAt: createdAt
		};
		if (s.estimateMin !== undefined) task.estimateMin = s.estimateMin;
		if (s.dueInDays !== undefined) task.due = addDays(today, s.dueInDays);
		if (status === 'done') task.doneAt = now - 3_600_000;
		return task;
	});
}
