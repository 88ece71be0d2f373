// The API, on this same origin. The access token lives in memory only; the refresh token is an
// HttpOnly cookie the page cannot read, renewed silently with the CSRF double-submit header.

import { PendingSignOut } from './signout';
import { savedAt, savedAtHeader } from './offline';

export interface Account {
	id: string;
	email: string;
	role: string;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly problem: { title?: string; detail?: string; code?: string; errors?: Record<string, string[]>; rowErrors?: unknown[] } | null
	) {
		super(problem?.detail ?? problem?.title ?? `Request failed (${status})`);
	}

	/** Field errors as one readable line, each field named as a player reads it ("displayName" is "Display name"). */
	get fields(): string {
		return this.fieldsAs({});
	}

	/** The same, with the screen's own labels for some fields (the trainer's "minStack" is its "From"). */
	fieldsAs(labels: Record<string, string>): string {
		return Object.entries(this.problem?.errors ?? {})
			.map(([field, messages]) => `${labels[field] ?? fieldLabel(field)}: ${messages.join(' ')}`)
			.join(' · ');
	}
}

let accessToken: string | null = null;
// Whose login this tab holds: a renewal that comes back as someone else (signed in in another tab,
// whose cookie is now the browser's) is not taken, or this tab's requests would go to their account.
let heldBy: string | null = null;
let refreshing: Promise<Renewal> | null = null;
// The last renewal was refused by the server: the login is over until the player signs in again.
let ended = false;
const endedListeners = new Set<(why: LoginEnd) => void>();

/** Why a login ended: signed out (elsewhere, or expired), or its account deleted on another device. */
export type LoginEnd = 'ended' | 'deleted';

/** What a session page says when it cannot read the session and has nothing of it to show. */
export const sessionLoadError = (e: unknown) =>
	e instanceof ApiError && e.status === 404
		? 'There is no such session among yours.'
		: 'This session could not be loaded: there is no connection and no copy of it on this device. It shows once the connection is back.';

export const auth = {
	get token() {
		return accessToken;
	},
	/** The server said the login is over (signed out elsewhere, expired): a 401 now means "sign in again". */
	get ended() {
		return ended;
	},
	clear() {
		accessToken = null;
		heldBy = null;
	}
};

/** Called when a renewal finds the login over (e.g. "Sign out everywhere" on another device). */
export function onLoginEnded(listener: (why: LoginEnd) => void): () => void {
	endedListeners.add(listener);
	return () => endedListeners.delete(listener);
}

let signOuts: PendingSignOut | null = null;
const pendingSignOut = () =>
	(signOuts ??= new PendingSignOut(localStorage, async () => {
		const response = await fetch('/api/auth/logout', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
			body: '{}',
			// Casino Wi-Fi can hang rather than fail: the player is not kept waiting on it.
			signal: AbortSignal.timeout(10_000)
		});
		return response.status;
	}));

/** A sign-out made offline that the server has not confirmed yet: the login is not renewed meanwhile. */
export const signOutPending = () => pendingSignOut().pending;

/** Ends a sign-out made offline, now that the server may be reachable; true when none is left pending. */
export const completeSignOut = () => pendingSignOut().complete();

function csrf(): string {
	return document.cookie.split('; ').find((c) => c.startsWith('pt_csrf='))?.slice('pt_csrf='.length) ?? '';
}

