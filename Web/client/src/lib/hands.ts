// Hand histories: the shapes the API answers with, and the replayer's steps.

export interface HandPlayer {
	name: string;
	seat: number;
	position: string;
	stack: number;
	cards?: string;
	invested: number;
	collected: number;
	net: number;
	hero: boolean;
	allInEquity?: number;
	allInAdjustedNet?: number;
}

export interface HandAction {
	street: 'preflop' | 'flop' | 'turn' | 'river';
	player: string;
	kind: string;
	amount: number;
	raiseTo?: number;
	allIn: boolean;
}

export interface HandReview {
	seat: 'small-blind' | 'big-blind';
	stack: number;
	ante: number;
	handClass: string;
	choice: string;
	best: string;
	correct: boolean;
	evLost: number;
	equilibriumFrequency: number;
}

export interface Hand {
	site: string;
	handId: string;
	startedAt: string;
	game: string;
	currency: string;
	tournamentId?: string;
	smallBlind: number;
	bigBlind: number;
	ante: number;
	table: string;
	maxSeats: number;
	button: number;
	hero?: string;
	totalPot: number;
	rake: number;
	boards: string[];
	players: HandPlayer[];
	actions: HandAction[];
	review?: HandReview;
}

export interface ImportedFile {
	name: string;
	format?: string;
	hands: number;
	imported: number;
	duplicates: number;
	refused: number;
	error?: string;
}

export interface ImportReport {
	id: string;
	status: 'running' | 'done' | 'stopped' | 'failed';
	startedAt: string;
	finishedAt?: string;
	hands: number;
	imported: number;
	duplicates: number;
	refused: number;
	files: ImportedFile[];
	problems: { file: string; line: number; handId?: string; reason: string }[];
	stoppedBecause?: string;
}

export interface HandStatistics {
	hands: number;
	bigBlindsWon: number;
	bigBlindsPer100?: number;
	allInAdjustedBigBlindsWon: number;
	allInAdjustedBigBlindsPer100?: number;
	vpip?: number;
	pfr?: number;
	threeBet?: number;
	foldToThreeBet?: number;
	continuationBet?: number;
	wentToShowdown?: number;
	wonAtShowdown?: number;
	aggressionFactor?: number;
	results: { currency: string; hands: number; net: number; allInAdjustedNet: number }[];
}

export interface HandSummary {
	site: string;
	handId: string;
	startedAt: string;
	game: string;
	currency: string;
	bigBlind: number;
	tournament: boolean;
	position: string;
	cards: string;
	net: number;
	allInAdjustedNet: number;
	reviewChoice?: string;
	reviewEvLost?: number;
}

/** A rate (0.25) as a percentage ("25.0%"); a dash when the situation never came up. */
export function percent(rate: number | null | undefined): string {
	return rate == null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** The hand's money in its own unit: chips as a plain number, a currency as money. */
/** What a results row is counted in: a currency, a tournament's chips, or play money. */
export const unitName = (currency: string) => (currency === 'CHIPS' ? 'tournament chips' : currency === 'PLAY' ? 'play money' : currency);

export function isChips(currency: string): boolean {
	return currency === 'CHIPS' || currency === 'PLAY';
}

const kindWords: Record<string, string> = {
	'small-blind': 'posts the small blind',
	'big-blind': 'posts the big blind',
	ante: 'posts the ante',
	straddle: 'straddles',
	'dead-blind': 'posts a dead blind',
	fold: 'folds',
	check: 'checks',
	call: 'calls',
	bet: 'bets',
	raise: 'raises to',
	return: 'takes back'
};

/** What an action says, with its amount formatted by the caller. */
export function describe(action: HandAction, amount: (minor: number) => string): string {
	const words = kindWords[action.kind] ?? action.kind;
	const shown = action.kind === 'raise' ? action.raiseTo ?? action.amount : action.amount;
	const money = ['fold', 'check'].includes(action.kind) ? '' : ` ${amount(shown)}`;
	return `${action.player} ${words}${money}${action.allIn ? ' (all-in)' : ''}`;
}

/** The table after the first <code>count</code> actions: each player's stack and chips in front, the pot, who folded, the board so far; after the last, the pot paid out. */
export interface ReplayState {
	stacks: Record<string, number>;
	inFront: Record<string, number>;
	pot: number;
	folded: string[];
	street: HandAction['street'];
	board: string[];
	last?: HandAction;
}

const streetCards = { preflop: 0, flop: 3, turn: 4, river: 5 } as const;

export function replay(hand: Hand, count: number): ReplayState {
	const stacks: Record<string, number> = {};
	for (const p of hand.players) stacks[p.name] = p.stack;
	let inFront: Record<string, number> = {};
	let pot = 0;
	const folded: string[] = [];
	let street: HandAction['street'] = 'preflop';
	let last: HandAction | undefined;
	const shown = hand.actions.slice(0, Math.max(0, Math.min(count, hand.actions.length)));
	for (const a of shown) {
		if (a.street !== street) {
			// A new street: the chips in front go to the pot.
			pot += Object.values(inFront).reduce((x, y) => x + y, 0);
			inFront = {};
			street = a.street;
		}

		if (a.kind === 'fold') folded.push(a.player);
		else if (a.kind === 'return') {
			stacks[a.player] += a.amount;
			inFront[a.player] = (inFront[a.player] ?? 0) - a.amount;
		} else if (a.kind === 'ante') {
			stacks[a.player] -= a.amount;
			pot += a.amount;
		} else if (a.kind !== 'check') {
			stacks[a.player] -= a.amount;
			inFront[a.player] = (inFront[a.player] ?? 0) + a.amount;
		}
		last = a;
	}

	// After the last action the board shows as far as it was dealt.
	const done = count >= hand.actions.length;
	if (done) {
		pot += Object.values(inFront).reduce((x, y) => x + y, 0);
		inFront = {};
		for (const p of hand.players) stacks[p.name] += p.collected; // the winners take the pot
	}
	const cards = (hand.boards[0] ?? '').split(' ').filter(Boolean);
	const board = done ? cards : cards.slice(0, streetCards[street]);
	return { stacks, inFront, pot, folded, street, board, last };
}

/** The most one upload may carry (the server refuses more with 413); said before sending, not after. */
export const maxUploadBytes = 50 * 1024 * 1024;

/** Why these files cannot go in one upload, or null when they can. */
export function uploadTooLarge(sizes: number[], max = maxUploadBytes): string | null {
	const total = sizes.reduce((a, b) => a + b, 0);
	if (total <= max) return null;
	const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
	return `${sizes.length === 1 ? 'This file is' : 'These files are'} ${mb(total)}; at most ${mb(max)} go in one upload. Send ${sizes.length === 1 ? 'it zipped or split into parts' : 'them in several uploads'}.`;
}

/** The summary's word for files that gave nothing ("a damaged zip entry"): ", 1 file not read (see below)", or nothing. */
export function filesNotRead(files: ImportedFile[]): string {
	const count = files.filter((f) => f.error && f.imported === 0 && f.duplicates === 0 && f.refused === 0).length;
	return count === 0 ? '' : `, ${count} file${count === 1 ? '' : 's'} not read (see below)`;
}
