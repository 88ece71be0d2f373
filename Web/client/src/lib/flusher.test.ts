import { describe, expect, it } from 'vitest';
import { Flusher, exclusive, type FlusherOptions, type Locks } from './flusher';
import type { FlushResult } from './queue';

/** A clock the test moves: scheduled runs happen only when it says so. */
class Clock {
	timers: { at: number; run: () => void }[] = [];
	now = 0;
	schedule = (run: () => void, ms: number) => {
		const timer = { at: this.now + ms, run };
		this.timers.push(timer);
		return () => (this.timers = this.timers.filter((t) => t !== timer));
	};
	/** The delays of the timers now waiting, from now. */
	get waiting() {
		return this.timers.map((t) => t.at - this.now);
	}
	async advance(ms: number) {
		this.now += ms;
		const due = this.timers.filter((t) => t.at <= this.now);
		this.timers = this.timers.filter((t) => t.at > this.now);
		for (const t of due) t.run();
		await settle();
	}
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(results: (FlushResult | 'busy')[], options: Partial<FlusherOptions> = {}) {
	const clock = new Clock();
	const calls = { flush: 0, concurrent: 0, most: 0, signedOut: 0 };
	let online = true;
	const flusher = new Flusher({
		flush: async () => {
			calls.flush++;
			calls.concurrent++;
			calls.most = Math.max(calls.most, calls.concurrent);
			await settle();
			calls.concurrent--;
			return results.shift() ?? 'drained';
		},
		online: () => online,
		signedOut: () => calls.signedOut++,
		schedule: clock.schedule,
		...options
	});
	return { clock, calls, flusher, setOnline: (value: boolean) => (online = value) };
}

describe('the flusher that sends the queue from any screen', () => {
	it('sends nothing more once the queue is drained: no timer while idle', async () => {
		const { clock, calls, flusher } = setup(['drained']);
		await flusher.kick();
		expect(calls.flush).toBe(1);
		expect(clock.timers).toEqual([]);
		await clock.advance(10 * 60_000);
		expect(calls.flush).toBe(1);
	});

	it('runs one pass at a time; a kick during a pass makes one more pass after it, not a second sender', async () => {
		const { calls, flusher } = setup(['drained', 'drained']);
		await Promise.all([flusher.kick(), flusher.kick(), flusher.kick()]);
		expect(calls.most).toBe(1);
		expect(calls.flush).toBe(2);
	});

	it('retries while something waits, backing off up to a limit', async () => {
		const { clock, calls, flusher } = setup(['waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'drained'], { baseDelay: 3000, maxDelay: 20_000 });
		await flusher.kick();
		const delays: number[] = [];
		while (clock.timers.length > 0) {
			delays.push(clock.waiting[0]);
			await clock.advance(clock.waiting[0]);
		}
		expect(delays).toEqual([3000, 6000, 12_000, 20_000, 20_000, 20_000, 20_000]);
		expect(calls.flush).toBe(8);
		expect(flusher.waiting).toBe(false);
	});

	it('waits at most 15 s between tries by default: a server back after a restart gets what waited within that', async () => {
		const { clock, flusher } = setup(['waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'drained']);
		await flusher.kick();
		const delays: number[] = [];
		while (clock.timers.length > 0) {
			delays.push(clock.waiting[0]);
			await clock.advance(clock.waiting[0]);
		}
		expect(delays).toEqual([3000, 6000, 12_000, 15_000, 15_000]);
	});

	it('tries again soon after a pass that got something through, not later and later', async () => {
		const { clock, flusher } = setup(['waiting', 'waiting', 'progress', 'waiting', 'drained'], { baseDelay: 3000, maxDelay: 60_000 });
		await flusher.kick();
		const delays: number[] = [];
		while (clock.timers.length > 0) {
			delays.push(clock.waiting[0]);
			await clock.advance(clock.waiting[0]);
		}
		expect(delays).toEqual([3000, 6000, 3000, 3000]);
	});

	it('starts again from the shortest delay when the connection comes back', async () => {
		const { clock, flusher } = setup(['waiting', 'waiting', 'waiting', 'waiting']);
		await flusher.kick();
		await clock.advance(3000);
		expect(clock.waiting).toEqual([6000]);
		await flusher.kick(true);
		expect(clock.waiting).toEqual([3000]);
	});

	it('does not try while the browser knows it is offline; the online event kicks it', async () => {
		const { clock, calls, flusher, setOnline } = setup(['drained']);
		setOnline(false);
		await flusher.kick();
		expect(calls.flush).toBe(0);
		expect(clock.timers).toEqual([]);
		setOnline(true);
		await flusher.kick(true);
		expect(calls.flush).toBe(1);
	});

	it('stops for good when the login is over, and says so', async () => {
		const { clock, calls, flusher } = setup(['signed-out']);
		await flusher.kick();
		expect(calls.signedOut).toBe(1);
		expect(clock.timers).toEqual([]);
		await flusher.kick(true);
		expect(calls.flush).toBe(1);
	});

	it('looks again later when another tab is sending', async () => {
		const { clock, calls, flusher } = setup(['busy', 'drained']);
		await flusher.kick();
		expect(clock.waiting).toEqual([3000]);
		await clock.advance(3000);
		expect(calls.flush).toBe(2);
		expect(clock.timers).toEqual([]);
	});

	it('sends nothing after it is stopped (signed out, another player)', async () => {
		const { clock, calls, flusher } = setup(['waiting']);
		await flusher.kick();
		flusher.stop();
		expect(clock.timers).toEqual([]);
		await flusher.kick();
		expect(calls.flush).toBe(1);
	});

	it('treats a failed pass as one to retry', async () => {
		const clock = new Clock();
		const flusher = new Flusher({ flush: () => Promise.reject(new Error('storage full')), online: () => true, signedOut: () => undefined, schedule: clock.schedule });
		await flusher.kick();
		expect(clock.waiting).toEqual([3000]);
	});
});

describe('one sending tab at a time', () => {
	/** Like navigator.locks: one holder per name; ifAvailable answers null when it is held. */
	class FakeLocks implements Locks {
		held = new Set<string>();
		async request<T>(name: string, _options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T> | T): Promise<T> {
			if (this.held.has(name)) return callback(null);
			this.held.add(name);
			try {
				return await callback({ name });
			} finally {
				this.held.delete(name);
			}
		}
	}

	it('lets one tab send the player’s queue while another tab is told it is busy', async () => {
		const locks = new FakeLocks();
		let release: () => void = () => undefined;
		const first = exclusive(locks, 'pt-queue:me', () => new Promise<FlushResult>((r) => (release = () => r('drained'))));
		expect(await exclusive(locks, 'pt-queue:me', async () => 'drained' as const)).toBe('busy');
		// Another player's queue is not held up.
		expect(await exclusive(locks, 'pt-queue:other', async () => 'drained' as const)).toBe('drained');
		release();
		expect(await first).toBe('drained');
		expect(await exclusive(locks, 'pt-queue:me', async () => 'waiting' as const)).toBe('waiting');
	});

	it('just sends where the browser has no locks', async () => {
		expect(await exclusive(undefined, 'pt-queue:me', async () => 'drained' as const)).toBe('drained');
	});
});
