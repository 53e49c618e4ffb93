/**
 * End-to-end encryption of synced values with WebCrypto. One secret per workspace, made on the
 * first device and carried only in the pairing code, gives two keys through HKDF: AES-GCM for
 * field values and HMAC for the record keys that would otherwise tell something (a feed's
 * address). Each value is sealed with a fresh 96-bit IV and bound to its record and field, so the
 * server can neither read a value nor move one to another record unnoticed.
 */

export interface WorkspaceKeys {
	fields: CryptoKey;
	ids: CryptoKey;
}

/** The secret could not open a value: the wrong key, or the value was tampered with. */
export class SealError extends Error {
	override name = 'SealError';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const IV_BYTES = 12;

export function toBase64Url(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) text += String.fromCharCode(byte);
	return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const plain = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
	return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}

/** A new workspace secret: 256 random bits, as base64url. */
export function newWorkspaceSecret(): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The two keys of a workspace secret. */
export async function workspaceKeys(secret: string): Promise<WorkspaceKeys> {
	const raw = fromBase64Url(secret);
	if (raw.length !== 32) throw new SealError('The sync key is not 32 bytes.');
	const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
	const derive = (info: string, algorithm: AesKeyGenParams | HmacKeyGenParams, uses: KeyUsage[]) =>
		crypto.subtle.deriveKey(
			{ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode(info) },
			base,
			algorithm,
			false,
			uses
		);
	const [fields, ids] = await Promise.all([
		derive('lindy sync fields', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
		derive('lindy sync ids', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign'])
	]);
	return { fields, ids };
}

/** A value sealed for one field of one record: IV then ciphertext. */
export async function seal(
	keys: WorkspaceKeys,
	where: string,
	value: unknown
): Promise<Uint8Array> {
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const sealed = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: encoder.encode(where) },
		keys.fields,
		encoder.encode(JSON.stringify(value))
	);
	const out = new Uint8Array(IV_BYTES + sealed.byteLength);
	out.set(iv);
	out.set(new Uint8Array(sealed), IV_BYTES);
	return out;
}

/** The value sealed for `where`; a SealError when the key is wrong or the bytes were changed. */
export async function unseal(
	keys: WorkspaceKeys,
	where: string,
	bytes: Uint8Array
): Promise<unknown> {
	try {
		// Views, not copies: WebCrypto copies what it is given, and a fresh device opens tens of
		// thousands of values.
		const view = bytes as Uint8Array<ArrayBuffer>;
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: view.subarray(0, IV_BYTES), additionalData: encoder.encode(where) },
			keys.fields,
			view.subarray(IV_BYTES)
		);
		return JSON.parse(decoder.decode(plain));
	} catch {
		throw new SealError('A synced value could not be opened with this workspace’s key.');
	}
}

/** A record key that says nothing about what it names (a feed's address), stable per workspace. */
export async function blindKey(keys: WorkspaceKeys, key: string): Promise<string> {
	const mac = await crypto.subtle.sign('HMAC', keys.ids, encoder.encode(key));
	return toBase64Url(new Uint8Array(mac).slice(0, 18));
}
