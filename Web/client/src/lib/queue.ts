// Actions taken at the table are queued before they are sent: each carries a client-generated id
// (the Idempotency-Key), so sending it again after a dropped connection never records it twice.
// The queue lives in localStorage and is sent strictly in order.

export interface QueuedAction {
	id: string;
	method: 'POST' | 'PATCH' | 'DELETE' | 'PUT';
	path: string;
	body?: unknown;
	queuedAt: string;
	label: string;
}

export interface Storage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

export type Sender = (action: QueuedAction) => Promise<'sent' | 'retry' | 'rejected'>;

export class ActionQueue {
	private readonly key: string;
	private flushing: Promise<void> | null = null;
	private readonly listeners = new Set<(pending: QueuedAction[]) => void>();

	constructor(
		private readonly storage: Storage,
		owner: string,
		private readonly newId: () => string = () => crypto.randomUUID()
	) {
		this.key = `pt-queue:${owner}`;
	}

	get pending(): QueuedAction[] {
		try {
			return JSON.parse(this.storage.getItem(this.key) ?? '[]') as QueuedAction[];
		} catch {
			return [];
		}
	}

	subscribe(listener: (pending: QueuedAction[]) => void): () => void {
		this.listeners.add(listener);
		listener(this.pending);
		return () => this.listeners.delete(listener);
	}

	enqueue(action: Omit<QueuedAction, 'id' | 'queuedAt'>): QueuedAction {
		const queued: QueuedAction = { ...action, id: this.newId(), queuedAt: new Date().toISOString() };
		this.save([...this.pending, queued]);
		return queued;
	}

	/**
	 * Sends the queued actions in order. Stops at the first one that cannot be sent now
	 * ('retry': offline or server busy) and keeps it and everything after it; an action the
	 * server refuses ('rejected') is dropped so it does not block the rest.
	 */
	flush(send: Sender): Promise<void> {
		this.flushing ??= (async () => {
			try {
				for (;;) {
					const [next] = this.pending;
					if (!next) return;
					const outcome = await send(next);
					if (outcome === 'retry') return;
					this.save(this.pending.filter((a) => a.id !== next.id));
				}
			} finally {
				this.flushing = null;
			}
		})();
		return this.flushing;
	}

	private save(actions: QueuedAction[]): void {
		this.storage.setItem(this.key, JSON.stringify(actions));
		for (const listener of this.listeners) listener(actions);
	}
}
