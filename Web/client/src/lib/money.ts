// Money arrives in integer minor units with an ISO 4217 currency; the number of minor digits is
// ISO 4217's (USD 2, JPY 0, KWD 3), as the server counts them (SharedKernel MoneyText): not the
// browser's Intl, whose digits are those currencies are shown with (0 for the forint, the Iraqi
// dinar or the rupiah in Chrome, 2 in Firefox), which would read 20000 HUF minor units as 20,000 Ft.
const noDecimals = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const threeDecimals = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function minorDigits(currency: string): number {
	return noDecimals.has(currency) ? 0 : threeDecimals.has(currency) ? 3 : 2;
}

export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
	const digits = minorDigits(currency);
	// A negative amount with the minus sign (−), as every result in the app, not a hyphen.
	return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
		.format(minor / 10 ** digits)
		.replace('-', '\u2212');
}

/** An amount without needless zeros ("$1", "$0.50", "¥200"): how players say blinds. */
export function formatShort(minor: number, currency: string, locale = 'en-US'): string {
	const digits = minorDigits(currency);
	const whole = minor % 10 ** digits === 0;
	return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits })
		.format(minor / 10 ** digits);
}

/** Blinds as players read them: "$1/$2". */
export function formatStakes(smallBlind: number, bigBlind: number, currency: string, locale = 'en-US'): string {
	return `${formatShort(smallBlind, currency, locale)}/${formatShort(bigBlind, currency, locale)}`;
}

/**
 * A statistics key of blinds in minor units ("100/200") as players read it. Tournaments have no
 * blinds: their key is empty. Other keys unchanged.
 */
export function formatStakesKey(key: string, currency: string, locale = 'en-US'): string {
	if (key === '') return 'Tournaments';
	const m = /^(\d+)\/(\d+)$/.exec(key);
	return m ? formatStakes(Number(m[1]), Number(m[2]), currency, locale) : key;
}

/** Minor units as a player would type the amount ("300", "12.50", "5000" for JPY): the inverse of parseMoney. */
export function toInput(minor: number, currency: string): string {
	const digits = minorDigits(currency);
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	const unit = 10 ** digits;
	const fraction = abs % unit;
	return fraction === 0 ? `${sign}${Math.floor(abs / unit)}` : `${sign}${Math.floor(abs / unit)}.${String(fraction).padStart(digits, '0')}`;
}

/** The sign the app writes before a result: "+", a real minus sign "−", or none for zero. */
const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '\u2212' : '');

/** A signed result: "+$12.50" / "−$3.00" (a real minus sign). */
/** A result's colour: a win green, a loss red, breaking even neither. */
export const resultClass = (minor: number) => (minor > 0 ? 'win' : minor < 0 ? 'loss' : '');

export function formatResult(minor: number, currency: string, locale = 'en-US'): string {
	return `${sign(minor)}${formatMoney(Math.abs(minor), currency, locale)}`;
}

/** A signed whole number (a tournament's chips): "+2,400" / "−2,400". */
export function formatSignedCount(n: number): string {
	return `${sign(n)}${Math.abs(n).toLocaleString('en-US')}`;
}

/** A rate in minor units per hour, shown as money per hour. */
export function formatRate(minorPerHour: number | null | undefined, currency: string, locale = 'en-US'): string {
	return minorPerHour == null ? '—' : `${formatResult(Math.round(minorPerHour), currency, locale)}/h`;
}

export function formatBb(bb: number | null | undefined, suffix = ''): string {
	const figure = Math.abs(bb ?? 0).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	return bb == null ? '—' : `${sign(bb)}${figure} bb${suffix}`;
}

/** What a player types ("200", "200.50", "1,200") to minor units; null when it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
	const cleaned = normalizeAmount(withoutCurrency(text, currency));
	if (cleaned === null || !/^\d+(\.\d+)?$/.test(cleaned)) return null;
	const digits = minorDigits(currency);
	const [whole, fraction = ''] = cleaned.split('.');
	if (fraction.length > digits) return null;
	const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
	return Number.isSafeInteger(minor) ? minor : null;
}

/** Why a typed amount is not one (for "Amount: …"): a sign, too many decimals for the currency, zero, or not a number. */
export function amountProblem(text: string, currency: string): string {
	const t = text.trim();
	const digits = minorDigits(currency);
	const cleaned = normalizeAmount(withoutCurrency(t, currency).replace(/^[-−+]/, ''));
	if (t === '') return `enter an amount in ${currency}, e.g. 500`;
	if (/^[-−]/.test(t)) return `enter the amount without a sign, e.g. 500: the kind says which way the money goes`;
	if (cleaned !== null && /^\d+\.\d+$/.test(cleaned) && cleaned.split('.')[1].length > digits)
		return digits === 0 ? `${currency} has no decimals: enter a whole amount` : `${currency} has ${digits} decimals, e.g. ${(12.5).toFixed(digits)}`;
	if (cleaned !== null && /^0*(\.0*)?$/.test(cleaned)) return `enter an amount above 0 in ${currency}`;
	return `enter an amount in ${currency}, e.g. 500 or 1,250.50`;
}

