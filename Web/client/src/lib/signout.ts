// Signing out ends the login on the server (its refresh token is revoked and the cookie cleared).
// Offline that cannot happen at once, and the app must not pretend it did: the refresh cookie
// would sign the phone back in on the next load. So the sign-out is recorded on the phone first;
// while it is recorded the app never renews the login, and it ends the login on the server as
// soon as it can (the connection back, the next load, before the next sign-in).

import { describeAction, type QueuedAction } from './queue';

export const signingOutKey = 'pt:signing-out';

export interface MarkerStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

/** Whether the server's answer to the logout means the login can no longer be renewed. */
export function logoutSettled(status: number): boolean {
	// 204: ended. 401: no refresh cookie, nothing left to end. 403: no CSRF cookie to go with it,
	// so the cookie cannot be used to renew either. Busy or failing servers: try again.
	return status < 500 && status !== 408 && status !== 429;
}

export class PendingSignOut {
	private completing: Promise<boolean> | null = null;

	/** `post` sends the logout and answers its status; it throws when the server cannot be reached. */
	constructor(
		private readonly storage: MarkerStorage,
		private readonly post: () => Promise<number>
	) {}

	/** A sign-out is recorded and not yet confirmed by the server. */
	get pending(): boolean {
		return this.storage.getItem(signingOutKey) !== null;
	}

	/** Signs out: 'done' when the server ended the login, 'pending' when it will be ended once the server is reachable. */
	async begin(): Promise<'done' | 'pending'> {
		this.storage.setItem(signingOutKey, new Date().toISOString());
		return (await this.complete()) ? 'done' : 'pending';
	}

	/** Ends a recorded sign-out on the server; true when nothing is left pending. One attempt at a time. */
	complete(): Promise<boolean> {
		if (!this.pending) return Promise.resolve(true);
		this.completing ??= this.post()
			.then((status) => logoutSettled(status), () => false)
			.then((settled) => {
				if (settled) this.storage.removeItem(signingOutKey);
				return settled;
			})
			.finally(() => (this.completing = null));
		return this.completing;
	}

	/** A new login replaced the cookie: the old one is out of the phone's reach. */
	clear(): void {
		this.storage.removeItem(signingOutKey);
	}
}

/**
 * What the player is asked before signing out with entries not yet sent (null: nothing to ask).
 * They stay on the phone, in this player's queue, and are sent when this player signs in here
 * again: never under another player's login.
 */
export function signOutWarning(pending: QueuedAction[]): string | null {
	if (pending.length === 0) return null;
	const shown = pending.slice(0, 3).map(describeAction).join(', ');
	const more = pending.length > 3 ? ` and ${pending.length - 3} more` : '';
	const count = pending.length === 1 ? '1 entry has' : `${pending.length} entries have`;
	return `${count} not been sent yet (${shown}${more}). If you sign out now, they stay on this phone and are sent only when you sign in here again. Sign out anyway?`;
}
