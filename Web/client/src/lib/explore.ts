import { formatStakesKey } from './money';
import { instantOf } from './clock';
import { ApiError } from './api';

// The dashboard's filters ("Explore"): kept in the URL so a view can be bookmarked and shared
// with oneself, and turned into the statistics API's query.

export type Period = 'all' | '7d' | '30d' | '90d' | 'this-year' | 'last-year' | 'custom';

export interface Filters {
	period: Period;
	/** Custom range, as yyyy-mm-dd dates in the player's time zone (only with period 'custom'). */
	from: string;
	to: string;
	kind: string;
	game: string;
	stakes: string;
	venue: string;
	tags: string;
	format: string;
	minMinutes: string;
	weekday: string;
	/**
	 * The currency the figures are in (ISO 4217, e.g. "EUR"). The statistics cover one currency at a
	 * time; empty: the player's most used one, which the API chooses.
	 */
	currency: string;
}

export const noFilters: Filters = { period: 'all', from: '', to: '', kind: '', game: '', stakes: '', venue: '', tags: '', format: '', minMinutes: '', weekday: '', currency: '' };

const keys = Object.keys(noFilters) as (keyof Filters)[];
const periods: Period[] = ['all', '7d', '30d', '90d', 'this-year', 'last-year', 'custom'];

/** The filters a URL carries; anything unknown is ignored. */
export function fromUrl(params: URLSearchParams): Filters {
	const f = { ...noFilters };
	for (const key of keys) {
		const value = params.get(key);
		if (value !== null) f[key] = value as never;
	}

	if (!periods.includes(f.period)) f.period = 'all';
	// Dates in the address mean custom dates, even without the period that says so.
	if (f.period === 'all' && !params.has('period') && (f.from || f.to)) f.period = 'custom';
	if (f.period !== 'custom') f.from = f.to = '';
	// The API takes upper-case ISO codes only; anything else would make the whole view fail.
	f.currency = f.currency.trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(f.currency)) f.currency = '';
	return f;
}

/** What is wrong with a view's filters, in the player's words; empty when nothing is. */
export function filterProblems(f: Filters): string[] {
	const problems: string[] = [];
	const minutes = f.minMinutes.trim();
	if (minutes && !/^\d{1,6}$/.test(minutes)) problems.push(`Minimum length: a whole number of minutes, e.g. 120 (not "${minutes}")`);
	if (f.period === 'custom') {
		// A real day of the calendar: "2026-13-45" is none (Date would roll it over to 2027-02-14).
		const date = {
			test: (d: string) => {
				const t = Date.parse(`${d}T00:00:00Z`);
				return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
			}
		};
		if (f.from && !date.test(f.from)) problems.push(`From: a date, e.g. 2026-10-01 (not "${f.from}")`);
		if (f.to && !date.test(f.to)) problems.push(`To: a date, e.g. 2026-10-31 (not "${f.to}")`);
		if (date.test(f.from) && date.test(f.to) && f.from > f.to) problems.push(`From ${f.from} is after To ${f.to}: swap them`);
	}

	return problems;
}

/** The dashboard's address for a view. */
export function dashboardLink(f: Filters): string {
	const query = toUrl(f);
	return query ? `/dashboard?${query}` : '/dashboard';
}

/** The URL query of a view: only what differs from no filter, so the plain dashboard stays /dashboard. */
export function toUrl(f: Filters): string {
	const params = new URLSearchParams();
	for (const key of keys) {
		const value = String(f[key] ?? '').trim();
		if (value && value !== noFilters[key]) params.set(key, value);
	}

	return params.toString();
}

/**
 * How many filters are in force (for the filter panel's title). The currency is not one of them: it
 * says what the figures are in and has its own control outside the panel.
 */
export const activeCount = (f: Filters) => keys.filter((k) => k !== 'from' && k !== 'to' && k !== 'currency' && f[k] && f[k] !== noFilters[k]).length;

/**
 * The currencies a player can see the figures in: theirs (most used first, as the API lists them)
 * and the one shown, should it not be among them. More than one: the dashboard offers the choice.
 */
export function currencyChoices(theirs: readonly string[], shown?: string | null): string[] {
	return [...new Set([...theirs, ...(shown ? [shown] : [])])];
}

/** Midnight of a calendar date in an IANA time zone, as an instant. */
export function zonedMidnight(date: string, timeZone: string): Date {
	const [y, m, d] = date.split('-').map(Number);
	// The offset at midnight there, not at midnight in UTC: on a day the clocks change they differ.
	return new Date(instantOf(Date.UTC(y, m - 1, d), timeZone));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The date range [from, to) of a period, as dates in the zone; null ends are open. */
export function range(f: Filters, today: string): { from: string | null; to: string | null } {
	const [y] = today.split('-').map(Number);
	const back = (days: number) => iso(new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000));
	const next = iso(new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000));
	switch (f.period) {
		case '7d': return { from: back(7), to: next };
		case '30d': return { from: back(30), to: next };
		case '90d': return { from: back(90), to: next };
		case 'this-year': return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
		case 'last-year': return { from: `${y - 1}-01-01`, to: `${y}-01-01` };
		case 'custom': return { from: f.from || null, to: f.to ? iso(new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)) : null };
		default: return { from: null, to: null };
	}
}

