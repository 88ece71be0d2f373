import { describe, expect, it } from 'vitest';
import { ActionQueue, type QueuedAction } from './queue';
import { MemoryStorage, TabStorage } from './testing';

let counter = 0;
const ids = () => `e-${++counter}`;

describe('the offline queue in two tabs of the app', () => {
	for (const first of ['the sending tab', 'the queuing tab'] as const) {
		it(`keeps an action queued in one tab while the other sends the queue (${first}'s change reaches the browser first)`, async () => {
			const [a, b] = TabStorage.pair();
			const inA = new ActionQueue(a, 'me', ids);
			const inB = new ActionQueue(b, 'me', ids);
			const rebuy = inA.enqueue({ method: 'POST', path: '/api/sessions/s1/rebuys', body: { amount: 20000 }, label: 'Rebuy' });
			a.deliver();

			// Tab A sends the rebuy; while its answer is on the way, the player logs a stack update in tab B.
			let stack: QueuedAction | null = null;
			await inA.flush(async () => {
				stack = inB.enqueue({ method: 'POST', path: '/api/sessions/s1/stack', body: { amount: 41000 }, label: 'Stack update' });
				return 'sent';
			});
			if (first === 'the sending tab') {
				a.deliver();
				b.deliver();
			} else {
				b.deliver();
				a.deliver();
			}

			// Both tabs agree: the rebuy is sent, the stack update still waits, in both.
			expect(inA.pending.map((x) => x.id)).toEqual([stack!.id]);
			expect(inB.pending.map((x) => x.id)).toEqual([stack!.id]);
			const sent: string[] = [];
			await inA.flush(async (x) => (sent.push(x.id), 'sent'));
			expect(sent).toEqual([stack!.id]);
			expect(sent).not.toContain(rebuy.id);
		});
	}

	it('keeps a refusal recorded in one tab while the player dismisses another in the other tab', async () => {
		const [a, b] = TabStorage.pair();
		const inA = new ActionQueue(a, 'me', ids);
		const inB = new ActionQueue(b, 'me', ids);
		const old = inA.enqueue({ method: 'POST', path: '/api/sessions/s1/notes', body: { text: 'old' }, label: 'Note' });
		await inA.flush(async () => ({ refused: 'the session was discarded' }));
		const late = inA.enqueue({ method: 'POST', path: '/api/sessions/s1/stack', body: { amount: 1 }, label: 'Stack update' });
		a.deliver();

		inB.dismiss(old.id);
		await inA.flush(async () => ({ refused: 'the session was discarded' }));
		b.deliver();
		a.deliver();

		expect(inA.refused.map((x) => x.id)).toEqual([late.id]);
		expect(inB.refused.map((x) => x.id)).toEqual([late.id]);
	});
});

describe('the offline queue kept by an older version', () => {
	it('sends the entries of the one-item list first, in their order, then what is queued now', async () => {
		const storage = new MemoryStorage();
		const old = (id: string, path: string) => ({ id, method: 'POST', path, label: 'Stack update', queuedAt: '2026-12-01T20:00:00.000Z' });
		storage.setItem('pt-queue:me', JSON.stringify([old('z-old', '/first'), old('a-old', '/second')]));
		storage.setItem('pt-refused:me', JSON.stringify([{ ...old('r-old', '/refused'), reason: 'the session was not found', refusedAt: '2026-12-01T20:01:00.000Z' }]));
		const queue = new ActionQueue(storage, 'me', ids);
		queue.enqueue({ method: 'POST', path: '/third', label: 'Stack update' });

		const sent: string[] = [];
		expect(await queue.flush(async (x) => (sent.push(`${x.id} ${x.path}`), 'sent'))).toBe('drained');
		expect(sent.slice(0, 2)).toEqual(['z-old /first', 'a-old /second']);
		expect(sent[2]).toMatch(/ \/third$/);
		expect(queue.refused.map((x) => x.reason)).toEqual(['the session was not found']);
		expect(storage.getItem('pt-queue:me')).toBeNull();
		expect(storage.getItem('pt-refused:me')).toBeNull();
	});

	it('keeps the order in which a tab queued even when the clock goes back', async () => {
		// Each queuing reads the clock twice (when it was queued, and its place): 21:00, then 20:59.
		const times = ['21:00', '21:00', '20:59', '20:59'].map((t) => Date.parse(`2026-12-01T${t}:00Z`));
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids, () => new Date(times.shift() ?? 0));
		const first = queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		const second = queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
		expect(queue.pending.map((x) => x.id)).toEqual([first.id, second.id]);
		expect(second.queuedAt).toBe('2026-12-01T20:59:00.000Z');
	});

	it('forgets every entry of a deleted account, and only that account’s', () => {
		const storage = new MemoryStorage();
		const mine = new ActionQueue(storage, 'me', ids);
		const theirs = new ActionQueue(storage, 'me2', ids);
		mine.enqueue({ method: 'POST', path: '/a', label: 'a' });
		mine.enqueue({ method: 'POST', path: '/b', label: 'b' });
		theirs.enqueue({ method: 'POST', path: '/c', label: 'c' });
		mine.forget();
		expect(mine.pending).toEqual([]);
		expect(theirs.pending.map((x) => x.path)).toEqual(['/c']);
	});
});
