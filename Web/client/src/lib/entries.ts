// One list in localStorage, kept as one item per entry, for the offline queue and its refusals.

/** The part of localStorage a list needs (an in-memory stand-in in tests). */
export interface Storage {
	readonly length: number;
	key(index: number): string | null;
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

/**
 * A list kept as one storage item per entry (`prefix:id`), in the order of their `order`. Adding
 * and removing touch only the entry's own item, so two tabs that change the list at once never
 * undo each other's change. Entries of the one-item list older versions wrote (`prefix`) are moved
 * to items of their own, in their order, when the list is read.
 */
export class Entries<T extends { id: string; order?: number }> {
	constructor(
		private readonly storage: Storage,
		private readonly prefix: string,
		private readonly now: () => Date
	) {}

	all(): T[] {
		this.moveLegacy();
		const entries: T[] = [];
		for (const key of this.keys()) {
			const entry = parse(this.storage.getItem(key));
			if (entry && typeof entry === 'object' && !Array.isArray(entry) && typeof (entry as T).id === 'string') entries.push(entry as T);
		}

		return entries.sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	}

	/** Adds an entry after every entry this tab knows of, even if the clock went back. */
	add(entry: T): T {
		const last = this.all().reduce((most, e) => Math.max(most, e.order ?? 0), 0);
		const placed = { ...entry, order: Math.max(this.now().getTime(), last + 1) };
		this.storage.setItem(`${this.prefix}:${entry.id}`, JSON.stringify(placed));
		return placed;
	}

	remove(id: string): void {
		this.storage.removeItem(`${this.prefix}:${id}`);
	}

	clear(): void {
		for (const key of this.keys()) this.storage.removeItem(key);
		this.storage.removeItem(this.prefix);
	}

	private keys(): string[] {
		const keys: string[] = [];
		for (let i = 0; i < this.storage.length; i++) {
			const key = this.storage.key(i);
			if (key?.startsWith(`${this.prefix}:`)) keys.push(key);
		}

		return keys;
	}

	/** Each entry is stored before the old list goes: a failure in between keeps both, never neither. */
	private moveLegacy(): void {
		const stored = this.storage.getItem(this.prefix);
		if (stored === null) return;
		const legacy = parse(stored);
		const list = Array.isArray(legacy) ? (legacy as T[]) : [];
		list.forEach((entry, i) => {
			if (entry && typeof entry.id === 'string') this.storage.setItem(`${this.prefix}:${entry.id}`, JSON.stringify({ ...entry, order: i - list.length }));
		});
		this.storage.removeItem(this.prefix);
	}
}

function parse(value: string | null): unknown {
	try {
		return value === null ? null : (JSON.parse(value) as unknown);
	} catch {
		return null;
	}
}
