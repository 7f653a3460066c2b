/**
 * The loudness meter against the EBU Tech 3341 (loudness, true peak) and Tech 3342 (loudness
 * range) test signals, generated here from the specifications' descriptions, at 48 and 44.1 kHz.
 * Tolerances are the issue's: ±0.1 LU for loudness and LRA, ±0.2 dB for true peak.
 */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { integratedLufs, loudnessSeries, measureLoudness, truePeakDb } from "./loudness.ts";
import { channelWeights, kWeighting } from "./loudness_filters.ts";
import { phaseTaps, truePeakLinear } from "./true_peak.ts";

const RATES = [48000, 44100];

/** [level in dBFS (peak of the sine) or null for silence, seconds]. */
type Part = [number | null, number];

/** A 1 kHz sine through the parts, phase-continuous, on `channels` identical channels. */
function sequence(rate: number, parts: Part[], channels = 2, hz = 1000): Float32Array[] {
  const total = parts.reduce((n, [, s]) => n + Math.round(s * rate), 0);
  const x = new Float32Array(total);
  let i = 0;
  for (const [dbfs, seconds] of parts) {
    const a = dbfs === null ? 0 : 10 ** (dbfs / 20);
    for (const end = i + Math.round(seconds * rate); i < end; i++) {
      x[i] = a * Math.sin((2 * Math.PI * hz * i) / rate);
    }
  }
  return Array.from({ length: channels }, () => x.slice());
}

/**
 * Faded in and out over 20 ms: an abrupt start rings (truly) above the sine between the first
 * samples, and the cases are about the sine's own peaks.
 */
function fade(i: number, length: number, rate: number): number {
  const edge = Math.min(i, length - 1 - i) / (0.02 * rate);
  return edge >= 1 ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge);
}

/** A sine at `fraction` of the sample rate: peak `amp`, phase `phaseDeg` at sample 0. */
function fsSine(rate: number, fraction: number, amp: number, phaseDeg: number, seconds = 3) {
  const n = Math.round(seconds * rate);
  const x = Float32Array.from(
    { length: n },
    (_, i) =>
      amp * fade(i, n, rate) * Math.sin(2 * Math.PI * fraction * i + (phaseDeg * Math.PI) / 180),
  );
  return [x, x.slice()];
}

function near(actual: number | null, expected: number, tol: number, what: string) {
  assert(actual !== null, `${what}: null, expected ${expected}`);
  assert(
    Math.abs(actual - expected) <= tol,
    `${what}: ${actual.toFixed(3)}, expected ${expected} ± ${tol}`,
  );
}

Deno.test("K-weighting - the printed 48 kHz coefficients come out of the prototype", () => {
  const [shelf, hp] = kWeighting(48000);
  const printed = [
    [shelf.b0, 1.53512485958697],
    [shelf.b1, -2.69169618940638],
    [shelf.b2, 1.19839281085285],
    [shelf.a1, -1.69065929318241],
    [shelf.a2, 0.73248077421585],
    [hp.b0, 1],
    [hp.b1, -2],
    [hp.b2, 1],
    [hp.a1, -1.99004745483398],
    [hp.a2, 0.99007225036621],
  ];
  for (const [got, want] of printed) near(got, want, 1e-10, "coefficient");
});

Deno.test("K-weighting - within 0.01 dB of the 48 kHz response at 44.1, 32, 96 and 192 kHz", () => {
  const gainDb = (rate: number, hz: number) => {
    let g = 1;
    for (const { b0, b1, b2, a1, a2 } of kWeighting(rate)) {
      const w = (2 * Math.PI * hz) / rate;
      const [c1, s1, c2, s2] = [Math.cos(w), Math.sin(w), Math.cos(2 * w), Math.sin(2 * w)];
      const num = Math.hypot(b0 + b1 * c1 + b2 * c2, b1 * s1 + b2 * s2);
      const den = Math.hypot(1 + a1 * c1 + a2 * c2, a1 * s1 + a2 * s2);
      g *= num / den;
    }
    return 20 * Math.log10(g);
  };
  for (const rate of [44100, 32000, 96000, 192000]) {
    for (const hz of [20, 50, 100, 500, 1000, 2000, 5000, 10000]) {
      near(gainDb(rate, hz), gainDb(48000, hz), 0.01, `${rate} Hz at ${hz}`);
    }
  }
  assertEquals(channelWeights(6), [1, 1, 1, 0, 1.41, 1.41]);
});

