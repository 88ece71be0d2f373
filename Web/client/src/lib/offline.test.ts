import { describe, expect, it } from 'vitest';
import { dataCacheName, keptAt, savedAt, savedAtHeader, strategyFor } from './offline';

const origin = 'https://app.example';
const shell = new Set(['/_app/immutable/entry/start.js', '/app.css']);
const strategy = (path: string, method = 'GET', mode = 'cors') => strategyFor(method, new URL(path, origin), origin, mode, shell);

describe('what the service worker does with a request', () => {
	it('serves the shell from its cache and page loads from the network with the shell behind', () => {
		expect(strategy('/app.css')).toBe('shell');
		expect(strategy('/live/123', 'GET', 'navigate')).toBe('page');
	});

	it('keeps the last answer of the player’s reads', () => {
		expect(strategy('/api/sessions/1')).toBe('data');
		expect(strategy('/api/stats?timeZone=UTC')).toBe('data');
	});

	it('never caches sign-in, live streams, exports, writes or other origins', () => {
		expect(strategy('/api/auth/refresh')).toBe('network');
		expect(strategy('/api/me/events')).toBe('network');
		expect(strategy('/api/sessions/1/events')).toBe('network');
		expect(strategy('/api/me/export')).toBe('network');
		expect(strategy('/api/sessions/1/stack', 'POST')).toBe('network');
		expect(strategyFor('GET', new URL('https://other.example/api/sessions'), origin, 'cors', shell)).toBe('network');
	});

	it('keeps each player’s copy apart and says when an answer was saved', () => {
		expect(dataCacheName('a')).not.toBe(dataCacheName('b'));
		const at = '2026-11-30T08:00:00.000Z';
		expect(savedAt(new Response('{}', { headers: { [savedAtHeader]: at } }))?.toISOString()).toBe(at);
		expect(savedAt(new Response('{}'))).toBeNull();
	});
});

describe('when a copy was kept', () => {
	it('says the day too when it is not today, so yesterday\'s copy does not read as this evening\'s', () => {
		const now = new Date(2026, 11, 3, 23, 10);
		expect(keptAt(new Date(2026, 11, 3, 21, 4), now, 'en-GB')).toBe('at 21:04');
		expect(keptAt(new Date(2026, 11, 2, 21, 4), now, 'en-GB')).toBe('on 2 Dec at 21:04');
	});
});
