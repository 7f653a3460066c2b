/**
 * Virtual artists (issue 16), in the format of ../shared/BENCH.md, on the embedded app
 * (`startTestApp`: PGlite, WORKER=off). One artist made through the API, its 50 tracks' figures
 * over 365 days in 10 countries (182,500 rows, learn/seed.ts with the tempo effect):
 *
 * - `artists.import_rows_per_s`: a CSV export of those rows imported end to end as the owner:
 *   parsed and checked (imports/metrics.ts), then written in one transaction through
 *   public.import_artist_metrics; rows divided by the wall time. Each run imports into a fresh
 *   artist (the first import of a file: every row is new).
 * - `artists.reimport_rows_per_s` (extra): the same file again (every row unchanged).
 * - `artists.analysis_ms`: the plan job's analysing and planning work for that artist: the
 *   tracks' facts summed in SQL as the owner (private.artist_track_facts), the analysis and the
 *   evolution plan.
 *
 * Value: the median over `BENCH_RUNS` [5] runs. `deno run -A bench/artists.ts` runs it alone
 * and merges into bench/results.json.
 *
 * @module
 */
import { startTestApp } from "../tests/_helpers/app.ts";
import { apiCall, FUZZ_ENV, signUpPerson } from "../tests/_helpers/fuzz.ts";
import { type Result, summarise, writeResults } from "./results.ts";
import { seedArtistData } from "../lib/domains/artists/learn/seed.ts";
import { parseMetricsCsv } from "../lib/domains/artists/imports/metrics.ts";
import { writeMetrics } from "../lib/domains/artists/imports.ts";
import { loadTrackFacts } from "../lib/domains/artists/facts.ts";
import { analyzeTracks } from "../lib/domains/artists/learn/analyze.ts";
import { evolutionPlan } from "../lib/domains/artists/learn/evolve.ts";
import type { Artist } from "../lib/domains/artists/api.ts";
import type { MetricRow } from "../lib/domains/artists/types.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

export const ARTISTS_METRICS = [
  "artists.import_rows_per_s",
  "artists.reimport_rows_per_s",
  "artists.analysis_ms",
];
export const ARTISTS_TARGETS: [string, "≥" | "≤", number][] = [
  ["artists.analysis_ms", "≤", 2000],
  ["artists.import_rows_per_s", "≥", 20000],
];

const HEADER = "date,track,country,streams,listeners,saves,skips,followers";
function csv(rows: MetricRow[]): string {
  const out = [HEADER];
  for (const r of rows) {
    out.push(
      `${r.date},"${r.track}",${r.country},${r.streams},${r.listeners},${r.saves},${r.skips},${r.followers}`,
    );
  }
  return out.join("\n") + "\n";
}

export async function artistsBench(opts: { runs?: number } = {}): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  await using app = await startTestApp({ ...FUZZ_ENV, LOG_LEVEL: "warn" });
  const ana = await signUpPerson(app, "Ana", "musician");
  const claims = { sub: ana.id, role: "authenticated" as const };
  const data = seedArtistData({ tracks: 50, days: 365, countries: 10, effect: "tempo", seed: 3 });
  const text = csv(data.rows);
  const importRate: number[] = [];
  const reimportRate: number[] = [];
  const analysis: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { artist } = await apiCall(app, ana, "POST", "/api/artists", {
      brief: { genre: "synth-pop", market: "GB", audience: "runners", tone: "warm" },
    }, 201) as { artist: Artist };
    // Each track's sound, as an owner enters it for tracks made elsewhere (not timed).
    for (const t of data.tracks) {
      await apiCall(app, ana, "POST", `/api/artists/${artist.id}/tracks`, t, 201);
    }
    for (const pass of [importRate, reimportRate]) {
      const t0 = performance.now();
      const parsed = parseMetricsCsv(text);
      if (parsed.errors.length) throw new Error(`bench CSV: ${parsed.errors[0].message}`);
      const r = await app.platform.db.asUser(
        claims,
        (tx) => writeMetrics(tx, artist.id, parsed.rows),
      );
      const s = (performance.now() - t0) / 1000;
      const expected = pass === importRate ? r.inserted : r.unchanged;
      if (expected !== data.rows.length) throw new Error(`bench import: ${JSON.stringify(r)}`);
      pass.push(data.rows.length / s);
    }
    const t0 = performance.now();
    const facts = await app.platform.db.asUser(claims, (tx) => loadTrackFacts(tx, artist.id));
    const items = evolutionPlan(analyzeTracks(facts), artist.persona, facts);
    analysis.push(performance.now() - t0);
    if (facts.length !== 50 || !items.some((i) => i.kind === "tempo")) {
      throw new Error(`bench analysis: ${facts.length} tracks, ${items.length} items`);
    }
  }
  return [
    summarise("artists.import_rows_per_s", "rows/s", importRate),
    summarise("artists.reimport_rows_per_s", "rows/s", reimportRate),
    summarise("artists.analysis_ms", "ms", analysis),
  ];
}

if (import.meta.main) {
  const results = await artistsBench();
  await writeResults(results);
  for (const r of results) {
    const target = ARTISTS_TARGETS.find(([n]) => n === r.name);
    const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
    const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
    console.log(`  ${r.name.padEnd(30)} ${String(r.value).padStart(9)} ${r.unit}${note}`);
  }
  Deno.exit(0);
}
