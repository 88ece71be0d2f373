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
}
