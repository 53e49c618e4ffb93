/**
 * The pairing code of a sync workspace: a link to Lindy at the address other devices use, whose
 * fragment (never sent to any server) carries the workspace, the pairing invite and the key.
 */

export interface Pairing {
	/** The origin other devices open Lindy at, such as https://laptop.tail1234.ts.net. */
	address: string;
	workspace: string;
	invite: string;
	secret: string;
}

export type PairingResult = { ok: true; pairing: Pairing } | { ok: false; message: string };

/** A workspace id is 16 random bytes, an invite and a key 32, all in base64url. */
const ID = /^[A-Za-z0-9_-]{22}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why an address cannot carry sync, or undefined when it can: browsers give service workers and
 * WebCrypto only to https pages and this machine, and a token must never cross a network in the
 * clear.
 */
export function syncAddressProblem(address: string): string | undefined {
	let url: URL;
	try {
		url = new URL(address);
	} catch {
		return 'Enter an address such as https://laptop.example.ts.net.';
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
	return 'Sync needs an https:// address (plain http only works on this machine): put Lindy behind HTTPS, for example with tailscale serve.';
}

/** The link a pairing code is. */
export function pairingLink(pairing: Pairing): string {
	const origin = new URL(pairing.address).origin;
	return `${origin}/settings#join=${pairing.workspace}.${pairing.invite}.${pairing.secret}`;
}

/** Reads a pairing code (the link, or just its fragment), with a sentence when it is not one. */
export function parsePairing(text: string): PairingResult {
	const trimmed = text.trim();
	const fragment = /#?join=([^\s#]+)$/.exec(trimmed)?.[1];
	const parts = fragment?.split('.') ?? [];
	const [workspace = '', invite = '', secret = ''] = parts;
	if (parts.length !== 3 || !ID.test(workspace) || !SECRET.test(invite) || !SECRET.test(secret))
		return {
			ok: false,
			message:
				'This is not a Lindy pairing code. Copy the whole link from Settings → Sync on a paired device.'
		};
	let address = '';
	if (!trimmed.startsWith('join=') && !trimmed.startsWith('#')) {
		try {
			address = new URL(trimmed).origin;
		} catch {
			return { ok: false, message: 'The pairing link is cut short. Copy the whole link.' };
		}
	}
	return { ok: true, pairing: { address, workspace, invite, secret } };
}
