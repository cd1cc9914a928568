// @vitest-environment node
/**
 * The statistics behind published figures, checked against published tables and worked examples
 * (cited beside each) and against reference values computed independently at 40 significant digits
 * with mpmath 1.3 (the normal quantile as √2·erfinv(2p − 1) or a root of Φ(z) − p, the t quantile
 * as a root of ½·I_{df/(df+t²)}(df/2, ½) − min(p, 1 − p), the regularized incomplete beta).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVEL, differenceTest, meanInterval, normalQuantile, seOfMean, seOfShare, targetStatus, tQuantile, wilsonInterval } from '../../src/survey/stats';
import type { Target } from '../../src/survey/stats';

/** |actual − expected| within `rel` of |expected| (or absolutely, around 0). */
const near = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

/** The sums of a list of values, as the server keeps them. */
const sumsOf = (values: readonly number[]) => ({
  n: values.length,
  sum: values.reduce((s, x) => s + x, 0),
  sumSq: values.reduce((s, x) => s + x * x, 0),
});

describe('normalQuantile (Wichura AS 241)', () => {
  // [p, z] with Φ(z) = p, z from mpmath at 40 digits.
  const cases: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [0.0001, -3.7190164854556804],
    [0.001, -3.0902323061678136],
    [0.02425, -1.9729610513118847],
    [0.025, -1.9599639845400543],
    [0.3, -0.5244005127080408],
    [0.5, 0],
    [0.75, 0.6744897501960817],
    [0.975, 1.9599639845400538],
    [0.999999, 4.753424308817088],
  ];
  it.each(cases)('Φ⁻¹(%s) = %s to 1e-13 relative', (p, z) => near(normalQuantile(p), z, 1e-13));

  it('is antisymmetric about ½ and infinite at 0 and 1', () => {
    // Probabilities whose complement is exact in binary floating point.
    for (const p of [2 ** -50, 2 ** -10, 0.125, 0.375]) near(normalQuantile(p), -normalQuantile(1 - p), 1e-13);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('refuses a probability outside [0, 1]', () => {
    for (const p of [-0.1, 1.1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe('tQuantile', () => {
  // Two-sided 95 % critical values t(0.975, df) to four decimals, as four-decimal t tables print
  // them; the NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2 "Critical values of
  // the Student's t distribution", gives them to three for the df it lists (up to 100): 12.706,
  // 4.303, 2.571, 2.228, 2.080, 2.042, 1.984.
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [10, 2.2281],
    [21, 2.0796],
    [30, 2.0423],
    [100, 1.984],
    [1000, 1.9623],
  ])('t(0.975, %i) = %s as in the tables', (df, t) => {
    expect(Math.abs(tQuantile(0.975, df) - t)).toBeLessThan(5e-5);
    expect(Math.abs(tQuantile(0.025, df) + t)).toBeLessThan(5e-5);
  });

  // [p, df, t] with P(T ≤ t) = p, t from mpmath at 40 digits: whole and fractional df, tails down to 1e-12.
  const cases: [number, number, number][] = [
    [1e-12, 1, -318309886183.7907],
    [0.0001, 1, -3183.098757118151],
    [0.025, 1, -12.706204736174705],
    [0.1, 1, -3.077683537175253],
    [0.4, 1, -0.32491969623290623],
    [0.6, 1, 0.32491969623290623],
    [0.975, 1, 12.706204736174692],
    [0.995, 1, 63.656741162871526],
    [0.9999, 1, 3183.0987571185015],
    [1e-12, 2, -707106.7811854868],
    [0.0001, 2, -70.70007107496427],
    [0.025, 2, -4.302652729749464],
    [0.1, 2, -1.8856180831641267],
    [0.4, 2, -0.2886751345948128],
    [0.6, 2, 0.2886751345948128],
    [0.975, 2, 4.302652729749462],
    [0.995, 2, 9.92484320091829],
    [0.9999, 2, 70.70007107496818],
    [1e-12, 3, -10331.108244292485],
    [0.0001, 3, -22.203742273204185],
    [0.025, 3, -3.1824463052837095],
    [0.1, 3, -1.6377443536962102],
    [0.4, 3, -0.27667066233268983],
    [0.6, 3, 0.27667066233268983],
    [0.975, 3, 3.182446305283708],
    [0.995, 3, 5.840909309733355],
    [0.9999, 3, 22.203742273205002],
    [1e-12, 4, -1316.0727465592565],
    [0.0001, 4, -13.033671720896455],
    [0.025, 4, -2.7764451051977943],
    [0.1, 4, -1.5332062740589438],
    [0.4, 4, -0.27072229470759734],
    [0.6, 4, 0.27072229470759734],
    [0.975, 4, 2.7764451051977934],
    [0.995, 4, 4.604094871349992],
    [0.9999, 4, 13.033671720896821],
    [1e-12, 5, -393.95695957760375],
    [0.0001, 5, -9.67756630088259],
    [0.025, 5, -2.5705818356363155],
    [0.1, 5, -1.475884048824481],
    [0.4, 5, -0.26718086570414507],
    [0.6, 5, 0.26718086570414507],
    [0.975, 5, 2.5705818356363146],
    [0.995, 5, 4.032142983555227],
    [0.9999, 5, 9.677566300882814],
    [1e-12, 7, -104.0218292626472],
    [0.0001, 7, -7.063432828157514],
    [0.025, 7, -2.3646242515927853],
    [0.1, 7, -1.4149239276505083],
    [0.4, 7, -0.2631668613520228],
    [0.6, 7, 0.2631668613520228],
    [0.975, 7, 2.364624251592785],
    [0.995, 7, 3.4994832973504932],
    [0.9999, 7, 7.063432828157639],
    [1e-12, 10, -40.5320961786626],
    [0.0001, 10, -5.693820101457512],
    [0.025, 10, -2.228138851986275],
    [0.1, 10, -1.3721836411103356],
    [0.4, 10, -0.26018482949208016],
    [0.6, 10, 0.26018482949208016],
    [0.975, 10, 2.2281388519862744],
    [0.995, 10, 3.169272672616951],
    [0.9999, 10, 5.693820101457592],
    [1e-12, 12.3, -27.532332476638132],
    [0.0001, 12.3, -5.214117118183682],
    [0.025, 12.3, -2.1729334817589625],
    [0.1, 12.3, -1.3542946376388478],
    [0.4, 12.3, -0.2588925598668981],
    [0.6, 12.3, 0.2588925598668981],
    [0.975, 12.3, 2.172933481758962],
    [0.995, 12.3, 3.0410295709435236],
    [0.9999, 12.3, 5.214117118183749],
    [1e-12, 21, -14.524186899997858],
    [0.0001, 21, -4.492860131347976],
    [0.025, 21, -2.0796138447276804],
    [0.1, 21, -1.3231878738651726],
    [0.4, 21, -0.2565799478310486],
    [0.6, 21, 0.2565799478310486],
    [0.975, 21, 2.07961384472768],
    [0.995, 21, 2.8313595580230495],
    [0.9999, 21, 4.4928601313480225],
    [1e-12, 30, -11.397217523311411],
    [0.0001, 30, -4.233985957272021],
    [0.025, 30, -2.042272456301238],
    [0.1, 30, -1.3104150253913955],
    [0.4, 30, -0.2556053649519127],
    [0.6, 30, 0.2556053649519127],
    [0.975, 30, 2.0422724563012378],
    [0.995, 30, 2.749995653567225],
    [0.9999, 30, 4.23398595727206],
    [1e-12, 100, -8.025825594493254],
    [0.0001, 100, -3.8615997909500597],
    [0.025, 100, -1.9839715185235522],
    [0.1, 100, -1.290074761346516],
    [0.4, 100, -0.2540221824582278],
    [0.6, 100, 0.2540221824582278],
    [0.975, 100, 1.9839715185235518],
    [0.995, 100, 2.6258905214380177],
    [0.9999, 100, 3.8615997909500908],
    [1e-12, 1000, -7.1242289253144095],
    [0.0001, 1000, -3.732851604575368],
    [0.025, 1000, -1.9623390808264085],
    [0.1, 1000, -1.2823987214609245],
    [0.4, 1000, -0.2534145158394987],
    [0.6, 1000, 0.2534145158394987],
    [0.975, 1000, 1.962339080826408],
    [0.995, 1000, 2.5807546980659506],
    [0.9999, 1000, 3.732851604575396],
    [1e-12, 1.5, -52194694.27344635],
    [0.0001, 1.5, -242.2640988465063],
    [0.025, 1.5, -6.0166631044279315],
    [0.1, 1.5, -2.196398417565537],
    [0.4, 1.5, -0.3007453925697953],
    [0.6, 1.5, 0.3007453925697953],
    [0.975, 1.5, 6.016663104427928],
    [0.995, 1.5, 17.820310514462797],
    [0.9999, 1.5, 242.2640988465241],
    [1e-12, 2.5, -55306.17407651582],
    [0.0001, 2.5, -34.86796932111477],
    [0.025, 2.5, -3.574654842003683],
    [0.1, 2.5, -1.7302509288071766],
    [0.4, 2.5, -0.2814595127485476],
    [0.6, 2.5, 0.2814595127485476],
    [0.975, 2.5, 3.5746548420036817],
    [0.995, 2.5, 7.163728138948783],
    [0.9999, 2.5, 34.86796932111631],
    [1e-12, 10000.0, -7.0433716020557755],
    [0.0001, 10000.0, -3.7203958691176404],
    [0.025, 10000.0, -1.9602012398906261],
    [0.1, 10000.0, -1.2816362297304775],
    [0.4, 10000.0, -0.2533538434457268],
    [0.6, 10000.0, 0.2533538434457268],
    [0.975, 10000.0, 1.960201239890626],
    [0.995, 10000.0, 2.5763210466685287],
    [0.9999, 10000.0, 3.720395869117668],
    [1e-12, 100000.0, -7.035371742393576],
    [0.0001, 100000.0, -3.7191543826413445],
    [0.025, 100000.0, -1.9599877075346095],
    [0.1, 100000.0, -1.281560031449361],
    [0.4, 100000.0, -0.2533477771571799],
    [0.6, 100000.0, 0.2533477771571799],
    [0.975, 100000.0, 1.9599877075346093],
    [0.995, 100000.0, 2.575878469908375],
    [0.9999, 100000.0, 3.719154382641372],
    [1e-12, 200000.0, -7.034927759960158],
    [0.0001, 200000.0, -3.71908543290488],
    [0.025, 200000.0, -1.9599758459667684],
    [0.1, 200000.0, -1.2815557984827084],
    [0.4, 200000.0, -0.2533474401462228],
    [0.6, 200000.0, 0.2533474401462228],
    [0.975, 200000.0, 1.959975845966768],
    [0.995, 200000.0, 2.575853886507764],
    [0.9999, 200000.0, 3.719085432904908],
    [1e-12, 1000000.0, -7.034572608411256],
    [0.0001, 1000000.0, -3.7190302747625434],
    [0.025, 1000000.0, -1.959966356814107],
    [0.1, 1000000.0, -1.2815524121299384],
    [0.4, 1000000.0, -0.2533471705378416],
    [0.6, 1000000.0, 0.2533471705378416],
    [0.975, 1000000.0, 1.9599663568141068],
    [0.995, 1000000.0, 2.575834220105334],
    [0.9999, 1000000.0, 3.7190302747625714],
  ];
  it.each(cases)('t⁻¹(%s; df %s) = %s to 1e-10 relative', (p, df, t) => near(tQuantile(p, df), t, 1e-10));

  it('is the normal quantile at df = Infinity, and approaches it as df grows', () => {
    for (const p of [1e-9, 0.025, 0.3, 0.975]) {
      expect(tQuantile(p, Infinity)).toBe(normalQuantile(p));
      near(tQuantile(p, 1e12), normalQuantile(p), 1e-10);
    }
  });

  it('is continuous where its method changes (df 2, df 10⁵)', () => {
    near(tQuantile(0.975, 2), tQuantile(0.975, 2 + 1e-9), 1e-8);
    near(tQuantile(0.975, 1e5), tQuantile(0.975, 1e5 + 1e-6), 1e-12);
    near(tQuantile(0.001, 1e5), tQuantile(0.001, 1e5 + 1e-6), 1e-12);
  });

  it('is infinite at 0 and 1, 0 at ½, and refuses df < 1 or p outside [0, 1]', () => {
    expect(tQuantile(0, 5)).toBe(-Infinity);
    expect(tQuantile(1, 5)).toBe(Infinity);
    expect(tQuantile(0.5, 7.5)).toBe(0);
    for (const df of [0.5, 0, -1, Number.NaN]) expect(() => tQuantile(0.975, df)).toThrow(RangeError);
    for (const p of [-0.1, 1.1, Number.NaN]) expect(() => tQuantile(p, 5)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  // Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17:857–872, Table I, method 3 (score method without
  // continuity correction), 95 % limits to four decimals.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1.0],
  ])('%i/%i gives %s–%s as in Newcombe (1998) Table I', (x, n, low, high) => {
    const i = wilsonInterval(x / n, n);
    expect(i).not.toBeNull();
    expect(Math.abs((i?.low ?? Number.NaN) - low)).toBeLessThan(0.5e-4);
    expect(Math.abs((i?.high ?? Number.NaN) - high)).toBeLessThan(0.5e-4);
  });

  it('ends exactly at 0 and 1 for shares of 0 and 1, and stays within [0, 1]', () => {
    expect(wilsonInterval(0, 20)?.low).toBe(0);
    expect(wilsonInterval(1, 29)?.high).toBe(1);
    for (const n of [0.5, 1, 2, 3.7, 10, 1000])
      for (const p of [0, 1e-9, 0.01, 0.3, 0.5, 0.99, 1]) {
        const i = wilsonInterval(p, n);
        expect(i && i.low >= 0 && i.low <= p && p <= i.high && i.high <= 1, `${p} over ${n}`).toBe(true);
      }
  });

  it('takes an effective sample size and other levels', () => {
    // 22 respondents in a district, 60 % satisfied: 39.6 % to 77.5 %, about ± 19 points.
    const district = wilsonInterval(0.6, 22);
    expect(district?.low).toBeCloseTo(0.39567, 5);
    expect(district?.high).toBeCloseTo(0.7746, 4);
    // A fractional n sits between its neighbours; a higher level gives a wider interval.
    const [a, b, c] = [wilsonInterval(0.5, 20), wilsonInterval(0.5, 20.5), wilsonInterval(0.5, 21)];
    expect(a && b && c && a.low < b.low && b.low < c.low).toBe(true);
    const [i90, i99] = [wilsonInterval(0.3, 50, 0.9), wilsonInterval(0.3, 50, 0.99)];
    expect(i90 && i99 && i99.low < i90.low && i99.high > i90.high).toBe(true);
  });

  it('is null without respondents, and refuses impossible inputs', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(1.2, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, -1)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 10, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 10, 0)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('works the hand example: 2, 4, 4, 4, 5, 5, 7, 9', () => {
    // mean 40/8 = 5; Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, s = √(32/7) = 2.13809;
    // t(0.975, 7) = 2.36462; half-width 2.36462 × 2.13809 / √8 = 1.78749.
    const m = meanInterval(sumsOf([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(m?.mean).toBe(5);
    expect(m?.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(m?.low).toBeCloseTo(3.2125, 4);
    expect(m?.high).toBeCloseTo(6.7875, 4);
  });

  it("matches Student's sleep data (Student 1908, Biometrika 6:1–25)", () => {
    // The extra hours of sleep with drug 2 over drug 1 for 10 patients (Cushny and Peebles, as
    // Student tabled them; R's datasets::sleep): mean 1.58, and the paired t interval printed by
    // R's t.test(extra ~ group, data = sleep, paired = TRUE): 0.7001142 to 2.4598858.
    const m = meanInterval(sumsOf([1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4]));
    expect(m?.mean).toBeCloseTo(1.58, 12);
    expect(m?.low).toBeCloseTo(0.7001142, 7);
    expect(m?.high).toBeCloseTo(2.4598858, 7);
  });

  it('matches the NIST/SEMATECH e-Handbook example (section 1.3.5.2, Confidence Limits for the Mean)', () => {
    // 195 measurements (ZARR13.DAT): mean 9.261460, standard deviation 0.2278881E-01, 95 % limits
    // 9.258242 and 9.264679 (t = 1.972). The mean and sd are printed rounded, so the limits agree
    // to 5 decimals.
    const n = 195;
    const mean = 9.26146;
    const sd = 0.02278881;
    const m = meanInterval({ n, sum: n * mean, sumSq: (n - 1) * sd * sd + n * mean * mean });
    expect(m?.sd).toBeCloseTo(sd, 8);
    expect(seOfMean(sd, n)).toBeCloseTo(0.00163194, 8);
    expect(m?.low).toBeCloseTo(9.258242, 5);
    expect(m?.high).toBeCloseTo(9.264679, 5);
  });

  it('guards a variance made negative by rounding', () => {
    // Three answers of 0.1: Σx² − (Σx)²/n is about −1.4e-17 in floating point, not 0.
    const sums = sumsOf([0.1, 0.1, 0.1]);
    expect(sums.sumSq - (sums.sum * sums.sum) / sums.n).toBeLessThan(0);
    const m = meanInterval(sums);
    expect(m?.sd).toBe(0);
    expect(m?.low).toBeCloseTo(0.1, 15);
    expect(m?.high).toBeCloseTo(0.1, 15);
  });

  it('has a mean without an interval below 2 values, and nothing without values', () => {
    expect(meanInterval({ n: 1, sum: 4, sumSq: 16 })).toEqual({ mean: 4, sd: null, low: null, high: null });
    expect(meanInterval({ n: 0, sum: 0, sumSq: 0 })).toBeNull();
    expect(() => meanInterval({ n: -1, sum: 0, sumSq: 0 })).toThrow(RangeError);
    expect(() => meanInterval({ n: 3, sum: Number.NaN, sumSq: 0 })).toThrow(RangeError);
  });

  it('is wider at 99 % than at 95 %', () => {
    const sums = sumsOf([3, 5, 4, 2, 5, 4, 3]);
    const [m95, m99] = [meanInterval(sums), meanInterval(sums, 0.99)];
    expect(m95 && m99 && (m99.low ?? 0) < (m95.low ?? 0) && (m99.high ?? 0) > (m95.high ?? 0)).toBe(true);
    expect(DEFAULT_LEVEL).toBe(0.95);
  });
});

describe('differenceTest', () => {
  it('gives the change, its interval and whether it exceeds the noise', () => {
    // 2021: 70 % of 400 satisfied; 2022: 76 % of 400. se = √(.7·.3/400 + .76·.24/400) = 0.031321;
    // 0.06 ± 1.959964 × 0.031321 = −0.00139 … 0.12139: not beyond the noise.
    const before = { estimate: 0.7, se: seOfShare(0.7, 400) };
    const after = { estimate: 0.76, se: seOfShare(0.76, 400) };
    const d = differenceTest(before, after);
    expect(d.change).toBeCloseTo(0.06, 12);
    expect(d.se).toBeCloseTo(Math.sqrt((0.7 * 0.3 + 0.76 * 0.24) / 400), 12);
    expect(d.low).toBeCloseTo(-0.00139, 5);
    expect(d.high).toBeCloseTo(0.12139, 5);
    expect(d.exceeds).toBe(false);
    // At 90 % the same change is beyond the noise; with 1000 respondents a year, at 95 % too.
    expect(differenceTest(before, after, 0.9).exceeds).toBe(true);
    expect(differenceTest({ estimate: 0.7, se: seOfShare(0.7, 1000) }, { estimate: 0.76, se: seOfShare(0.76, 1000) }).exceeds).toBe(true);
  });

  it('gives a fall a negative change, and compares means', () => {
    // A PAPI dimension from 5.95 (sd 1.2, 300 respondents) to 5.70 (sd 1.3, 280).
    const d = differenceTest({ estimate: 5.95, se: seOfMean(1.2, 300) }, { estimate: 5.7, se: seOfMean(1.3, 280) });
    expect(d.change).toBeCloseTo(-0.25, 12);
    expect(d.high).toBeLessThan(0);
    expect(d.exceeds).toBe(true);
  });

  it('without noise, exceeds exactly when something changed', () => {
    expect(differenceTest({ estimate: 0, se: 0 }, { estimate: 0, se: 0 }).exceeds).toBe(false);
    expect(differenceTest({ estimate: 0, se: 0 }, { estimate: 1, se: 0 }).exceeds).toBe(true);
  });

  it('refuses impossible inputs', () => {
    expect(() => differenceTest({ estimate: 1, se: -1 }, { estimate: 1, se: 0 })).toThrow(RangeError);
    expect(() => differenceTest({ estimate: Number.NaN, se: 1 }, { estimate: 1, se: 0 })).toThrow(RangeError);
    expect(() => seOfShare(0.5, 0)).toThrow(RangeError);
    expect(() => seOfShare(2, 10)).toThrow(RangeError);
    expect(() => seOfMean(1, 0)).toThrow(RangeError);
    expect(() => seOfMean(-1, 10)).toThrow(RangeError);
    expect(seOfShare(0.5, 100)).toBe(0.05);
    expect(seOfMean(2, 16)).toBe(0.5);
  });
});

describe('targetStatus', () => {
  const over82: Target = { op: '>', value: 0.82 };
  const atLeast90: Target = { op: '>=', value: 0.9 };

  it('is met when the whole interval satisfies the target, not met when none of it does, else undecided', () => {
    expect(targetStatus({ low: 0.83, high: 0.9 }, 0.86, over82)).toBe('met');
    expect(targetStatus({ low: 0.7, high: 0.81 }, 0.76, over82)).toBe('not_met');
    expect(targetStatus({ low: 0.8, high: 0.9 }, 0.85, over82)).toBe('undecided');
  });

  it('reads each bound of a closed interval with the target’s own comparison', () => {
    const at = (low: number, high: number, op: Target['op']) => targetStatus({ low, high }, (low + high) / 2, { op, value: 10 });
    expect([at(10, 12, '>'), at(8, 10, '>'), at(10, 12, '>='), at(8, 10, '>=')]).toEqual(['undecided', 'not_met', 'met', 'undecided']);
    expect([at(8, 10, '<'), at(10, 12, '<'), at(8, 10, '<='), at(10, 12, '<=')]).toEqual(['undecided', 'not_met', 'met', 'undecided']);
    expect([at(11, 12, '<'), at(11, 12, '<='), at(8, 9, '>'), at(8, 9, '>=')]).toEqual(['not_met', 'not_met', 'not_met', 'not_met']);
    expect([at(8, 9, '<'), at(8, 9, '<='), at(11, 12, '>'), at(11, 12, '>=')]).toEqual(['met', 'met', 'met', 'met']);
  });

  it('works with the intervals of this module: Trà Vinh’s “at least 90 % satisfied”', () => {
    // 29 of 29 satisfied: 0.883–1, undecided; 290 of 290 would be 0.9869–1, met.
    expect(targetStatus(wilsonInterval(1, 29), 1, atLeast90)).toBe('undecided');
    expect(targetStatus(wilsonInterval(1, 290), 1, atLeast90)).toBe('met');
    // 81 of 263 (0.2553–0.3662) against "> 82 %": not met.
    expect(targetStatus(wilsonInterval(81 / 263, 263), 81 / 263, over82)).toBe('not_met');
    // A mean of 4 points on one respondent has no interval: undecided.
    const one = meanInterval({ n: 1, sum: 4, sumSq: 16 });
    expect(targetStatus(one, one?.mean, { op: '>=', value: 3 })).toBe('undecided');
  });

  it('is undecided without data', () => {
    expect(targetStatus(null, null, over82)).toBe('undecided');
    expect(targetStatus(wilsonInterval(0, 0), undefined, over82)).toBe('undecided');
    expect(targetStatus({ low: 0.9, high: 0.95 }, Number.NaN, over82)).toBe('undecided');
    expect(targetStatus({ low: 0.9, high: 0.95 }, null, over82)).toBe('undecided');
  });
});