async function tokens(path: string, body: unknown): Promise<Account> {
	const response = await reach(path, {
		method: 'POST',
		credentials: 'same-origin',
		headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
	const data = await response.json();
	accessToken = data.accessToken;
	return data.account as Account;
}

/** Signs in (or up): a sign-out still pending on this phone is ended first, then the new login replaces its cookie. */
async function login(path: string, body: unknown): Promise<Account> {
	await pendingSignOut().complete();
	const account = await tokens(path, body);
	heldBy = account.id;
	pendingSignOut().clear();
	ended = false;
	return account;
}

export const signUp = (email: string, password: string) => login('/api/auth/register', { email, password, cookie: true });
export const signIn = (email: string, password: string) => login('/api/auth/login', { email, password, cookie: true });

export type Renewal = 'ok' | 'signed-out' | 'offline';

/**
 * Renews the access token from the refresh cookie: 'signed-out' when the player must sign in
 * again, 'offline' when the server could not be reached or is busy (the app then shows the last
 * known data). After a sign-out not yet confirmed by the server it never renews: it tries to end
 * that login instead.
 */
export function renew(): Promise<Renewal> {
	refreshing ??= (async (): Promise<Renewal> => {
		if (pendingSignOut().pending) {
			accessToken = null;
			ended = true;
			await pendingSignOut().complete();
			return 'signed-out';
		}

		try {
			// No CSRF cookie, no login to renew (a new visitor, or one whose cookies are gone): refused without asking.
			if (!csrf()) throw new ApiError(401, { title: 'Sign in.' });
			const account = await tokens('/api/auth/refresh', {});
			if (heldBy && account.id !== heldBy) {
				// Another player signed in in another tab: this tab follows once it hears of it (storage), and sends nothing meanwhile.
				accessToken = null;
				return 'offline';
			}

			heldBy = account.id;
			ended = false;
			return 'ok';
		} catch (error) {
			accessToken = null;
			if (!(error instanceof ApiError) || !renewalRefused(error.status)) return 'offline';
			ended = true;
			const why: LoginEnd = error.problem?.code === 'ACCOUNT_DELETED' ? 'deleted' : 'ended';
			for (const listener of endedListeners) listener(why);
			return 'signed-out';
		}
	})().finally(() => (refreshing = null));
	return refreshing;
}

/** The server refused the refresh cookie for good (unknown, revoked, expired, no CSRF token), not just for now. */
const renewalRefused = (status: number) => status < 500 && status !== 408 && status !== 429;

/** Renews the access token; false when it could not be (signed out or offline). */
export const refresh = async () => (await renew()) === 'ok';

/** Changes the password: every other login ends, this one gets fresh tokens. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
	const response = await request('/api/auth/password', { method: 'POST', body: JSON.stringify({ currentPassword, newPassword, cookie: true }) });
	if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
	accessToken = (await response.json()).accessToken;
}

/** Ends every login of the player, this one included. */
export async function signOutEverywhere(): Promise<void> {
	const response = await request('/api/auth/logout-all', { method: 'POST', body: '{}', headers: { 'X-CSRF-Token': csrf() } });
	if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
	accessToken = null;
}

/** Deletes the account for good, after the password. */
export async function deleteAccount(password: string): Promise<void> {
	const response = await request('/api/me', { method: 'DELETE', body: JSON.stringify({ password }) });
	if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
	accessToken = null;
}

/** Downloads a file the API builds (an export), under the name the server gives it. */
export async function download(path: string, fallbackName: string): Promise<void> {
	const response = await request(path);
	if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
	const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
	const url = URL.createObjectURL(await response.blob());
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.click();
	URL.revokeObjectURL(url);
}

/**
 * Signs out: the access token goes at once and the login is not renewed again on this phone.
 * 'done' when the server ended the login; 'pending' when it could not be reached: the login is
 * ended there as soon as it can be (see PendingSignOut).
 */
export async function signOut(): Promise<'done' | 'pending'> {
	accessToken = null;
	heldBy = null;
	return pendingSignOut().begin();
}

// The server could not be reached (or its proxy said so) by the last request: the next answer says
// it is back, which the offline queue hears at once instead of at the end of its back-off.
let unreachable = false;
const reachable = new Set<() => void>();
export function onReachable(listener: () => void): () => void {
	reachable.add(listener);
	return () => reachable.delete(listener);
}

async function reach(path: string, init: RequestInit): Promise<Response> {
	let response: Response;
	try {
		response = await fetch(path, init);
	} catch (e) {
		if (!init.signal?.aborted) unreachable = true;
		throw e;
	}

	// A copy the service worker kept (no network) is not the server answering; nor is a 503 of the
	// server's own (a store it needs is away), which is no reason to send the queue again at once.
	if (response.status === 502 || response.status === 504) unreachable = true;
	else if (unreachable && response.status !== 503 && !response.headers.has(savedAtHeader)) {
		unreachable = false;
		for (const listener of reachable) listener();
	}

	return response;
}

/** A request with the access token; a 401 gets one silent refresh and a retry. */
export async function request(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
	const renewal = !accessToken && !retried ? await renew() : null;
	const headers = new Headers(init.headers);
	if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
	if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
	const response = await reach(path, { ...init, headers, credentials: 'same-origin' });
	if (response.status === 401 && !retried && renewal !== 'signed-out' && (await refresh())) return request(path, init, true);
	return response;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
	return (await answer<T>(await request(path, init))).value;
}

/**
 * A read that also says whether the answer is the copy this device kept (the service worker had no
 * network just then) rather than the server's, and when it kept it: a page that must show what was
 * just saved asks again, and says what it shows meanwhile.
 */
export async function read<T>(path: string): Promise<{ value: T; copy: boolean; savedAt: Date | null }> {
	return answer<T>(await request(path));
}

async function answer<T>(response: Response): Promise<{ value: T; copy: boolean; savedAt: Date | null }> {
	if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
	const value = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
	const saved = savedAt(response);
	return { value, copy: saved !== null, savedAt: saved };
}

export const send = <T>(method: string, path: string, body?: unknown, idempotencyKey?: string) =>
	api<T>(path, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined
	});

/** "displayName" → "Display name", "stakes.bigBlind" → "Stakes big blind". */
export function fieldLabel(field: string): string {
	const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[._]/g, ' ').toLowerCase().trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}
