// Actions taken at the table are queued before they are sent: each carries a client-generated id
// (the Idempotency-Key), so sending it again after a dropped connection never records it twice.
// The queue lives in localStorage, one per player, and is sent strictly in order. Each entry is
// its own storage item: tabs of the app that queue and send at the same moment each add or remove
// their own items, where rewriting one shared list made one tab's write undo the other's (an
// action queued while another tab sent the queue could vanish).
//
// Nothing the player entered is dropped without a word: an action the server refuses (the session
// had ended, a field was invalid) moves to the player's list of refused entries, with the reason,
// and stays there until the player dismisses it.

import { v7 as uuidv7 } from 'uuid';
import { formatMoney } from './money';
import { Entries, type Storage } from './entries';

export interface QueuedAction {
	id: string;
	method: 'POST' | 'PATCH' | 'DELETE' | 'PUT';
	path: string;
	body?: unknown;
	queuedAt: string;
	label: string;
	/** The session the action is for, and its currency (to show the amount); absent in entries queued by older versions. */
	sessionId?: string;
	currency?: string;
	/** Its place in the queue: later entries have larger numbers (absent in entries queued by older versions). */
	order?: number;
}

export interface RefusedAction extends QueuedAction {
	/** Why the server refused it, in the player's words. */
	reason: string;
	refusedAt: string;
}

export interface QueueView {
	pending: QueuedAction[];
	refused: RefusedAction[];
}

export type { Storage } from './entries';

/**
 * What became of one send: stored ('sent'); not now, keep it and try later ('retry': offline,
 * server busy); the login is over, keep it for when the player signs in again ('signed-out');
 * refused by the server for good, with the reason.
 */
export type Outcome = 'sent' | 'retry' | 'signed-out' | { refused: string };
export type Sender = (action: QueuedAction) => Promise<Outcome>;

/** Where a flush stopped: everything sent or refused; an action waits for a retry; the login is over. */
/** 'progress': some went through and the rest waits (the connection works: try again soon, not later and later). */
export type FlushResult = 'drained' | 'progress' | 'waiting' | 'signed-out';

export interface Problem {
	title?: string;
	detail?: string;
	errors?: Record<string, string[]>;
}

export class ActionQueue {
	private readonly queue: Entries<QueuedAction>;
	private readonly refusals: Entries<RefusedAction>;
	private flushing: Promise<FlushResult> | null = null;
	private readonly listeners = new Set<(view: QueueView) => void>();

	constructor(
		private readonly storage: Storage,
		readonly owner: string,
		// Time-ordered (UUIDv7): an action sent again after its idempotency record lapsed (a day) is still
		// known by its id, which says when it was queued (the server then looks for it in the record).
		private readonly newId: () => string = () => uuidv7(),
		private readonly now: () => Date = () => new Date()
	) {
		this.queue = new Entries(storage, `pt-queue:${owner}`, now);
		this.refusals = new Entries(storage, `pt-refused:${owner}`, now);
	}

	get pending(): QueuedAction[] {
		return this.queue.all();
	}

	/** The entries the server refused, oldest first, until the player dismisses them. */
	get refused(): RefusedAction[] {
		return this.refusals.all();
	}

	get view(): QueueView {
		return { pending: this.pending, refused: this.refused };
	}

	subscribe(listener: (view: QueueView) => void): () => void {
		this.listeners.add(listener);
		listener(this.view);
		return () => this.listeners.delete(listener);
	}

	/** The storage changed under the queue (another tab of the app): subscribers see it. */
	changed(): void {
		this.emit();
	}

	enqueue(action: Omit<QueuedAction, 'id' | 'queuedAt'>): QueuedAction {
		const queued = this.queue.add({ ...action, id: this.newId(), queuedAt: this.now().toISOString() });
		this.emit();
		return queued;
	}

	/**
	 * Sends the queued actions in order, one sender at a time (a second call while one runs joins
	 * it). Stops at the first one that cannot be sent now ('retry') or when the login is over
	 * ('signed-out'), keeping it and everything after it; an action the server refuses moves to
	 * the refused list, with its reason, so it does not block the rest.
	 */
	flush(send: Sender): Promise<FlushResult> {
		if (!this.flushing) {
			this.flushing = this.run(send).finally(() => {
				this.flushing = null;
			});
		}

		return this.flushing;
	}

	/** The player has read why an entry was refused and lets it go. */
	dismiss(id: string): void {
		this.refusals.remove(id);
		this.emit();
	}

	/**
	 * Queues a refused entry again, as a new action (a new Idempotency-Key), with a changed body:
	 * a note written after the session ended, added to the ended session.
	 */
	requeue(id: string, body: unknown): QueuedAction | null {
		const refused = this.refused.find((a) => a.id === id);
		if (!refused) return null;
		const { method, path, label, sessionId, currency } = refused;
		// Queued before the refused copy goes: a failure in between leaves both, never neither.
		const queued = this.queue.add({ id: this.newId(), method, path, body, label, sessionId, currency, queuedAt: this.now().toISOString() });
		this.refusals.remove(id);
		this.emit();
		return queued;
	}

