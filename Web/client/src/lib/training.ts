// Push/fold training: the shapes the API answers with, and how cards and spots are shown.
import { parseDecimal } from './money';

export interface Decision {
	choice: 'shove' | 'call' | 'fold';
	best: 'shove' | 'call' | 'fold';
	correct: boolean;
	evLost: number;
	evAggressive: number;
	evFold: number;
	equilibriumFrequency: number;
}

export interface Spot {
	number: number;
	card1: string;
	card2: string;
	handClass: string;
	stack: number;
	ante: number;
	seat: 'small-blind' | 'big-blind';
	decision?: Decision;
}

export interface Training {
	id: string;
	drill: string;
	minStack: number;
	maxStack: number;
	ante: number;
	startedAt: string;
	endedAt?: string;
	decisions: number;
	correct: number;
	evLost: number;
	evLostPer100?: number;
	open?: Spot;
	answered: Spot[];
}

export interface TrainingFigures {
	key: string;
	decisions: number;
	correct: number;
	evLost: number;
	accuracy: number;
	evLostPer100: number;
}

/** The player's training statistics: overall, by stack depth, by seat and by day (on the calendar of the time zone asked in). */
export interface TrainingStatistics {
	overall: TrainingFigures;
	byDepth: TrainingFigures[];
	bySeat: TrainingFigures[];
	byDay: TrainingFigures[];
}

export interface DecisionResult {
	graded: Spot;
	next?: Spot;
	training: Training;
}

export interface ChartCell {
	hand: string;
	row: number;
	column: number;
	shove: number;
	call: number;
	shovedAt: StackRange[];
	calledAt: StackRange[];
}

export interface StackRange {
	from: number;
	to: number;
}

/** Where the default chart plays a hand: "every stack (1–50 bb)", "never", or its ranges ("1–8.3 bb and 12–50 bb"). */
export function stacks(ranges: StackRange[]): string {
	if (ranges.length === 0) return 'never (1–50 bb)';
	if (ranges.length === 1 && ranges[0].from <= 1 && ranges[0].to >= 50) return 'at every stack (1–50 bb)';
	return 'at ' + ranges.map((r) => (r.from === r.to ? `${r.from} bb` : `${r.from}–${r.to} bb`)).join(' and ');
}

const suits: Record<string, { symbol: string; name: string; red: boolean }> = {
	s: { symbol: '♠', name: 'spades', red: false },
	h: { symbol: '♥', name: 'hearts', red: true },
	d: { symbol: '♦', name: 'diamonds', red: true },
	c: { symbol: '♣', name: 'clubs', red: false }
};

const rankNames: Record<string, string> = { A: 'ace', K: 'king', Q: 'queen', J: 'jack', T: 'ten', '9': 'nine', '8': 'eight', '7': 'seven', '6': 'six', '5': 'five', '4': 'four', '3': 'three', '2': 'two' };

/** "As" → the rank shown ("A", "10" for a ten), its suit symbol and colour, and a name for screen readers. */
export function card(code: string) {
	const suit = suits[code[1]];
	const rank = code[0] === 'T' ? '10' : code[0];
	return { rank, symbol: suit.symbol, red: suit.red, name: `${rankNames[code[0]]} of ${suit.name}` };
}

export const aggressive = (seat: Spot['seat']) => (seat === 'small-blind' ? 'shove' : 'call');

const drillNames: Record<string, string> = { random: 'Random spots', 'stack-range': 'Stack range', leaks: 'My leaks' };

/** A drill as the player chose it: "Stack range 8–12 bb, ante 0.1 bb". */
export function drillName(t: Pick<Training, 'drill' | 'minStack' | 'maxStack' | 'ante'>): string {
	const range = t.drill === 'stack-range' ? ` ${t.minStack}–${t.maxStack} bb` : '';
	return `${drillNames[t.drill] ?? t.drill}${range}${t.ante ? `, ante ${t.ante} bb` : ''}`;
}

/** Accuracy as a percentage, one decimal. */
export function accuracy(correct: number, decisions: number): string {
	return decisions === 0 ? '—' : `${((correct / decisions) * 100).toFixed(1)}%`;
}

/** The question a spot asks. */
export function question(spot: Spot): string {
	return spot.seat === 'small-blind'
		? `You are the small blind with ${spot.stack} bb: shove or fold?`
		: `The small blind shoved ${spot.stack} bb: call or fold?`;
}

/** The colour class of a chart cell: always (≥ 99.5%), never (≤ 0.5%), or mixed. */
export function frequencyClass(frequency: number): 'f-all' | 'f-mixed' | 'f-none' {
	return frequency >= 0.995 ? 'f-all' : frequency <= 0.005 ? 'f-none' : 'f-mixed';
}

/** How long a new hand is on screen before a key may answer it (a press meant for the hand before is not its answer). */
export const answerDelayMs = 300;

/** Whether a key press answers the hand on screen: not a held key's repeat, nor a press as the hand appears. */
export const keyAnswers = (repeat: boolean, shownAt: number, now: number) => !repeat && now - shownAt >= answerDelayMs;

/** A stack typed by the player, in big blinds: "8.5" or "8,5"; null when it is not a number. */
export function parseStack(text: string): number | null {
	const value = parseDecimal(text);
	return value !== null && value >= 0 ? value : null;
}

const ranks = '23456789TJQKA';

/** A spot's two cards as its hand class names them: the higher rank first ("Ad 6c" for A6o, however dealt). */
export function ordered(spot: Pick<Spot, 'card1' | 'card2'>): [string, string] {
	return ranks.indexOf(spot.card2[0]) > ranks.indexOf(spot.card1[0]) ? [spot.card2, spot.card1] : [spot.card1, spot.card2];
}

/** The recent drills with the one being played as it stands now (first when it is new): the list never lags behind the cards. */
export function withCurrent(history: Training[], current: Training | null): Training[] {
	if (!current) return history;
	return history.some((t) => t.id === current.id) ? history.map((t) => (t.id === current.id ? current : t)) : [current, ...history];
}

/** Big blinds with a real minus sign, as every amount in the app: "shove −0.79 bb". */
export const bb = (n: number) => `${n < 0 ? '\u2212' : ''}${Math.abs(n).toFixed(2)} bb`;
