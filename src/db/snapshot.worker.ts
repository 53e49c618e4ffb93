/// <reference lib="webworker" />
import { AppDB } from './app-db';
import { SnapshotDB, takeSnapshot, type SnapshotOutcome } from './snapshots';

export interface SnapshotRequest {
	appVersion: string;
	now: number;
}

export type SnapshotResponse =
	{ ok: true; outcome: SnapshotOutcome } | { ok: false; message: string };

// Reading, serialising and hashing every record takes far longer than a frame with thousands of
// items, so the daily copy is made here, off the main thread.
self.onmessage = async (event: MessageEvent<SnapshotRequest>) => {
	const db = new AppDB();
	const snaps = new SnapshotDB();
	let response: SnapshotResponse;
	try {
		response = {
			ok: true,
			outcome: await takeSnapshot(db, snaps, event.data.appVersion, event.data.now)
		};
	} catch (error) {
		response = { ok: false, message: error instanceof Error ? error.message : String(error) };
	} finally {
		db.close();
		snaps.close();
	}
	self.postMessage(response);
};
