import type { Alert } from './types';
import { remember, remembered } from './state.svelte';
import { alertText } from './figures';

/** How many dismissed alerts a device keeps in mind: far more than a session raises. */
const kept = 100;

/**
 * The alert the live screen shows when it opens: the session's latest, unless the player dismissed
 * it. A reload (the phone drops the page often on casino Wi-Fi) does not take a warning away that
 * was never read; an older alert never comes back once a newer one was dismissed.
 */
export function latestUndismissed(alerts: Alert[], dismissed: readonly string[]): Alert | null {
	return unseen(alerts, dismissed).at(-1) ?? null;
}

/**
 * The alerts raised since the last one the player dismissed, oldest first: the banner shows the
 * latest and says how many came before it (a stop-loss, then a time limit while the app was closed).
 */
export function unseen(alerts: Alert[], dismissed: readonly string[]): Alert[] {
	const last = alerts.findLastIndex((a) => dismissed.includes(a.id));
	return alerts.slice(last + 1);
}

/** The dismissed ids with this one added, newest last, at most {@link kept}. */
export function withDismissed(dismissed: readonly string[], id: string): string[] {
	return [...dismissed.filter((d) => d !== id), id].slice(-kept);
}

/** The alerts to show on opening the live screen (the banner's is the last), from the session's alerts and what this player dismissed on this device. */
export const alertsOnOpen = (alerts: Alert[]) => unseen(alerts, dismissed());

/** The player dismissed the banner (its alert and those it said came before): they stay away, also after a reload. */
export const dismissAlert = (...ids: string[]) => remember(dismissedKey, { ids: ids.reduce((all, id) => withDismissed(all, id), dismissed()) });

// Kept as an object: what is remembered merges with its fallback's fields.
const dismissedKey = 'dismissed-alerts';
const dismissed = () => remembered<{ ids: string[] }>(dismissedKey, { ids: [] }).ids;

/**
 * The alerts on screen after the session's list was read again (after a drop): the listed ones in their
 * order, then any shown that the list does not have yet (raised as it was read), the banner's last; and
 * those that are new to the screen, to be notified of.
 */
export function withListed(listed: Alert[], shown: Alert[]): { all: Alert[]; fresh: Alert[] } {
	const all = [...listed, ...shown.filter((a) => !listed.some((x) => x.id === a.id))];
	return { all, fresh: all.filter((a) => !shown.some((x) => x.id === a.id)) };
}

/**
 * In the background (another app in front, the screen off) the banner is not seen: the service worker
 * shows the alert as a notification instead (tagged with its id, so the same alert twice is one).
 */
export function notifyInBackground(a: Alert, url: string) {
	if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || document.visibilityState !== 'hidden') return;
	void navigator.serviceWorker?.ready.then((registration) =>
		registration.showNotification(a.kind === 'tilt' ? 'Tilt warning' : 'Limit reached', {
			body: `${alertText(a.reasons)} ${a.recommendation}`,
			tag: a.id,
			icon: '/icons/icon-192.png',
			data: { url }
		})
	);
}
