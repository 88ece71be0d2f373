import { describe, expect, it } from 'vitest';
import { ActionQueue, canAddToSession, classify, describeAction, forSession, refusalReason, sessionsWithRefused, type Outcome, type QueuedAction, type RefusedAction } from './queue';
import { MemoryStorage } from './testing';

let counter = 0;
const ids = () => `id-${++counter}`;
const ended = { title: 'The session cannot do that now.', detail: 'The session has ended: change it with a correction (PATCH) instead.' };

describe('the offline action queue', () => {
	it('sends queued actions in order, once each', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
		queue.enqueue({ method: 'POST', path: '/c', label: 'c' });
		const sent: string[] = [];
		const result = await queue.flush(async (a) => {
			sent.push(a.path);
			return 'sent';
		});
		expect(sent).toEqual(['/a', '/b', '/c']);
		expect(result).toBe('drained');
		expect(queue.pending).toEqual([]);
	});

	it('names each action by a time-ordered id that says when it was queued (UUIDv7)', () => {
		const before = Date.now();
		const queued = new ActionQueue(new MemoryStorage(), 'me').enqueue({ method: 'POST', path: '/a', label: 'a' });
		expect(queued.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		const ms = parseInt(queued.id.replace(/-/g, '').slice(0, 12), 16);
		expect(ms).toBeGreaterThanOrEqual(before);
		expect(ms).toBeLessThanOrEqual(Date.now());
	});

	it('keeps the action that failed and all after it, with their ids, for the next try', async () => {
		const storage = new MemoryStorage();
		const queue = new ActionQueue(storage, 'me', ids);
		const first = queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		const second = queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
		expect(await queue.flush(async () => 'retry')).toBe('waiting');
		expect(queue.pending.map((a) => a.id)).toEqual([first.id, second.id]);
		// One went through before the next had to wait: that is progress, and says so.
		let answers = 0;
		expect(await new ActionQueue(new MemoryStorage(), 'me', ids).flush(async () => 'sent')).toBe('drained');
		const partly = new ActionQueue(new MemoryStorage(), 'me', ids);
		partly.enqueue({ method: 'POST', path: '/a', label: 'a' });
		partly.enqueue({ method: 'POST', path: '/b', label: 'b' });
		expect(await partly.flush(async () => (answers++ === 0 ? 'sent' : 'retry'))).toBe('progress');
		expect(partly.pending.map((a) => a.path)).toEqual(['/b']);

		// The page reloads: the queue survives in storage, and the retry reuses the same ids.
		const reloaded = new ActionQueue(storage, 'me', ids);
		const seen: QueuedAction[] = [];
		await reloaded.flush(async (a) => {
			seen.push(a);
			return 'sent';
		});
		expect(seen.map((a) => a.id)).toEqual([first.id, second.id]);
	});

	it('keeps a refused action, with its reason, in the refused list: it does not block the rest and is not dropped', async () => {
		const storage = new MemoryStorage();
		const queue = new ActionQueue(storage, 'me', ids);
		const bad = queue.enqueue({ method: 'POST', path: '/bad', label: 'bad' });
		queue.enqueue({ method: 'POST', path: '/good', label: 'good' });
		const sent: string[] = [];
		await queue.flush(async (a) => {
			sent.push(a.path);
			return a.path === '/bad' ? { refused: 'the session had already ended' } : 'sent';
		});
		expect(sent).toEqual(['/bad', '/good']);
		expect(queue.pending).toEqual([]);
		expect(queue.refused).toEqual([expect.objectContaining({ id: bad.id, path: '/bad', reason: 'the session had already ended' })]);
		// Still there after a reload, until the player dismisses it.
		const reloaded = new ActionQueue(storage, 'me', ids);
		expect(reloaded.refused.map((a) => a.id)).toEqual([bad.id]);
		reloaded.dismiss(bad.id);
		expect(reloaded.refused).toEqual([]);
		expect(new ActionQueue(storage, 'me', ids).refused).toEqual([]);
	});

	it('keeps every entry refused after another device ended the session, each with its reason', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		const path = (p: string) => `/api/sessions/s1${p}`;
		for (const amount of [30000, 28000, 31000, 29000, 35000, 40000]) queue.enqueue({ method: 'POST', path: path('/stack'), body: { amount }, label: 'Stack update', sessionId: 's1', currency: 'USD' });
		queue.enqueue({ method: 'POST', path: path('/notes'), body: { text: 'Seat 4 limps AA', at: '2026-12-01T22:00:00Z' }, label: 'Note', sessionId: 's1', currency: 'USD' });
		queue.enqueue({ method: 'POST', path: path('/expenses'), body: { kind: 'tips', amount: 1200 }, label: 'Expense', sessionId: 's1', currency: 'USD' });
		await queue.flush(async (a) =>
			a.path.endsWith('/notes')
				? classify(400, { title: 'One or more fields are invalid.', errors: { at: ['Cannot be after the session ended.'] } }, false)
				: classify(409, ended, false)
		);
		expect(queue.pending).toEqual([]);
		expect(queue.refused).toHaveLength(8);
		expect(queue.refused.map((a) => `Not saved: ${describeAction(a)} — ${a.reason}`)).toContain('Not saved: Expense $12.00 (tips) — the session was ended (here or on another device) before this could be sent');
		expect(queue.refused.find((a) => a.label === 'Note')?.reason).toBe('the session had already ended when it was entered');
	});

	it('stops when the login is over and keeps the action and all after it for the same player’s next sign-in', async () => {
		const storage = new MemoryStorage();
		const queue = new ActionQueue(storage, 'me', ids);
		const first = queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		const second = queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
		let calls = 0;
		const result = await queue.flush(async () => {
			calls++;
			return classify(401, null, true);
		});
		expect(result).toBe('signed-out');
		expect(calls).toBe(1);
		expect(queue.pending.map((a) => a.id)).toEqual([first.id, second.id]);
		expect(queue.refused).toEqual([]);

		// Another player signs in on the phone: their queue is their own, empty.
		const other = new ActionQueue(storage, 'someone-else', ids);
		const sentByOther: string[] = [];
		await other.flush(async (a) => {
			sentByOther.push(a.id);
			return 'sent';
		});
		expect(sentByOther).toEqual([]);
		expect(other.pending).toEqual([]);

		// The same player signs in again: everything is sent, with its original ids.
		const again = new ActionQueue(storage, 'me', ids);
		const sent: string[] = [];
		await again.flush(async (a) => {
			sent.push(a.id);
			return 'sent';
		});
		expect(sent).toEqual([first.id, second.id]);
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

	it('sends what is queued after a flush of an empty queue (an idle flush does not wedge the next)', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		const sent: string[] = [];
		const send = async (a: QueuedAction): Promise<Outcome> => {
			sent.push(a.path);
			return 'sent';
		};
		expect(await queue.flush(send)).toBe('drained');
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		await queue.flush(send);
		expect(sent).toEqual(['/a']);
	});

	it('sends an action queued while a flush is under way in that same flush', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		const sent: string[] = [];
		await queue.flush(async (a) => {
			if (a.path === '/a') queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
			sent.push(a.path);
			return 'sent';
		});
		expect(sent).toEqual(['/a', '/b']);
	});

	it('tells subscribers what is pending and what was refused', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		const seen: string[] = [];
		queue.subscribe((v) => seen.push(`${v.pending.length}/${v.refused.length}`));
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		await queue.flush(async () => ({ refused: 'no' }));
		expect(seen).toEqual(['0/0', '1/0', '0/1']);
	});

	it('adds a refused note to the ended session again as a new action, without its time', async () => {
		const queue = new ActionQueue(new MemoryStorage(), 'me', ids);
		const note = queue.enqueue({ method: 'POST', path: '/api/sessions/s1/notes', body: { text: 'hi', at: '2026-12-01T22:00:00Z' }, label: 'Note', sessionId: 's1', currency: 'USD' });
		await queue.flush(async () => ({ refused: 'the session had already ended when it was entered' }));
		const again = queue.requeue(note.id, { text: 'hi' });
		expect(again?.id).not.toBe(note.id);
		expect(queue.refused).toEqual([]);
		expect(queue.pending).toEqual([expect.objectContaining({ path: '/api/sessions/s1/notes', body: { text: 'hi' }, label: 'Note', sessionId: 's1' })]);
		expect(queue.requeue('unknown', {})).toBeNull();
	});

	it('forgets a deleted account’s entries', async () => {
		const storage = new MemoryStorage();
		const queue = new ActionQueue(storage, 'me', ids);
		queue.enqueue({ method: 'POST', path: '/a', label: 'a' });
		queue.enqueue({ method: 'POST', path: '/b', label: 'b' });
		await queue.flush(async (a) => (a.path === '/a' ? { refused: 'no' } : 'retry'));
		queue.forget();
		expect(storage.data.size).toBe(0);
	});
});

