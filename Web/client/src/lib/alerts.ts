import type { Alert } from './types';
import { remember, remembered } from './state.svelte';

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