for (const rate of RATES) {
  const at = `${rate / 1000} kHz`;

  Deno.test(`Tech 3341 cases 1-2 (${at}) - 1 kHz at -23 and -33 dBFS read M, S, I the same`, () => {
    for (const level of [-23, -33]) {
      const r = measureLoudness(sequence(rate, [[level, 20]]), rate);
      near(r.integrated_lufs, level, 0.1, `case ${level} integrated`);
      near(r.momentary_max_lufs, level, 0.1, `case ${level} momentary max`);
      near(r.short_term_max_lufs, level, 0.1, `case ${level} short-term max`);
      near(r.sample_peak_dbfs, level, 0.01, `case ${level} sample peak`);
      near(r.true_peak_dbtp, level, 0.2, `case ${level} true peak`);
      near(r.lra_lu, 0, 0.1, `case ${level} LRA`);
      assertEquals(r.duration_s, 20);
      const s = loudnessSeries(sequence(rate, [[level, 20]]), rate);
      for (const v of [...s.momentary.slice(4), ...s.short_term.slice(30)]) {
        near(v, level, 0.1, "series");
      }
    }
  });

  Deno.test(`Tech 3341 cases 3-5 (${at}) - the gates hold integrated loudness at -23`, () => {
    const cases: Part[][] = [
      [[-36, 10], [-23, 60], [-36, 10]],
      [[-72, 10], [-36, 10], [-23, 60], [-36, 10], [-72, 10]],
      [[-26, 20], [-20, 20.1], [-26, 20]],
    ];
    cases.forEach((parts, k) => {
      near(integratedLufs(sequence(rate, parts), rate), -23, 0.1, `case ${k + 3}`);
    });
  });

  Deno.test(`Tech 3341 case 6 (${at}) - 5.0 and 5.1 with surround weights`, () => {
    const ch = (dbfs: number) => sequence(rate, [[dbfs, 20]], 1)[0];
    const [l, c, s] = [ch(-28), ch(-24), ch(-30)];
    near(integratedLufs([l, l, c, s, s], rate), -23, 0.1, "5.0");
    // A loud LFE does not count.
    near(integratedLufs([l, l, c, ch(-6), s, s], rate), -23, 0.1, "5.1");
  });

  Deno.test(`Tech 3341 cases 9 and 12 (${at}) - S and M constant on periodic signals`, () => {
    const parts = (hi: number, lo: number, n: number): Part[] =>
      Array.from({ length: n }, () => [[-20, hi], [-30, lo]] as Part[]).flat();
    const s = loudnessSeries(sequence(rate, parts(1.34, 1.66, 5)), rate, 0.01);
    s.short_term.slice(300).forEach((v, i) => near(v, -23, 0.1, `case 9 S at ${3 + i / 100} s`));
    const m = loudnessSeries(sequence(rate, parts(0.18, 0.22, 25)), rate, 0.01);
    m.momentary.slice(100).forEach((v, i) => near(v, -23, 0.1, `case 12 M at ${1 + i / 100} s`));
  });

  Deno.test(`Tech 3341 cases 10 and 13 (${at}) - maxima of bursts at any offset`, () => {
    for (const offset of [0.5, 1.2345, 2.0177]) {
      const st = measureLoudness(sequence(rate, [[null, offset], [-23, 3], [null, 2]]), rate);
      near(st.short_term_max_lufs, -23, 0.1, `3 s burst at ${offset} s`);
      const m = measureLoudness(sequence(rate, [[null, offset], [-23, 0.4], [null, 1]]), rate);
      near(m.momentary_max_lufs, -23, 0.1, `0.4 s burst at ${offset} s`);
    }
  });

  Deno.test(`Tech 3341 cases 15-19 (${at}) - true peak of sines at fractions of fs`, () => {
    const cases: [number, number, number, number][] = [
      [1 / 4, 0.5, 0, -6.02],
      [1 / 4, 0.5, 45, -6.02],
      [1 / 6, 0.5, 60, -6.02],
      [1 / 8, 0.5, 67.5, -6.02],
      [1 / 4, 1.41, 45, 2.98],
    ];
    cases.forEach(([fraction, amp, phase, expected], k) => {
      near(truePeakDb(fsSine(rate, fraction, amp, phase), rate), expected, 0.2, `case ${k + 15}`);
    });
    // Case 16's samples sit 3 dB below its peak: the sample peak does not see it.
    near(measureLoudness(fsSine(rate, 1 / 4, 0.5, 45), rate).sample_peak_dbfs, -9.03, 0.01, "sp");
  });

  Deno.test(`Tech 3341 cases 20-23 (${at}) - a 0 dBTP crest between the samples`, () => {
    // Stand-ins for the test set's files: a cosine at fs/6 whose crests (and troughs) fall at a
    // fixed offset between samples, 1/8 being the worst for a 4× grid.
    for (const offset of [0, 0.125, 0.25, 0.5]) {
      const x = Float32Array.from(
        { length: 3 * rate },
        (_, i) => Math.cos((2 * Math.PI * (i - offset)) / 6) * fade(i, 3 * rate, rate),
      );
      const r = measureLoudness([x, x], rate);
      near(r.true_peak_dbtp, 0, 0.2, `crest at +${offset}`);
      near(r.sample_peak_dbfs, 20 * Math.log10(Math.cos((2 * Math.PI * offset) / 6)), 0.01, "sp");
    }
  });

  Deno.test(`Tech 3342 cases 1-4 (${at}) - loudness range of stepped sines`, () => {
    const cases: [Part[], number][] = [
      [[[-20, 20], [-30, 20]], 10],
      [[[-20, 20], [-15, 20]], 5],
      [[[-40, 20], [-20, 20]], 20],
      [[[-50, 20], [-35, 20], [-20, 20], [-35, 20], [-50, 20]], 15],
    ];
    cases.forEach(([parts, lra], k) => {
      near(measureLoudness(sequence(rate, parts), rate).lra_lu, lra, 0.1, `case ${k + 1}`);
    });
  });

  Deno.test(`loudness (${at}) - silence, a 0.2 s file, mono and clipped input`, () => {
    const silent = measureLoudness([new Float32Array(rate * 5), new Float32Array(rate * 5)], rate);
    assertEquals(silent, {
      integrated_lufs: null,
      momentary_max_lufs: null,
      short_term_max_lufs: null,
      lra_lu: 0,
      sample_peak_dbfs: null,
      true_peak_dbtp: null,
      duration_s: 5,
    });
    const series = loudnessSeries([new Float32Array(rate * 5)], rate);
    assertEquals(series.momentary.length, 50);
    assert(series.momentary.every((v) => v === null) && series.short_term.every((v) => v === null));

    const short = measureLoudness(sequence(rate, [[-6, 0.2]]), rate);
    assertEquals([short.integrated_lufs, short.momentary_max_lufs, short.short_term_max_lufs], [
      null,
      null,
      null,
    ]);
    assertEquals([short.lra_lu, short.duration_s], [0, 0.2]);
    near(short.sample_peak_dbfs, -6, 0.01, "0.2 s sample peak");
    near(short.true_peak_dbtp, -6, 0.2, "0.2 s true peak");

    // One channel weighs 1: a mono file reads 3 LU below the same signal on two channels.
    const mono = measureLoudness(sequence(rate, [[-23, 10]], 1), rate);
    near(mono.integrated_lufs, -26.01, 0.1, "mono");

    // +6 dB clipped to full scale: finite figures, and the overshoot between samples shows.
    const clipped = sequence(rate, [[6, 10]]).map((x) =>
      x.map((v) => Math.max(-1, Math.min(1, v)))
    );
    const c = measureLoudness(clipped, rate);
    assertEquals(c.sample_peak_dbfs, 0);
    assert(
      c.true_peak_dbtp !== null && c.true_peak_dbtp > 0,
      `clipped true peak ${c.true_peak_dbtp}`,
    );
    assert(c.integrated_lufs !== null && c.integrated_lufs > -3 && c.integrated_lufs < 3);
    assert(Object.values(c).every((v) => v === null || Number.isFinite(v)));
  });
}

