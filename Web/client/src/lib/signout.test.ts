import { describe, expect, it } from 'vitest';
import { PendingSignOut, logoutSettled, signOutWarning, signingOutKey } from './signout';
import type { QueuedAction } from './queue';
import { MemoryStorage } from './testing';

const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));

describe('signing out', () => {
	it('online: the server ends the login and nothing is left pending', async () => {
		const storage = new MemoryStorage();
		const signOut = new PendingSignOut(storage, async () => 204);
		expect(await signOut.begin()).toBe('done');
		expect(signOut.pending).toBe(false);
	});

	it('offline: does not pretend; the sign-out is kept (across reloads) and ended on the server once it is reachable', async () => {
		const storage = new MemoryStorage();
		expect(await new PendingSignOut(storage, unreachable).begin()).toBe('pending');
		expect(storage.getItem(signingOutKey)).not.toBeNull();

		// The app is reloaded, still offline: still pending.
		const reloaded = new PendingSignOut(storage, unreachable);
		expect(reloaded.pending).toBe(true);
		expect(await reloaded.complete()).toBe(false);
		expect(reloaded.pending).toBe(true);

		// The connection is back.
		let posts = 0;
		const online = new PendingSignOut(storage, async () => (posts++, 204));
		expect(await online.complete()).toBe(true);
		expect(online.pending).toBe(false);
		expect(await online.complete()).toBe(true);
		expect(posts).toBe(1);
	});

	it('keeps trying while the server is busy or failing', async () => {
		for (const status of [500, 503, 429, 408]) {
			const signOut = new PendingSignOut(new MemoryStorage(), async () => status);
			expect(await signOut.begin()).toBe('pending');
		}
	});

	it('is settled when the server has no login left to end, or the cookie could not be used anyway', () => {
		expect(logoutSettled(204)).toBe(true);
		expect(logoutSettled(401)).toBe(true);
		expect(logoutSettled(403)).toBe(true);
		expect(logoutSettled(503)).toBe(false);
	});

	it('sends one logout at a time', async () => {
		let posts = 0;
		const signOut = new PendingSignOut(new MemoryStorage(), async () => {
			posts++;
			await new Promise((r) => setTimeout(r, 10));
			return 204;
		});
		await Promise.all([signOut.begin(), signOut.complete(), signOut.complete()]);
		expect(posts).toBe(1);
	});

	it('is cleared by a new login (its cookie replaced the old one)', async () => {
		const storage = new MemoryStorage();
		const signOut = new PendingSignOut(storage, unreachable);
		await signOut.begin();
		signOut.clear();
		expect(signOut.pending).toBe(false);
	});
});

describe('the warning before signing out with entries not sent', () => {
	const entry = (label: string, amount: number): QueuedAction => ({ id: label, method: 'POST', path: '/api/sessions/s1/x', body: { amount }, label, queuedAt: '', sessionId: 's1', currency: 'USD' });

	it('says nothing when nothing waits', () => {
		expect(signOutWarning([])).toBeNull();
	});

	it('names what waits, with amounts, and when it would be sent', () => {
		const warning = signOutWarning([entry('Stack update', 30000)]);
		expect(warning).toContain('1 entry has not been sent yet (Stack update $300.00)');
		expect(warning).toContain('sent only when you sign in here again');
	});

	it('shortens a long list', () => {
		const warning = signOutWarning([entry('a', 100), entry('b', 200), entry('c', 300), entry('d', 400), entry('e', 500)]);
		expect(warning).toContain('5 entries have not been sent yet (a $1.00, b $2.00, c $3.00 and 2 more)');
	});
});
