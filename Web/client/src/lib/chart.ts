/**
 * The stack chart's clock. lightweight-charts places and labels its ticks in UTC; each instant is
 * shifted by the browser's offset at that instant, so ticks fall on local midnights and hours, and
 * labels read the shifted time back as UTC: the axis shows the same times as the timeline beside it.
 */
export interface ChartPoint {
	at: string;
	amount: number;
}

/** The chart's seconds for an instant: its local wall-clock time written as if it were UTC. */
export const chartSeconds = (ms: number) => Math.floor(ms / 1000) - new Date(ms).getTimezoneOffset() * 60;

/** A chart time as the player's clock reads it. */
export const chartLabel = (seconds: number, options: Intl.DateTimeFormatOptions) =>
	new Date(seconds * 1000).toLocaleString('en-US', { ...options, timeZone: 'UTC' });

/**
 * One value per chart second, in ascending order as the chart requires: the latest instant wins.
 * The hour repeated when clocks go back maps two instants onto the same wall-clock times, so the
 * order is taken again after shifting.
 */
export function chartData(list: ChartPoint[], digits: number) {
	const bySecond = new Map<number, number>();
	for (const p of [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
		bySecond.set(chartSeconds(Date.parse(p.at)), p.amount / 10 ** digits);
	}

	return [...bySecond.entries()].sort(([a], [b]) => a - b).map(([time, value]) => ({ time, value }));
}

/** How many calendar years (on the player's clock) the points cover. */
export const chartYears = (list: ChartPoint[]) => new Set(list.map((p) => new Date(p.at).getFullYear())).size;
