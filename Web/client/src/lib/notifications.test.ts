import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './testing';

// Signing out of a shared phone: the next player must not get the last one's alerts.

let calls: string[];
let unsubscribed: number;
let subscribed: number;
const alice = { id: 'alice', email: 'alice@example.com', role: 'free' };
const bob = { id: 'bob', email: 'bob@example.com', role: 'free' };
let subscription: { endpoint: string; unsubscribe: () => Promise<boolean>; toJSON?: () => unknown } | null;

beforeEach(() => {
	vi.resetModules();
	calls = [];
	unsubscribed = 0;
	subscribed = 0;
	subscription = {
		endpoint: 'https://push.example.com/send/abc?x=1',
		unsubscribe: async () => {
			unsubscribed++;
			subscription = null;
			return true;
		}
	};
	const events = { addEventListener: () => undefined, removeEventListener: () => undefined };
	vi.stubGlobal('localStorage', new MemoryStorage());
	vi.stubGlobal('window', events);
	vi.stubGlobal('document', { ...events, cookie: 'pt_csrf=abc', visibilityState: 'visible' });
	const made = (endpoint: string) => ({
		endpoint,
		toJSON: () => ({ endpoint, keys: { p256dh: 'p', auth: 'a' } }),
		unsubscribe: async () => {
			unsubscribed++;
			subscription = null;
			return true;
		}
	});
	const pushManager = {
		getSubscription: async () => subscription,
		subscribe: async () => (subscription = made(`https://push.example.com/send/${++subscribed}`))
	};
	const registration = { pushManager, active: null };
	vi.stubGlobal('navigator', { onLine: true, serviceWorker: { getRegistration: async () => registration, ready: Promise.resolve(registration) } });
	vi.stubGlobal('Notification', { permission: 'granted', requestPermission: async () => 'granted' });
	vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
		calls.push(`${init.method ?? 'GET'} ${path}`);
		const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
		if (path === '/api/push/key') return json({ publicKey: 'AQAB' });
		if (path === '/api/auth/login') return json({ accessToken: 't', account: JSON.parse(String(init.body)).email === 'bob@example.com' ? bob : alice });
		return new Response(null, { status: path.startsWith('/api/auth/refresh') ? 401 : 204 });
	});
});

afterEach(() => vi.unstubAllGlobals());

describe('alerts on a device that signs out', () => {
	it('end there at once, and the server forgets the device while the login holds', async () => {
		const { forgetDeviceAlerts } = await import('./notifications');
		await forgetDeviceAlerts();
		expect(unsubscribed).toBe(1);
		expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([`DELETE /api/push/subscription?endpoint=${encodeURIComponent('https://push.example.com/send/abc?x=1')}`]);
	});

	it('end in the browser without asking the server when the login is already over', async () => {
		const { forgetDeviceAlerts } = await import('./notifications');
		await forgetDeviceAlerts({ tellServer: false });
		expect(unsubscribed).toBe(1);
		expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);
	});

	it('do not hold up the sign-out when the server does not answer, or when the device never subscribed', async () => {
		vi.stubGlobal('fetch', () => new Promise(() => undefined));
		const { forgetDeviceAlerts } = await import('./notifications');
		const started = Date.now();
		await forgetDeviceAlerts({ waitMs: 200 });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(unsubscribed).toBe(1);
		await forgetDeviceAlerts({ waitMs: 200 });
		expect(unsubscribed).toBe(1);
	});

	it('come back when the same player signs in again on the device, and not for another player', async () => {
		const api = await import('./api');
		const state = await import('./state.svelte');
		const { enableAlerts, forgetDeviceAlerts, restoreDeviceAlerts } = await import('./notifications');
		subscription = null;
		state.signedIn(await api.signIn(alice.email, 'pw'));
		expect(await enableAlerts()).toBe('push');
		await forgetDeviceAlerts(); // Alice signs out
		state.signedIn(null);

		state.signedIn(await api.signIn(bob.email, 'pw'));
		await restoreDeviceAlerts();
		expect(subscription).toBeNull(); // Bob never turned them on here
		state.signedIn(null);

		state.signedIn(await api.signIn(alice.email, 'pw'));
		await restoreDeviceAlerts();
		expect(subscribed).toBe(2);
		expect(calls.filter((c) => c === 'PUT /api/push/subscription')).toHaveLength(2);
	});
});
