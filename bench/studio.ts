/**
 * The song studio (issue 14), in the format of ../shared/BENCH.md. The offline synthesiser:
 * `renderSong` on a 30 s pop plan (120 BPM, 15 bars of 4/4, intro to outro) in this process, on
 * one core (the renderer is synchronous and single-threaded). One warm-up render first (JIT),
 * then `BENCH_RUNS` [5] timed renders, each with a different seed.
 *
 * - `studio.synth.x_realtime`: seconds of 44.1 kHz stereo audio rendered per second of wall
 *   time (the audio includes the 1.5 s tail), median over the runs; target ≥ 20.
 * - `studio.synth.render_ms`: milliseconds to render the 30 s plan, median over the runs.
 *
 * Through the embedded app (bench/studio_app.ts, which says how):
 * - `studio.generate.e2e_ms`: a 30 s song from the prompt's POST to `done` (via the draft and
 *   POST generate), offline, the app's own worker loop running (WORKER=on); median of
 *   `BENCH_RUNS` songs after a discarded warm-up song; target ≤ 5,000.
 * - `studio.library.p95_ms`: GET /api/studio/songs (the first page, 20 songs) for a user with 500
 *   done songs (among 5,000), paced at `BENCH_STUDIO_LIBRARY_RATE` [300] requests a second over
 *   32 connections from a second process for `BENCH_DURATION_S` [3] after `BENCH_WARMUP_S` [0.5],
 *   each latency counted from when the request was due; the median of the runs' p95; target ≤ 30.
 *   Extras, flat out (every connection sends again as soon as it is answered):
 *   `studio.library.rps`, the throughput, and `studio.library.saturated_p95_ms`, which is about
 *   32 divided by that throughput: how long a request queues, not what it costs.
 *
 * The loudness meter (lib/audio/loudness.ts), in this process on one core: a 4-minute 44.1 kHz
 * stereo song (the plan above rendered once with seed 1, its 31.5 s tiled to 240 s), one warm-up
 * pass (JIT), then `BENCH_RUNS` [5] timed passes.
 * - `studio.loudness.x_realtime`: seconds of audio per second of wall time for `integratedLufs`
 *   plus `truePeakDb` (K-weighting, gating, 4× oversampled true peak), median; target ≥ 200.
 * - `studio.loudness.report_x_realtime`: the same for the full `measureLoudness` report
 *   (adds sample peak, momentary and short-term maxima, LRA).
 *
 * The hit meter, in this process on one core: a 4-minute 44.1 kHz stereo song (METER_PLAN: the
 * pop plan's sound in 120 bars, intro to outro, rendered once with seed 1), one warm-up pass,
 * then `BENCH_RUNS` [5] timed passes.
 * - `studio.meter.ms`: `measureFeatures` + `scoreFeatures` + `writeInsights` with the offline
 *   writer, milliseconds, median; target ≤ 5,000.
 *
 * Mastering (lib/audio/master), in this process on one core: METER_PLAN's 4-minute song rendered
 * once with seed 2, mastered to −14 LUFS / −1 dBTP against the pop preset at full intensity
 * (analysis, EQ, limiter passes, the before/after reports), one warm-up pass, then `BENCH_RUNS`
 * [5] timed passes.
 * - `studio.master.x_realtime`: seconds of audio per second of wall time, median; target ≥ 20.
 *
 * The loudness meter's series in a master's report (bench/studio_master_series.ts), one core:
 * - `studio.master_series.ms`: both versions' stored series of that 4-minute song (what
 *   mastering adds for the meter), median of `BENCH_RUNS` after a warm-up;
 * - `studio.master_series.report_bytes`, `…report_10min_bytes`: the stored report (jsonb, as
 *   Postgres measures it) of that master, and with the series of a 10-minute upload (the
 *   longest); target ≤ 65,536 (`song_masters_report_check`).
 *
 * - `studio.master_job.e2e_ms`, `studio.meter_job.e2e_ms`: a master and a hit meter report of a
 *   4-minute song through the app, request to `done` (bench/studio_jobs.ts); the SLAs,
 *   ≤ 30,000 and ≤ 15,000; [3] runs at most (each masters four minutes of audio).
 *   `studio.master_job.<stage>_ms`: the worker's time in each of the master's stages;
 *   `studio.master_job.loop_block_ms`: the longest the server's event loop was held meanwhile.
 *
 * `deno run -A bench/studio.ts [name-prefix…]` runs it (or the groups with a metric starting with
 * a prefix) alone and merges into bench/results.json.
 *
 * @module
 */
import { type Result, summarise, writeResults } from "./results.ts";
import { generateRuns, libraryRuns } from "./studio_app.ts";
import { MASTER_STAGES, masterJobRuns } from "./studio_jobs.ts";
import { masterSeriesBench } from "./studio_master_series.ts";
import { loudnessBench, masterBench, meterBench, PLAN, synthBench } from "./studio_dsp.ts";

