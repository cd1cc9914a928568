/**
 * How sure a published figure is, and what it says about a target or a change: quantiles of the
 * normal and Student t distributions, the Wilson interval for a share, the t interval for a mean,
 * the difference between two independent estimates (year on year), and a target's status. Pure
 * arithmetic with no dependency, for the dashboard, the report and the exports alike.
 *
 * Inputs outside a function's domain (a probability outside [0, 1], a negative count, a level
 * outside (0, 1), a non-finite sum) are a caller's error and throw a RangeError; "no data" is a
 * value (null), never an error.
 */

/** A two-sided interval, `low` ≤ `high`. */
export interface Interval {
  low: number;
  high: number;
}

/** The default confidence level of every interval. */
export const DEFAULT_LEVEL = 0.95;

function fail(what: string, value: unknown): never {
  throw new RangeError(`${what}: ${String(value)}`);
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) fail('A probability lies in [0, 1]', p);
}

/** The two-sided critical value of the standard normal distribution for `level`. */
function normalCritical(level: number): number {
  if (!(level > 0 && level < 1)) fail('A confidence level lies strictly between 0 and 1', level);
  return normalQuantile(0.5 + level / 2);
}

// Wichura (1988), Algorithm AS 241 (PPND16), Applied Statistics 37(3):477–484: rational
// approximations with a relative error below 1e-16.
const A = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227];
const B = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854];
const C = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414];
const D = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9];
const E = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7];
const F = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15];

/** Σ c[i]·x^i by Horner's rule. */
function poly(c: readonly number[], x: number): number {
  let sum = 0;
  for (let i = c.length - 1; i >= 0; i--) sum = sum * x + (c[i] ?? 0);
  return sum;
}

/**
 * The standard normal quantile (inverse CDF): the z with P(Z ≤ z) = p. Wichura's algorithm AS 241
 * (relative error below 1e-16). `normalQuantile(0)` is -Infinity and `normalQuantile(1)` Infinity;
 * a p outside [0, 1] throws a RangeError.
 */
export function normalQuantile(p: number): number {
  checkProbability(p);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    z = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -z : z;
}

// Lanczos (g = 7, 9 terms): ln Γ(x) for x ≥ 0.5 with a relative error near 1e-15.
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

function logGamma(x: number): number {
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const y = x - 1;
  let a = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return HALF_LN_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln Γ(a) − ln Γ(a + b) for a ≥ 20 by Stirling's series, without the cancellation of the difference. */
function logGammaRatio(a: number, b: number): number {
  const corr = (x: number) => {
    const x2 = 1 / (x * x);
    return (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 / 1680))) / x;
  };
  return -(a - 0.5) * Math.log1p(b / a) - b * Math.log(a + b) + b + corr(a) - corr(a + b);
}

/** ln B(a, b). */
function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big >= 20) return logGamma(small) + logGammaRatio(big, small);
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** The continued fraction of the incomplete beta function (modified Lentz), for x < (a + 1)/(a + b + 2). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return h;
}

/**
 * P(T > t) for t ≥ 0 and T ~ Student t with df degrees of freedom: ½·I_x(df/2, ½) with
 * x = df/(df + t²), evaluated on whichever side of the incomplete beta function converges, with
 * ln x and ln(1 − x) taken from r = t²/df so that neither loses digits.
 */
function tUpperTail(t: number, df: number): number {
  if (t === 0) return 0.5;
  const r = (t * t) / df;
  if (r === Infinity) return 0;
  const a = df / 2;
  const b = 0.5;
  const x = 1 / (1 + r);
  const lnX = -Math.log1p(r);
  const lnY = Math.log(r) + lnX;
  const lnB = logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (0.5 * Math.exp(a * lnX + b * lnY - lnB) * betaFraction(x, a, b)) / a;
  return 0.5 - (0.5 * Math.exp(a * lnX + b * lnY - lnB) * betaFraction(r / (1 + r), b, a)) / b;
}

/** The density of Student's t at t. */
function tDensity(t: number, df: number): number {
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5));
}

/**
 * Hill's starting value (G. W. Hill 1970, Algorithm 396, Comm. ACM 13:619, as in R's qt) for the
 * positive t whose two-sided tail probability is `two` (0 < two ≤ 1), df ≥ 1.
 */
