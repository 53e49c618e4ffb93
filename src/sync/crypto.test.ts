import { describe, expect, it } from 'vitest';
import { blindKey, newWorkspaceSecret, seal, SealError, unseal, workspaceKeys } from './crypto';

describe('sync encryption', () => {
	it('round-trips a value and hides its text', async () => {
		const keys = await workspaceKeys(newWorkspaceSecret());
		const value = { title: 'Label 200 images for the défect model', tags: ['vision'] };
		const sealed = await seal(keys, 'tasks/t1/title', value);
		expect(new TextDecoder().decode(sealed)).not.toContain('Label');
		expect(await unseal(keys, 'tasks/t1/title', sealed)).toEqual(value);
		const again = await seal(keys, 'tasks/t1/title', value);
		expect(again).not.toEqual(sealed);
	});

	it('refuses another workspace’s key, a value moved to another field, and changed bytes', async () => {
		const keys = await workspaceKeys(newWorkspaceSecret());
		const other = await workspaceKeys(newWorkspaceSecret());
		const sealed = await seal(keys, 'tasks/t1/title', 'secret');
		await expect(unseal(other, 'tasks/t1/title', sealed)).rejects.toThrow(SealError);
		await expect(unseal(keys, 'tasks/t2/title', sealed)).rejects.toThrow(SealError);
		const changed = sealed.slice();
		changed[changed.length - 1]! ^= 1;
		await expect(unseal(keys, 'tasks/t1/title', changed)).rejects.toThrow(SealError);
	});

	it('blinds a key the same way on every device of a workspace', async () => {
		const secret = newWorkspaceSecret();
		const a = await blindKey(await workspaceKeys(secret), 'https://example.com/feed');
		const b = await blindKey(await workspaceKeys(secret), 'https://example.com/feed');
		const c = await blindKey(await workspaceKeys(newWorkspaceSecret()), 'https://example.com/feed');
		expect(a).toBe(b);
		expect(a).not.toBe(c);
		expect(a).not.toContain('example');
	});

	it('refuses a secret of the wrong length', async () => {
		await expect(workspaceKeys('abc')).rejects.toThrow(/32 bytes/);
	});
});
