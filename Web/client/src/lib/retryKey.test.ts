import { describe, expect, it } from 'vitest';
import { RetryKey } from './retryKey';

describe('RetryKey', () => {
	let n = 0;
	const keys = () => new RetryKey(() => `k${++n}`);

	it('keeps the key while the same action is sent again without an answer', () => {
		const key = keys();
		const first = key.for({ kind: 'deposit', amount: 10_000 });
		expect(key.for({ kind: 'deposit', amount: 10_000 })).toBe(first);
	});

	it('takes a new key once booked, or when what is sent changes', () => {
		const key = keys();
		const first = key.for({ amount: 10_000 });
		const changed = key.for({ amount: 20_000 });
		expect(changed).not.toBe(first);
		key.booked();
		expect(key.for({ amount: 20_000 })).not.toBe(changed);
	});
});