/** The groups, run separately (a prefix runs the groups with a metric starting with it). */
export const STUDIO_METRICS = {
  synth: ["studio.synth.x_realtime", "studio.synth.render_ms"],
  generate: ["studio.generate.e2e_ms"],
  library: ["studio.library.p95_ms", "studio.library.rps", "studio.library.saturated_p95_ms"],
  loudness: ["studio.loudness.x_realtime", "studio.loudness.report_x_realtime"],
  meter: ["studio.meter.ms"],
  master: ["studio.master.x_realtime"],
  master_series: [
    "studio.master_series.ms",
    "studio.master_series.report_bytes",
    "studio.master_series.report_10min_bytes",
  ],
  jobs: [
    "studio.master_job.e2e_ms",
    "studio.meter_job.e2e_ms",
    ...MASTER_STAGES.map((s) => `studio.master_job.${s}_ms`),
    "studio.master_job.loop_block_ms",
  ],
};
export const STUDIO_TARGETS: [string, "≥" | "≤", number][] = [
  ["studio.synth.x_realtime", "≥", 20],
  ["studio.generate.e2e_ms", "≤", 5000],
  ["studio.library.p95_ms", "≤", 30],
  ["studio.loudness.x_realtime", "≥", 200],
  ["studio.meter.ms", "≤", 5000],
  ["studio.master.x_realtime", "≥", 20],
  ["studio.master_series.report_10min_bytes", "≤", 65536],
  ["studio.master_job.e2e_ms", "≤", 30000],
  ["studio.meter_job.e2e_ms", "≤", 15000],
];

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

export interface StudioOptions {
  runs?: number;
  durationS?: number;
  warmupS?: number;
  logLevel?: string;
}

export type StudioGroup = keyof typeof STUDIO_METRICS;
const ALL = Object.fromEntries(
  Object.keys(STUDIO_METRICS).map((g) => [g, true]),
) as Record<StudioGroup, boolean>;

/** The groups in `which` (all by default). */
export async function studioBench(
  opts: StudioOptions = {},
  which: Partial<Record<StudioGroup, boolean>> = ALL,
): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const logLevel = opts.logLevel ?? Deno.env.get("BENCH_LOG_LEVEL") ?? "warn";
  const out: Result[] = which.synth ? synthBench(runs) : [];
  if (which.loudness) out.push(...loudnessBench(runs));
  if (which.meter) out.push(await meterBench(runs));
  if (which.master) out.push(masterBench(runs));
  if (which.master_series) out.push(...await masterSeriesBench(runs));
  if (which.jobs) {
    const r = await masterJobRuns(Math.min(runs, 3), logLevel);
    out.push(summarise("studio.master_job.e2e_ms", "ms", r.master));
    out.push(summarise("studio.meter_job.e2e_ms", "ms", r.meter));
    for (const s of MASTER_STAGES) {
      out.push(summarise(`studio.master_job.${s}_ms`, "ms", r.stages[s]));
    }
    out.push(summarise("studio.master_job.loop_block_ms", "ms", r.loopBlock));
  }
  if (which.generate) {
    out.push(summarise("studio.generate.e2e_ms", "ms", await generateRuns(runs, logLevel)));
  }
  if (which.library) {
    const w = {
      durationS: opts.durationS ?? num("BENCH_DURATION_S", 3),
      warmupS: opts.warmupS ?? num("BENCH_WARMUP_S", 0.5),
      concurrency: 32,
      rate: num("BENCH_STUDIO_LIBRARY_RATE", 300),
    };
    const r = await libraryRuns(runs, w, logLevel, PLAN);
    out.push(summarise("studio.library.p95_ms", "ms", r.p95));
    out.push(summarise("studio.library.rps", "req/s", r.rps));
    out.push(summarise("studio.library.saturated_p95_ms", "ms", r.saturatedP95));
  }
  return out;
}

if (import.meta.main) {
  const wanted = (names: string[]) =>
    Deno.args.length === 0 || names.some((n) => Deno.args.some((p) => n.startsWith(p)));
  const which = Object.fromEntries(
    Object.entries(STUDIO_METRICS).map(([g, names]) => [g, wanted(names)]),
  ) as Record<StudioGroup, boolean>;
  let results: Result[];
  try {
    results = await studioBench({}, which);
  } catch (err) {
    console.error(`\nBENCH FAILED: ${err instanceof Error ? err.stack : err}`);
    Deno.exit(1);
  }
  await writeResults(results);
  for (const r of results) {
    const target = STUDIO_TARGETS.find(([n]) => n === r.name);
    const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
    const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
    console.log(
      `  ${r.name.padEnd(26)} ${String(r.value).padStart(8)} ${
        r.unit.padEnd(5)
      } spread ${r.spread}${note}`,
    );
  }
}
