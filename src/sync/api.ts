/** The sync server's HTTP side, on the server this Lindy was opened from. */

export interface Device {
	id: string;
	name: string;
	createdAt: number;
	lastSeenAt: number;
	current: boolean;
}

export interface Paired {
	workspace: string;
	device: { id: string; name: string };
	token: string;
	/** Only when a workspace is created: its first pairing invite. */
	invite?: string;
}

/** A refusal or failure of the sync server, in a sentence for people. */
export class SyncApiError extends Error {
	override name = 'SyncApiError';
	constructor(
		message: string,
		readonly status = 0
	) {
		super(message);
	}
}

async function call<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
	let res: Response;
	try {
		res = await fetch(`/api/sync/workspaces${path}`, {
			...init,
			headers: {
				'Content-Type': 'application/json',
				...(token ? { Authorization: `Bearer ${token}` } : {})
			}
		});
	} catch {
		throw new SyncApiError('The sync server cannot be reached. Check that you are online.');
	}
	const body = (await res.json().catch(() => ({}))) as { message?: string };
	if (!res.ok)
		throw new SyncApiError(
			body.message ??
				(res.status === 404
					? 'This server does not offer sync.'
					: `The sync server answered ${res.status}.`),
			res.status
		);
	return body as T;
}

const post = (body: object) => ({ method: 'POST', body: JSON.stringify(body) });

export const syncApi = {
	create: (deviceName: string) => call<Paired & { invite: string }>('', post({ deviceName })),
	join: (workspace: string, invite: string, deviceName: string) =>
		call<Paired>(`/${workspace}/join`, post({ invite, deviceName })),
	devices: (workspace: string, token: string) =>
		call<{ devices: Device[] }>(`/${workspace}/devices`, {}, token).then((r) => r.devices),
	newInvite: (workspace: string, token: string) =>
		call<{ invite: string }>(`/${workspace}/invite`, post({}), token).then((r) => r.invite),
	remove: (workspace: string, token: string, deviceId: string) =>
		call<{ invite: string; devices: Device[] }>(
			`/${workspace}/devices/${deviceId}`,
			{ method: 'DELETE' },
			token
		)
};
