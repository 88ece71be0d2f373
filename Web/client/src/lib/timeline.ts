// A session's timeline after it: everything the player recorded and was told, in the order it happened.
import { alertText, formatChips } from './figures';
import { formatDuration, formatMoney } from './money';
import type { Alert, Session } from './types';

export interface StackPoint {
	at: string;
	amount: number;
	sequence?: number;
}

export interface TimelineEntry {
	at: string;
	text: string;
	kind: 'start' | 'buy-in' | 'stack' | 'expense' | 'break' | 'end' | 'alert' | 'correction' | 'discard';
	/** Listed at this time rather than its own (a correction, after the end). */
	after?: string;
	/** A stack update's amount (minor units, or chips in a tournament). */
	amount?: number;
}

/** Stack updates in a row between the first and the last of a long run, listed folded: how many, when, their low and high. */
export interface FoldedStacks {
	kind: 'stacks';
	at: string;
	until: string;
	items: TimelineEntry[];
	text: string;
}

export type TimelineRow = TimelineEntry | FoldedStacks;

/**
 * A run of more than <c>longest</c> stack updates with nothing else between them (a player who logs every
 * hand, or taps in a burst) shows its first and last update, with the ones between folded into one row:
 * the timeline keeps every buy-in, note, alert and break in sight instead of burying them in hundreds of rows.
 */
export function foldStacks(entries: TimelineEntry[], s: Pick<Session, 'kind' | 'currency'>, longest = 6, locale = 'en-US'): TimelineRow[] {
	const amount = (minor: number) => (s.kind === 'tournament' ? formatChips(minor, locale) : formatMoney(minor, s.currency, locale));
	const rows: TimelineRow[] = [];
	for (let i = 0; i < entries.length; ) {
		let end = i;
		while (end < entries.length && entries[end].kind === 'stack') end++;
		if (end - i <= longest) {
			rows.push(...entries.slice(i, Math.max(end, i + 1)));
			i = Math.max(end, i + 1);
			continue;
		}

		const between = entries.slice(i + 1, end - 1);
		const amounts = between.map((e) => e.amount ?? 0);
		rows.push(entries[i], {
			kind: 'stacks', at: between[0].at, until: between.at(-1)!.at, items: between,
			text: `${between.length.toLocaleString(locale)} more stack updates, from ${amount(Math.min(...amounts))} to ${amount(Math.max(...amounts))}`
		}, entries[end - 1]);
		i = end;
	}

	return rows;
}

const buyInName: Record<string, string> = { initial: 'Buy-in', rebuy: 'Rebuy', 'add-on': 'Add-on' };

// A correction's fields as the page names them.
const fieldName: Record<string, string> = {
	venue: 'venue', game: 'game', gameName: 'game name', format: 'live or online', tags: 'tags', stakes: 'stakes', tournament: 'entry',
	startedAt: 'start', endedAt: 'end', cashOut: 'cash-out', totalBuyIn: 'total buy-in', prize: 'prize', finishPosition: 'place',
	fieldSize: 'entries', handsPlayed: 'hands played',
};

/** "start, end and cash-out". */
const listed = (words: string[]) => (words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? ''));

const ordinal = (n: number) => {
	const tens = n % 100;
	const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
};

/** An expense's kind as the app shows it: "tips" is "Tips". */
export const expenseKind = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