Deno.test("loudness - other rates: 32, 96 and 192 kHz (true peak 2× and none)", () => {
  for (const rate of [32000, 96000, 192000]) {
    near(integratedLufs(sequence(rate, [[-23, 5]]), rate), -23, 0.1, `${rate} integrated`);
    near(
      truePeakDb(fsSine(rate, 1 / 6, 0.5, 60, 1), rate),
      -6.02,
      rate < 176400 ? 0.2 : 1.3,
      `${rate} tp`,
    );
  }
});

Deno.test("true peak - the folded, block-skipping interpolator equals the plain 4-phase FIR", () => {
  const taps = [1, 2, 3].map((p) => phaseTaps(p, 4));
  const naive = (x: Float32Array) => {
    let peak = 0;
    for (let n = 0; n < x.length; n++) {
      peak = Math.max(peak, Math.abs(x[n]));
      for (const h of taps) {
        let y = 0;
        for (let j = 0; j < 12; j++) y += h[j] * (x[n - 5 + j] ?? 0);
        peak = Math.max(peak, Math.abs(y));
      }
    }
    return peak;
  };
  // Bursts of noise from 0 to −32 dBFS: most blocks are skipped, some computed.
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const x = Float32Array.from(
    { length: 48000 },
    (_, i) => noise() * 10 ** (-((i >> 12) % 5) / 2.5),
  );
  for (const part of [x, x.subarray(0, 7), x.subarray(1000, 3100)]) {
    near(truePeakLinear(part, 48000), naive(part), 1e-6, `${part.length} samples`);
  }
});

Deno.test("loudness - a sample rate that cannot be K-weighted is a RangeError", () => {
  for (const rate of [0, -1, NaN, Infinity, 4000]) {
    let err: unknown;
    try {
      measureLoudness([new Float32Array(100)], rate);
    } catch (e) {
      err = e;
    }
    assert(err instanceof RangeError, `${rate} Hz: ${err}`);
  }
});

Deno.test("loudness - a short file is one short-term window; series steps and lengths", () => {
  const x = sequence(48000, [[-23, 2]]);
  const r = measureLoudness(x, 48000);
  near(r.short_term_max_lufs, -23, 0.1, "2 s short-term");
  assertEquals(r.lra_lu, 0);
  const s = loudnessSeries(x, 48000, 0.5);
  assertEquals(s.step_s, 0.5);
  assertEquals(s.momentary.map((v) => v !== null), [true, true, true, true]);
  assertEquals(s.short_term.map((v) => v !== null), [false, false, false, true]);
});
