import { describe, expect, it } from 'vitest';
import { accuracy, aggressive, card, drillName, frequencyClass, keyAnswers, ordered, parseStack, question, stacks, withCurrent, type Training } from './training';
import { ApiError } from './api';

describe('training', () => {
	it('lists the drill being played as it stands now, first when it is new', () => {
		const drill = (id: string, decisions: number) => ({ id, decisions }) as Training;
		const history = [drill('b', 32), drill('a', 500)];
		expect(withCurrent(history, drill('b', 64)).map((t) => t.decisions)).toEqual([64, 500]);
		expect(withCurrent(history, drill('c', 1)).map((t) => t.id)).toEqual(['c', 'b', 'a']);
		expect(withCurrent(history, null)).toBe(history);
	});

	it('shows a spot\'s cards higher rank first, as its hand class names them', () => {
		expect(ordered({ card1: '6c', card2: 'Ad' })).toEqual(['Ad', '6c']);
		expect(ordered({ card1: 'Jh', card2: 'Tc' })).toEqual(['Jh', 'Tc']);
		expect(ordered({ card1: '9s', card2: '9d' })).toEqual(['9s', '9d']);
	});

	it('answers by key only a hand that has been on screen, and never with a held key', () => {
		expect(keyAnswers(false, 1000, 1400)).toBe(true);
		expect(keyAnswers(false, 1000, 1050)).toBe(false); // pressed as the next hand appeared
		expect(keyAnswers(true, 1000, 5000)).toBe(false); // a held key's repeat
	});
	it('reads a stack typed with a decimal comma or point, and nothing else', () => {
		expect(parseStack('8,5')).toBe(8.5);
		expect(parseStack(' 12 ')).toBe(12);
		expect(parseStack('8.5')).toBe(8.5);
		for (const bad of ['', 'abc', '8,5,1', '-3', '1e3']) expect(parseStack(bad)).toBeNull();
	});

	it('names a drill as the player chose it, not by its name in the API', () => {
		expect(drillName({ drill: 'stack-range', minStack: 8, maxStack: 12, ante: 0.1 })).toBe('Stack range 8–12 bb, ante 0.1 bb');
		expect(drillName({ drill: 'random', minStack: 1, maxStack: 25, ante: 0 })).toBe('Random spots');
		expect(drillName({ drill: 'leaks', minStack: 1, maxStack: 25, ante: 0 })).toBe('My leaks');
	});

	it('shows cards with their suit, colour and a spoken name', () => {
		expect(card('As')).toEqual({ rank: 'A', symbol: '♠', red: false, name: 'ace of spades' });
		expect(card('Th')).toEqual({ rank: '10', symbol: '♥', red: true, name: 'ten of hearts' });
	});

	it('asks the question of the seat', () => {
		const spot = { number: 1, card1: 'As', card2: 'Kd', handClass: 'AKo', stack: 9.5, ante: 0, seat: 'big-blind' as const };
		expect(question(spot)).toBe('The small blind shoved 9.5 bb: call or fold?');
		expect(aggressive('small-blind')).toBe('shove');
		expect(accuracy(3, 4)).toBe('75.0%');
		expect(accuracy(0, 0)).toBe('—');
	});

	it('colours chart cells by how often the hand is played', () => {
		expect(frequencyClass(1)).toBe('f-all');
		expect(frequencyClass(0.996)).toBe('f-all');
		expect(frequencyClass(0.4)).toBe('f-mixed');
		expect(frequencyClass(0.004)).toBe('f-none');
		expect(frequencyClass(0)).toBe('f-none');
	});

	it('says where the chart plays a hand', () => {
		expect(stacks([])).toBe('never (1–50 bb)');
		expect(stacks([{ from: 1, to: 50 }])).toBe('at every stack (1–50 bb)');
		expect(stacks([{ from: 1, to: 8.3 }, { from: 12, to: 50 }])).toBe('at 1–8.3 bb and 12–50 bb');
	});
});

describe("the trainer's field errors", () => {
	it('name the fields as the screen labels them', () => {
		const e = new ApiError(400, { errors: { minStack: ['Must be at least 1.5 bb with this ante.'], ante: ['Must be 0, 0.125 or 0.25.'] } });
		expect(e.fieldsAs({ minStack: 'From', maxStack: 'To' })).toBe('From: Must be at least 1.5 bb with this ante. · Ante: Must be 0, 0.125 or 0.25.');
		expect(e.fields).toBe('Min stack: Must be at least 1.5 bb with this ante. · Ante: Must be 0, 0.125 or 0.25.');
	});
});
