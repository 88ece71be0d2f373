import { type Account, type LoginEnd, api, auth, completeSignOut, onLoginEnded, onReachable, renew, request, signOutPending } from './api';
import { Flusher, exclusive, type Locks } from './flusher';
import { ActionQueue, classify, type QueuedAction, type QueueView, type Sender } from './queue';

/**
 * Who is signed in, shared by every page. With no network the player stays signed in as the
 * account last seen on this device, and the pages show the data last loaded (`offline`).
 * `notice` says why the sign-in form shows (the login ended elsewhere, a sign-out not yet
 * confirmed by the server).
 */
export const me = $state<{ account: Account | null; checked: boolean; offline: boolean; notice: string }>({
	account: null,
	checked: false,
	offline: false,
	notice: ''
});

export const notices = {
	ended:
		'Your sign-in has ended (for example with “Sign out everywhere” on another device). Sign in again to carry on: what you entered on this device and was not sent yet is kept, and sent once you are signed in.',
	deleted: 'Your account is deleted, with every session, note, alert and hand in it.',
	deletedElsewhere: 'This account was deleted on another device, with everything in it.',
	signedOutInTab: 'You signed out in another tab of PokerTracker.',
	signOutPending:
		'You are signed out on this phone. It was offline, so your login is ended on the server as soon as the connection is back; until then this phone does not sign you in again.'
};

const accountKey = 'pt:account';
// Why the sign-in form shows, kept across a reload until the player signs in again.
const endedKey = 'pt:login-ended';

export async function restore(): Promise<void> {
	const renewal = await renew();
	if (renewal === 'ok') {
		const account = await api<Account>('/api/me').catch(() => null);
		if (account) signedIn(account);
		else offlineAs(lastAccount());
	} else if (renewal === 'offline') {
		offlineAs(lastAccount());
	} else {
		// A sign-out made offline, still to be confirmed; or the login ended while the app was closed
		// (its account perhaps deleted on another device).
		const last = lastAccount();
		const ended = localStorage.getItem(endedKey);
		if (signOutPending()) me.notice = notices.signOutPending;
		else if (ended === 'deleted-here') me.notice = notices.deleted;
		else if (endedBecause === 'deleted' || ended === 'deleted') {
			if (last) new ActionQueue(localStorage, last.id).forget();
			me.notice = notices.deletedElsewhere;
			localStorage.setItem(endedKey, 'deleted');
		} else if (last || ended) me.notice = notices.ended;
		signedIn(null);
	}

	me.checked = true;
}

function offlineAs(account: Account | null): void {
	me.account = account;
	me.offline = true;
}

/** Back online: the token is renewed and the pages load fresh data. Never once the player has signed out. */
export async function reconnect(): Promise<void> {
	if (!me.account) {
		// Signed out offline: the login is ended on the server now.
		if (signOutPending()) void completeSignOut();
		return;
	}

	// 'signed-out' is handled where every renewal reports it (below).
	if ((await renew()) === 'ok') me.offline = false;
}

// The server says the login is over (signed out everywhere, expired): the sign-in form shows on
// every page, and the player's queue waits, kept, for the same player to sign in again.
let endedBecause: LoginEnd = 'ended';
onLoginEnded((why) => {
	endedBecause = why;
	if (!me.account) return;
	if (why === 'deleted') {
		// Nothing waiting on this device can be sent to an account that is gone.
		const lost = queued.pending.length;
		actionQueue().forget();
		me.notice = notices.deletedElsewhere + (lost > 0 ? ` The ${lost === 1 ? 'entry' : `${lost} entries`} waiting on this device to be sent had nowhere to go.` : '');
		localStorage.setItem(endedKey, 'deleted');
	} else {
		me.notice = notices.ended;
		localStorage.setItem(endedKey, '1');
	}
	signedIn(null);
	resetQueue();
});

/** The account was deleted from this device: what waited here is dropped, and the sign-in form says so, also after a reload. */
export function accountDeleted(): void {
	if (me.account) actionQueue().forget();
	// Why first: another tab reads it when it hears that the account is gone from this device.
	localStorage.setItem(endedKey, 'deleted-here');
	signedIn(null);
	resetQueue();
	me.notice = notices.deleted;
}

/** Records who is signed in on this device (for offline start-up and the worker's per-player cache). */
export function signedIn(account: Account | null): void {
	const previous = lastAccount();
	me.account = account;
	me.offline = false;
	if (account) {
		me.notice = '';
		localStorage.removeItem(endedKey);
		localStorage.setItem(accountKey, JSON.stringify(account));
		if (previous && previous.id !== account.id) tellWorker({ type: 'forget' });
		tellWorker({ type: 'account', account: account.id });
	} else {
		localStorage.removeItem(accountKey);
		if (previous) tellWorker({ type: 'forget' });
	}
}

/**
 * Another tab of the app changed the storage: a queue it sent, or a sign-out or sign-in there.
 * This tab follows, so it never sends one player's entries while another is signed in.
 */
export function storageChanged(key: string | null): void {
	if (key?.startsWith('pt-queue:') || key?.startsWith('pt-refused:')) queue?.changed();
	if (key !== accountKey && key !== null) return;
	const now = lastAccount();
	if (now?.id === me.account?.id) return;
	auth.clear();
	resetQueue();
	// Signed out there: this tab says why, as the one that learnt it does (the other tab wrote the reason first).
	if (!now && me.account) me.notice = whyEndedElsewhere();
	me.account = now;
}