describe('what an answer means for a queued action', () => {
	it('retries what may work later: the network, a busy server, a renewal that could not reach the server', () => {
		expect(classify(503, null, false)).toBe('retry');
		expect(classify(500, null, false)).toBe('retry');
		expect(classify(429, null, false)).toBe('retry');
		expect(classify(408, null, false)).toBe('retry');
		expect(classify(409, { detail: 'The session is changing too fast; try again.' }, false)).toBe('retry');
		// Taken back on another device already: done, not a refusal.
		expect(classify(404, { title: 'Expense not found.', detail: 'The session has no expense #7 (it may have been deleted).' }, false, 'DELETE')).toBe('sent');
		expect(classify(404, { title: 'Note not found.' }, false, 'DELETE')).toBe('sent');
		expect(classify(404, { title: 'Session not found.', detail: 'Session x was not found.' }, false, 'DELETE')).toEqual({ refused: 'the session was not found' });
		expect(classify(404, { title: 'Note not found.', detail: 'The session has no note #3 (it may have been deleted).' }, false, 'PUT')).toEqual({
			refused: 'The session has no note #3 (it may have been deleted).'
		});
		expect(classify(401, null, false)).toBe('retry');
	});

	it('stops at a 401 once the login is over', () => {
		expect(classify(401, null, true)).toBe('signed-out');
	});

	it('refuses for good with the reason the player reads', () => {
		expect(classify(409, ended, false)).toEqual({ refused: 'the session was ended (here or on another device) before this could be sent' });
		expect(classify(409, { detail: 'The session was discarded.' }, false)).toEqual({ refused: 'the session was discarded' });
		expect(classify(404, { title: 'Session not found.', detail: 'Session 1 was not found.' }, false)).toEqual({ refused: 'the session was not found' });
		expect(classify(409, { detail: 'No break is running.' }, false)).toEqual({ refused: 'No break is running.' });
		expect(classify(400, { title: 'One or more fields are invalid.', errors: { amount: ['Must be greater than zero.'] } }, false)).toEqual({
			refused: 'amount: Must be greater than zero.'
		});
	});

	it('says something even when the server gave no reason', () => {
		expect(refusalReason(422, { title: 'Quota reached.' })).toBe('Quota reached.');
		expect(refusalReason(400, null)).toBe('the server refused it (400)');
	});
});