export function timeline(s: Session, points: StackPoint[], alerts: Alert[], locale = 'en-US'): TimelineEntry[] {
	const money = (minor: number) => formatMoney(minor, s.currency, locale);
	const entries: TimelineEntry[] = [];
	const tournament = s.kind === 'tournament';
	if (tournament && s.tournament) {
		const fee = s.tournament.fee ? ` + ${money(s.tournament.fee)} fee` : '';
		entries.push({ at: s.startedAt, kind: 'start', text: `Entry ${money(s.tournament.buyIn)}${fee}` });
	}

	for (const b of s.buyIns ?? []) entries.push({ at: b.at, kind: 'buy-in', text: `${buyInName[b.kind] ?? b.kind} ${money(b.amount)}` });

	// The chart's points that are stack updates: not a cash game's buy-ins (their chips join the
	// stack) nor its cash-out (the last point, at the end).
	const buyIns = new Set((s.buyIns ?? []).map((b) => b.sequence));
	const end = s.endedAt ? Date.parse(s.endedAt) : null;
	points.forEach((p, i) => {
		if (p.sequence !== undefined && (buyIns.has(p.sequence) || p.sequence === 0)) return; // a buy-in, or a tournament's starting stack
		if (!tournament && s.cashOut != null && i === points.length - 1 && end !== null && Date.parse(p.at) === end) return;
		entries.push({ at: p.at, kind: 'stack', text: `Stack ${tournament ? formatChips(p.amount, locale) : money(p.amount)}`, amount: p.amount });
	});

	for (const x of s.expenses ?? []) {
		entries.push({ at: x.at, kind: 'expense', text: `${expenseKind(x.kind)} ${money(x.amount)}${x.description ? ` (${x.description})` : ''}` });
	}

	for (const b of s.breaks ?? []) {
		const length = b.endedAt ? ` (${formatDuration((Date.parse(b.endedAt) - Date.parse(b.startedAt)) / 60_000)})` : '';
		entries.push({ at: b.startedAt, kind: 'break', text: `Break${length}` });
		if (b.endedAt) entries.push({ at: b.endedAt, kind: 'break', text: 'Back from the break' });
	}

	// An alert goes where the entry it follows happened: one raised by entries sent late (a phone's queue) was
	// raised after them, even after the cash-out, but speaks of that moment.
	for (const a of alerts) {
		const at = a.occurredAt ?? a.at;
		if (!at) continue;
		entries.push({ at, kind: 'alert', text: `${a.kind === 'tilt' ? 'Tilt warning' : 'Limit reached'}: ${alertText(a.reasons)}` });
	}

	if (s.endedAt && s.status !== 'active') {
		const place = s.finishPosition ? `Finished ${ordinal(s.finishPosition)}${s.fieldSize ? ` of ${s.fieldSize}` : ''}` : 'Finished';
		const text = tournament ? `${place}, prize ${money(s.prize ?? 0)}` : `Cashed out ${money(s.cashOut ?? 0)}`;
		entries.push({ at: s.endedAt, kind: 'end', text });
	}

	for (const c of s.correctionLog ?? []) {
		const what = listed(c.fields.map((f) => fieldName[f] ?? f));
		// Made after the end it followed, whatever end it set (one moved later than when it was made is still listed after it).
		const after = s.endedAt && Date.parse(s.endedAt) > Date.parse(c.at) ? s.endedAt : undefined;
		entries.push({ at: c.at, kind: 'correction', text: `Corrected${what ? ` ${what}` : ''}${c.reason ? `: ${c.reason}` : ''}`, after });
	}

	if (s.status === 'discarded' && s.discardedAt) {
		// The app's own discard said "discarded by player" before it sent no reason: nothing to add to "Discarded".
		const reason = s.discardReason && s.discardReason !== 'discarded by player' ? `: ${s.discardReason}` : '';
		entries.push({ at: s.discardedAt, kind: 'discard', text: `Discarded${reason} (left every statistic)` });
	}

	// In time order; what happened at the same moment, in the order above (the start first, the end and the discard last).
	const rank: TimelineEntry['kind'][] = ['start', 'buy-in', 'stack', 'expense', 'break', 'alert', 'end', 'correction', 'discard'];
	return entries
		.map((e, i) => ({ e, i }))
		.sort((a, b) => Date.parse(a.e.after ?? a.e.at) - Date.parse(b.e.after ?? b.e.at) || rank.indexOf(a.e.kind) - rank.indexOf(b.e.kind) || a.i - b.i)
		.map(({ e }) => e);
}
