import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('./api', () => ({ request: vi.fn() }));

import { request } from './api';
import { openStream } from './live';

/** A stream the server sends one event on, then ends after `endsAfter` ms (never when null). */
function answer(endsAfter: number | null): Response {
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(new TextEncoder().encode('id: 1\nevent: StackUpdated\ndata: {}\n\n'));
			if (endsAfter !== null) setTimeout(() => controller.close(), endsAfter);
		}
	});
	return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('a stream the server ends', () => {
	afterEach(() => {
		vi.useRealTimers();
		(request as Mock).mockReset();
	});

	it('after a while (its sign-in ran out) is opened again at once, the screen still live', async () => {
		vi.useFakeTimers();
		const ends = [15 * 60_000, null];
		(request as Mock).mockImplementation(async () => answer(ends.shift() ?? null));
		const states: boolean[] = [];
		const stop = openStream('/api/me/events', () => {}, (c) => states.push(c));
		await vi.advanceTimersByTimeAsync(15 * 60_000 + 50);
		expect((request as Mock).mock.calls.length).toBe(2);
		expect(states).toEqual([true, true]);
		stop();
	});

	it('at once after it opened waits as after a failure, and says so', async () => {
		vi.useFakeTimers();
		const ends = [100, null];
		(request as Mock).mockImplementation(async () => answer(ends.shift() ?? null));
		const states: boolean[] = [];
		const stop = openStream('/api/me/events', () => {}, (c) => states.push(c));
		await vi.advanceTimersByTimeAsync(1000);
		expect((request as Mock).mock.calls.length).toBe(1);
		expect(states).toEqual([true, false]);
		await vi.advanceTimersByTimeAsync(2000);
		expect(states).toEqual([true, false, true]);
		stop();
	});
});
