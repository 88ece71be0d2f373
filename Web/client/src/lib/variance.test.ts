import { describe, expect, it } from 'vitest';
import { bands, closedForm, downswing, normalCdf, simulate, twoSidedZ, z70, z95 } from './variance';

describe('the normal distribution', () => {
	it('matches tabulated values of Φ', () => {
		expect(normalCdf(0)).toBeCloseTo(0.5, 7);
		expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
		expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
		expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6);
		expect(normalCdf(Infinity)).toBe(1);
	});

	it('finds the two-sided z of a coverage', () => {
		expect(z95).toBeCloseTo(1.959964, 4);
		expect(z70).toBeCloseTo(1.036433, 4);
		expect(twoSidedZ(0.6827)).toBeCloseTo(1, 3);
	});
});

describe('the closed forms', () => {
	it('gives the chance of being behind as Φ(−EV/σ_N)', () => {
		// $20/h with $100/h over 100 hours: EV $2,000, σ_N $1,000, P(behind) = Φ(−2) ≈ 2.275%.
		const f = closedForm({ winRate: 20, deviation: 100, units: 100 });
		expect(f.expected).toBe(2000);
		expect(f.spread).toBe(1000);
		expect(f.probabilityBehind).toBeCloseTo(0.0227501, 6);
		// 5 bb/100 with 90 bb/100 over 50,000 hands (500 units): Φ(−5·500/(90·√500)).
		expect(closedForm({ winRate: 5, deviation: 90, units: 500 }).probabilityBehind).toBeCloseTo(normalCdf(-2500 / (90 * Math.sqrt(500))), 10);
		expect(closedForm({ winRate: 0, deviation: 50, units: 10 }).probabilityBehind).toBeCloseTo(0.5, 7);
	});

	it('draws the bands at EV ± z·σ·√n', () => {
		const last = bands({ winRate: 20, deviation: 100, units: 100 }, 10).at(-1)!;
		expect(last.expected).toBe(2000);
		expect(last.high95 - last.expected).toBeCloseTo(z95 * 1000, 6);
		expect(last.expected - last.low70).toBeCloseTo(z70 * 1000, 6);
	});
});

describe('the simulated paths', () => {
	it('agree with the closed forms within four standard errors', () => {
		const inputs = { winRate: 10, deviation: 100, units: 200 };
		const s = simulate(inputs, 7, 20, 4000);
		expect(s.paths).toHaveLength(20);
		expect(s.paths[0]).toHaveLength(201);
		const p = closedForm(inputs).probabilityBehind; // Φ(−10·200/(100·√200)) = Φ(−1.414) ≈ 7.9%
		expect(Math.abs(s.simulated.behind - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 4000));
	});

	it('estimate the deepest downswing with no edge as √(π/2)·σ·√n', () => {
		const inputs = { winRate: 0, deviation: 100, units: 1000 };
		const s = simulate(inputs, 11, 0, 3000);
		const exact = Math.sqrt(Math.PI / 2) * 100 * Math.sqrt(1000);
		// A walk checked once per unit sees slightly less than the continuous path (≈ 0.58σ); within 4%.
		expect(Math.abs(s.simulated.meanDepth - exact) / exact).toBeLessThan(0.04);
	});

	it('measures a downswing from the running peak', () => {
		expect(downswing([0, 5, 2, 6, 1, 3, 7])).toEqual({ depth: 5, length: 3 });
		expect(downswing([0, 1, 2])).toEqual({ depth: 0, length: 0 });
		expect(downswing([0, 3, 1, 2])).toEqual({ depth: 2, length: 2 }); // still under water at the end
	});
});