function whyEndedElsewhere(): string {
	const ended = localStorage.getItem(endedKey);
	if (signOutPending()) return notices.signOutPending;
	if (ended === 'deleted' || ended === 'deleted-here') return notices.deletedElsewhere;
	return ended ? notices.ended : notices.signedOutInTab;
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

/** The signed-in player's queue as the pages show it: what waits to be sent, what the server refused. */
export const queued = $state<QueueView>({ pending: [], refused: [] });

/** The signed-in player's offline queue (each player has their own on a shared phone). */
export function actionQueue(): ActionQueue {
	if (!me.account) throw new Error('not signed in');
	if (queue?.owner !== me.account.id) queue = new ActionQueue(localStorage, me.account.id);
	return queue;
}

export function resetQueue(): void {
	queue = null;
	queued.pending = [];
	queued.refused = [];
}

let flusher: Flusher | null = null;
const sentListeners = new Set<(action: QueuedAction, answer: unknown) => void>();

/** Called with the server's answer (the session after it) for each queued action sent. */
export function onSent(listener: (action: QueuedAction, answer: unknown) => void): () => void {
	sentListeners.add(listener);
	return () => sentListeners.delete(listener);
}

function senderFor(owner: string): Sender {
	return async (action) => {
		// Only ever under the login of the player who queued it.
		if (me.account?.id !== owner) return 'retry';
		let response: Response;
		try {
			response = await request(action.path, {
				method: action.method,
				body: action.body === undefined ? undefined : JSON.stringify(action.body),
				headers: { 'Idempotency-Key': action.id },
				// A request the casino Wi-Fi swallowed without an answer is given up and sent again (same key),
				// rather than holding every entry after it, in every tab, until the browser gives up.
				signal: AbortSignal.timeout(20_000)
			});
		} catch {
			return 'retry';
		}

		if (response.ok) {
			const answer: unknown = await response.json().catch(() => null);
			for (const listener of sentListeners) listener(action, answer);
			return 'sent';
		}

		return classify(response.status, await response.json().catch(() => null), auth.ended, action.method);
	};
}

/**
 * Sends the signed-in player's queue from whatever screen is open, until the returned stop is
 * called (signed out, another player): at once, when an action is queued, when the connection
 * or the tab comes back, and while something waits, on a timer that backs off.
 */
export function startSending(): () => void {
	const own = actionQueue();
	const send = senderFor(own.owner);
	const unsubscribe = own.subscribe((view) => {
		queued.pending = view.pending;
		queued.refused = view.refused;
	});
	const sender = new Flusher({
		flush: () => exclusive(navigator.locks as Locks | undefined, `pt-queue:${own.owner}`, () => own.flush(send)),
		online: () => navigator.onLine,
		// The renewal that found the login over has already shown the sign-in form (onLoginEnded).
		signedOut: () => undefined
	});
	flusher = sender;
	const back = () => void sender.kick(true);
	const shown = () => {
		if (document.visibilityState === 'visible') void sender.kick();
	};
	window.addEventListener('online', back);
	document.addEventListener('visibilitychange', shown);
	// The server answers again (a restart, a proxy that had no server behind it): send now, not at the end of the back-off.
	const offReachable = onReachable(back);
	void sender.kick();
	return () => {
		offReachable();
		sender.stop();
		if (flusher === sender) flusher = null;
		unsubscribe();
		window.removeEventListener('online', back);
		document.removeEventListener('visibilitychange', shown);
	};
}

/** Queues an action of the signed-in player and sends it (now if the connection allows). */
export function queueAction(action: Omit<QueuedAction, 'id' | 'queuedAt'>): QueuedAction {
	const queuedAction = actionQueue().enqueue(action);
	void flusher?.kick();
	return queuedAction;
}

/** Sends what is queued now; resolves when that try is over (sent, refused, or kept for later). */
export function flushNow(): Promise<void> {
	return flusher?.kick() ?? Promise.resolve();
}

/**
 * Remembered between visits (start form, last setup, settings), for the signed-in player only: on a
 * shared phone the next player neither sees nor starts from another's venue, tags or settings. What
 * was kept for the device before that (one unscoped copy) goes to the first player who reads it.
 */
export function remembered<T>(key: string, fallback: T): T {
	const scoped = scopedKey(key);
	try {
		let text = localStorage.getItem(scoped);
		if (text === null && scoped !== `pt:${key}` && (text = localStorage.getItem(`pt:${key}`)) !== null) {
			localStorage.setItem(scoped, text);
			localStorage.removeItem(`pt:${key}`);
		}
		return { ...fallback, ...JSON.parse(text ?? '{}') };
	} catch {
		return fallback;
	}
}

export function remember(key: string, value: unknown): void {
	localStorage.setItem(scopedKey(key), JSON.stringify(value));
}

const scopedKey = (key: string) => (me.account ? `pt:${me.account.id}:${key}` : `pt:${key}`);

/** The player's preferences; the time zone is the browser's unless they chose another. */
export function preferences(): { timeZone: string; currency: string } {
	const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
	const stored = remembered('prefs', { timeZone: browser, currency: 'USD' });
	return { timeZone: stored.timeZone || browser, currency: stored.currency || 'USD' };
}
