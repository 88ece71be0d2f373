import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './testing';

// The sign-in rules as the app lives them: the real api.ts and state.svelte.ts against a fake
// server (fetch), in a fake browser (storage, events), loaded afresh for each test.

type Handler = (path: string, init: RequestInit) => Response | Promise<Response>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const alice = { id: 'alice', email: 'alice@example.com', role: 'free' };
const bob = { id: 'bob', email: 'bob@example.com', role: 'free' };
// A few turns of the event loop: the sender's chain (send, renew, answer) runs its course, even on a busy machine.
const settle = async () => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
};

let storage: MemoryStorage;
let calls: string[];
let handler: Handler;
let online: boolean;

beforeEach(() => {
	vi.resetModules();
	storage = new MemoryStorage();
	calls = [];
	online = true;
	handler = () => {
		throw new TypeError('Failed to fetch');
	};
	const events = { addEventListener: () => undefined, removeEventListener: () => undefined };
	vi.stubGlobal('localStorage', storage);
	vi.stubGlobal('window', events);
	vi.stubGlobal('document', { ...events, cookie: 'pt_csrf=abc', visibilityState: 'visible' });
	vi.stubGlobal('navigator', {
		get onLine() {
			return online;
		}
	});
	vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
		calls.push(`${init.method ?? 'GET'} ${path}`);
		return handler(path, init);
	});
});

afterEach(() => {
	vi.unstubAllGlobals();
});

async function app() {
	const api = await import('./api');
	const state = await import('./state.svelte');
	return { ...api, ...state };
}

describe('a login ended elsewhere', () => {
	it('stops sending, shows the sign-in form, and keeps the entries for the same player, not another', async () => {
		const a = await app();
		a.signedIn(alice);
		const stop = a.startSending();
		handler = (path) => {
			if (path === '/api/auth/refresh') return json(401, { title: 'Sign in again.' });
			return json(401, { title: 'Unauthorized' });
		};
		a.queueAction({ method: 'POST', path: '/api/sessions/s1/stack', body: { amount: 30000 }, label: 'Stack update', sessionId: 's1', currency: 'USD' });
		await settle();

		expect(a.me.account).toBeNull();
		expect(a.me.notice).toBe(a.notices.ended);
		expect([...storage.data.keys()].filter((k) => k.startsWith('pt-queue:alice:'))).toHaveLength(1);
		// Reloaded, the sign-in form still says why it shows.
		vi.resetModules();
		const reloaded = await app();
		await reloaded.restore();
		expect(reloaded.me.account).toBeNull();
		expect(reloaded.me.notice).toBe(reloaded.notices.ended);
		// Not every three seconds forever: it has stopped.
		const made = calls.length;
		await settle();
		expect(calls.length).toBe(made);
		stop();

		// Another player signs in on the phone: Alice's entry is not sent under Bob's login.
		handler = (path) => {
			if (path === '/api/auth/login') return json(200, { accessToken: 'bob-token', account: bob });
			return json(200, { id: 's9', version: 1, totals: {} });
		};
		a.signedIn(await a.signIn(bob.email, 'pw'));
		const stopBob = a.startSending();
		await settle();
		expect(calls.filter((c) => c.includes('/api/sessions/s1/'))).toHaveLength(1);
		expect(a.queued.pending).toEqual([]);
		stopBob();
		a.resetQueue();

		// Alice signs in again: her entry is sent, under her login.
		const auth: string[] = [];
		handler = (path, init) => {
			if (path === '/api/auth/login') return json(200, { accessToken: 'alice-token', account: alice });
			auth.push(new Headers(init.headers).get('Authorization') ?? '');
			return json(200, { id: 's1', version: 3, totals: {} });
		};
		a.signedIn(await a.signIn(alice.email, 'pw'));
		const stopAlice = a.startSending();
		await settle();
		expect(auth).toEqual(['Bearer alice-token']);
		expect([...storage.data.keys()].filter((k) => k.startsWith('pt-queue:alice'))).toEqual([]);
		stopAlice();
	});

	it('is not mistaken for a busy server: a refresh answered 429 or 503 keeps the player signed in', async () => {
		const a = await app();
		for (const status of [429, 503]) {
			handler = () => json(status, { title: 'busy' });
			expect(await a.renew()).toBe('offline');
			expect(a.auth.ended).toBe(false);
		}

		handler = () => json(401, { title: 'Sign in again.' });
		expect(await a.renew()).toBe('signed-out');
		expect(a.auth.ended).toBe(true);
	});
});

