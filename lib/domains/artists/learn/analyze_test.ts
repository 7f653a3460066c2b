import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import type { TrackFacts } from "../types.ts";
import { aggregateRows } from "./aggregate.ts";
import { Analysis, analyzeTracks } from "./analyze.ts";
import { growthOf } from "./outcomes.ts";
import { baseFeatures, seedArtistData, syntheticFacts } from "./seed.ts";
import { median } from "./stats.ts";
import { pct } from "./words.ts";
import { seededRandom } from "../../gigs/facts.ts";

const near = (a: number, e: number, tol: number, what: string) =>
  assert(Math.abs(a - e) <= tol, `${what}: expected ${e} ± ${tol}, got ${a}`);

function seeded(effect: "tempo" | "noise", seed = 1, days = 365, countries = 10): TrackFacts[] {
  const s = seedArtistData({ tracks: 50, days, countries, effect, seed });
  const perf = aggregateRows(s.rows);
  return perf.map((p, i) => ({ features: s.tracks[i].features, performance: p }));
}

Deno.test("growth is the robust weekly change after the first week", () => {
  near(growthOf([5, 10000, 11000, 12100, 13310, 14641])!, 0.1, 1e-3, "steady +10 %");
  // A viral spike in one week does not move the median of the pairwise slopes much.
  near(growthOf([5, 10000, 9000, 8100, 99999, 6561, 5905])!, -0.1, 0.02, "spike");
  assertEquals(growthOf([5, 100, 90]), null);
  // The quickselect median agrees with a sorted one, ties and even counts included.
  const rand = seededRandom("growth");
  for (let t = 0; t < 200; t++) {
    const w = Array.from(
      { length: 4 + Math.floor(rand() * 40) },
      () => Math.floor(rand() * (rand() < 0.3 ? 3 : 5000)),
    );
    const ys = w.slice(1).map(Math.log1p);
    const slopes = ys.flatMap((y, i) => ys.slice(i + 1).map((z, j) => (z - y) / (j + 1)));
    near(growthOf(w)!, Math.expm1(median(slopes)), 1e-12, `series ${t}`);
  }
});

Deno.test("seeded tempo effect: tempo against save rate is strong, with its numbers in words", () => {
  const a = Analysis.parse(analyzeTracks(seeded("tempo")));
  assertEquals([a.tracks, a.tracks_with_features, a.tracks_counted, a.tests], [50, 50, 50, 30]);
  assertEquals(a.evidence.length, 30);
  const f = a.evidence.find((e) => e.feature === "tempo_bpm" && e.outcome === "save_rate")!;
  assert(f.effect > 0.7 && f.ci_low > 0.5 && f.p < 1e-6, JSON.stringify(f));
  assertEquals([f.test, f.better, f.meaningful, f.n], ["spearman", "higher", true, 50]);
  const [hi, lo] = f.groups;
  assert(hi.mean > lo.mean * 1.4, "the fast third saves far more");
  assertMatch(f.summary, new RegExp(`saved ${pct(hi.mean)} of the time \\(${hi.n} tracks\\)`));
  assertMatch(f.summary, new RegExp(`against ${pct(lo.mean)} for tracks at \\d+ BPM or slower`));
  assertMatch(f.summary, /Spearman's ρ = 0\.\d\d, 95 % CI 0\.\d\d to 0\.\d\d, n = 50/);
  assertMatch(f.summary, /p < 0\.001 after Holm correction for 30 relations tested/);
  // Nothing else in the seeded data relates to anything.
  assertEquals(a.evidence.filter((e) => e !== f && e.p < 0.05).map((e) => e.feature), []);
});

Deno.test("seeded noise: no relation survives the correction", () => {
  const a = analyzeTracks(seeded("noise", 7, 180, 4));
  assertEquals(a.evidence.filter((e) => e.p < 0.05), []);
  assert(a.evidence.every((e) => /could well be chance/.test(e.summary)));
});

Deno.test("too few tracks: nothing is tested and the note says why", () => {
  const a = analyzeTracks(seeded("tempo").slice(0, 5));
  assertEquals([a.tracks, a.tests, a.evidence.length], [5, 0, 0]);
  assert(a.notes.some((n) => /Only 5 tracks .* at least 8/.test(n)), a.notes.join("\n"));
});

Deno.test("tracks without features count in the totals but not in the tests", () => {
  const facts = seeded("tempo").map((t, i) => i % 5 === 0 ? { ...t, features: null } : t);
  const a = analyzeTracks(facts);
  assertEquals([a.tracks, a.tracks_with_features, a.tracks_counted], [50, 40, 40]);
  assertEquals(a.streams, facts.reduce((s, t) => s + t.performance.streams, 0));
  assert(a.evidence.every((e) => e.n <= 40));
  assert(a.notes.some((n) => /^10 tracks have no features/.test(n)), a.notes.join("\n"));
  assertEquals(a.outcomes.filter((o) => !o.counted).length, 10);
});

Deno.test("tracks under the stream minimum are left out, and the note says so", () => {
  const facts = Array.from(
    { length: 12 },
    (_, i) =>
      syntheticFacts(`T${i}`, baseFeatures({ tempo_bpm: 90 + i }), {
        save_rate: 0.05,
        streams: i < 3 ? 40 : 5000,
      }),
  );
  const a = analyzeTracks(facts);
  assertEquals(a.tracks_counted, 9);
  assert(a.notes.some((n) => /^3 of 12 tracks had fewer than 100 streams/.test(n)));
  assertEquals(a.outcomes[0].save_rate, null);
});

Deno.test("a categorical feature: the best group against the rest, picked fairly", () => {
  const facts = Array.from({ length: 30 }, (_, i) => {
    const mood = ["chill", "happy", "sad"][i % 3];
    const rate = (mood === "chill" ? 0.09 : 0.05) * (1 + 0.1 * Math.sin(i * 2.3));
    return syntheticFacts(`T${i}`, baseFeatures({ mood, tempo_bpm: 100 + (i * 7) % 30 }), {
      save_rate: rate,
    });
  });
  const a = analyzeTracks(facts);
  const f = a.evidence.find((e) => e.feature === "mood" && e.outcome === "save_rate")!;
  assertEquals([f.test, f.best, f.groups[0].n, f.groups[1].n], ["welch", "chill", 10, 20]);
  assert(f.effect > 0.03 && f.ci_low > 0 && f.p < 0.001 && f.meaningful, JSON.stringify(f));
  assertMatch(
    f.summary,
    /Tracks with the mood "chill" were saved 9\.\d % of the time \(10 tracks\)/,
  );
  assertMatch(f.summary, /best of 3 groups, n = 30/);
  // One value for every track: nothing to compare, and the notes say so.
  assert(a.notes.some((n) => /^Genre: fewer than two groups/.test(n)), a.notes.join("\n"));
  assert(a.notes.some((n) => /^Loudness: every track has the same value/.test(n)));
});
