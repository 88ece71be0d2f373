// Monthly goals: progress of this month against the targets, and where the pace says it ends.

export interface Goals {
	hours?: number | null;
	profit?: number | null;
	currency?: string | null;
}

export interface Progress {
	done: number;
	target: number;
	/** 0..1 of the target (capped at 1 for the bar). */
	share: number;
	/** What the month ends at if it goes on as so far. */
	projected: number;
}

/** The month key (yyyy-mm) of today in a time zone. */
export const monthIn = (timeZone: string, now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now);

/** Progress towards a target, `day` days into a month of `days` days. */
export function progress(done: number, target: number, day: number, days: number): Progress {
	return { done, target, share: target > 0 ? Math.max(0, Math.min(1, done / target)) : 0, projected: day > 0 ? (done / day) * days : done };
}

/**
 * How far into the month it is, in days (8 a.m. on the 3rd is 2.33: today counts for the part of it gone,
 * at least one day so the first hours do not project wildly), and the days in the month, in a time zone.
 */
export function dayOfMonth(timeZone: string, now = new Date()): { day: number; days: number } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
			.formatToParts(now)
			.map((p) => [p.type, Number(p.value)])
	);
	const elapsed = parts.day - 1 + (parts.hour * 60 + parts.minute) / 1440;
	return { day: Math.max(1, elapsed), days: new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate() };
}
