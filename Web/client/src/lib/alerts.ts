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
	const latest = alerts.at(-1);
	return latest && !dismissed.includes(latest.id) ? latest : null;
}

/** The dismissed ids with this one added, newest last, at most {@link kept}. */
export function withDismissed(dismissed: readonly string[], id: string): string[] {
	return [...dismissed.filter((d) => d !== id), id].slice(-kept);
}

/** The alert to show on opening the live screen, from the session's alerts and what this player dismissed on this device. */
export const alertOnOpen = (alerts: Alert[]) => latestUndismissed(alerts, dismissed());

/** The player dismissed the banner: it stays away, also after a reload. */
export const dismissAlert = (id: string) => remember(dismissedKey, { ids: withDismissed(dismissed(), id) });

// Kept as an object: what is remembered merges with its fallback's fields.
const dismissedKey = 'dismissed-alerts';
const dismissed = () => remembered<{ ids: string[] }>(dismissedKey, { ids: [] }).ids;
