import { amountProblem, parseDecimal, parseMoney, toInput } from './money';

/** The limits as typed: an empty field is no such limit. */
export type GuardsForm = { stopLoss: string; stopLossBuyIns: string; stopWin: string; maxDurationMinutes: string; maxDrawdown: string };

export type GuardLimits = { stopLoss: number | null; stopLossBuyIns: number | null; stopWin: number | null; maxDurationMinutes: number | null; maxDrawdown: number | null };

export const emptyGuards = (): GuardsForm => ({ stopLoss: '', stopLossBuyIns: '', stopWin: '', maxDurationMinutes: '', maxDrawdown: '' });

/** The limits read from the API as typed values; money ones only when they are in <currency> (a limit in euros says nothing of a session in dollars). */
export function guardsForm(g: Record<string, unknown>, currency: string): GuardsForm {
	const inCurrency = typeof g.currency !== 'string' || g.currency === currency;
	const money = (v: unknown) => (inCurrency && typeof v === 'number' ? toInput(v, currency) : '');
	const count = (v: unknown) => (typeof v === 'number' ? v.toString() : '');
	return { stopLoss: money(g.stopLoss), stopLossBuyIns: count(g.stopLossBuyIns), stopWin: money(g.stopWin), maxDurationMinutes: count(g.maxDurationMinutes), maxDrawdown: money(g.maxDrawdown) };
}

/** The limits to send, or what is typed wrong (each said, never saved as "no limit"). */
export function parseGuards(form: GuardsForm, currency: string): { limits: GuardLimits; wrong: string[] } {
	const wrong: string[] = [];
	const money = (label: string, text: string) => {
		if (!text.trim()) return null;
		const value = parseMoney(text, currency);
		if (value === null) wrong.push(`${label}: ${amountProblem(text, currency)}`);
		else if (value === 0) wrong.push(`${label}: enter an amount above 0, e.g. 300`);
		return value;
	};
	const count = (label: string, text: string, whole = false) => {
		if (!text.trim()) return null;
		const value = parseDecimal(text);
		if (!(value !== null && value > 0)) wrong.push(`${label}: enter a number above 0`);
		else if (whole && !Number.isInteger(value)) wrong.push(`${label}: enter whole minutes, e.g. 90`);
		return value;
	};
	const limits = {
		stopLoss: money('Stop-loss', form.stopLoss),
		stopLossBuyIns: count('Stop-loss (buy-ins)', form.stopLossBuyIns),
		stopWin: money('Stop-win', form.stopWin),
		maxDurationMinutes: count('Maximum duration (minutes)', form.maxDurationMinutes, true),
		maxDrawdown: money('Drawdown from peak', form.maxDrawdown)
	};
	return { limits, wrong };
}
