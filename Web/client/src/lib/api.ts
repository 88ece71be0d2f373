// The API, on this same origin. The access token lives in memory only; the refresh token is an
// HttpOnly cookie the page cannot read, renewed silently with the CSRF double-submit header.

export interface Account {
	id: string;
	email: string;
	role: string;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly problem: { title?: string; detail?: string; errors?: Record<string, string[]>; rowErrors?: unknown[] } | null
	) {
		super(problem?.detail ?? problem?.title ?? `Request failed (${status})`);
	}

	/** Field errors as one readable line. */
	get fields(): string {
		return Object.entries(this.problem?.errors ?? {})
			.map(([field, messages]) => `${field}: ${messages.join(' ')}`)
			.join(' · ');
	}
}

let accessToken: string | null = null;
let refreshing: Promise<Renewal> | null = null;

export const auth = {
	get token() {
		return accessToken;
	},
	clear() {
		accessToken = null;
	}
};

function csrf(): string {
	return document.cookie.split('; ').find((c) => c.startsWith('pt_csrf='))?.slice('pt_csrf='.length) ?? '';
}

async function tokens(path: string, body: unknown): Promise<Account> {
	const response = await fetch(path, {
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

export const signUp = (email: string, password: string) => tokens('/api/auth/register', { email, password, cookie: true });
export const signIn = (email: string, password: string) => tokens('/api/auth/login', { email, password, cookie: true });

export type Renewal = 'ok' | 'signed-out' | 'offline';

/**
 * Renews the access token from the refresh cookie: 'signed-out' when the player must sign in
 * again, 'offline' when the server could not be reached (the app then shows the last known data).
 */
export function renew(): Promise<Renewal> {
	refreshing ??= tokens('/api/auth/refresh', {})
		.then((): Renewal => 'ok')
		.catch((error: unknown): Renewal => {
			accessToken = null;
			return error instanceof ApiError ? 'signed-out' : 'offline';
		})
		.finally(() => (refreshing = null));
	return refreshing;
}

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

export async function signOut(): Promise<void> {
	await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() }, body: '{}' }).catch(() => undefined);
	accessToken = null;
}

/** A request with the access token; a 401 gets one silent refresh and a retry. */
export async function request(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
	if (!accessToken && !retried) await refresh();
	const headers = new Headers(init.headers);
	if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
	if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
	const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
	if (response.status === 401 && !retried && (await refresh())) return request(path, init, true);
	return response;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
	const response = await request(path, init);
	if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
	return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export const send = <T>(method: string, path: string, body?: unknown, idempotencyKey?: string) =>
	api<T>(path, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
		headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined
	});
