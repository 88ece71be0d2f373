import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chartLabel, chartSeconds, chartYears } from './chart';
import { dateAt, fromLocalInput, offsetMinutes, sameDay, tableClockNote, timeAt, toLocalInput, wallClock } from './clock';

describe('a session’s clock', () => {
	// The viewer is in Los Angeles; the session was played in Madrid.
	beforeAll(() => void vi.stubEnv('TZ', 'America/Los_Angeles'));
	afterAll(() => void vi.unstubAllEnvs());
	const evening = '2026-11-21T20:00:00Z'; // 21:00 in Madrid, 12:00 in Los Angeles

	it('reads a zone’s offset at the instant, summer time included', () => {
		expect(offsetMinutes(Date.parse(evening), 'Europe/Madrid')).toBe(60);
		expect(offsetMinutes(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Madrid')).toBe(120);
		expect(offsetMinutes(Date.parse(evening), 'America/Los_Angeles')).toBe(-480);
		expect(offsetMinutes(Date.parse(evening), 'Asia/Kolkata')).toBe(330);
		expect(new Date(wallClock(Date.parse(evening), 'Europe/Madrid')).toISOString()).toBe('2026-11-21T21:00:00.000Z');
	});

	it('shows times and dates on the table’s clock when it is known, else on the viewer’s', () => {
		expect(timeAt(evening, 'Europe/Madrid')).toMatch(/^9:00:00\sPM$/);
		expect(timeAt(evening, null)).toMatch(/^12:00:00\sPM$/);
		// 02:00 on a Saturday in Madrid is still Friday in Los Angeles.
		expect(dateAt('2026-11-28T01:00:00Z', 'Europe/Madrid')).toBe('11/28/2026');
		expect(dateAt('2026-11-28T01:00:00Z', '')).toBe('11/27/2026');
		expect(sameDay('2026-11-21T20:00:00Z', '2026-11-21T23:30:00Z', 'Europe/Madrid')).toBe(false); // 00:30 the next day there
		expect(sameDay('2026-11-21T20:00:00Z', '2026-11-21T23:30:00Z', null)).toBe(true);
	});

	it('says whose clock the times are on only when it reads differently from the viewer’s', () => {
		expect(tableClockNote(evening, 'Europe/Madrid')).toBe('Times at the table: Europe/Madrid, GMT+1.');
		expect(tableClockNote(evening, 'America/Los_Angeles')).toBeNull();
		expect(tableClockNote(evening, 'America/Vancouver')).toBeNull(); // another name, the same clock
		expect(tableClockNote(evening, null)).toBeNull();
		expect(tableClockNote(evening, 'Pacific Standard Time')).toBeNull(); // a name no browser knows: the viewer's clock
		expect(timeAt(evening, 'Pacific Standard Time')).toMatch(/^12:00:00\sPM$/);
		expect(tableClockNote(evening, 'America/New_York')).toBe('Times at the table: America/New York, GMT-5.');
	});

	it('draws a session’s chart on its table’s clock', () => {
		const seconds = chartSeconds(Date.parse(evening), 'Europe/Madrid');
		expect(chartLabel(seconds, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('21:00');
		expect(chartLabel(chartSeconds(Date.parse(evening)), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('12:00');
		// 23:30 UTC on New Year's Eve is already next year in Madrid, not in Los Angeles.
		const points = [{ at: '2026-12-31T12:00:00Z', amount: 1 }, { at: '2026-12-31T23:30:00Z', amount: 2 }];
		expect(chartYears(points, 'Europe/Madrid')).toBe(2);
		expect(chartYears(points)).toBe(1);
	});

	it('reads a corrected time as the table’s clock shows it, across the changes of the clocks', () => {
		expect(toLocalInput(evening, 'Europe/Madrid')).toBe('2026-11-21T21:00');
		expect(fromLocalInput('2026-11-20T21:00', 'Europe/Madrid')).toBe('2026-11-20T20:00:00.000Z');
		expect(fromLocalInput(toLocalInput(evening, 'America/New_York'), 'America/New_York')).toBe(new Date(evening).toISOString());
		expect(fromLocalInput('2026-11-20T21:00', null)).toBe('2026-11-21T05:00:00.000Z'); // no zone: the viewer's (Los Angeles here)
		// Los Angeles: 2:30 AM never happened on 8 March 2026 (the clocks went to 3:00), 1:30 AM happened twice on 1 November.
		expect(fromLocalInput('2026-03-08T02:30', 'America/Los_Angeles')).toBe('2026-03-08T10:30:00.000Z'); // 3:30 AM PDT
		// The same far east of UTC, where the wall time read as UTC is half a day from the instant.
		expect(fromLocalInput('2026-10-04T02:30', 'Australia/Sydney')).toBe('2026-10-03T16:30:00.000Z'); // 3:30 AM AEDT
		expect(fromLocalInput('2026-04-05T02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z'); // the first 2:30 AM, AEDT
		expect(fromLocalInput('2026-11-01T01:30', 'America/Los_Angeles')).toBe('2026-11-01T08:30:00.000Z'); // the first 1:30, PDT
		expect(fromLocalInput('2026-02-30T10:00', 'Europe/Madrid')).toBeNull();
		expect(fromLocalInput('tonight', 'Europe/Madrid')).toBeNull();
		expect(fromLocalInput('', 'Europe/Madrid')).toBeNull();
	});
});
