// The variance and downswing simulator. A player's result over n units (hours live, or 100 hands
// online) is modelled as a sum of n independent per-unit results with mean μ (the win rate) and
// standard deviation σ. Then, exactly:
//   expected result       E[X_n] = μ·n
//   its spread            SD[X_n] = σ·√n
//   a band holding p      μ·n ± z·σ·√n, z = Φ⁻¹((1 + p)/2)   (70%: z ≈ 1.036, 95%: z ≈ 1.960)
//   P(behind after n)     Φ(−μ·n / (σ·√n)) = Φ(−μ·√n / σ)
// Downswings (the deepest fall from a running peak, and the longest stretch without a new peak)
// have no simple closed form with a drift; they are estimated from many simulated paths. For
// μ = 0 the expected deepest downswing is known, √(π/2)·σ·√n, and the tests check the estimate
// against it.

/** Standard normal cumulative distribution Φ(x); |error| < 1.5·10⁻⁷ (Abramowitz & Stegun 26.2.17). */
export function normalCdf(x: number): number {
	if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
	const t = 1 / (1 + 0.2316419 * Math.abs(x));
	const density = Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
	const tail = density * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
	return x >= 0 ? 1 - tail : tail;
}

/** z such that P(|Z| ≤ z) = coverage, found by bisection on Φ (monotone). */
export function twoSidedZ(coverage: number): number {
	const target = (1 + coverage) / 2;
	let low = 0;
	let high = 10;
	for (let i = 0; i < 80; i++) {
		const mid = (low + high) / 2;
		if (normalCdf(mid) < target) low = mid;
		else high = mid;
	}

	return (low + high) / 2;
}

export interface VarianceInputs {
	/** Win rate per unit (money per hour, or big blinds per 100 hands). */
	winRate: number;
	/** Standard deviation per unit, same unit as the win rate. */
	deviation: number;
	/** Number of units (hours, or hundreds of hands). */
	units: number;
}

export interface Band {
	unit: number;
	expected: number;
	low70: number;
	high70: number;
	low95: number;
	high95: number;
}

export const z70 = twoSidedZ(0.7);
export const z95 = twoSidedZ(0.95);

/** The closed-form figures after n units. */
export function closedForm({ winRate, deviation, units }: VarianceInputs) {
	const spread = deviation * Math.sqrt(units);
	return {
		expected: winRate * units,
		spread,
		probabilityBehind: spread > 0 ? normalCdf(-(winRate * units) / spread) : winRate * units < 0 ? 1 : 0
	};
}

/** The expected result with its 70% and 95% bands at `steps` + 1 evenly spaced points. */
export function bands(inputs: VarianceInputs, steps = 100): Band[] {
	return Array.from({ length: steps + 1 }, (_, i) => {
		const unit = (inputs.units * i) / steps;
		const spread = inputs.deviation * Math.sqrt(unit);
		const expected = inputs.winRate * unit;
		return { unit, expected, low70: expected - z70 * spread, high70: expected + z70 * spread, low95: expected - z95 * spread, high95: expected + z95 * spread };
	});
}

/** A small seeded generator (mulberry32): the same seed draws the same paths. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal draws from uniform ones (Box–Muller). */
export function normals(uniform: () => number): () => number {
	let spare: number | null = null;
	return () => {
		if (spare !== null) {
			const value = spare;
			spare = null;
			return value;
		}

		const u = 1 - uniform();
		const v = uniform();
		const r = Math.sqrt(-2 * Math.log(u));
		spare = r * Math.sin(2 * Math.PI * v);
		return r * Math.cos(2 * Math.PI * v);
	};
}

/** One simulated path: the cumulative result after each unit, starting at 0. */
export function path(inputs: VarianceInputs, draw: () => number, steps = Math.max(1, Math.round(inputs.units))): number[] {
	const dt = inputs.units / steps;
	const points = [0];
	let total = 0;
	for (let i = 0; i < steps; i++) {
		total += inputs.winRate * dt + inputs.deviation * Math.sqrt(dt) * draw();
		points.push(total);
	}

	return points;
}

/** The deepest fall below a running peak, and the longest stretch (in steps) from a peak to the next (or to the end). */
export function downswing(points: number[]): { depth: number; length: number } {
	let peak = points[0] ?? 0;
	let peakAt = 0;
	let depth = 0;
	let length = 0;
	for (let i = 1; i < points.length; i++) {
		if (points[i] >= peak) {
			length = Math.max(length, i - peakAt - 1 > 0 ? i - peakAt : 0);
			peak = points[i];
			peakAt = i;
		} else {
			depth = Math.max(depth, peak - points[i]);
		}
	}

	// A stretch still under water at the end counts up to the end.
	const last = points.length - 1;
	if (last > peakAt) length = Math.max(length, last - peakAt);
	return { depth, length };
}

export interface Simulation {
	paths: number[][];
	bands: Band[];
	probabilityBehind: number;
	expected: number;
	spread: number;
	/** Over `trials` paths: the share behind at the end, the mean deepest downswing and the mean longest stretch (units). */
	simulated: { trials: number; behind: number; meanDepth: number; meanLength: number };
}

/** Everything the page shows: `shown` sample paths, the bands, closed forms and the downswing estimates. */
export function simulate(inputs: VarianceInputs, seed = 1, shown = 20, trials = 2000): Simulation {
	const draw = normals(seeded(seed));
	const steps = Math.min(Math.max(1, Math.round(inputs.units)), 1000);
	const paths: number[][] = [];
	let behind = 0;
	let depth = 0;
	let length = 0;
	for (let i = 0; i < trials; i++) {
		const p = path(inputs, draw, steps);
		if (i < shown) paths.push(p);
		if (p[p.length - 1] < 0) behind++;
		const d = downswing(p);
		depth += d.depth;
		length += d.length;
	}

	const exact = closedForm(inputs);
	return {
		paths,
		bands: bands(inputs, steps),
		probabilityBehind: exact.probabilityBehind,
		expected: exact.expected,
		spread: exact.spread,
		simulated: { trials, behind: behind / trials, meanDepth: depth / trials, meanLength: ((length / trials) * inputs.units) / steps }
	};
}
