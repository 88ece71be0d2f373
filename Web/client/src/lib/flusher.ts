// Sends the player's queue from whichever screen is open: when the app starts signed in, when an
// action is queued, when the connection comes back, and on a timer while something waits. One
// pass at a time in this tab, and one tab at a time (a lock), so an action is never sent by two
// senders at once. With nothing queued it sends nothing: no timer runs while the queue is empty.

import type { FlushResult } from './queue';

export interface FlusherOptions {
	/** One pass over the queue; 'busy' when another tab is sending it. */
	flush: () => Promise<FlushResult | 'busy'>;
	/** False when the browser knows it has no network: the 'online' event kicks the flusher then. */
	online: () => boolean;
	/** The login is over: the flusher has stopped, the queue is kept for the player's next sign-in. */
	signedOut: () => void;
	schedule?: (run: () => void, ms: number) => () => void;
	/** The first retry's delay; each failed retry doubles it, up to maxDelay. */
	baseDelay?: number;
	maxDelay?: number;
}

const timeout = (run: () => void, ms: number) => {
	const handle = setTimeout(run, ms);
	return () => clearTimeout(handle);
};

export class Flusher {
	private running: Promise<void> | null = null;
	private again = false;
	private cancelTimer: (() => void) | null = null;
	private stopped = false;
	private delay: number;
	private readonly schedule: (run: () => void, ms: number) => () => void;
	private readonly baseDelay: number;
	private readonly maxDelay: number;

	constructor(private readonly options: FlusherOptions) {
		this.schedule = options.schedule ?? timeout;
		this.baseDelay = options.baseDelay ?? 3000;
		// At most 15 s between tries: a server back after a restart gets what waited within that, not a minute later.
		this.maxDelay = options.maxDelay ?? 15_000;
		this.delay = this.baseDelay;
	}

	/** Whether a retry is scheduled (something waits to be sent). */
	get waiting(): boolean {
		return this.cancelTimer !== null;
	}

	/**
	 * Sends what is queued now. `fresh`: the connection just came back, so a retry starts again
	 * from the shortest delay. Resolves when this pass (and one more, if kicked meanwhile) is over.
	 */
	kick(fresh = false): Promise<void> {
		if (this.stopped) return Promise.resolve();
		if (fresh) this.delay = this.baseDelay;
		if (this.running) {
			this.again = true;
			return this.running;
		}

		this.clearTimer();
		if (!this.options.online()) return Promise.resolve();
		this.running = this.run().finally(() => {
			this.running = null;
		});
		return this.running;
	}

	stop(): void {
		this.stopped = true;
		this.clearTimer();
	}

	private async run(): Promise<void> {
		let result: FlushResult | 'busy';
		do {
			this.again = false;
			try {
				result = await this.options.flush();
			} catch {
				result = 'waiting';
			}
		} while (this.again && !this.stopped && result !== 'signed-out');

		if (this.stopped) return;
		if (result === 'signed-out') {
			this.stop();
			this.options.signedOut();
		} else if (result === 'drained') {
			this.delay = this.baseDelay;
		} else if (result === 'progress') {
			// Something got through: the connection works, so what is left goes again soon.
			this.delay = this.baseDelay;
			this.later(this.baseDelay);
		} else if (result === 'busy') {
			// Another tab is sending: look again later whether anything is left.
			this.later(this.baseDelay);
		} else {
			this.later(this.delay);
			this.delay = Math.min(this.delay * 2, this.maxDelay);
		}
	}

	private later(ms: number): void {
		this.clearTimer();
		this.cancelTimer = this.schedule(() => {
			this.cancelTimer = null;
			void this.kick();
		}, ms);
	}

	private clearTimer(): void {
		this.cancelTimer?.();
		this.cancelTimer = null;
	}
}

/** The part of the Web Locks API the flusher uses. */
export interface Locks {
	request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T> | T): Promise<T>;
}

/** Runs `work` holding the named lock across the app's tabs, or answers 'busy' when another tab holds it. */
export function exclusive<T>(locks: Locks | undefined, name: string, work: () => Promise<T>): Promise<T | 'busy'> {
	if (!locks) return work();
	return locks.request<T | 'busy'>(name, { ifAvailable: true }, (lock) => (lock ? work() : 'busy'));
}
