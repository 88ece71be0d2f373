import { offsetMinutes, tableZone } from './clock';

/**
 * The stack chart's clock. lightweight-charts places and labels its ticks in UTC; each instant is
 * shifted by the browser's offset at that instant (or by a session's table's), so ticks fall on local midnights and hours, and
 * labels read the shifted time back as UTC: the axis shows the same times as the timeline beside it.
 */
export interface ChartPoint {
	at: string;
	amount: number;
}

/**
 * The chart's seconds for an instant: its wall-clock time written as if it were UTC, on the
 * browser's clock or, given a zone, on that zone's (a session's table).
 */
export const chartSeconds = (ms: number, zone?: string | null) => {
	const shown = tableZone(zone);
	return shown ? Math.floor(ms / 1000) + offsetMinutes(ms, shown) * 60 : Math.floor(ms / 1000) - new Date(ms).getTimezoneOffset() * 60;
};

/** A chart time as the player's clock reads it. */
export const chartLabel = (seconds: number, options: Intl.DateTimeFormatOptions) =>
	new Date(seconds * 1000).toLocaleString('en-US', { ...options, timeZone: 'UTC' });

/**
 * One value per chart second, in ascending order as the chart requires: the latest instant wins.
 * The hour repeated when clocks go back maps two instants onto the same wall-clock times, so the
 * order is taken again after shifting.
 */
export function chartData(list: ChartPoint[], digits: number, zone?: string | null) {
	const bySecond = new Map<number, number>();
	for (const p of [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
		bySecond.set(chartSeconds(Date.parse(p.at), zone), p.amount / 10 ** digits);
	}

	return [...bySecond.entries()].sort(([a], [b]) => a - b).map(([time, value]) => ({ time, value }));
}

/** A running session's line goes on to the present (`until`, ms): the stack holds until the next update. */
export function heldUntil(list: ChartPoint[], until: number | undefined): ChartPoint[] {
	const last = list.reduce<ChartPoint | null>((latest, p) => (!latest || Date.parse(p.at) >= Date.parse(latest.at) ? p : latest), null);
	return last && until !== undefined && until > Date.parse(last.at) ? [...list, { at: new Date(until).toISOString(), amount: last.amount }] : list;
}

/** How many calendar years (on the chart's clock) the points cover. */
export const chartYears = (list: ChartPoint[], zone?: string | null) =>
	new Set(list.map((p) => new Date(chartSeconds(Date.parse(p.at), zone) * 1000).getUTCFullYear())).size;

/** Steps of the time grid, in seconds: the smallest that keeps the grid within {@link slots} slots. */
const steps = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400, 30 * 86_400];
const slots = 600;

/**
 * The chart's points on an even time grid. lightweight-charts spaces its items evenly, whatever the
 * time between them: without the grid, 3 hours between two stack updates would look as long as 5
 * minutes, and a day's label would sit on the first update after midnight. So each point goes to the
 * slot it falls in (not a later one: its minute, its day; of those that share a slot, a fraction of a
 * pixel wide, the latest), and every
 * slot between holds the last value (a stack is what was last counted): the line runs flat and steps at
 * each update, and a span of the axis is as wide as the time it took, six updates in a minute included.
 */
export function withTimeGrid(data: { time: number; value: number }[]): { time: number; value: number }[] {
	if (data.length < 2) return data;
	const [first, last] = [data[0].time, data[data.length - 1].time];
	const step = steps.find((s) => (last - first) / s <= slots) ?? Math.ceil((last - first) / slots);
	const bySlot = new Map<number, number>();
	for (const point of data) bySlot.set(Math.floor(point.time / step) * step, point.value);
	const times = [...bySlot.keys()];
	const grid: { time: number; value: number }[] = [];
	for (let time = times[0], value = data[0].value; time <= times[times.length - 1]; time += step) {
		value = bySlot.get(time) ?? value;
		grid.push({ time, value });
	}

	return grid;
}

/**
 * The value axis's range for a line that hardly moves: at least a tenth of its level, or 10 whole
 * units (dollars, chips), centred on it. Left to itself the chart spans a flat line by its minimum
 * step, and a stack that stayed at $300 reads $299.94 … $300.06.
 */
export function withMinimumSpan(range: { minValue: number; maxValue: number } | null): { minValue: number; maxValue: number } | null {
	if (!range) return range;
	const span = Math.max(Math.abs(range.maxValue + range.minValue) / 20, 10);
	if (range.maxValue - range.minValue >= span) return range;
	const middle = (range.maxValue + range.minValue) / 2;
	return { minValue: middle - span / 2, maxValue: middle + span / 2 };
}

/**
 * A tournament's chart from its start: the starting stack (when its terms give one) at the start
 * time, before the first stack reported. A cash game's first buy-in starts its chart already.
 */
export function withStartingStack(
	points: ChartPoint[],
	session: { kind: string; startedAt: string; tournament?: { startingStack?: number } | null }
): ChartPoint[] {
	const starting = session.kind === 'tournament' ? session.tournament?.startingStack : undefined;
	if (!starting || (points.length > 0 && Date.parse(points[0].at) <= Date.parse(session.startedAt))) return points;
	return [{ at: session.startedAt, amount: starting }, ...points];
}
