/**
 * A session's clock. A session started with a known zone is shown on its table's clock wherever it
 * is looked at from (a Madrid evening stays 21:00 from Los Angeles), as the statistics' weekdays and
 * hours count it and the export writes it; a session without one, on the viewer's clock.
 */
const readers = new Map<string, Intl.DateTimeFormat>();
function reader(timeZone: string) {
	let r = readers.get(timeZone);
	if (!r) {
		r = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
		readers.set(timeZone, r);
	}
	return r;
}

/** The wall-clock reading of an instant (ms) in a zone, as if it were UTC (ms, whole seconds). */
export function wallClock(ms: number, timeZone: string): number {
	const parts = reader(timeZone)
		.formatToParts(new Date(ms))
		.reduce<Record<string, number>>((acc, p) => (p.type !== 'literal' ? { ...acc, [p.type]: Number(p.value) } : acc), {});
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** A zone's offset from UTC at an instant (ms), in minutes: +60 for Madrid in winter, −480 for Los Angeles. */
export const offsetMinutes = (ms: number, timeZone: string) => Math.round((wallClock(ms, timeZone) - Math.floor(ms / 1000) * 1000) / 60_000);

/** The viewer's own zone. */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const known = new Map<string, boolean>();
/** Whether this browser knows a zone (one it does not, say a name stored before zones were checked, would throw). */
function knows(zone: string) {
	let ok = known.get(zone);
	if (ok === undefined) {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: zone });
			ok = true;
		} catch {
			ok = false;
		}
		known.set(zone, ok);
	}
	return ok;
}

/** The zone to show a session in: its table's when known, else the viewer's (undefined: the browser's own). */
export const tableZone = (zone?: string | null) => (zone && knows(zone) ? zone : undefined);

/** An instant as a session's clock reads it. */
export const dateAt = (at: string, zone?: string | null) => new Date(at).toLocaleDateString([], { timeZone: tableZone(zone) });
export const timeAt = (at: string, zone?: string | null) => new Date(at).toLocaleTimeString([], { timeZone: tableZone(zone) });
export const dateTimeAt = (at: string, zone?: string | null) => new Date(at).toLocaleString([], { timeZone: tableZone(zone) });

/** Whether two instants fall on the same calendar day on a session's clock. */
export const sameDay = (a: string, b: string, zone?: string | null) => {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: tableZone(zone) });
	return day.format(new Date(a)) === day.format(new Date(b));
};

/**
 * What the page says when a session's times are not on the viewer's clock: its table's zone and
 * offset then ("Times at the table: Europe/Madrid, GMT+1"), or null when both clocks read the same.
 */
export function tableClockNote(at: string, given?: string | null, viewer = viewerZone()): string | null {
	const zone = tableZone(given);
	if (!zone) return null;
	const ms = Date.parse(at);
	if (offsetMinutes(ms, zone) === offsetMinutes(ms, viewer)) return null;
	const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
	return `Times at the table: ${zone.replaceAll('_', ' ')}${offset ? `, ${offset}` : ''}.`;
}

/** An instant as a `datetime-local` field shows it on a session's clock: "2026-11-20T21:30". */
export const toLocalInput = (at: string, zone?: string | null) =>
	new Date(wallClock(Date.parse(at), tableZone(zone) ?? viewerZone())).toISOString().slice(0, 16);

/**
 * The instant a `datetime-local` field names on a session's clock, as ISO text, or null when the
 * text is not a date and time. A time the clock skipped (a spring-forward hour) reads as the
 * instant an hour later; one it read twice (the autumn hour), as the earlier of the two.
 */
export function fromLocalInput(text: string, zone?: string | null): string | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim());
	if (!m) return null;
	const [year, month, day, hour, minute] = m.slice(1).map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
	return new Date(instantOf(wall, tableZone(zone) ?? viewerZone())).toISOString();
}

/**
 * The instant (ms) a wall-clock time (as ms in UTC) reads in a zone: of two (the autumn hour), the
 * earlier; a time the clocks skip, the instant an hour later (a day whose midnight is skipped starts then).
 */
export function instantOf(wall: number, zone: string): number {
	// The zone's offsets a day either side (the wall time read as UTC can be 14 hours from the instant,
	// and clocks change at most once in two days): the earlier reading that fits, else the one before
	// the change, which puts a skipped time an hour later.
	const candidates = [wall - offsetMinutes(wall - 86_400_000, zone) * 60_000, wall - offsetMinutes(wall + 86_400_000, zone) * 60_000];
	const exact = candidates.filter((ms) => wallClock(ms, zone) === wall).sort((a, b) => a - b)[0];
	return exact ?? candidates[0];
}