function hillStart(two: number, df: number): number {
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = ((((20700 * a) / b - 98) * a - 16) * a + 96.36);
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = Math.pow(d * two, 2 / df);
  if ((df < 2.1 && two > 0.5) || y > 0.05 + a) {
    const x = normalQuantile(0.5 * two);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y = ((1 / ((((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3)) + 0.5 / (df + 4)) * y - 1) * ((df + 1) / (df + 2)) + 1 / y;
  }
  return Math.sqrt(df * y);
}

/** The Cornish–Fisher expansion of t in powers of 1/df (Abramowitz & Stegun 26.7.5), for very large df. */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * The quantile (inverse CDF) of Student's t distribution: the t with P(T ≤ t) = p, for df ≥ 1
 * degrees of freedom (a real number; Infinity gives the normal quantile). Exact closed forms for
 * df = 1 and 2; otherwise Hill's algorithm 396 as the start of Newton's method on the CDF (the
 * regularized incomplete beta function), so the result is accurate to about 1e-12 relative, and
 * the Cornish–Fisher expansion beyond 100 000 degrees of freedom. `tQuantile(0, df)` is -Infinity
 * and `tQuantile(1, df)` Infinity; p outside [0, 1] or df < 1 throws a RangeError.
 */
export function tQuantile(p: number, df: number): number {
  checkProbability(p);
  if (!(df >= 1)) fail('Student t needs at least 1 degree of freedom', df);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const tail = Math.min(p, 1 - p);
  const sign = p < 0.5 ? -1 : 1;
  if (df === 1) return sign / Math.tan(Math.PI * tail);
  if (df === 2) return (sign * (1 - 2 * tail)) / Math.sqrt(2 * tail * (1 - tail));
  if (df > 1e5) return -sign * cornishFisher(normalQuantile(tail), df);
  let t = hillStart(2 * tail, df);
  if (!Number.isFinite(t)) return sign * t;
  // P(T > t) is decreasing and convex for t > 0: from the first step on, Newton's iterates climb
  // to the root from below, so the loop ends within a few steps.
  for (let i = 0; i < 100; i++) {
    const next = t + (tUpperTail(t, df) - tail) / tDensity(t, df);
    const step = next > 0 ? next : t / 2;
    const done = Math.abs(step - t) <= 1e-14 * step;
    t = step;
    if (done) break;
  }
  return sign * t;
}

/**
 * The Wilson score interval (Wilson 1927; Newcombe 1998, method 3, without continuity
 * correction) for a share `p` observed over `n` respondents at confidence `level`:
 * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z the two-sided normal critical value.
 * `n` may be fractional (an effective sample size). The interval lies in [0, 1], starts at
 * exactly 0 when p = 0 and ends at exactly 1 when p = 1, and is never empty. `n = 0` (no data)
 * gives null; p outside [0, 1], a negative or non-finite n, or a level outside (0, 1) throws.
 */
export function wilsonInterval(p: number, n: number, level = DEFAULT_LEVEL): Interval | null {
  checkProbability(p);
  if (!(n >= 0 && n < Infinity)) fail('A sample size is finite and not negative', n);
  const z = normalCritical(level);
  if (n === 0) return null;
  const z2 = z * z;
  const scale = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / scale;
  const half = (z / scale) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: p === 0 ? 0 : Math.max(0, centre - half), high: p === 1 ? 1 : Math.min(1, centre + half) };
}

/** The sums a mean and its spread are computed from: the count, Σx and Σx². */
export interface MeanSums {
  n: number;
  sum: number;
  sumSq: number;
}

/**
 * A mean with its sample standard deviation and t interval. With fewer than 2 values there is
 * no spread: `sd`, `low` and `high` are null and the mean stands alone.
 */
export interface MeanInterval {
  mean: number;
  sd: number | null;
  low: number | null;
  high: number | null;
}

/**
 * The mean of `n` values from their sums, with the sample standard deviation
 * s = √((Σx² − (Σx)²/n)/(n − 1)) and the t interval mean ± t(1 − α/2, n − 1)·s/√n at confidence
 * `level` = 1 − α. A variance made negative by rounding (all values equal) counts as 0. n = 0 (no
 * data) gives null; 0 < n < 2 gives the mean without a spread or an interval. A negative n,
 * non-finite sums or a level outside (0, 1) throw a RangeError.
 */
export function meanInterval(sums: MeanSums, level = DEFAULT_LEVEL): MeanInterval | null {
  const { n, sum, sumSq } = sums;
  if (!(n >= 0 && n < Infinity)) fail('A count is finite and not negative', n);
  if (!Number.isFinite(sum) || !Number.isFinite(sumSq)) fail('Sums are finite', `${sum}, ${sumSq}`);
  if (!(level > 0 && level < 1)) fail('A confidence level lies strictly between 0 and 1', level);
  if (n === 0) return null;
  const mean = sum / n;
  if (n < 2) return { mean, sd: null, low: null, high: null };
  const sd = Math.sqrt(Math.max(0, (sumSq - (sum * sum) / n) / (n - 1)));
  const half = (tQuantile(0.5 + level / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean, sd, low: mean - half, high: mean + half };
}

/** An estimate and its standard error. */
export interface Estimate {
  estimate: number;
  se: number;
}

/** The change between two independent estimates and whether it exceeds the noise. */
export interface Difference {
  /** after − before. */
  change: number;
  /** Its standard error, √(se_before² + se_after²). */
  se: number;
  /** The confidence interval of the change. */
  low: number;
  high: number;
  /** Whether the interval excludes 0: the change is larger than sampling noise explains. */
  exceeds: boolean;
}

/**
 * The change from `before` to `after` (e.g. last year's campaign to this year's), two estimates
 * from independent samples, with its normal-approximation interval change ± z·√(se₁² + se₂²) at
 * confidence `level`. `exceeds` is true when the interval excludes 0 (a two-sided test at
 * 1 − level); with both standard errors 0 it is true exactly when the change is not 0. A negative
 * or non-finite standard error, a non-finite estimate or a level outside (0, 1) throws.
 */
export function differenceTest(before: Estimate, after: Estimate, level = DEFAULT_LEVEL): Difference {
  for (const e of [before, after]) {
    if (!Number.isFinite(e.estimate)) fail('An estimate is finite', e.estimate);
    if (!(e.se >= 0 && e.se < Infinity)) fail('A standard error is finite and not negative', e.se);
  }
  const z = normalCritical(level);
  const change = after.estimate - before.estimate;
  const se = Math.hypot(before.se, after.se);
  const low = change - z * se;
  const high = change + z * se;
  return { change, se, low, high, exceeds: low > 0 || high < 0 };
}

/** The standard error √(p(1 − p)/n) of a share p over n respondents (n > 0, may be fractional). */
export function seOfShare(p: number, n: number): number {
  checkProbability(p);
  if (!(n > 0 && n < Infinity)) fail('A standard error needs a positive, finite sample size', n);
  return Math.sqrt((p * (1 - p)) / n);
}

/** The standard error sd/√n of a mean of n values with sample standard deviation sd (n > 0). */
export function seOfMean(sd: number, n: number): number {
  if (!(sd >= 0 && sd < Infinity)) fail('A standard deviation is finite and not negative', sd);
  if (!(n > 0 && n < Infinity)) fail('A standard error needs a positive, finite sample size', n);
  return sd / Math.sqrt(n);
}

/** How a target compares: the estimate must be above, at least, below or at most its value. */
export type TargetOp = '>' | '>=' | '<' | '<=';

/** A target such as "SIPAS index > 82 %": `{ op: '>', value: 82 }`, in the unit of the estimate. */
export interface Target {
  op: TargetOp;
  value: number;
}

/** Whether a target is met, missed, or cannot be told yet from the data. */
export type TargetStatus = 'met' | 'not_met' | 'undecided';

function satisfies(x: number, target: Target): boolean {
  switch (target.op) {
    case '>':
      return x > target.value;
    case '>=':
      return x >= target.value;
    case '<':
      return x < target.value;
    case '<=':
      return x <= target.value;
  }
}

/**
 * A target's status from the confidence interval of its estimate, read as the closed interval
 * [low, high] of plausible true values:
 * - 'met' when every value of the interval satisfies the target (for '>' 82: low > 82; for
 *   '>=' 90: low ≥ 90; for '<' v: high < v; for '<=' v: high ≤ v);
 * - 'not_met' when no value of it does (for '>' 82: high ≤ 82; for '>=' 90: high < 90; for
 *   '<' v: low ≥ v; for '<=' v: low > v);
 * - 'undecided' when the interval straddles the target's value, and whenever there is no data:
 *   no estimate (null, undefined or NaN) or no interval (null, or an interval with a null bound,
 *   as `meanInterval` gives for a single respondent).
 * The interval, the estimate and the target's value are in the same unit (a share in [0, 1] with
 * a target of 0.82, or both in percent).
 */
export function targetStatus(
  interval: { readonly low: number | null; readonly high: number | null } | null | undefined,
  estimate: number | null | undefined,
  target: Target,
): TargetStatus {
  if (estimate === null || estimate === undefined || Number.isNaN(estimate)) return 'undecided';
  if (!interval || interval.low === null || interval.high === null) return 'undecided';
  const low = satisfies(interval.low, target);
  const high = satisfies(interval.high, target);
  if (low && high) return 'met';
  if (!low && !high) return 'not_met';
  return 'undecided';
}