/** Today's date in a time zone, yyyy-mm-dd. */
export const todayIn = (timeZone: string, now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);

/** The statistics API's query for a view. */
export function apiQuery(f: Filters, timeZone: string, now = new Date()): URLSearchParams {
	const q = new URLSearchParams({ timeZone });
	const { from, to } = range(f, todayIn(timeZone, now));
	if (from) q.set('from', zonedMidnight(from, timeZone).toISOString());
	if (to) q.set('to', new Date(zonedMidnight(to, timeZone).getTime() - 1).toISOString());
	for (const key of ['kind', 'game', 'stakes', 'venue', 'tags', 'format', 'minMinutes', 'weekday', 'currency'] as const) {
		if (f[key]) q.set(key, f[key].trim());
	}

	return q;
}

/**
 * The view a breakdown row drills down to: the current filters plus the row's own. The stakes row
 * of tournaments has the empty key (they have no blinds): it drills down to the tournaments.
 */
export function drill(f: Filters, by: 'stakes' | 'venue' | 'game' | 'weekday' | 'month', key: string): Filters {
	if (by === 'stakes' && key === '') return { ...f, kind: 'tournament', stakes: '' };
	if (by !== 'month') return { ...f, [by]: key };
	const [y, m] = key.split('-').map(Number);
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return { ...f, period: 'custom', from: `${key}-01`, to: `${key}-${String(last).padStart(2, '0')}` };
}

/**
 * The cumulative result chart's line and drawdown band. Both start from zero just before the first
 * session ends (the view's result before it), so the first session's result shows as a move and a
 * view of one session is a line, not a single point.
 */
export function cumulativeSeries(points: { at: string; cumulative: number; drawdown: number }[]) {
	if (points.length === 0) return { line: [], band: [] };
	const origin = new Date(Date.parse(points[0].at) - 1000).toISOString();
	return {
		line: [{ at: origin, amount: 0 }, ...points.map((p) => ({ at: p.at, amount: p.cumulative }))],
		band: [{ at: origin, amount: 0 }, ...points.map((p) => ({ at: p.at, amount: 0 - p.drawdown }))]
	};
}

export const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const periodNames: Partial<Record<Period, string>> = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', 'this-year': 'This year', 'last-year': 'Last year' };

/** The filters in force, as the chips above the figures name them (stakes in the view's currency). */
export function chips(f: Filters, currency: string): string[] {
	const list: string[] = [];
	if (f.period === 'custom') list.push(`${f.from || '…'} to ${f.to || '…'}`);
	else if (periodNames[f.period]) list.push(periodNames[f.period]!);
	if (f.kind) list.push(f.kind === 'cash' ? 'Cash games' : 'Tournaments');
	if (f.format) list.push(f.format === 'live' ? 'Live' : 'Online');
	if (f.game) list.push(f.game);
	if (f.stakes) list.push(formatStakesKey(f.stakes, currency));
	if (f.venue) list.push(f.venue);
	if (f.weekday) list.push(`${weekdayNames[Number(f.weekday)]}s`);
	if (f.tags) list.push(`Tags: ${f.tags}`);
	if (f.minMinutes) list.push(`At least ${f.minMinutes} min`);
	return list;
}

/**
 * Where a session the statistics count is shown: a recorded one on its page, one made from imported
 * hands (no one recorded it) on the Hands page, at its site and times.
 */
export function resultHref(s: { id: string; fromHands?: boolean; venue: string; startedAt: string; endedAt: string }): string {
	if (!s.fromHands) return `/sessions/${s.id}`;
	return `/hands?${new URLSearchParams({ site: s.venue, from: s.startedAt, to: s.endedAt })}`;
}

/** Why a view's figures cannot be shown: a value the statistics refuse (a time zone set in Settings, say) is named; anything else is an outage. */
export function statisticsProblem(e: unknown): string {
	if (!(e instanceof ApiError) || e.status !== 400) return 'Statistics are unavailable right now; your sessions are safe.';
	return `These figures cannot be shown: ${e.fields || e.message}${e.problem?.errors?.timeZone ? ' (set your time zone in Settings, e.g. America/Los_Angeles)' : ''}`;
}

/** How a list of ended sessions may be ordered (the API's `sort`): the Dashboard's and History's Order. */
export const sessionOrders = { newest: 'Newest first', oldest: 'Oldest first', best: 'Biggest wins first', worst: 'Biggest losses first', longest: 'Longest first' } as const;
export type SessionOrder = keyof typeof sessionOrders;

/** An order named in an address, or newest first for none or one that is not an order. */
export const orderFrom = (text: string | null): SessionOrder => (text && Object.hasOwn(sessionOrders, text) ? (text as SessionOrder) : 'newest');