	/** Everything of this player's queue goes (the account was deleted). */
	forget(): void {
		this.queue.clear();
		this.refusals.clear();
		this.emit();
	}

	private async run(send: Sender): Promise<FlushResult> {
		let moved = false;
		for (;;) {
			const [next] = this.pending;
			if (!next) return 'drained';
			const outcome = await send(next);
			if (outcome === 'retry') return moved ? 'progress' : 'waiting';
			if (outcome === 'signed-out') return 'signed-out';
			if (outcome !== 'sent') {
				// Kept with its reason before it leaves the queue: a failure in between shows it twice, never not at all.
				this.refusals.add({ ...next, reason: outcome.refused, refusedAt: this.now().toISOString() });
			}

			this.queue.remove(next.id);
			moved = true;
			this.emit();
		}
	}

	private emit(): void {
		const view = this.view;
		for (const listener of this.listeners) listener(view);
	}
}

/** The sessions that have refused entries, with how many, in the order they were refused. */
export function sessionsWithRefused(refused: RefusedAction[]): { sessionId: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const r of refused) {
		const id = r.sessionId ?? /^\/api\/sessions\/([^/]+)\//.exec(r.path)?.[1];
		if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
	}

	return [...counts].map(([sessionId, count]) => ({ sessionId, count }));
}

/** The actions of one session. */
export function forSession<T extends QueuedAction>(actions: T[], sessionId: string): T[] {
	return actions.filter((a) => (a.sessionId ? a.sessionId === sessionId : a.path.startsWith(`/api/sessions/${sessionId}/`)));
}

/**
 * Whether an answer that is not a success means "try again later" or a refusal for good. A 401
 * has already had its silent refresh: it means the login is over when the refresh said so
 * (`loginEnded`), else the server could not be reached to renew it.
 */
export function classify(status: number, problem: Problem | null, loginEnded: boolean, method = 'POST'): Outcome {
	if (status === 401) return loginEnded ? 'signed-out' : 'retry';
	// An expense or note taken back that is gone already (taken back on another device): done, as asked.
	if (status === 404 && method === 'DELETE' && /^(Expense|Note) not found/.test(problem?.title ?? '')) return 'sent';
	if (status === 408 || status === 429 || status >= 500) return 'retry';
	// The server's own "try again": the session changed under too many writers at once.
	if (status === 409 && /try again/i.test(problem?.detail ?? '')) return 'retry';
	return { refused: refusalReason(status, problem) };
}

/** Why an entry was refused, as the player reads it after "Not saved: Expense $12.00 — ". */
export function refusalReason(status: number, problem: Problem | null): string {
	const detail = problem?.detail ?? '';
	const errors = Object.entries(problem?.errors ?? {});
	const messages = errors.flatMap(([, m]) => m);
	if (/has ended/i.test(detail)) return 'the session was ended (here or on another device) before this could be sent';
	if (messages.some((m) => /after the session ended/i.test(m))) return 'the session had already ended when it was entered';
	if (/discarded/i.test(detail)) return 'the session was discarded';
	if (status === 404) return /^Session not found/.test(problem?.title ?? '') || !detail ? 'the session was not found' : detail;
	const fields = errors.map(([field, m]) => `${field}: ${m.join(' ')}`).join(' · ');
	return detail || fields || problem?.title || `the server refused it (${status})`;
}

/** An entry as the player knows it: "Expense $12.00 (tips)", "Cash-out $500.00", "Note “Villain 3-bets light”". */
export function describeAction(action: QueuedAction): string {
	const body = (action.body ?? {}) as Record<string, unknown>;
	const amount = [body.amount, body.cashOut, body.prize].find((v): v is number => typeof v === 'number');
	const parts = [action.label];
	if (amount !== undefined && action.currency) parts.push(formatMoney(amount, action.currency));
	if (typeof body.kind === 'string' && action.label === 'Expense') parts.push(`(${body.kind})`);
	if (typeof body.text === 'string') {
		const text = body.text.length > 40 ? `${body.text.slice(0, 39)}…` : body.text;
		parts.push(`“${text}”`);
	}

	return parts.join(' ');
}

/** A refused note can be added to the session after all: notes are taken after the end, dated by the server. */
export function canAddToSession(action: RefusedAction, sessionStatus: string | undefined): boolean {
	const body = action.body as { text?: unknown } | undefined;
	return sessionStatus === 'ended' && action.method === 'POST' && action.path.endsWith('/notes') && typeof body?.text === 'string';
}
