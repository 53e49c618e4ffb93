import type { BackupReply, BackupRequest } from '../db/backup.worker';

/** The backup worker (export, import, the daily backup file): started on first use, answering in order. */
export class BackupWorker {
	#worker: Worker | undefined;
	#waiting: ((reply: BackupReply) => void)[] = [];

	ask(request: BackupRequest): Promise<BackupReply> {
		this.#worker ??= this.#start();
		return new Promise((resolve) => {
			this.#waiting.push(resolve);
			this.#worker!.postMessage(request);
		});
	}

	#start(): Worker {
		const worker = new Worker(new URL('../db/backup.worker.ts', import.meta.url), {
			type: 'module'
		});
		worker.onmessage = (event: MessageEvent<BackupReply>) => this.#waiting.shift()?.(event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			this.#worker = undefined;
			for (const reply of this.#waiting.splice(0))
				reply({ type: 'failed', message: event.message || 'the backup worker stopped.' });
		};
		return worker;
	}
}

/** The worker's answer when it is the one asked for; otherwise its failure, thrown. */
export function answer<T extends BackupReply['type']>(
	reply: BackupReply,
	type: T
): Extract<BackupReply, { type: T }> {
	if (reply.type === 'failed') throw new Error(reply.message);
	if (reply.type !== type) throw new Error(`the backup worker answered ${reply.type}.`);
	return reply as Extract<BackupReply, { type: T }>;
}
