import { describe, expect, it } from 'vitest';
import { ActionQueue, type QueuedAction } from './queue';

class MemoryStorage {
	private data = new Map<string, string>();
	getItem(key: string) {
		return this.data.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.data.set(key, value);
	}
}

let counter = 0;
const ids = () => `id-${++counter}`;

describe('the offline action queue', () => {
	it('sends queued actions in order, once each', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
		queue.enqueue({ method: 'POST', path: '/c', label: 'c' });
		const sent: string[] = [];
		await queue.flush(async (a) => {
			sent.push(a.path);
			return 'sent';
		});
		expect(sent).toEqual(['/a', '/b', '/c']);
		expect(queue.pending).toEqual([]);
	});

	it('keeps the action that failed and all after it, with their ids, for the next try', async () => {
		const storage = new MemoryStorage();
		const queue = new ActionQueue(storage, 'me', ids);
		const first = queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		const second = queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
		await queue.flush(async () => 'retry');
		expect(queue.pending.map((a) => a.id)).toEqual([first.id, second.id]);

		// The page reloads: the queue survives in storage, and the retry reuses the same ids.
		const reloaded = new ActionQueue(storage, 'me', ids);
		const seen: QueuedAction[] = [];
		await reloaded.flush(async (a) => {
			seen.push(a);
			return 'sent';
		});
		expect(seen.map((a) => a.id)).toEqual([first.id, second.id]);
	});

	it('drops an action the server rejects so it does not block the queue', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		queue.enqueue({ method: 'POST', path: '/bad', label: 'bad' });
		queue.enqueue({ method: 'POST', path: '/good', label: 'good' });
		const sent: string[] = [];
		await queue.flush(async (a) => {
			sent.push(a.path);
			return a.path === '/bad' ? 'rejected' : 'sent';
		});
		expect(sent).toEqual(['/bad', '/good']);
		expect(queue.pending).toEqual([]);
	});

	it('never runs two flushes at once (no duplicate sends)', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		let calls = 0;
		const send = async () => {
			calls++;
			await new Promise((r) => setTimeout(r, 10));
			return 'sent' as const;
		};
		await Promise.all([queue.flush(send), queue.flush(send)]);
		expect(calls).toBe(1);
	});

	it('tells subscribers what is pending', () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		const seen: number[] = [];
		queue.subscribe((p) => seen.push(p.length));
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		expect(seen).toEqual([0, 1]);
	});
});
