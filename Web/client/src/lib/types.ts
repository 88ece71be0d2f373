import type { BigBlindsBasis } from './figures';

export interface Totals {
	invested: number;
	expenses: number;
	netResult: number;
	currentStack?: number;
	peakStack?: number;
	playingMinutes: number;
	hourlyRate?: number;
	bigBlindsWon?: number;
	bigBlindsPerHour?: number;
}

export interface Session {
	id: string;
	kind: 'cash' | 'tournament';
	game: string;
	gameName?: string;
	format: string;
	venue: string;
	currency: string;
	tags: string[];
	status: 'active' | 'ended' | 'discarded';
	startedAt: string;
	endedAt?: string;
	stakes?: { smallBlind: number; bigBlind: number; ante?: number; straddle?: number };
	tournament?: { buyIn: number; fee: number; startingStack?: number };
	version: number;
	totals: Totals;
	onBreak: boolean;
	cashOut?: number;
	prize?: number;
	finishPosition?: number;
	fieldSize?: number;
	handsPlayed?: number;
	corrections?: number;
	/** Each correction since the end, oldest first: when, why ("" when not said), the fields it changed. */
	correctionLog?: { at: string; reason: string; fields: string[] }[];
	discardReason?: string;
	discardedAt?: string;
	buyIns?: { sequence: number; kind: string; amount: number; at: string }[];
	expenses?: { sequence: number; kind: string; amount: number; description: string; at: string }[];
	notes?: { sequence: number; text: string; at: string; editedAt?: string }[];
	breaks?: { startedAt: string; endedAt?: string }[];
	/** The IANA zone the session was started in (its table's clock), null when not known. */
	timeZone?: string | null;
}

export interface Alert {
	id: string;
	kind: string;
	level: string;
	source: string;
	reasons: string[];
	recommendation: string;
	sessionId: string;
	at?: string;
	occurredAt?: string; // the time at the table of the entry it follows (an entry sent late is assessed after it)
}

/** The best or the worst session of a statistics view, linked to its page (or its hands, for one made from them). */
export interface StatsHighlight { sessionId: string; net: number; venue: string; startedAt: string; endedAt: string; fromHands?: boolean }
export interface Breakdown { key: string; sessions: number; hours: number; seconds: number; net: number; hourlyRate?: number; bigBlindsPerHour?: number }
/** GET /api/stats: a view's figures, in one currency. */
export interface Stats {
	currency?: string; currencies: string[]; sessions: number; hoursPlayed: number; secondsPlayed: number; netResult: number; hourlyRate?: number; hourlyRateSessions: number; bigBlindsPerHour?: number; bigBlindsPer100?: number; bigBlindsBasis: BigBlindsBasis;
	standardDeviationPerHour?: number; standardDeviationSessions: number; hourlyRateInterval?: { low: number; high: number };
	/** The spread, its interval and risk of ruin are of the view's cash sessions: it has tournaments they leave out. */
	spreadLeavesOutTournaments: boolean;
	risk?: { probability: number; bankroll: number; bankrollForTarget?: number; targetRisk: number; source: string };
	maxDrawdown: number; currentDownswing: number; longestWinningStreak: number; longestLosingStreak: number;
	best?: StatsHighlight | null; worst?: StatsHighlight | null;
	byStakes: Breakdown[]; byVenue: Breakdown[]; byGame: Breakdown[]; byWeekday: Breakdown[]; byMonth: Breakdown[]; hoursByMonth: { key: string; hours: number; seconds: number }[];
	tournaments?: { entries: number; returnOnInvestment?: number; inTheMoney?: number };
	cumulative: { at: string; cumulative: number; drawdown: number }[];
	heatmap: { weekday: number; hour: number; net: number }[];
}
