import { type Account, renew, api } from './api';
import { ActionQueue } from './queue';

/**
 * Who is signed in, shared by every page. With no network the player stays signed in as the
 * account last seen on this device, and the pages show the data last loaded (`offline`).
 */
export const me = $state<{ account: Account | null; checked: boolean; offline: boolean }>({ account: null, checked: false, offline: false });

const accountKey = 'pt:account';

export async function restore(): Promise<void> {
	const renewal = await renew();
	if (renewal === 'ok') {
		signedIn(await api<Account>('/api/me').catch(() => null));
	} else if (renewal === 'offline') {
		me.account = lastAccount();
		me.offline = true;
	} else {
		signedIn(null);
	}

	me.checked = true;
}

/** Back online: the token is renewed and the pages load fresh data. */
export async function reconnect(): Promise<void> {
	if ((await renew()) === 'ok') me.offline = false;
}

/** Records who is signed in on this device (for offline start-up and the worker's per-player cache). */
export function signedIn(account: Account | null): void {
	const previous = lastAccount();
	me.account = account;
	me.offline = false;
	if (account) {
		localStorage.setItem(accountKey, JSON.stringify(account));
		if (previous && previous.id !== account.id) tellWorker({ type: 'forget' });
		tellWorker({ type: 'account', account: account.id });
	} else {
		localStorage.removeItem(accountKey);
		if (previous) tellWorker({ type: 'forget' });
	}
}

function lastAccount(): Account | null {
	try {
		return JSON.parse(localStorage.getItem(accountKey) ?? 'null') as Account | null;
	} catch {
		return null;
	}
}

function tellWorker(message: unknown): void {
	if (!('serviceWorker' in navigator)) return;
	void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage(message));
}

let queue: ActionQueue | null = null;

/** The signed-in player's offline queue. */
export function actionQueue(): ActionQueue {
	if (!me.account) throw new Error('not signed in');
	queue ??= new ActionQueue(localStorage, me.account.id);
	return queue;
}

export function resetQueue(): void {
	queue = null;
}

/** Remembered between visits (start form, settings). */
export function remembered<T>(key: string, fallback: T): T {
	try {
		return { ...fallback, ...JSON.parse(localStorage.getItem(`pt:${key}`) ?? '{}') };
	} catch {
		return fallback;
	}
}

export function remember(key: string, value: unknown): void {
	localStorage.setItem(`pt:${key}`, JSON.stringify(value));
}

/** The player's preferences; the time zone is the browser's unless they chose another. */
export function preferences(): { timeZone: string; currency: string } {
	const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
	const stored = remembered('prefs', { timeZone: browser, currency: 'USD' });
	return { timeZone: stored.timeZone || browser, currency: stored.currency || 'USD' };
}
