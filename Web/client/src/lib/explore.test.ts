import { describe, expect, it } from 'vitest';
import { activeCount, apiQuery, chips, cumulativeSeries, currencyChoices, drill, fromUrl, noFilters, range, resultHref, toUrl, zonedMidnight, filterProblems, statisticsProblem } from './explore';
import { ApiError } from './api';

describe('the dashboard filters', () => {
	it('round-trip through the URL and leave the plain dashboard plain', () => {
		const f = { ...noFilters, period: '30d' as const, venue: 'Bellagio', stakes: '100/200' };
		expect(toUrl(f)).toBe('period=30d&stakes=100%2F200&venue=Bellagio');
		expect(fromUrl(new URLSearchParams(toUrl(f)))).toEqual(f);
		expect(toUrl(noFilters)).toBe('');
		expect(fromUrl(new URLSearchParams('period=bogus&from=2026-01-01'))).toEqual(noFilters);
		expect(activeCount(f)).toBe(3);
	});

	it('keep the currency of the figures through the URL and into the API query', () => {
		const f = { ...noFilters, currency: 'EUR', venue: 'Casino Barcelona' };
		expect(toUrl(f)).toBe('venue=Casino+Barcelona&currency=EUR');
		expect(fromUrl(new URLSearchParams(toUrl(f)))).toEqual(f);
		expect(apiQuery(f, 'UTC').get('currency')).toBe('EUR');
		// No choice: the API picks the most used currency, and the plain dashboard stays plain.
		expect(apiQuery(noFilters, 'UTC').has('currency')).toBe(false);
		// The API takes upper-case ISO codes only; anything else is dropped rather than failing the view.
		expect(fromUrl(new URLSearchParams('currency=eur')).currency).toBe('EUR');
		expect(fromUrl(new URLSearchParams('currency=euro')).currency).toBe('');
		expect(fromUrl(new URLSearchParams('currency=E1R')).currency).toBe('');
		// It says what the figures are in; it is not one of the panel's filters.
		expect(activeCount(f)).toBe(1);
		expect(activeCount({ ...noFilters, currency: 'EUR' })).toBe(0);
	});

	it('offer the player’s currencies, and the one shown even when the view holds none of it', () => {
		expect(currencyChoices(['USD', 'EUR'], 'USD')).toEqual(['USD', 'EUR']);
		expect(currencyChoices(['USD', 'EUR'], 'EUR')).toEqual(['USD', 'EUR']);
		expect(currencyChoices(['USD'], 'GBP')).toEqual(['USD', 'GBP']);
		expect(currencyChoices(['USD'], 'USD')).toEqual(['USD']);
		expect(currencyChoices([], null)).toEqual([]);
	});

	it('turn presets into date ranges', () => {
		const today = '2026-11-30';
		expect(range({ ...noFilters, period: '7d' }, today)).toEqual({ from: '2026-11-24', to: '2026-12-01' });
		expect(range({ ...noFilters, period: 'last-year' }, today)).toEqual({ from: '2025-01-01', to: '2026-01-01' });
		expect(range({ ...noFilters, period: 'custom', from: '2026-03-01', to: '2026-03-31' }, today)).toEqual({ from: '2026-03-01', to: '2026-04-01' });
		expect(range(noFilters, today)).toEqual({ from: null, to: null });
	});

	it('start a day at the player’s midnight', () => {
		expect(zonedMidnight('2026-07-01', 'America/Los_Angeles').toISOString()).toBe('2026-07-01T07:00:00.000Z');
		expect(zonedMidnight('2026-01-15', 'Europe/Paris').toISOString()).toBe('2026-01-14T23:00:00.000Z');
		// Days the clocks change, east of UTC: the offset at local midnight, not at midnight in UTC.
		expect(zonedMidnight('2026-10-04', 'Australia/Sydney').toISOString()).toBe('2026-10-03T14:00:00.000Z');
		expect(zonedMidnight('2026-04-05', 'Pacific/Auckland').toISOString()).toBe('2026-04-04T11:00:00.000Z');
		// A day whose midnight the clocks skip starts at 01:00.
		expect(zonedMidnight('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
		const q = apiQuery({ ...noFilters, period: 'this-year', venue: 'Aria' }, 'UTC', new Date('2026-11-30T12:00:00Z'));
		expect(q.get('from')).toBe('2026-01-01T00:00:00.000Z');
		expect(q.get('to')).toBe('2026-12-31T23:59:59.999Z');
		expect(q.get('venue')).toBe('Aria');
	});

	it('drill a row down on top of the filters in force', () => {
		const f = { ...noFilters, kind: 'cash' };
		expect(drill(f, 'venue', 'Aria')).toEqual({ ...f, venue: 'Aria' });
		expect(drill(f, 'month', '2026-02')).toEqual({ ...f, period: 'custom', from: '2026-02-01', to: '2026-02-28' });
		expect(drill(f, 'weekday', '5').weekday).toBe('5');
	});

	it('name the filters in force, stakes in the view’s currency, and nothing for an unfiltered view', () => {
		expect(chips(noFilters, 'USD')).toEqual([]);
		const f = fromUrl(new URLSearchParams('period=custom&from=2026-09-01&kind=cash&stakes=100%2F200&venue=Aria&weekday=5&tags=home,deep&minMinutes=60'));
		expect(chips(f, 'EUR')).toEqual(['2026-09-01 to …', 'Cash games', '€1/€2', 'Aria', 'Fridays', 'Tags: home,deep', 'At least 60 min']);
		expect(chips({ ...noFilters, period: '30d', format: 'online', game: 'PLO' }, 'USD')).toEqual(['Last 30 days', 'Online', 'PLO']);
	});

	it('drill the tournaments’ stakes row (the empty key) down to the tournaments only', () => {
		const f = { ...noFilters, venue: 'Aria', currency: 'EUR' };
		const tournaments = drill(f, 'stakes', '');
		expect(tournaments).toEqual({ ...f, kind: 'tournament', stakes: '' });
		expect(toUrl(tournaments)).toBe('kind=tournament&venue=Aria&currency=EUR');
		expect(apiQuery(tournaments, 'UTC').get('kind')).toBe('tournament');
		expect(apiQuery(tournaments, 'UTC').has('stakes')).toBe(false);
		// A cash row keeps the currency too.
		expect(toUrl(drill(f, 'stakes', '100/200'))).toBe('stakes=100%2F200&venue=Aria&currency=EUR');
	});
});

describe('the cumulative result chart', () => {
	it('starts from zero just before the first session ends', () => {
		const { line, band } = cumulativeSeries([
			{ at: '2026-11-02T23:00:00Z', cumulative: -27000, drawdown: 27000 },
			{ at: '2026-11-05T22:30:00Z', cumulative: 3000, drawdown: 0 }
		]);
		expect(line).toEqual([
			{ at: '2026-11-02T22:59:59.000Z', amount: 0 },
			{ at: '2026-11-02T23:00:00Z', amount: -27000 },
			{ at: '2026-11-05T22:30:00Z', amount: 3000 }
		]);
		expect(band.map((p) => p.amount)).toEqual([0, -27000, 0]);
		expect(cumulativeSeries([])).toEqual({ line: [], band: [] });
	});
});

describe('filters typed wrong', () => {
	it('are named, so a view never shows figures its filters did not make', () => {
		expect(filterProblems({ ...noFilters, minMinutes: '120' })).toEqual([]);
		expect(filterProblems({ ...noFilters, minMinutes: '2h' })).toEqual(['Minimum length: a whole number of minutes, e.g. 120 (not "2h")']);
		expect(filterProblems({ ...noFilters, period: 'custom', from: '2026-10-31', to: '2026-10-01' })).toEqual(['From 2026-10-31 is after To 2026-10-01: swap them']);
		expect(filterProblems({ ...noFilters, period: 'custom', from: 'yesterday', to: '' })).toHaveLength(1);
		expect(filterProblems({ ...noFilters, period: 'custom', from: '2026-10-01', to: '2026-10-31' })).toEqual([]);
		expect(filterProblems({ ...noFilters, period: 'custom', from: '2026-13-45', to: '' })).toHaveLength(1);
		// Dates in an address without a period are custom dates, checked as such.
		const reversed = fromUrl(new URLSearchParams('from=2026-12-05&to=2026-11-20'));
		expect(reversed.period).toBe('custom');
		expect(filterProblems(reversed)).toEqual(['From 2026-12-05 is after To 2026-11-20: swap them']);
	});
});

describe('a session the statistics count', () => {
	it('links to its page when recorded, online ones too, and to its hands when made from them', () => {
		const s = { id: 'a1', venue: 'PokerStars', startedAt: '2026-11-01T20:00:00.000Z', endedAt: '2026-11-01T22:00:00.000Z' };
		expect(resultHref(s)).toBe('/sessions/a1'); // a recorded online session has its own page
		expect(resultHref({ ...s, fromHands: true })).toBe('/hands?site=PokerStars&from=2026-11-01T20%3A00%3A00.000Z&to=2026-11-01T22%3A00%3A00.000Z');
	});
});

describe('a view whose figures cannot be shown', () => {
	it('names what the statistics refused, and calls anything else an outage', () => {
		const refused = new ApiError(400, { title: 'One or more fields are invalid.', errors: { timeZone: ['Must be an IANA time zone.'] } });
		expect(statisticsProblem(refused)).toMatch(/^These figures cannot be shown: .*set your time zone in Settings/);
		expect(statisticsProblem(new ApiError(503, { title: 'Your session history is unavailable right now.' }))).toBe('Statistics are unavailable right now; your sessions are safe.');
		expect(statisticsProblem(new TypeError('Failed to fetch'))).toBe('Statistics are unavailable right now; your sessions are safe.');
	});
});
