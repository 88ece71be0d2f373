import { describe, expect, it } from 'vitest';
import { dayOfMonth, monthIn, progress } from './goals';

describe('monthly goals', () => {
	it('measures progress and projects the pace to the end of the month', () => {
		expect(progress(10, 40, 10, 30)).toEqual({ done: 10, target: 40, share: 0.25, projected: 30 });
		expect(progress(50, 40, 15, 30).share).toBe(1);
		expect(progress(-200, 1000, 5, 30).share).toBe(0);
	});

	it('knows the month and day in the player’s time zone', () => {
		const lateUtc = new Date('2026-11-30T23:30:00Z');
		expect(monthIn('UTC', lateUtc)).toBe('2026-11');
		expect(monthIn('Asia/Tokyo', lateUtc)).toBe('2026-12');
		expect(dayOfMonth('America/Los_Angeles', lateUtc)).toEqual({ day: 29 + (15 * 60 + 30) / 1440, days: 30 }); // 15:30 on the 30th
		expect(dayOfMonth('UTC', new Date('2028-02-10T12:00:00Z'))).toEqual({ day: 9.5, days: 29 });
		// Today counts for the part of it gone (8 a.m. on the 3rd: 2.33 days), at least a day.
		expect(dayOfMonth('UTC', new Date('2026-12-03T08:00:00Z')).day).toBeCloseTo(2 + 1 / 3, 9);
		expect(dayOfMonth('UTC', new Date('2026-12-01T00:05:00Z')).day).toBe(1);
	});
});
