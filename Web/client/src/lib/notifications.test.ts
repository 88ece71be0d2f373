import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './testing';

// Signing out of a shared phone: the next player must not get the last one's alerts.

let calls: string[];
let unsubscribed: number;
let subscription: { endpoint: string; unsubscribe: () => Promise<boolean> } | null;

beforeEach(() => {
	vi.resetModules();
	calls = [];
	unsubscribed = 0;
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
	vi.stubGlobal('navigator', {
		onLine: true,
		serviceWorker: { getRegistration: async () => ({ pushManager: { getSubscription: async () => subscription } }) }
	});
	vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
		calls.push(`${init.method ?? 'GET'} ${path}`);
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
});