describe('another player signing in in another tab', () => {
	it('is not taken for this tab by a renewal: nothing of this player is sent under their login', async () => {
		const a = await app();
		handler = (path) => (path === '/api/auth/login' ? json(200, { accessToken: 'alice-token', account: alice }) : json(401, { title: 'expired' }));
		a.signedIn(await a.signIn(alice.email, 'pw'));
		a.auth.clear(); // the access token expired; the browser's cookie is Bob's now
		a.signedIn(alice);
		const sent: string[] = [];
		handler = (path, init) => {
			if (path === '/api/auth/refresh') return json(200, { accessToken: 'bob-token', account: bob });
			sent.push(new Headers(init.headers).get('Authorization') ?? '');
			return json(201, { id: 's9', version: 1, totals: {} });
		};
		expect(await a.renew()).toBe('ok'); // no login held since the token went: whoever the cookie is
		expect(a.auth.token).toBe('bob-token');

		// Held as Alice, a renewal that comes back as Bob is not taken.
		handler = (path) => (path === '/api/auth/login' ? json(200, { accessToken: 'alice-token', account: alice }) : json(401, { title: 'expired' }));
		await a.signIn(alice.email, 'pw');
		handler = (path, init) => {
			if (path === '/api/auth/refresh') return json(200, { accessToken: 'bob-token', account: bob });
			sent.push(new Headers(init.headers).get('Authorization') ?? '');
			return json(401, { title: 'expired' });
		};
		const answer = await a.request('/api/sessions', { method: 'POST', body: '{}' }, false);
		expect(answer.status).toBe(401);
		expect(sent).not.toContain('Bearer bob-token');
		expect(a.auth.token).toBeNull();
	});
});

describe('signing out', () => {
	it('offline: the phone is signed out at once and never renews the login, also after a reload', async () => {
		const a = await app();
		a.signedIn(alice);
		expect(await a.signOut()).toBe('pending');
		a.signedIn(null);

		// The connection flickers back while the sign-in form shows: no renewal.
		await a.reconnect();
		expect(calls.filter((c) => c.includes('/api/auth/refresh'))).toEqual([]);

		// Reloaded, still offline.
		vi.resetModules();
		const reloaded = await app();
		await reloaded.restore();
		expect(reloaded.me.account).toBeNull();
		expect(reloaded.me.notice).toBe(reloaded.notices.signOutPending);
		expect(calls.filter((c) => c.includes('/api/auth/refresh'))).toEqual([]);

		// Online again: the login is ended on the server, and only then may the phone renew again.
		handler = (path) => (path === '/api/auth/logout' ? new Response(null, { status: 204 }) : json(401, { title: 'Sign in again.' }));
		await reloaded.reconnect();
		await settle();
		expect(reloaded.signOutPending()).toBe(false);
		expect(calls.filter((c) => c.includes('/api/auth/refresh'))).toEqual([]);
	});

	it('online: ends the login on the server', async () => {
		const a = await app();
		a.signedIn(alice);
		handler = () => new Response(null, { status: 204 });
		expect(await a.signOut()).toBe('done');
		expect(a.signOutPending()).toBe(false);
		expect(calls).toEqual(['POST /api/auth/logout']);
	});

	it('in another tab: this tab follows and says why, as the tab that learnt it does', async () => {
		const a = await app();
		a.signedIn(alice);
		// The other tab signed out by hand: it removed the account it had signed in.
		storage.removeItem('pt:account');
		a.storageChanged('pt:account');
		expect(a.me.account).toBeNull();
		expect(a.me.notice).toBe(a.notices.signedOutInTab);
		// The other tab heard that the login had ended (signed out everywhere): it wrote why before it signed out.
		a.signedIn(alice);
		storage.setItem('pt:login-ended', '1');
		storage.removeItem('pt:account');
		a.storageChanged('pt:account');
		expect(a.me.notice).toBe(a.notices.ended);
	});

	it('ends a pending sign-out before the next sign-in', async () => {
		const a = await app();
		a.signedIn(alice);
		await a.signOut();
		a.signedIn(null);
		handler = (path) => (path === '/api/auth/login' ? json(200, { accessToken: 't', account: bob }) : new Response(null, { status: 204 }));
		await a.signIn(bob.email, 'pw');
		expect(calls.slice(-2)).toEqual(['POST /api/auth/logout', 'POST /api/auth/login']);
		expect(a.signOutPending()).toBe(false);
	});
});

