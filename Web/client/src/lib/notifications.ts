import { api, request, send } from './api';
import { remember, remembered } from './state.svelte';

// Alerts while the app is in the background or closed: permission to notify, then a push
// subscription (the browser's push service, VAPID key from the server) stored for this player.

function key(base64Url: string): Uint8Array<ArrayBuffer> {
	const text = atob(base64Url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64Url.length / 4) * 4, '='));
	return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export type AlertsOutcome = 'push' | 'page-only' | 'denied' | 'unsupported';

/** Asks for permission and subscribes this device; says how far it got. */
export async function enableAlerts(): Promise<AlertsOutcome> {
	if (typeof Notification === 'undefined') return 'unsupported';
	if ((await Notification.requestPermission()) !== 'granted') return 'denied';
	try {
		const registration = await navigator.serviceWorker.ready;
		const { publicKey } = await api<{ publicKey: string }>('/api/push/key');
		const subscription =
			(await registration.pushManager.getSubscription()) ??
			(await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(publicKey) }));
		await send('PUT', '/api/push/subscription', subscription.toJSON());
		remember('alerts', { on: true }); // this player wants them on this device: back after a sign-out and in
		return 'push';
	} catch {
		// No push service reachable (or none in this browser): alerts still show while the app is open.
		return 'page-only';
	}
}

/**
 * This device stops receiving the signed-in player's alerts (they sign out: the next player on a
 * shared phone must not get them). The browser's subscription ends at once, offline too, so its
 * push service refuses whatever is sent to it; the server forgets it now while the login still
 * holds (`tellServer`), or at its next push, which is refused as gone. Never takes more than `waitMs`.
 */
export async function forgetDeviceAlerts({ tellServer = true, waitMs = 3000 } = {}): Promise<void> {
	const work = (async () => {
		const registration = await navigator.serviceWorker?.getRegistration();
		const subscription = await registration?.pushManager?.getSubscription();
		if (!subscription) return;
		const endpoint = subscription.endpoint;
		await subscription.unsubscribe();
		if (tellServer) await request(`/api/push/subscription?${new URLSearchParams({ endpoint })}`, { method: 'DELETE' });
	})().catch(() => undefined);
	await Promise.race([work, new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

/**
 * A player who turned alerts on here gets them back when they sign in again: signing out ended the
 * device's subscription (for the next player's sake), and the browser's permission stays granted,
 * so nothing would ask them again.
 */
export async function restoreDeviceAlerts(): Promise<void> {
	if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !remembered('alerts', { on: false }).on) return;
	const registration = await navigator.serviceWorker?.getRegistration();
	if (!registration?.pushManager || (await registration.pushManager.getSubscription())) return;
	await enableAlerts();
}

export const alertsMessage: Record<AlertsOutcome, string> = {
	push: 'Alerts will reach this device, even with the app closed.',
	'page-only': 'Alerts will show while PokerTracker is open (this browser could not subscribe to push).',
	denied: 'Notifications are blocked for PokerTracker in this browser’s settings.',
	unsupported: 'This browser cannot show notifications.'
};
