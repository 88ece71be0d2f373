import { describe, expect, it } from 'vitest';
import { foldStacks, timeline } from './timeline';
import type { Alert, Session } from './types';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 20, 0, 0) + minute * 60_000).toISOString();
const totals = { invested: 0, expenses: 0, netResult: 0, playingMinutes: 0 };

describe('a session’s timeline', () => {
	it('lists everything recorded in a cash game in time order, buy-in to cash-out', () => {
		const session: Session = {
			id: 's', kind: 'cash', game: 'nlhe', format: 'live', venue: 'Aria', currency: 'USD', tags: [], status: 'ended', onBreak: false, version: 9, totals,
			startedAt: at(0), endedAt: at(60), cashOut: 130_000, stakes: { smallBlind: 200, bigBlind: 500 },
			buyIns: [{ sequence: 2, kind: 'initial', amount: 50_000, at: at(0) }, { sequence: 4, kind: 'rebuy', amount: 50_000, at: at(20) }],
			expenses: [{ sequence: 6, kind: 'tips', amount: 500, description: '', at: at(30) }],
			breaks: [{ startedAt: at(40), endedAt: at(50) }]
		};
		const points = [
			{ at: at(0), amount: 50_000, sequence: 2 },
			{ at: at(10), amount: 45_000, sequence: 3 },
			{ at: at(20), amount: 95_000, sequence: 4 },
			{ at: at(35), amount: 123_450, sequence: 7 },
			{ at: at(60), amount: 130_000, sequence: 9 }
		];
		const alerts: Alert[] = [{ id: 'a', kind: 'limit', level: 'high', source: 'guards', reasons: ['You are down $50.00.'], recommendation: '', sessionId: 's', at: at(11) }];
		expect(timeline(session, points, alerts).map((e) => e.text)).toEqual([
			'Buy-in $500.00',
			'Stack $450.00',
			'Limit reached: You are down $50.00.',
			'Rebuy $500.00',
			'Tips $5.00',
			'Stack $1,234.50',
			'Break (10m)',
			'Back from the break',
			'Cashed out $1,300.00'
		]);
	});

	it('puts an alert raised by entries sent late where those entries happened, not after the cash-out', () => {
		const session: Session = {
			id: 's', kind: 'cash', game: 'nlhe', format: 'live', venue: 'Aria', currency: 'USD', tags: [], status: 'ended', onBreak: false, version: 4, totals,
			startedAt: at(0), endedAt: at(59), cashOut: 40_000, buyIns: [{ sequence: 2, kind: 'initial', amount: 20_000, at: at(0) }]
		};
		const points = [{ at: at(0), amount: 20_000, sequence: 2 }, { at: at(40), amount: 45_000, sequence: 3 }, { at: at(59), amount: 40_000, sequence: 4 }];
		const late: Alert = { id: 'a', kind: 'tilt', level: 'high', source: 'rules', reasons: ['you rebought 18 minutes ago'], recommendation: '', sessionId: 's', at: at(60), occurredAt: at(40) };
		expect(timeline(session, points, [late]).map((e) => e.text)).toEqual([
			'Buy-in $200.00', 'Stack $450.00', 'Tilt warning: you rebought 18 minutes ago.', 'Cashed out $400.00'
		]);
	});

	it('starts a tournament with its entry and shows its stack in chips and its place', () => {
		const session: Session = {
			id: 't', kind: 'tournament', game: 'nlhe', format: 'live', venue: 'WSOP', currency: 'USD', tags: [], status: 'ended', onBreak: false, version: 5, totals,
			startedAt: at(0), endedAt: at(300), prize: 64_000, finishPosition: 3, fieldSize: 120, tournament: { buyIn: 10_000, fee: 1_000 },
			buyIns: [{ sequence: 3, kind: 'rebuy', amount: 10_000, at: at(60) }]
		};
		expect(timeline(session, [{ at: at(30), amount: 23_400, sequence: 2 }], []).map((e) => e.text)).toEqual([
			'Entry $100.00 + $10.00 fee',
			'Stack 23,400 chips',
			'Rebuy $100.00',
			'Finished 3rd of 120, prize $640.00'
		]);
	});

	it('ends with the discard, after the cash-out of a session that had ended, or as the last entry of one that ran', () => {
		const base: Session = {
			id: 'd', kind: 'cash', game: 'nlhe', format: 'live', venue: 'Aria', currency: 'USD', tags: [], status: 'discarded', onBreak: false, version: 4, totals,
			startedAt: at(0), buyIns: [{ sequence: 2, kind: 'initial', amount: 10_000, at: at(0) }]
		};
		const ran = timeline({ ...base, discardedAt: at(25), discardReason: 'wrong table' }, [{ at: at(10), amount: 12_000, sequence: 3 }], []);
		expect(ran.map((e) => e.text)).toEqual(['Buy-in $100.00', 'Stack $120.00', 'Discarded: wrong table (left every statistic)']);
		expect(ran.at(-1)?.at).toBe(at(25));
		const ended = timeline({ ...base, endedAt: at(60), cashOut: 7_000, discardedAt: at(60), discardReason: 'discarded by player' }, [], []);
		expect(ended.map((e) => e.text)).toEqual(['Buy-in $100.00', 'Cashed out $70.00', 'Discarded (left every statistic)']);
	});

	it('lists each correction with what it changed and why, after the end it followed', () => {
		const session: Session = {
			id: 'c', kind: 'tournament', game: 'nlhe', format: 'live', venue: 'Aria', currency: 'USD', tags: [], status: 'ended', onBreak: false, version: 6, totals,
			startedAt: at(0), endedAt: at(240), prize: 0, finishPosition: 40, fieldSize: 212, tournament: { buyIn: 30_000, fee: 3_000 }, corrections: 2,
			correctionLog: [
				{ at: at(230), reason: '', fields: ['finishPosition', 'fieldSize', 'endedAt'] }, // made at 230, moving the end to 240
				{ at: at(1500), reason: 'sat down at 7', fields: ['startedAt', 'endedAt', 'prize'] }
			]
		};
		// The chart's starting stack (no event of its own) is no stack reported.
		expect(timeline(session, [{ at: at(0), amount: 20_000, sequence: 0 }], []).map((e) => [e.kind, e.text])).toEqual([
			['start', 'Entry $300.00 + $30.00 fee'],
			['end', 'Finished 40th of 212, prize $0.00'],
			['correction', 'Corrected place, entries and end'],
			['correction', 'Corrected start, end and prize: sat down at 7']
		]);
	});

	it('folds a long run of stack updates between its first and last, and keeps everything else in sight', () => {
		const session: Session = {
			id: 'f', kind: 'cash', game: 'nlhe', format: 'live', venue: 'Aria', currency: 'USD', tags: [], status: 'active', onBreak: false, version: 30, totals,
			startedAt: at(0), stakes: { smallBlind: 100, bigBlind: 200 },
			buyIns: [{ sequence: 1, kind: 'initial', amount: 30_000, at: at(0) }, { sequence: 12, kind: 'rebuy', amount: 20_000, at: at(11) }]
		};
		// Ten updates, the rebuy, then four: the ten fold, the four do not.
		const amounts = [31_000, 29_500, 44_000, 12_250, 30_000, 28_000, 27_000, 35_000, 33_000, 30_500];
		const points = [
			{ at: at(0), amount: 30_000, sequence: 1 },
			...amounts.map((amount, i) => ({ at: at(i + 1), amount, sequence: i + 2 })),
			...[40_000, 41_000, 39_000, 42_000].map((amount, i) => ({ at: at(i + 12), amount, sequence: i + 13 }))
		];
		const rows = foldStacks(timeline(session, points, []), session);
		expect(rows.map((r) => r.text)).toEqual([
			'Buy-in $300.00',
			'Stack $310.00',
			'8 more stack updates, from $122.50 to $440.00',
			'Stack $305.00',
			'Rebuy $200.00',
			'Stack $400.00', 'Stack $410.00', 'Stack $390.00', 'Stack $420.00'
		]);
		const folded = rows[2];
		expect(folded.kind).toBe('stacks');
		if (folded.kind !== 'stacks') return;
		expect([folded.at, folded.until]).toEqual([at(2), at(9)]);
		expect(folded.items.map((e) => e.text)).toEqual(amounts.slice(1, -1).map((a) => `Stack $${(a / 100).toFixed(2)}`));
		// A tournament's run is told in chips; six in a row are not folded.
		const run = (length: number) => Array.from({ length }, (_, i) => ({ at: at(i), kind: 'stack' as const, text: `Stack ${i}`, amount: 1_000 * (i + 1) }));
		expect(foldStacks(run(7), { kind: 'tournament', currency: 'USD' }).map((r) => r.text)).toEqual(['Stack 0', '5 more stack updates, from 2,000 chips to 6,000 chips', 'Stack 6']);
		expect(foldStacks(run(6), { kind: 'tournament', currency: 'USD' })).toEqual(run(6));
		expect(foldStacks(run(1_202), { kind: 'tournament', currency: 'USD' })[1].text).toBe('1,200 more stack updates, from 2,000 chips to 1,201,000 chips');
	});
});
