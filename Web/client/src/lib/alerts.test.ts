import { describe, expect, it } from 'vitest';
import { latestUndismissed, unseen, withDismissed } from './alerts';
import type { Alert } from './types';

const alert = (id: string): Alert => ({ id, kind: 'guard', level: 'high', source: 'rules', reasons: ['You are down $200.00, past your stop-loss of $150.00'], recommendation: 'Stop.', sessionId: 's' });

describe('the alert shown when the live screen opens', () => {
	it('is the latest one until the player dismisses it; an older one never comes back', () => {
		const list = [alert('a'), alert('b')];
		expect(latestUndismissed(list, [])?.id).toBe('b');
		expect(latestUndismissed(list, ['b'])).toBeNull();
		expect(latestUndismissed([], [])).toBeNull();
	});

	it('counts the alerts raised since the last one dismissed, so the banner can say there were more', () => {
		const list = [alert('a'), alert('b'), alert('c'), alert('d')];
		expect(unseen(list, []).map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
		expect(unseen(list, ['b']).map((a) => a.id)).toEqual(['c', 'd']);
		expect(unseen(list, ['b', 'd'])).toEqual([]);
	});

	it('keeps a bounded list of dismissed alerts, newest last', () => {
		let dismissed: string[] = [];
		for (let i = 0; i < 150; i++) dismissed = withDismissed(dismissed, `a${i}`);
		expect(dismissed).toHaveLength(100);
		expect(dismissed.at(-1)).toBe('a149');
		expect(withDismissed(['x', 'y'], 'x')).toEqual(['y', 'x']);
	});
});
