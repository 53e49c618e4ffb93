import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from './address-policy.js';

describe('isBlockedAddress', () => {
	it.each([
		'127.0.0.1',
		'127.5.6.7',
		'10.1.2.3',
		'172.16.0.1',
		'172.31.255.255',
		'192.168.1.1',
		'169.254.169.254',
		'100.64.0.1',
		'100.127.255.255',
		'0.0.0.0',
		'224.0.0.1',
		'255.255.255.255',
		'::1',
		'[::1]',
		'::',
		'::ffff:127.0.0.1',
		'::ffff:7f00:1',
		'::ffff:a9fe:a9fe',
		'fe80::1',
		'fd12:3456::1',
		'ff02::1',
		'64:ff9b::7f00:1',
		'2002:7f00:1::',
		'not-an-ip',
		''
	])('refuses %s', (address) => {
		expect(isBlockedAddress(address)).toBe(true);
	});

	it.each(['93.184.215.14', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111'])(
		'allows the public address %s',
		(address) => {
			expect(isBlockedAddress(address)).toBe(false);
		}
	);
});
