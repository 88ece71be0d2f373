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
	postflopBetsAndRaises: number;
	postflopCalls: number;
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

/**
 * The table at one step of the replay: each player's stack and chips in front, the pot, who folded,
 * the boards so far. Steps 1 to N are the N actions; then the cards still to come after an all-in,
 * a street per step; the last step is the showdown: every board, the cards shown, the pot paid out.
 */
export interface ReplayState {
	stacks: Record<string, number>;
	inFront: Record<string, number>;
	pot: number;
	folded: string[];
	street: HandAction['street'];
	/** The boards as far as they are dealt (two or more when the hand was run more than once, at the showdown). */
	boards: string[][];
	last?: HandAction;
	/** A step that is not an action: the street dealt after an all-in ("The turn: Jd"). */
	dealt?: string;
	/** The last step: the pot is paid out (to {@link winners}) and the cards shown are seen. */
	showdown: boolean;
	winners: { name: string; amount: number }[];
}

const streetCards = { preflop: 0, flop: 3, turn: 4, river: 5 } as const;
const streets = ['flop', 'turn', 'river'] as const;

const cardsOf = (board: string | undefined) => (board ?? '').split(' ').filter(Boolean);

/** The streets dealt after the last action (an all-in before the river). */
function runOut(hand: Hand): (typeof streets)[number][] {
	const last = hand.actions[hand.actions.length - 1]?.street ?? 'preflop';
	const cards = cardsOf(hand.boards[0]).length;
	return streets.filter((s) => streetCards[s] > streetCards[last] && streetCards[s] <= cards);
}

/** How many steps the replay has: the actions, the streets dealt after them, the showdown. */
export const replaySteps = (hand: Hand) => hand.actions.length + runOut(hand).length + 1;

export function replay(hand: Hand, count: number): ReplayState {
	const stacks: Record<string, number> = {};
	for (const p of hand.players) stacks[p.name] = p.stack;
	let inFront: Record<string, number> = {};
	let pot = 0;
	const folded: string[] = [];
	let street: HandAction['street'] = 'preflop';
	let last: HandAction | undefined;
	const collect = () => {
		pot += Object.values(inFront).reduce((x, y) => x + y, 0);
		inFront = {};
	};
	for (const a of hand.actions.slice(0, Math.max(0, Math.min(count, hand.actions.length)))) {
		if (a.street !== street) {
			collect(); // a new street: the chips in front go to the pot
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

	const cards = cardsOf(hand.boards[0]);
	const after = runOut(hand);
	const beyond = count - hand.actions.length;
	let dealt: string | undefined;
	if (beyond > 0 && beyond <= after.length) {
		collect();
		street = after[beyond - 1];
		const [from, to] = [streetCards[after[beyond - 1]] === 3 ? 0 : streetCards[after[beyond - 1]] - 1, streetCards[after[beyond - 1]]];
		dealt = `The ${street}: ${cards.slice(from, to).join(' ')}`;
	}

	const showdown = beyond > after.length;
	if (showdown) {
		collect();
		for (const p of hand.players) stacks[p.name] += p.collected; // the winners take the pot
		pot = 0;
	}

	const boards = showdown ? hand.boards.map(cardsOf) : [cards.slice(0, streetCards[street])];
	const winners = hand.players.filter((p) => p.collected > 0).map((p) => ({ name: p.name, amount: p.collected }));
	return { stacks, inFront, pot, folded, street, boards, last, dealt, showdown, winners };
}

/** The aggression factor as shown: bets and raises after the flop over calls; with no call, said so rather than a dash. */
export function aggressionText(s: Pick<HandStatistics, 'aggressionFactor' | 'postflopBetsAndRaises' | 'postflopCalls'>): string {
	if (s.aggressionFactor != null) return String(s.aggressionFactor);
	const bets = s.postflopBetsAndRaises ?? 0;
	return bets > 0 ? `${bets} bet${bets === 1 ? '' : 's'}, no call` : '—';
}

/** What the list of refused hands leaves off ('' when it lists them all): the report names the first ones only. */
export function problemsLeftOff(refused: number, listed: number): string {
	const more = refused - listed;
	return more > 0 ? `The first ${listed} are listed; ${more} more ${more === 1 ? 'was' : 'were'} refused (the files' rows above say how many in each).` : '';
}

/** The most one upload may carry (the server refuses more with 413); said before sending, not after. */
export const maxUploadBytes = 50 * 1024 * 1024;

/** Why these files cannot go in one upload, or null when they can. */
export function uploadTooLarge(sizes: number[], max = maxUploadBytes, zipped = true): string | null {
	const total = sizes.reduce((a, b) => a + b, 0);
	if (total <= max) return null;
	const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
	const one = zipped ? 'it zipped or split into parts' : 'it split into files of fewer rows (each keeps the header line)';
	return `${sizes.length === 1 ? 'This file is' : 'These files are'} ${mb(total)}; at most ${mb(max)} go in one upload. Send ${sizes.length === 1 ? one : 'them in several uploads'}.`;
}

/** The summary's word for files that gave nothing ("a damaged zip entry"): ", 1 file not read (see below)", or nothing. */
export function filesNotRead(files: ImportedFile[]): string {
	const count = files.filter((f) => f.error && f.imported === 0 && f.duplicates === 0 && f.refused === 0).length;
	return count === 0 ? '' : `, ${count} file${count === 1 ? '' : 's'} not read (see below)`;
}