describe('the queue sent from any screen', () => {
	it('keeps a refused entry with its reason and sends nothing while idle', async () => {
		const a = await app();
		a.signedIn(alice);
		handler = (path) => {
			if (path === '/api/auth/refresh') return json(200, { accessToken: 't', account: alice });
			if (path.endsWith('/expenses')) return json(409, { title: 'The session cannot do that now.', detail: 'The session has ended: change it with a correction (PATCH) instead.' });
			return json(200, { id: 's1', version: 5, totals: {} });
		};
		const stop = a.startSending();
		a.queueAction({ method: 'POST', path: '/api/sessions/s1/expenses', body: { kind: 'tips', amount: 1200 }, label: 'Expense', sessionId: 's1', currency: 'USD' });
		a.queueAction({ method: 'POST', path: '/api/sessions/s1/notes', body: { text: 'hi' }, label: 'Note', sessionId: 's1', currency: 'USD' });
		await settle();
		expect(a.queued.pending).toEqual([]);
		expect(a.queued.refused.map((r) => r.reason)).toEqual(['the session was ended (here or on another device) before this could be sent']);
		const made = calls.length;
		await settle();
		expect(calls.length).toBe(made);
		stop();
	});
});

describe('the server back after a restart', () => {
	it('gets what waited at its first answer to anything, not at the end of the back-off', async () => {
		const a = await app();
		a.signedIn(alice);
		let up = false;
		const after = (path: string) => (path === '/api/auth/refresh' ? json(200, { accessToken: 't', account: alice }) : json(200, { id: 's1', version: 5, totals: {} }));
		handler = (path) => (up ? after(path) : json(502, { title: 'The server is not reachable.' }));
		const stop = a.startSending();
		a.queueAction({ method: 'POST', path: '/api/sessions/s1/stack', body: { amount: 30000 }, label: 'Stack update', sessionId: 's1', currency: 'USD' });
		await settle();
		expect(a.queued.pending).toHaveLength(1); // waiting, with a retry seconds away

		// A copy the service worker kept answers a read: that is not the server back.
		handler = (path) => (up ? after(path) : json(200, {}, { 'x-pt-saved-at': new Date().toISOString() }));
		await a.request('/api/sessions/s1');
		await settle();
		expect(a.queued.pending).toHaveLength(1);

		// The server is back: the live screen's stream, say, is answered.
		up = true;
		await a.request('/api/me/events');
		await settle();
		expect(a.queued.pending).toEqual([]);
		expect(calls.filter((c) => c === 'POST /api/sessions/s1/stack')).toHaveLength(2);
		stop();
	});
});

describe('a read answered by the copy this device kept', () => {
	it('is told apart from the server\'s answer, so a page can ask again', async () => {
		const a = await app();
		a.signedIn(alice);
		const kept = '2026-12-03T21:04:05.000Z';
		handler = (path) => (path === '/api/auth/refresh' ? json(200, { accessToken: 't', account: alice }) : json(200, { id: 's1', status: 'running' }, { 'x-pt-saved-at': kept }));
		expect(await a.read('/api/sessions/s1')).toEqual({ value: { id: 's1', status: 'running' }, copy: true, savedAt: new Date(kept) });
		handler = () => json(200, { id: 's1', status: 'ended' });
		expect(await a.read('/api/sessions/s1')).toEqual({ value: { id: 's1', status: 'ended' }, copy: false, savedAt: null });
		handler = () => json(404, { title: 'Session not found' });
		await expect(a.read('/api/sessions/s1')).rejects.toMatchObject({ status: 404 });
	});
});

describe('what the device remembers (start form, last setup, settings)', () => {
	it('is each player’s own on a shared phone, and the copy kept before for the device goes to the first who reads it', async () => {
		storage.setItem('pt:last-setup', JSON.stringify({ venue: 'Aria' }));
		const a = await app();
		a.signedIn(alice);
		expect(a.remembered('last-setup', { venue: '' }).venue).toBe('Aria');
		a.remember('prefs', { currency: 'EUR' });

		a.signedIn(bob);
		expect(a.remembered('last-setup', { venue: '' }).venue).toBe('');
		expect(a.remembered('prefs', { currency: 'USD' }).currency).toBe('USD');

		a.signedIn(alice);
		expect(a.remembered('prefs', { currency: 'USD' }).currency).toBe('EUR');
		expect(a.remembered('last-setup', { venue: '' }).venue).toBe('Aria');
	});
});