/**
 * "$5,000", "5.000 €", "USD 500": the amount's own currency, written before or after it as a
 * spreadsheet or a bank would, is left out. Another currency's sign is not (it would be another amount).
 */
function withoutCurrency(text: string, currency: string): string {
	const t = text.trim();
	const signs = new Set([currency.toUpperCase()]);
	for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
		try {
			const part = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay }).formatToParts(0).find((p) => p.type === 'currency');
			if (part) signs.add(part.value);
		} catch {
			// not a currency Intl knows: only its code is left out
		}
	}

	for (const sign of [...signs].sort((a, b) => b.length - a.length)) {
		const upper = t.toUpperCase();
		if (upper.startsWith(sign.toUpperCase())) return t.slice(sign.length).trim();
		if (upper.endsWith(sign.toUpperCase())) return t.slice(0, t.length - sign.length).trim();
	}

	return t;
}

/**
 * An amount as typed, with '.' as its only decimal mark and no grouping: "12,50" and "12.50" are
 * 12.50, "1,250" and "1.250.000" are grouped thousands, "1.250,50" and "1,250.50" are 1250.50.
 * Null when the marks make no sense (groups of other than three digits).
 */
function normalizeAmount(text: string): string | null {
	const t = text.replace(/[\s\u00a0\u202f']/g, '');
	const lastDot = t.lastIndexOf('.');
	const lastComma = t.lastIndexOf(',');
	let decimal: string | null = null;
	if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
	else if (lastComma >= 0) {
		// One comma followed by other than three digits is a decimal comma ("12,50"); else thousands ("1,250").
		const after = t.length - lastComma - 1;
		decimal = t.indexOf(',') === lastComma && after !== 3 ? ',' : null;
	} else if (lastDot >= 0) decimal = t.indexOf('.') === lastDot ? '.' : null; // "1.250.000": thousands
	const group = decimal === ',' ? '.' : decimal === '.' ? ',' : lastComma >= 0 ? ',' : '.';
	const [whole, fraction, ...rest] = decimal ? t.split(decimal) : [t];
	if (rest.length > 0) return null;
	const groups = whole.split(group);
	if (groups.length > 1 && (groups[0].length < 1 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
	return groups.join('') + (fraction !== undefined ? `.${fraction}` : '');
}

/**
 * A number typed by the player that is not money (hours, minutes, big blinds, a win rate), with a
 * decimal point or comma: "2.5" and "2,5" are 2.5, "-3" is -3. Null when it is not such a number
 * (empty, "abc", "1e3", "0x10", "1.2.3").
 */
export function parseDecimal(text: string): number | null {
	const t = String(text).trim();
	return /^-?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : null;
}

/** Time played, whole minutes shown as played (never rounded up); a session of seconds is "<1m", not "0m". */
/** A session's time played (whole minutes, as the API counts them): under one is "<1m", as the dashboard shows it. */
export const formatPlayed = (t: { playingMinutes: number }) => (t.playingMinutes === 0 ? '<1m' : formatDuration(t.playingMinutes));

export function formatDuration(minutes: number): string {
	if (minutes > 0 && minutes < 1) return '<1m';
	const whole = Math.floor(minutes + 1e-6); // hours summed in floating point: 5.9999999 h is 6 h
	const h = Math.floor(whole / 60);
	const m = whole % 60;
	return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

/**
 * The exchange rate a transfer between currencies implies ("1 USD = 0.9213 EUR"), shown as the
 * player types: the app knows no rates, so a slip of a few zeros is seen before it is sent.
 */
export function impliedRate(sent: number, from: string, received: number, to: string): string | null {
	if (sent <= 0 || received <= 0) return null;
	const rate = received / 10 ** minorDigits(to) / (sent / 10 ** minorDigits(from));
	const figure = (n: number) => n.toLocaleString('en-US', { maximumSignificantDigits: 5 });
	return rate >= 1 ? `1 ${from} = ${figure(rate)} ${to}` : `1 ${to} = ${figure(1 / rate)} ${from}`;
}
