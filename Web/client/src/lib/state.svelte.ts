import { type Account, refresh, api } from './api';
import { ActionQueue } from './queue';

/** Who is signed in, shared by every page. */
export const me = $state<{ account: Account | null; checked: boolean }>({ account: null, checked: false });

export async function restore(): Promise<void> {
	if (await refresh()) {
		me.account = await api<Account>('/api/me').catch(() => null);
	}

	me.checked = true;
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
