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
		expect(dayOfMonth('America/Los_Angeles', lateUtc)).toEqual({ day: 30, days: 30 });
		expect(dayOfMonth('UTC', new Date('2028-02-10T12:00:00Z'))).toEqual({ day: 10, days: 29 });
	});
});
