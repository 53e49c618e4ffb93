import { describe, expect, it } from 'vitest';
import { pairingLink, parsePairing, syncAddressProblem } from './pairing';

const pairing = {
	address: 'https://laptop.tail1234.ts.net',
	workspace: 'W'.repeat(22),
	invite: 'I'.repeat(43),
	secret: 'K'.repeat(43)
};

describe('pairing codes', () => {
	it('round-trips through the link, with the key only in the fragment', () => {
		const link = pairingLink(pairing);
		expect(new URL(link).hash).toContain(pairing.secret);
		expect(new URL(link).pathname).toBe('/settings');
		expect(parsePairing(link)).toEqual({ ok: true, pairing });
		expect(parsePairing(`  ${link}\n`)).toEqual({ ok: true, pairing });
	});

	it('refuses text that is not a code, or a code cut short', () => {
		expect(parsePairing('hello').ok).toBe(false);
		const cut = pairingLink(pairing).slice(0, -10);
		expect(parsePairing(cut)).toMatchObject({ ok: false, message: /not a Lindy pairing code/ });
	});

	it('allows https anywhere and plain http only on this machine', () => {
		expect(syncAddressProblem('https://laptop.tail1234.ts.net')).toBeUndefined();
		expect(syncAddressProblem('http://localhost:4173')).toBeUndefined();
		expect(syncAddressProblem('http://127.0.0.1:4173')).toBeUndefined();
		expect(syncAddressProblem('http://192.168.1.20:4173')).toMatch(/https/);
		expect(syncAddressProblem('laptop')).toMatch(/Enter an address/);
	});
});
