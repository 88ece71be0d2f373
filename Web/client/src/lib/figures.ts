// The live figures of a session as the clock runs: the server's figures are as of its last event,
// so time and the rates per hour are worked out here from the session's own times.

export interface Timed {
	startedAt: string;
	endedAt?: string;
	breaks?: { startedAt: string; endedAt?: string }[];
}

/** Time at the table until `now` (or the end): breaks excluded, as the server counts it. */
export function playedMs(session: Timed, now: number): number {
	const end = session.endedAt ? Date.parse(session.endedAt) : now;
	let total = end - Date.parse(session.startedAt);
	for (const pause of session.breaks ?? []) {
		const from = Date.parse(pause.startedAt);
		const to = Math.min(pause.endedAt ? Date.parse(pause.endedAt) : end, end);
		if (to > from) total -= to - from;
	}

	// Whole seconds, as the server counts them: a session ended at 22:53:08.934 gives the same $/h here as on its page.
	return Math.max(0, Math.floor(total / 1000) * 1000);
}

/** An amount per hour over `ms` of play; none under a minute (a rate from seconds means nothing). */
export function perHour(amount: number | null | undefined, ms: number): number | null {
	return amount == null || ms < 60_000 ? null : amount / (ms / 3_600_000);
}

/** A tournament stack in chips, as typed ("23,400", "23 400", "23400"); null when it is not a whole number of chips. */
/**
 * Whole chips as a player types them: plain digits, or groups of three after one kind of separator
 * (23,400 · 1.234.567 · 23 400 · 23'400), optionally with a zero decimal part written with the other
 * mark (20,000.000 · 20.000,00). Fractions and mixed or misplaced separators are refused, not guessed.
 */
export function parseChips(text: string): number | null {
	const m = /^(?:(\d{1,3})(?:([\s\u00a0\u202f',.])(\d{3}(?:\2\d{3})*))|(\d+))(?:([.,])0+)?$/.exec(text.trim());
	if (!m || (m[5] !== undefined && m[5] === m[2])) return null;
	const digits = m[4] ?? m[1] + m[3].split(m[2]).join('');
	const chips = Number(digits);
	return Number.isSafeInteger(chips) ? chips : null;
}

export function formatChips(chips: number, locale = 'en-US'): string {
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(chips)} chips`;
}

/** An alert's reasons as one sentence: "down 2.3 buy-ins; you just rebought." (reasons may end in a full stop of their own). */
export function alertText(reasons: string[]): string {
	const parts = reasons.map((r) => r.trim().replace(/\.+$/, '')).filter((r) => r.length > 0);
	return parts.length > 0 ? `${parts.join('; ')}.` : '';
}

/** What the big-blind rates are taken over (the statistics' bigBlindsBasis). */
export interface BigBlindsBasis {
	sessionsPerHour: number;
	sessionsPer100: number;
	hands: number;
}

const sessionsText = (n: number) => `${n} session${n === 1 ? '' : 's'}`;

/**
 * The line under the hourly rate when some sessions have no time played (a spreadsheet's rows written
 * without times): their money is in the net, and not in a rate per hour.
 */
export function hourlyBasisText(timed: number, sessions: number): string {
	const untimed = sessions - timed;
	return untimed <= 0 || timed === 0 ? '' : `over ${timed} of ${sessionsText(sessions)} (${untimed} ${untimed === 1 ? 'has' : 'have'} no time played)`;
}

/**
 * The line under each big-blind rate, so that the two are never read as the same sessions' figures:
 * bb/hour covers the cash sessions with blinds, bb/100 only those whose hands were counted.
 */
export function bigBlindsBasisText(basis: BigBlindsBasis, sessions: number, locale = 'en-US'): { perHour: string; per100: string } {
	const perHour = basis.sessionsPerHour === sessions || basis.sessionsPerHour === 0 ? '' : `over ${basis.sessionsPerHour} of ${sessionsText(sessions)} (cash, blinds and time known)`;
	const hands = `${basis.hands.toLocaleString(locale)} hand${basis.hands === 1 ? '' : 's'}`;
	const per100 =
		basis.sessionsPer100 === 0
			? basis.sessionsPerHour > 0 ? 'no hands counted' : ''
			: basis.sessionsPer100 < basis.sessionsPerHour
				? `${hands}, only ${basis.sessionsPer100} of ${basis.sessionsPerHour} cash sessions`
				: hands;
	return { perHour, per100 };
}

/**
 * A risk of ruin as the player reads it: "< 0.01%" rather than a flat "0.00%" for a risk that is
 * tiny but there, and 100% said to follow from a win rate of zero or less, not from the bankroll.
 */
export function riskText(probability: number, bankroll = 1): { value: string; why: string } {
	if (bankroll <= 0) return { value: '100%', why: 'There is nothing left in the bankroll to lose.' };
	if (probability >= 1) return { value: '100%', why: 'At a win rate of zero or below, any bankroll is lost in the long run.' };
	if (probability < 0.0001) return { value: '< 0.01%', why: '' };
	return { value: `${(probability * 100).toFixed(2)}%`, why: '' };
}