describe('how a queued entry is shown', () => {
	const entry = (label: string, body: unknown, currency?: string): QueuedAction => ({ id: 'x', method: 'POST', path: '/api/sessions/s1/x', body, label, queuedAt: '', sessionId: 's1', currency });

	it('with its amount in the session’s currency', () => {
		expect(describeAction(entry('Stack update', { amount: 30000 }, 'USD'))).toBe('Stack update $300.00');
		expect(describeAction(entry('Cash-out', { cashOut: 50000 }, 'USD'))).toBe('Cash-out $500.00');
		expect(describeAction(entry('Rebuy', { kind: 'rebuy', amount: 20000 }, 'EUR'))).toBe('Rebuy €200.00');
		expect(describeAction(entry('Expense', { kind: 'tips', amount: 1200 }, 'USD'))).toBe('Expense $12.00 (tips)');
		expect(describeAction(entry('Result', { prize: 0 }, 'USD'))).toBe('Result $0.00');
		expect(describeAction(entry('Break', { at: 'x' }, 'USD'))).toBe('Break');
	});

	it('a note with its text, shortened', () => {
		expect(describeAction(entry('Note', { text: 'Seat 4 limps AA' }))).toBe('Note “Seat 4 limps AA”');
		expect(describeAction(entry('Note', { text: 'x'.repeat(60) }))).toBe(`Note “${'x'.repeat(39)}…”`);
	});

	it('without an amount when an older version queued it without the currency', () => {
		expect(describeAction(entry('Stack update', { amount: 30000 }))).toBe('Stack update');
	});

	it('under its session, also when an older version did not record the session', () => {
		const old: QueuedAction = { id: 'o', method: 'POST', path: '/api/sessions/s1/stack', label: 'Stack update', queuedAt: '' };
		const other: QueuedAction = { id: 'p', method: 'POST', path: '/api/sessions/s10/stack', label: 'Stack update', queuedAt: '' };
		expect(forSession([entry('Rebuy', {}), old, other], 's1').map((a) => a.id)).toEqual(['x', 'o']);
	});

	it('points the Play screen to each session with refused entries, counted', () => {
		const refused = (id: string, path: string, sessionId?: string): RefusedAction =>
			({ id, method: 'POST', path, label: 'Stack update', queuedAt: '', sessionId, reason: 'r', refusedAt: '' });
		expect(sessionsWithRefused([refused('a', '/api/sessions/s1/stack', 's1'), refused('b', '/api/sessions/s2/notes'), refused('c', '/api/sessions/s1/end', 's1')]))
			.toEqual([{ sessionId: 's1', count: 2 }, { sessionId: 's2', count: 1 }]);
		expect(sessionsWithRefused([])).toEqual([]);
	});

	it('offers to add a refused note to an ended session, and nothing else', () => {
		const refused = (label: string, path: string, body: unknown): RefusedAction => ({ ...entry(label, body), path, reason: 'r', refusedAt: '' });
		const note = refused('Note', '/api/sessions/s1/notes', { text: 'hi' });
		expect(canAddToSession(note, 'ended')).toBe(true);
		expect(canAddToSession(note, 'discarded')).toBe(false);
		expect(canAddToSession(note, 'active')).toBe(false);
		expect(canAddToSession(refused('Expense', '/api/sessions/s1/expenses', { amount: 1 }), 'ended')).toBe(false);
	});
});
