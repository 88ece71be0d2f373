import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chartData, chartLabel, chartSeconds, chartYears, heldUntil, withMinimumSpan, withStartingStack, withTimeGrid } from './chart';

describe('the stack chart’s clock', () => {
	// Node reads TZ again whenever it changes.
	beforeAll(() => void vi.stubEnv('TZ', 'America/Los_Angeles'));
	afterAll(() => void vi.unstubAllEnvs());

	it('puts an instant on the player’s wall clock, so a tick at the chart’s midnight is local midnight', () => {
		// 07:30 UTC on 10 March 2026 is 00:30 in Los Angeles (summer time since 8 March).
		const seconds = chartSeconds(Date.parse('2026-03-10T07:30:00Z'));
		expect(seconds % 86_400).toBe(30 * 60);
		expect(chartLabel(seconds, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('00:30');
		expect(chartLabel(seconds, { day: 'numeric' })).toBe('10');
		// In winter the offset is eight hours.
		expect(chartLabel(chartSeconds(Date.parse('2026-12-01T04:15:00Z')), { day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('30, 20:15');
	});

	it('keeps the data ascending through the hour repeated when clocks go back, the latest instant winning', () => {
		// 1 November 2026: 01:30 summer time (08:30Z), then 01:10 and 01:30 winter time (09:10Z, 09:30Z).
		const data = chartData(
			[
				{ at: '2026-11-01T09:30:00Z', amount: 30_000 },
				{ at: '2026-11-01T08:30:00Z', amount: 10_000 },
				{ at: '2026-11-01T09:10:00Z', amount: 20_000 }
			],
			2
		);
		expect(data.map((d) => d.time)).toEqual([...data.map((d) => d.time)].sort((a, b) => a - b));
		expect(new Set(data.map((d) => d.time)).size).toBe(data.length);
		expect(data).toHaveLength(2);
		expect(data.at(-1)!.value).toBe(300); // 01:30 was written twice: the later one stands
		expect(chartLabel(data[0].time, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('01:10');
	});

	it('counts years on the player’s clock: New Year’s Eve in Los Angeles is still the old year', () => {
		expect(chartYears([{ at: '2027-01-01T05:00:00Z', amount: 0 }, { at: '2026-12-31T20:00:00Z', amount: 0 }])).toBe(1);
	});

	it('spaces the points by the time between them, with empty minutes in the gaps', () => {
		const minutes = [0, 40, 80, 130, 210, 240];
		const data = minutes.map((m, i) => ({ time: 1_800_000_000 + m * 60, value: i })); // 1,800,000,000 is a whole minute
		const grid = withTimeGrid(data);
		// Four hours on 480 slots of 30 s: each point sits two slots a minute after the first.
		expect(minutes.map((m) => grid.findIndex((g) => g.time === 1_800_000_000 + m * 60))).toEqual(minutes.map((m) => 2 * m));
		// Between two updates the last value holds: the stack is what was last counted.
		expect(grid.slice(0, 80).every((g) => g.value === 0)).toBe(true);
		expect(grid[80].value).toBe(1);
		expect(grid.map((g) => g.time)).toEqual([...new Set(grid.map((g) => g.time))].sort((a, b) => a - b));
		// Over three years the step grows (a week), and the grid stays small.
		const year = withTimeGrid([{ time: 0, value: 1 }, { time: 3 * 365 * 86_400, value: 2 }]);
		expect(year.length).toBeLessThanOrEqual(602);
		expect(year[1].time - year[0].time).toBe(7 * 86_400);
		expect(withTimeGrid([{ time: 5, value: 1 }])).toHaveLength(1);
	});

	it('gives a burst of entries the width of the time it took, not a slot each', () => {
		// Six entries in the first 68 seconds, then one every five minutes: 17 minutes on slots of 5 s.
		const seconds = [0, 10, 25, 40, 55, 68, 300, 600, 900, 1020];
		const grid = withTimeGrid(seconds.map((s, i) => ({ time: 1_800_000_000 + s, value: i })));
		expect(grid).toHaveLength(205);
		expect(grid.every((g, i) => i === 0 || g.time - grid[i - 1].time === 5)).toBe(true);
		// Each entry in the slot it falls in: the first 68 s take a fifteenth of the width, not most of it.
		expect(seconds.map((s) => grid[Math.floor(s / 5)].value)).toEqual(seconds.map((_, i) => i));
		// A session that ended at 22:00 on a chart of days stays on its day.
		const days = withTimeGrid([{ time: 0, value: 1 }, { time: 400 * 86_400 + 22 * 3600, value: 2 }]);
		expect(days[days.length - 1]).toEqual({ time: 400 * 86_400, value: 2 });
		// Two entries within one slot: the later one is the stack there.
		expect(withTimeGrid([{ time: 0, value: 1 }, { time: 2, value: 2 }, { time: 1_000, value: 3 }])[0].value).toBe(2);
	});

	it('carries a running session’s last stack on to the present, and leaves an ended one alone', () => {
		const points = [{ at: '2026-12-01T20:00:00Z', amount: 20_000 }, { at: '2026-12-01T21:00:00Z', amount: 35_000 }];
		expect(heldUntil(points, Date.parse('2026-12-01T21:11:00Z')).at(-1)).toEqual({ at: '2026-12-01T21:11:00.000Z', amount: 35_000 });
		expect(heldUntil(points, undefined)).toBe(points);
		expect(heldUntil(points, Date.parse('2026-12-01T20:30:00Z'))).toBe(points); // a clock behind the last update adds nothing
		expect(heldUntil([], Date.now())).toEqual([]);
	});

	it('gives a line that hardly moves an axis of a tenth of its level, or 10 units, and leaves a moving one alone', () => {
		expect(withMinimumSpan({ minValue: 300, maxValue: 300 })).toEqual({ minValue: 285, maxValue: 315 });
		expect(withMinimumSpan({ minValue: 0, maxValue: 0 })).toEqual({ minValue: -5, maxValue: 5 });
		expect(withMinimumSpan({ minValue: -2_000, maxValue: -1_990 })).toEqual({ minValue: -2_094.75, maxValue: -1_895.25 });
		expect(withMinimumSpan({ minValue: 250, maxValue: 300 })).toEqual({ minValue: 250, maxValue: 300 });
		expect(withMinimumSpan(null)).toBeNull();
	});

	it('starts a tournament’s chart at its starting stack, and leaves a cash game’s and one without a starting stack alone', () => {
		const points = [{ at: '2026-11-20T22:15:00Z', amount: 24_000 }];
		const tournament = { kind: 'tournament', startedAt: '2026-11-20T21:15:00Z', tournament: { startingStack: 20_000 } };
		expect(withStartingStack(points, tournament)).toEqual([{ at: '2026-11-20T21:15:00Z', amount: 20_000 }, ...points]);
		expect(withStartingStack([], tournament)).toEqual([{ at: '2026-11-20T21:15:00Z', amount: 20_000 }]);
		expect(withStartingStack([{ at: '2026-11-20T21:15:00Z', amount: 19_000 }], tournament)).toHaveLength(1);
		expect(withStartingStack(points, { ...tournament, tournament: {} })).toBe(points);
		expect(withStartingStack(points, { kind: 'cash', startedAt: '2026-11-20T21:15:00Z' })).toBe(points);
	});
});
