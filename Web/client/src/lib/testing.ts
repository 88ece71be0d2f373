// Test support shared by the client's unit tests: an in-memory stand-in for localStorage.
export class MemoryStorage {
	readonly data = new Map<string, string>();
	get length() {
		return this.data.size;
	}
	key(index: number) {
		return [...this.data.keys()][index] ?? null;
	}
	getItem(key: string) {
		return this.data.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.data.set(key, value);
	}
	removeItem(key: string) {
		this.data.delete(key);
	}
}

/**
 * localStorage as two tabs of a browser see it: each tab reads its own copy at once, and its
 * changes reach the other tab's copy (and the browser's own) a little later, in `deliver`, one
 * change of one item at a time, as a browser passes them on.
 */
export class TabStorage extends MemoryStorage {
	private readonly outbox: [string, string | null][] = [];
	peer: TabStorage | null = null;

	override setItem(key: string, value: string) {
		super.setItem(key, value);
		this.outbox.push([key, value]);
	}
	override removeItem(key: string) {
		super.removeItem(key);
		this.outbox.push([key, null]);
	}
	/** The changes made in this tab so far reach the other tab. */
	deliver() {
		for (const [key, value] of this.outbox.splice(0)) {
			if (value === null) this.peer?.data.delete(key);
			else this.peer?.data.set(key, value);
		}
	}
	static pair(): [TabStorage, TabStorage] {
		const a = new TabStorage();
		const b = new TabStorage();
		a.peer = b;
		b.peer = a;
		return [a, b];
	}
}
