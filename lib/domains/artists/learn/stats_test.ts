import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import {
  betaIncomplete,
  correlationCi,
  correlationP,
  holm,
  logGamma,
  pearson,
  quantile,
  ranks,
  spearman,
  studentTCdf,
  tQuantile,
  tTwoSidedP,
  welch,
} from "./stats.ts";

const near = (actual: number, expected: number, tol: number, what: string) =>
  assert(
    Math.abs(actual - expected) <= tol,
    `${what}: expected ${expected} ± ${tol}, got ${actual}`,
  );

Deno.test("ranks share the average rank among ties", () => {
  assertEquals(ranks([10, 20, 20, 5, 20]), [2, 4, 4, 1, 4]);
  assertEquals(ranks([3, 1, 2]), [3, 1, 2]);
});

Deno.test("quantile interpolates like R's type 7", () => {
  near(quantile([1, 2, 3, 4], 0.25), 1.75, 1e-12, "q25");
  near(quantile([7, 1, 3], 0.5), 3, 1e-12, "median");
});

Deno.test("log-gamma and the incomplete beta match tabulated values", () => {
  near(logGamma(5), Math.log(24), 1e-12, "ln 4!");
  near(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-12, "ln Γ(½)");
  // Values from scipy.special.betainc.
  near(betaIncomplete(0.4, 2, 3), 0.5248, 1e-12, "I(0.4; 2, 3)");
  near(betaIncomplete(0.3, 0.5, 0.5), 0.36901011956554536, 1e-12, "I(0.3; ½, ½)");
  near(betaIncomplete(0.9, 10, 0.5), 0.15164090963470994, 1e-12, "I(0.9; 10, ½)");
});

Deno.test("Student t: the CDF and critical values match the tables", () => {
  near(tQuantile(0.975, 1), 12.7062047, 1e-6, "t(0.975, 1)");
  near(tQuantile(0.975, 10), 2.2281389, 1e-6, "t(0.975, 10)");
  near(tQuantile(0.975, 30), 2.0422725, 1e-6, "t(0.975, 30)");
  near(tQuantile(0.995, 5), 4.0321430, 1e-6, "t(0.995, 5)");
  near(tQuantile(0.025, 10), -2.2281389, 1e-6, "lower tail");
  near(studentTCdf(2, 7), 0.957190335718512, 1e-12, "F(2; 7)");
  near(studentTCdf(-1.5, 3), 0.11529193262241147, 1e-12, "F(−1.5; 3)");
  near(tTwoSidedP(3.5, 20), 0.002255123153057165, 1e-12, "p(3.5; 20)");
  near(tTwoSidedP(2.2281389, 10), 0.05, 1e-7, "p at the critical value");
});

Deno.test("Spearman's rho with ties and its p-value match scipy's spearmanr", () => {
  // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]): the documentation's example.
  const rho = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])!;
  near(rho, 0.8207826816681233, 1e-12, "rho");
  near(correlationP(rho, 5), 0.08858700531354384, 1e-10, "p");
  const x = [10, 20, 30, 40, 50, 60, 70, 80];
  const y = [1.2, 1.1, 2.5, 2.0, 3.9, 3.1, 4.4, 4.0];
  const r8 = spearman(x, y)!;
  near(r8, 0.9047619047619048, 1e-12, "rho (n = 8)");
  near(correlationP(r8, 8), 0.002008275505429469, 1e-10, "p (n = 8)");
  assertEquals(spearman([1, 2, 3], [4, 4, 4]), null);
  assertEquals(correlationP(1, 10), 0);
});

Deno.test("Fisher-z intervals match the textbook formula", () => {
  // r = 0.5, n = 50: z = 0.5493 ± 1.96/√47 → 0.2575 … 0.6833.
  const [lo, hi] = correlationCi(0.5, 50, "pearson");
  near(lo, 0.25748786, 1e-7, "low");
  near(hi, 0.6832563, 1e-7, "high");
  // scipy.stats.pearsonr(x, y).confidence_interval() for the 8 points above.
  const x = [10, 20, 30, 40, 50, 60, 70, 80];
  const y = [1.2, 1.1, 2.5, 2.0, 3.9, 3.1, 4.4, 4.0];
  const [plo, phi] = correlationCi(pearson(x, y)!, 8, "pearson");
  near(plo, 0.5586199222024184, 1e-9, "pearson low");
  near(phi, 0.9831441300412904, 1e-9, "pearson high");
  // Spearman's variance is 6 % wider.
  const [slo, shi] = correlationCi(0.5, 50, "spearman");
  assert(slo < lo && shi > hi, "spearman's interval is wider");
});

Deno.test("Welch's t-test reproduces Wikipedia's worked examples (and scipy)", () => {
  const a1 = [
    27.5,
    21.0,
    19.0,
    23.6,
    17.0,
    17.9,
    16.9,
    20.1,
    21.9,
    22.6,
    23.1,
    19.6,
    19.0,
    21.7,
    21.4,
  ];
  const a2 = [
    27.1,
    22.0,
    20.8,
    23.4,
    23.4,
    23.5,
    25.8,
    22.0,
    24.8,
    20.2,
    21.9,
    22.1,
    22.9,
    20.5,
    24.4,
  ];
  const w = welch(a1, a2)!;
  near(w.t, -2.455356398286006, 1e-10, "t");
  near(w.df, 24.988529290231416, 1e-9, "df");
  near(w.p, 0.021378001462866992, 1e-9, "p");
  near(w.ci_low, -3.984096267140929, 1e-7, "ci low");
  near(w.ci_high, -0.3492370661924069, 1e-7, "ci high");

  const b1 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
  const b2 = [
    21.5,
    22.8,
    21.0,
    23.0,
    21.6,
    23.6,
    22.5,
    20.7,
    23.4,
    21.8,
    20.7,
    21.7,
    21.5,
    22.5,
    23.6,
    21.5,
    22.5,
    23.5,
    21.5,
    21.8,
  ];
  const v = welch(b1, b2)!;
  near(v.t, -1.5654335235985037, 1e-10, "t (unequal sizes)");
  near(v.df, 9.904741248650831, 1e-9, "df (unequal sizes)");
  near(v.p, 0.14884169660532817, 1e-9, "p (unequal sizes)");
  near(v.ci_low, -3.698421325375163, 1e-7, "ci low (unequal sizes)");
  assertEquals(welch([1], [2, 3]), null);
  assertEquals(welch([2, 2], [2, 2])!.p, 1);
});

Deno.test("Holm–Bonferroni adjusts step-down and keeps the order monotone", () => {
  const adj = holm([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((e, i) => near(adj[i], e, 1e-12, `p${i}`));
  assertEquals(holm([0.5, 0.9]), [1, 1]);
  assertEquals(holm([0.2, 0.01]), [0.2, 0.02]);
  assertEquals(holm([]), []);
});
