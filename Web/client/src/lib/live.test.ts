import { describe, expect, it } from 'vitest';
import { parse } from './live';

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
