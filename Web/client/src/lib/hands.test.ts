import { describe as group, expect, it } from 'vitest';
import { aggressionText, describe, filesNotRead, percent, problemsLeftOff, replay, replaySteps, uploadTooLarge, type Hand } from './hands';

// The worked example of a tournament hand: antes 10, blinds 50/100, an open, an all-in 3-bet,
// a call, a 4-bet shove called; 500 returned; the board run out.
const hand: Hand = {
	site: 'PokerStars', handId: '250000000002', startedAt: '2024-03-02T20:40:00Z', game: 'NLHE', currency: 'CHIPS', tournamentId: '3500000001',
	smallBlind: 50, bigBlind: 100, ante: 10, table: '3500000001 1', maxSeats: 9, button: 2, hero: 'Hero', totalPot: 6060, rake: 0,
	boards: ['2c 7d 9h Js 3s'],
	players: [
		{ name: 'Hero', seat: 1, position: 'CO', stack: 3000, cards: 'Qs Qh', invested: 2500, collected: 6060, net: 3560, hero: true },
		{ name: 'Alice', seat: 2, position: 'BTN', stack: 1000, cards: 'Td Th', invested: 1000, collected: 0, net: -1000, hero: false },
		{ name: 'Bob', seat: 4, position: 'SB', stack: 5000, invested: 60, collected: 0, net: -60, hero: false },
		{ name: 'Carl', seat: 7, position: 'BB', stack: 2500, cards: 'Ac Kc', invested: 2500, collected: 0, net: -2500, hero: false }
	],
	actions: [
		{ street: 'preflop', player: 'Alice', kind: 'ante', amount: 10, allIn: false },
		{ street: 'preflop', player: 'Bob', kind: 'ante', amount: 10, allIn: false },
		{ street: 'preflop', player: 'Hero', kind: 'ante', amount: 10, allIn: false },
		{ street: 'preflop', player: 'Carl', kind: 'ante', amount: 10, allIn: false },
		{ street: 'preflop', player: 'Bob', kind: 'small-blind', amount: 50, allIn: false },
		{ street: 'preflop', player: 'Carl', kind: 'big-blind', amount: 100, allIn: false },
		{ street: 'preflop', player: 'Hero', kind: 'raise', amount: 300, raiseTo: 300, allIn: false },
		{ street: 'preflop', player: 'Alice', kind: 'raise', amount: 990, raiseTo: 990, allIn: true },
		{ street: 'preflop', player: 'Bob', kind: 'fold', amount: 0, allIn: false },
		{ street: 'preflop', player: 'Carl', kind: 'call', amount: 890, allIn: false },
		{ street: 'preflop', player: 'Hero', kind: 'raise', amount: 2690, raiseTo: 2990, allIn: true },
		{ street: 'preflop', player: 'Carl', kind: 'call', amount: 1500, allIn: true },
		{ street: 'preflop', player: 'Hero', kind: 'return', amount: 500, allIn: false }
	]
};

