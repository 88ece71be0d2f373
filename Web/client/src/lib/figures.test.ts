import { describe, expect, it } from 'vitest';
import { alertText, bigBlindsBasisText, hourlyBasisText, riskText, formatChips, parseChips, perHour, playedMs } from './figures';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 20, 0, 0) + minute * 60_000).toISOString();
const now = (minute: number) => Date.parse(at(minute));

describe('live figures', () => {
	it('counts time at the table to the second, breaks excluded, as the clock runs', () => {
		const session = { startedAt: at(0), breaks: [{ startedAt: at(10), endedAt: at(25) }] };
		expect(playedMs(session, now(2.5))).toBe(150_000);
		expect(playedMs(session, now(20))).toBe(10 * 60_000); // on a break: the clock stands
		expect(playedMs(session, now(40))).toBe(25 * 60_000);
		expect(playedMs({ ...session, breaks: [...session.breaks, { startedAt: at(30) }] }, now(40))).toBe(15 * 60_000); // on another since 20:30
		expect(playedMs({ ...session, endedAt: at(30) }, now(90))).toBe(15 * 60_000);
		// Whole seconds, as the server counts them (an end at .934 s gave $52.73/h here and $52.74/h on the session's page).
		expect(playedMs({ ...session, breaks: [], endedAt: new Date(Date.parse(at(7)) + 31_934).toISOString() }, now(90))).toBe(451_000);
	});

	it('gives rates per hour from a minute of play, and none before', () => {
		expect(perHour(11_700, 150_000)).toBeCloseTo(280_800, 6); // +$117 in 2.5 minutes: +$2,808/h
		expect(perHour(23.4, 150_000)).toBeCloseTo(561.6, 6);
		expect(perHour(11_700, 59_999)).toBeNull();
		expect(perHour(undefined, 3_600_000)).toBeNull();
	});

	it('reads a tournament stack as whole chips', () => {
		expect(parseChips('23400')).toBe(23_400);
		expect(parseChips('23,400')).toBe(23_400);
		expect(parseChips(' 1.234.567 ')).toBe(1_234_567);
		expect(parseChips('23 400')).toBe(23_400);
		// A zero decimal part in the other mark is whole chips, in either locale's writing.
		expect(parseChips('20,000.000')).toBe(20_000);
		expect(parseChips('20.000,00')).toBe(20_000);
		expect(parseChips('1500.0')).toBe(1_500);
		for (const bad of ['', 'abc', '23.5', '1,23', '-400', '12,3456', '1,000.50', '20,000,00', '1,000.000,0', '1,234.567.890', '1.234,567', '20.']) {
			expect(parseChips(bad), bad).toBeNull();
		}
		expect(formatChips(23_400)).toBe('23,400 chips');
	});

	it('makes one sentence of an alert’s reasons, whether or not they end in a full stop', () => {
		expect(alertText(['down 2.3 buy-ins this session', 'you just rebought'])).toBe('down 2.3 buy-ins this session; you just rebought.');
		expect(alertText(['You are down $110.00, past your stop-loss of $100.00.'])).toBe('You are down $110.00, past your stop-loss of $100.00.');
		expect(alertText([])).toBe('');
	});

	it('says which sessions each big-blind rate covers, when they are not all of them', () => {
		// Three Thursday cash games, one with its hands counted, and a tournament.
		expect(bigBlindsBasisText({ sessionsPerHour: 3, sessionsPer100: 1, hands: 240 }, 4)).toEqual({
			perHour: 'over 3 of 4 sessions (cash, blinds and time known)',
			per100: '240 hands, only 1 of 3 cash sessions'
		});
		expect(bigBlindsBasisText({ sessionsPerHour: 2, sessionsPer100: 2, hands: 1_500 }, 2)).toEqual({ perHour: '', per100: '1,500 hands' });
		expect(bigBlindsBasisText({ sessionsPerHour: 2, sessionsPer100: 0, hands: 0 }, 2).per100).toBe('no hands counted');
		expect(bigBlindsBasisText({ sessionsPerHour: 0, sessionsPer100: 0, hands: 0 }, 1)).toEqual({ perHour: '', per100: '' }); // a tournament: no big-blind rate to explain
	});

	it('says when the hourly rate leaves out sessions with no time played', () => {
		expect(hourlyBasisText(38, 40)).toBe('over 38 of 40 sessions (2 have no time played)');
		expect(hourlyBasisText(2, 3)).toBe('over 2 of 3 sessions (1 has no time played)');
		expect(hourlyBasisText(40, 40)).toBe('');
		expect(hourlyBasisText(0, 3)).toBe(''); // no rate at all: the card shows none
	});

	it('writes a tiny risk of ruin as under 0.01%, and says why a certain one is certain', () => {
		expect(riskText(5.9e-10).value).toBe('< 0.01%');
		expect(riskText(0.0523)).toEqual({ value: '5.23%', why: '' });
		expect(riskText(1)).toEqual({ value: '100%', why: 'At a win rate of zero or below, any bankroll is lost in the long run.' });
		expect(riskText(1, -35_349).why).toBe('There is nothing left in the bankroll to lose.'); // bankrolls overdrawn by losses

	});
});
