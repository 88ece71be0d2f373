import { describe, expect, it } from 'vitest';
import { latestUndismissed, unseen, withDismissed, withListed } from './alerts';
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

describe('the alerts read again after the streams dropped', () => {
	const ids = (list: Alert[]) => list.map((a) => a.id);

	it('adds the ones raised while the screen was away, the newest on the banner, and says which are new', () => {
		// A stop-loss was on screen; the time limit was raised while the casino Wi-Fi was down.
		const { all, fresh } = withListed([alert('stop-loss'), alert('time')], [alert('stop-loss')]);
		expect(ids(all)).toEqual(['stop-loss', 'time']);
		expect(ids(fresh)).toEqual(['time']);
	});

	it('keeps one the stream brought as the list was read, and changes nothing when nothing was missed', () => {
		expect(ids(withListed([alert('a')], [alert('a'), alert('b')]).all)).toEqual(['a', 'b']);
		expect(withListed([alert('a'), alert('b')], [alert('a'), alert('b')]).fresh).toEqual([]);
		expect(ids(withListed([], []).all)).toEqual([]);
	});
});
