import { describe, expect, it } from 'vitest';
import { noteProblem, parse, retryDelay } from './live';

describe('server-sent event parsing', () => {
	it('reads id, name and JSON data', () => {
		expect(parse('id: 7\nevent: StackUpdated\ndata: {"sequence":7}')).toEqual({ id: '7', event: 'StackUpdated', data: { sequence: 7 } });
	});

	it('ignores heartbeats and the retry hint', () => {
		expect(parse(': keep-alive')).toBeNull();
		expect(parse('retry: 2000')).toBeNull();
	});

	it('keeps alerts without an id', () => {
		expect(parse('event: TiltAlertRaised\ndata: {"kind":"tilt"}')).toEqual({ id: null, event: 'TiltAlertRaised', data: { kind: 'tilt' } });
	});
});

describe('reconnecting', () => {
	it('tries again after 2 s, backing off to 30 s while it keeps failing', () => {
		expect([1, 2, 3, 4, 5, 6, 20].map(retryDelay)).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
	});
});

describe('a note before it is sent', () => {
	it('is refused when empty or longer than a note holds, with its length', () => {
		expect(noteProblem('  \n ')).toBe('write the note first');
		expect(noteProblem('Seat 3 calls down light')).toBe('');
		expect(noteProblem(` ${'x'.repeat(2000)} `)).toBe(''); // trimmed, as the server counts
		expect(noteProblem('x'.repeat(2720))).toBe('at most 2,000 characters; this one has 2,720');
	});
});
