import { describe, expect, it } from 'vitest';
import { amountProblem, impliedRate, formatBb, formatDuration, formatMoney, formatPlayed, formatRate, formatResult, formatSignedCount, formatStakes, formatStakesKey, minorDigits, parseDecimal, parseMoney, resultClass, toInput } from './money';

describe('money', () => {
	it('reads numbers that are not money with a decimal point or comma, and nothing else', () => {
		expect(parseDecimal('2,5')).toBe(2.5);
		expect(parseDecimal(' 2.5 ')).toBe(2.5);
		expect(parseDecimal('-3')).toBe(-3);
		expect(parseDecimal('40')).toBe(40);
		for (const bad of ['', ' ', 'abc', '1e3', '0x10', '1.2.3', '1,2,3', '2,', ',5', '--1', 'Infinity']) expect(parseDecimal(bad)).toBeNull();
	});

	it('knows each currency’s minor digits', () => {
		expect(minorDigits('USD')).toBe(2);
		expect(minorDigits('JPY')).toBe(0);
		expect(minorDigits('KWD')).toBe(3);
		// ISO 4217's digits, as the server counts them, where the browser shows others: 20000 HUF minor units are 200.00 Ft.
		expect(['HUF', 'IDR', 'COP', 'PKR', 'IQD', 'ISK', 'CLP'].map(minorDigits)).toEqual([2, 2, 2, 2, 3, 0, 0]);
		expect(formatMoney(20_000, 'HUF')).toMatch(/^HUF\s200\.00$/);
		expect(parseMoney('200', 'HUF')).toBe(20_000);
	});

	it('formats minor units without floating point surprises', () => {
		expect(formatMoney(20000, 'USD')).toBe('$200.00');
		expect(formatMoney(12345, 'EUR', 'en-US')).toBe('€123.45');
		expect(formatMoney(5000, 'JPY')).toBe('¥5,000');
		expect(formatMoney(1, 'USD')).toBe('$0.01');
		expect(formatMoney(-3900, 'USD')).toBe('\u2212$39.00');
	});

	it('signs results and rates', () => {
		expect(formatResult(1450, 'USD')).toBe('+$14.50');
		expect(formatResult(-300, 'USD')).toBe('\u2212$3.00');
		expect(formatResult(0, 'USD')).toBe('$0.00');
		expect([formatSignedCount(2_400), formatSignedCount(-2_400), formatSignedCount(0)]).toEqual(['+2,400', '\u22122,400', '0']);
		expect(formatRate(7250, 'USD')).toBe('+$72.50/h');
		expect(formatRate(null, 'USD')).toBe('—');
		expect(formatBb(36.25, '/h')).toBe('+36.25 bb/h');
		expect(formatBb(-4, '')).toBe('\u22124.00 bb');
		expect(formatBb(-3267.944, '/h')).toBe('\u22123,267.94 bb/h'); // grouped like money
	});

	it('parses what a player types into minor units, refusing nonsense', () => {
		expect(parseMoney('200', 'USD')).toBe(20000);
		expect(parseMoney('1,200.5', 'USD')).toBe(120050);
		// The amount's own currency, as a spreadsheet or a bank writes it, and no other.
		expect(parseMoney('$5,000', 'USD')).toBe(500000);
		expect(parseMoney('USD 500', 'USD')).toBe(50000);
		expect(parseMoney('5.000,50 €', 'EUR')).toBe(500050);
		expect(parseMoney('£12.50', 'GBP')).toBe(1250);
		expect(parseMoney('€500', 'USD')).toBeNull();
		expect(parseMoney('$', 'USD')).toBeNull();
		expect(parseMoney('0.07', 'USD')).toBe(7);
		expect(parseMoney('5000', 'JPY')).toBe(5000);
		expect(parseMoney('1.234', 'USD')).toBeNull();
		expect(parseMoney('-5', 'USD')).toBeNull();
		expect(parseMoney('abc', 'USD')).toBeNull();
		expect(parseMoney('99999999999999999999', 'USD')).toBeNull();
	});

	it('reads a decimal comma as players in Europe type it, and grouped thousands either way', () => {
		expect(parseMoney('12,50', 'EUR')).toBe(1250);
		expect(parseMoney('12,5', 'USD')).toBe(1250);
		expect(parseMoney('1,250', 'USD')).toBe(125000); // three digits after one comma: thousands
		expect(parseMoney('1.250,50', 'EUR')).toBe(125050);
		expect(parseMoney('1,250.50', 'USD')).toBe(125050);
		expect(parseMoney('1.250.000', 'EUR')).toBe(125000000);
		expect(parseMoney('1 250,50', 'EUR')).toBe(125050);
		expect(parseMoney('12,50,0', 'USD')).toBeNull();
		expect(parseMoney('1,25,000', 'USD')).toBeNull();
		expect(parseMoney('12,505', 'USD')).toBe(1250500);
		expect(parseMoney('0,07', 'USD')).toBe(7);
		expect(parseMoney(',5', 'USD')).toBeNull();
	});

	it('shows blinds as players read them, in the session’s currency', () => {
		expect(formatStakes(100, 200, 'USD')).toBe('$1/$2');
		expect(formatStakes(50, 100, 'USD')).toBe('$0.50/$1');
		expect(formatStakes(100, 200, 'JPY')).toBe('¥100/¥200');
		expect(formatStakesKey('200/500', 'EUR')).toBe('€2/€5');
		expect(formatStakesKey('mixed', 'USD')).toBe('mixed');
		// The statistics key of tournaments (no blinds) is empty.
		expect(formatStakesKey('', 'USD')).toBe('Tournaments');
	});

	it('turns minor units back into what a player types, for every currency (the inverse of parseMoney)', () => {
		expect(toInput(30000, 'USD')).toBe('300');
		expect(toInput(1250, 'USD')).toBe('12.50');
		expect(toInput(7, 'USD')).toBe('0.07');
		expect(toInput(5000, 'JPY')).toBe('5000');
		expect(toInput(12345, 'KWD')).toBe('12.345');
		for (const [minor, currency] of [[30000, 'USD'], [1250, 'EUR'], [5000, 'JPY'], [12345, 'KWD']] as const) {
			expect(parseMoney(toInput(minor, currency), currency)).toBe(minor);
		}
	});

	it('formats durations', () => {
		expect(formatDuration(125)).toBe('2h 05m');
		expect(formatDuration(7)).toBe('7m');
		expect(formatDuration(32 / 60)).toBe('<1m'); // a session of seconds
		expect(formatDuration(0)).toBe('0m');
		expect(formatDuration(59.9)).toBe('59m'); // as played, never rounded up
		expect(formatDuration((4800 / 3600 + 16800 / 3600) * 60)).toBe('6h 00m');
		expect(formatPlayed({ playingMinutes: 0 })).toBe('<1m');
		expect(formatPlayed({ playingMinutes: 3 })).toBe('3m');
	});

	it('says why a typed amount is not one', () => {
		expect(amountProblem('12.345', 'USD')).toBe('USD has 2 decimals, e.g. 12.50');
		expect(amountProblem('1.5', 'JPY')).toBe('JPY has no decimals: enter a whole amount');
		expect(amountProblem('-50', 'USD')).toContain('without a sign');
		expect(amountProblem('0,00', 'EUR')).toBe('enter an amount above 0 in EUR');
		expect(amountProblem('', 'USD')).toBe('enter an amount in USD, e.g. 500');
		expect(amountProblem('abc', 'USD')).toBe('enter an amount in USD, e.g. 500 or 1,250.50');
	});

	it('names a field as a player reads it', async () => {
		const { fieldLabel } = await import('./api');
		expect(fieldLabel('displayName')).toBe('Display name');
		expect(fieldLabel('stakes.bigBlind')).toBe('Stakes big blind');
		expect(fieldLabel('amount')).toBe('Amount');
	});

	it('says the rate a transfer between currencies implies, so a slip of zeros shows before it is sent', () => {
		expect(impliedRate(100_00, 'USD', 92_13, 'EUR')).toBe('1 EUR = 1.0854 USD');
		expect(impliedRate(100_00, 'USD', 15_000, 'JPY')).toBe('1 USD = 150 JPY');
		expect(impliedRate(1_00, 'USD', 1_000_000_00, 'EUR')).toBe('1 USD = 1,000,000 EUR');
		expect(impliedRate(0, 'USD', 1, 'EUR')).toBeNull();
	});
});

describe('resultClass', () => {
	it('colours a win and a loss, and leaves breaking even plain', () => {
		expect([resultClass(1), resultClass(-1), resultClass(0)]).toEqual(['win', 'loss', '']);
	});
});