group('replay', () => {
	it('starts with the seats as dealt', () => {
		const s = replay(hand, 0);
		expect(s.stacks).toEqual({ Hero: 3000, Alice: 1000, Bob: 5000, Carl: 2500 });
		expect(s.pot).toBe(0);
		expect(s.boards).toEqual([[]]);
		expect(s.showdown).toBe(false);
	});

	it('puts antes in the pot and bets in front of the players', () => {
		const s = replay(hand, 7);
		expect(s.pot).toBe(40);
		expect(s.inFront).toEqual({ Bob: 50, Carl: 100, Hero: 300 });
		expect(s.stacks.Hero).toBe(3000 - 10 - 300);
		expect(s.last?.kind).toBe('raise');
	});

	it('deals the rest of the board a street at a time after the all-ins, then pays the pot out once', () => {
		expect(replaySteps(hand)).toBe(hand.actions.length + 3 + 1);
		const allIn = replay(hand, hand.actions.length);
		expect(allIn.boards).toEqual([[]]);
		expect(allIn.last?.kind).toBe('return');
		const flop = replay(hand, hand.actions.length + 1);
		expect(flop.dealt).toBe('The flop: 2c 7d 9h');
		expect(flop.pot).toBe(6060);
		expect(flop.inFront).toEqual({});
		expect(replay(hand, hand.actions.length + 2).dealt).toBe('The turn: Js');
		expect(replay(hand, hand.actions.length + 3).boards).toEqual([['2c', '7d', '9h', 'Js', '3s']]);
		const end = replay(hand, replaySteps(hand));
		expect(end.showdown).toBe(true);
		expect(end.pot).toBe(0); // paid out: not counted again beside the winner's stack
		expect(end.stacks).toEqual({ Hero: 6560, Alice: 0, Bob: 4940, Carl: 0 });
		expect(end.folded).toEqual(['Bob']);
		expect(end.winners).toEqual([{ name: 'Hero', amount: 6060 }]);
	});

	it('shows every board of a hand run twice at the showdown', () => {
		const twice = { ...hand, boards: ['2d 5h 9c Jd 3c', 'Ah 6s 7s 8d Qs'] };
		expect(replay(twice, replaySteps(twice)).boards).toEqual([['2d', '5h', '9c', 'Jd', '3c'], ['Ah', '6s', '7s', '8d', 'Qs']]);
	});
});

group('describe', () => {
	it('says raises as "raises to" and marks all-ins', () => {
		expect(describe(hand.actions[10], (n) => String(n))).toBe('Hero raises to 2990 (all-in)');
		expect(describe(hand.actions[8], (n) => String(n))).toBe('Bob folds');
	});

	it('shows rates as percentages and unknown ones as a dash', () => {
		expect(percent(0.6667)).toBe('66.7%');
		expect(percent(undefined)).toBe('—');
	});
});

group('aggression', () => {
	it('says bets without a call rather than a dash', () => {
		expect(aggressionText({ aggressionFactor: 2.5, postflopBetsAndRaises: 5, postflopCalls: 2 })).toBe('2.5');
		expect(aggressionText({ postflopBetsAndRaises: 3, postflopCalls: 0 })).toBe('3 bets, no call');
		expect(aggressionText({ postflopBetsAndRaises: 0, postflopCalls: 0 })).toBe('—');
	});
});

group('refused hands', () => {
	it('says how many the list leaves off', () => {
		expect(problemsLeftOff(131, 100)).toBe("The first 100 are listed; 31 more were refused (the files' rows above say how many in each).");
		expect(problemsLeftOff(101, 100)).toContain('1 more was refused');
		expect(problemsLeftOff(7, 7)).toBe('');
	});
});

group('uploads', () => {
	it('are refused before sending when they are larger than the server takes', () => {
		expect(uploadTooLarge([10, 20], 30)).toBeNull();
		expect(uploadTooLarge([51 * 1024 * 1024])).toBe('This file is 51.0 MB; at most 50.0 MB go in one upload. Send it zipped or split into parts.');
		expect(uploadTooLarge([30 * 1024 * 1024, 30 * 1024 * 1024])).toContain('These files are 60.0 MB');
		// A sessions CSV goes in as text: no zip is offered.
		expect(uploadTooLarge([8 * 1024 * 1024], 5 * 1024 * 1024, false)).toBe(
			'This file is 8.0 MB; at most 5.0 MB go in one upload. Send it split into files of fewer rows (each keeps the header line).'
		);
	});
});

group('the import summary', () => {
	it('counts the files that gave nothing, so a damaged one is not left out', () => {
		const file = (name: string, imported: number, error?: string) => ({ name, hands: imported, imported, duplicates: 0, refused: 0, error });
		expect(filesNotRead([file('good.txt', 12)])).toBe('');
		expect(filesNotRead([file('good.txt', 12), file('a.zip/bent.txt', 0, 'This file of the zip is damaged')])).toBe(', 1 file not read (see below)');
		expect(filesNotRead([file('x', 0, 'The file is empty.'), file('y', 0, 'The zip cannot be read')])).toBe(', 2 files not read (see below)');
		expect(filesNotRead([file('big.zip/a.txt', 40, 'The zip expands to more than 500 MB')])).toBe(''); // it gave hands: its row says the rest
	});
});
