/**
 * The few statistics the self-learning analysis needs, small enough to read and checked against
 * textbook values (stats_test.ts): Spearman's rank correlation with its Fisher-z interval and
 * t-approximation p-value, Welch's t-test with an interval for the difference of means, and
 * Holm–Bonferroni correction. The Student t distribution comes from the regularized incomplete
 * beta function (continued fraction, as in Numerical Recipes), so no library is needed.
 *
 * @module
 */

/** The 97.5 % point of the standard normal: a 95 % two-sided interval. */
export const Z_975 = 1.959963984540054;

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

/** Sample variance (n − 1 in the denominator); NaN below two values. */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

/** The q-quantile (0..1) by linear interpolation between order statistics (type 7, R's default). */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)]) - s[lo]);
}

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Ranks from 1, ties sharing the average of the ranks they span. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1]] === xs[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = avg;
    i = j + 1;
  }
  return out;
}

/** Pearson's r; null when either side is constant (no correlation is defined). */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length || x.length < 2) return null;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's rho: Pearson's r of the (average) ranks, so ties are handled exactly. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  return pearson(ranks(x), ranks(y));
}

/**
 * 95 % interval of a correlation by Fisher's z (n ≥ 4). For Spearman's rho the variance of z is
 * 1.06 / (n − 3) (Fieller, Hartley & Pearson 1957) rather than Pearson's 1 / (n − 3).
 */
export function correlationCi(
  r: number,
  n: number,
  kind: "pearson" | "spearman" = "spearman",
): [number, number] {
  if (n < 4) return [-1, 1];
  const z = Math.atanh(Math.max(-0.9999999, Math.min(0.9999999, r)));
  const se = Math.sqrt((kind === "spearman" ? 1.06 : 1) / (n - 3));
  return [Math.tanh(z - Z_975 * se), Math.tanh(z + Z_975 * se)];
}

/** Two-sided p-value of a correlation by the t approximation with n − 2 degrees of freedom. */
export function correlationP(r: number, n: number): number {
  if (n < 3) return 1;
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt((n - 2) / (1 - r * r));
  return tTwoSidedP(t, n - 2);
}

// Student t ---------------------------------------------------------------------------------

const LANCZOS = [
  0.99999999999980993,
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 3e-16) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function betaIncomplete(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  // The fraction converges fast only on one side of the mean; use the symmetry on the other.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * betaIncomplete(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** P(|T| ≥ |t|). */
export function tTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? 1 : 0;
  return Math.min(1, betaIncomplete(df / (df + t * t), df / 2, 0.5));
}

/** The t value below which a share `p` of the distribution lies (bisection on the CDF). */
export function tQuantile(p: number, df: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0, hi = 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 80 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// Tests ---------------------------------------------------------------------------------------

export interface WelchResult {
  mean_a: number;
  mean_b: number;
  /** mean_a − mean_b */
  diff: number;
  t: number;
  df: number;
  p: number;
  ci_low: number;
  ci_high: number;
  /** Cohen's d with the pooled standard deviation (the effect's size in spreads). */
  d: number;
}

/** Welch's t-test of two group means (each group needs two values), with a 95 % interval. */
export function welch(a: readonly number[], b: readonly number[]): WelchResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const ma = mean(a), mb = mean(b), va = variance(a), vb = variance(b);
  const na = a.length, nb = b.length;
  const diff = ma - mb;
  const sa = va / na, sb = vb / nb;
  const se = Math.sqrt(sa + sb);
  const pooled = Math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2));
  const d = pooled > 0 ? diff / pooled : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  if (se === 0) {
    // Both groups constant: the difference is exact (no spread to doubt it by).
    return {
      mean_a: ma,
      mean_b: mb,
      diff,
      t: 0,
      df: na + nb - 2,
      p: diff === 0 ? 1 : 0,
      ci_low: diff,
      ci_high: diff,
      d,
    };
  }
  const df = (sa + sb) ** 2 / ((sa * sa) / (na - 1) + (sb * sb) / (nb - 1));
  const t = diff / se;
  const q = tQuantile(0.975, df);
  return {
    mean_a: ma,
    mean_b: mb,
    diff,
    t,
    df,
    p: tTwoSidedP(t, df),
    ci_low: diff - q * se,
    ci_high: diff + q * se,
    d,
  };
}

/**
 * Holm–Bonferroni: each p-value adjusted for the family, in the input's order. The i-th smallest
 * is multiplied by (m − i), and adjusted values never fall below an earlier (smaller) one's.
 */
export function holm(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((_, i) => i).sort((a, b) => ps[a] - ps[b]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, i) => {
    running = Math.max(running, Math.min(1, (m - i) * ps[idx]));
    out[idx] = running;
  });
  return out;
}
