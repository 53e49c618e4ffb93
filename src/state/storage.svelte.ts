/** Whether the browser keeps Lindy's data for good, and how much room it uses. */
export class StorageStatus {
	persisted = $state<boolean | undefined>(undefined);
	usage = $state<number | undefined>(undefined);
	quota = $state<number | undefined>(undefined);

	get supported(): boolean {
		return typeof navigator !== 'undefined' && !!navigator.storage?.persisted;
	}

	async refresh(): Promise<void> {
		if (!this.supported) return;
		this.persisted = await navigator.storage.persisted();
		const estimate = await navigator.storage.estimate();
		this.usage = estimate.usage;
		this.quota = estimate.quota;
	}

	async requestPersistence(): Promise<boolean> {
		if (!this.supported) return false;
		const granted = await navigator.storage.persist();
		await this.refresh();
		return granted;
	}
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
