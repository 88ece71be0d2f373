/**
 * The Idempotency-Key of a form's action: the same key while the player sends the same thing again
 * (its answer was lost on the way, and the money may already be booked), a new one once it was
 * booked or when what is sent changes. The server books a key once.
 */
export class RetryKey {
	private pending: { body: string; key: string } | null = null;

	constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

	for(body: unknown): string {
		const text = JSON.stringify(body);
		if (this.pending?.body !== text) this.pending = { body: text, key: this.newKey() };
		return this.pending.key;
	}

	/**
	 * The action was booked: the next send is a new one. Only then — a refusal keeps the key, since a
	 * retry can be refused while its own first attempt is still being booked ("another withdrawal is
	 * being recorded"), and sending it once more must find that attempt, not book a second.
	 */
	booked(): void {
		this.pending = null;
	}
}
