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
 * - `studio.master_job.e2e_ms`, `studio.meter_job.e2e_ms`: a master and a hit meter report of a
 *   4-minute song through the app, request to `done` (bench/studio_jobs.ts); the issue's SLAs,
 *   ≤ 30,000 and ≤ 15,000; [3] runs at most (each masters four minutes of audio).
 *
 * `deno run -A bench/studio.ts [name-prefix…]` runs it (or the groups with a metric starting with
 * a prefix) alone and merges into bench/results.json.
 *
 * @module
 */
import type { SongPlan } from "../lib/domains/studio/plan.ts";
import { renderSong } from "../lib/domains/studio/synth/render.ts";
import { type Result, summarise, writeResults } from "./results.ts";
import { generateRuns, libraryRuns, StudioBenchFailure } from "./studio_app.ts";
import { masterJobRuns } from "./studio_jobs.ts";
import { songPlan } from "../tests/_helpers/studio.ts";
import { integratedLufs, measureLoudness, truePeakDb } from "../lib/audio/loudness.ts";
import { measureFeatures } from "../lib/audio/features.ts";
import { scoreFeatures } from "../lib/domains/studio/meter/model.ts";
import { writeInsights } from "../lib/domains/studio/meter/insights_task.ts";
import { createAiPort } from "../lib/ports/ai/mod.ts";
import { masterAudio } from "../lib/audio/master/master.ts";
import { presetFor } from "../lib/domains/studio/master/presets.ts";

/** The groups, run separately (a prefix runs the groups with a metric starting with it). */
export const STUDIO_METRICS = {
  synth: ["studio.synth.x_realtime", "studio.synth.render_ms"],
  generate: ["studio.generate.e2e_ms"],
  library: ["studio.library.p95_ms", "studio.library.rps", "studio.library.saturated_p95_ms"],
  loudness: ["studio.loudness.x_realtime", "studio.loudness.report_x_realtime"],
  meter: ["studio.meter.ms"],
  master: ["studio.master.x_realtime"],
  jobs: ["studio.master_job.e2e_ms", "studio.meter_job.e2e_ms"],
};
export const STUDIO_TARGETS: [string, "≥" | "≤", number][] = [
  ["studio.synth.x_realtime", "≥", 20],
  ["studio.generate.e2e_ms", "≤", 5000],
  ["studio.library.p95_ms", "≤", 30],
  ["studio.loudness.x_realtime", "≥", 200],
  ["studio.meter.ms", "≤", 5000],
  ["studio.master.x_realtime", "≥", 20],
  ["studio.master_job.e2e_ms", "≤", 30000],
  ["studio.meter_job.e2e_ms", "≤", 15000],
];

export const PLAN: SongPlan = songPlan({ title: "Bench Song" });

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

export interface StudioOptions {
  runs?: number;
  durationS?: number;
  warmupS?: number;
  logLevel?: string;
}

/** The groups in `which` (all by default). */
export async function studioBench(
  opts: StudioOptions = {},
  which: {
    synth: boolean;
    generate: boolean;
    library: boolean;
    loudness?: boolean;
    meter?: boolean;
    master?: boolean;
    jobs?: boolean;
  } = {
    synth: true,
    generate: true,
    library: true,
    loudness: true,
    meter: true,
    master: true,
    jobs: true,
  },
): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const logLevel = opts.logLevel ?? Deno.env.get("BENCH_LOG_LEVEL") ?? "warn";
  const out: Result[] = which.synth ? synthBench(runs) : [];
  if (which.loudness) out.push(...loudnessBench(runs));
  if (which.meter) out.push(await meterBench(runs));
  if (which.master) out.push(masterBench(runs));
  if (which.jobs) {
    const r = await masterJobRuns(Math.min(runs, 3), logLevel);
    out.push(summarise("studio.master_job.e2e_ms", "ms", r.master));
    out.push(summarise("studio.meter_job.e2e_ms", "ms", r.meter));
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

function synthBench(runs: number): Result[] {
  renderSong(PLAN, { seed: 0 });
  const ms: number[] = [];
  const x: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    const song = renderSong(PLAN, { seed: run });
    const elapsed = performance.now() - t0;
    const seconds = song.left.length / song.sampleRate;
    if (song.sampleRate !== 44100 || seconds < 30) {
      throw new StudioBenchFailure(`rendered ${seconds} s at ${song.sampleRate} Hz`);
    }
    ms.push(elapsed);
    x.push(seconds / (elapsed / 1000));
    console.log(
      `run ${run}  studio  ${elapsed.toFixed(0)} ms for ${seconds.toFixed(1)} s (${
        (seconds / (elapsed / 1000)).toFixed(1)
      }× real time)`,
    );
  }
  return [
    summarise("studio.synth.x_realtime", "x", x),
    summarise("studio.synth.render_ms", "ms", ms),
  ];
}

/** The loudness meter on a 4-minute song (see the header). */
function loudnessBench(runs: number): Result[] {
  const song = renderSong(PLAN, { seed: 1 });
  const rate = song.sampleRate;
  const tile = (x: Float32Array) => {
    const out = new Float32Array(240 * rate);
    for (let at = 0; at < out.length; at += x.length) {
      out.set(x.subarray(0, Math.min(x.length, out.length - at)), at);
    }
    return out;
  };
  const channels = [tile(song.left), tile(song.right)];
  const seconds = channels[0].length / rate;
  const timed = (label: string, fn: () => unknown) => {
    fn();
    const x: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const t0 = performance.now();
      const value = fn();
      const elapsed = (performance.now() - t0) / 1000;
      x.push(seconds / elapsed);
      console.log(
        `run ${run}  loudness ${label}  ${(elapsed * 1000).toFixed(0)} ms for ${seconds} s (${
          (seconds / elapsed).toFixed(0)
        }× real time) ${JSON.stringify(value)}`,
      );
    }
    return x;
  };
  const fast = timed("I+TP", () => [integratedLufs(channels, rate), truePeakDb(channels, rate)]);
  const full = timed("report", () => measureLoudness(channels, rate).integrated_lufs);
  return [
    summarise("studio.loudness.x_realtime", "x", fast),
    summarise("studio.loudness.report_x_realtime", "x", full),
  ];
}

/** A 4-minute song (240 s at 120 BPM) for the hit meter. */
export const METER_PLAN: SongPlan = songPlan({
  title: "Bench Meter Song",
  structure: [
    { name: "intro", bars: 8 },
    { name: "verse", bars: 16 },
    { name: "chorus", bars: 16 },
    { name: "verse", bars: 16 },
    { name: "chorus", bars: 16 },
    { name: "bridge", bars: 8 },
    { name: "chorus", bars: 16 },
    { name: "chorus", bars: 16 },
    { name: "outro", bars: 8 },
  ],
});

/** The hit meter on a 4-minute song with offline insights (see the header). */
async function meterBench(runs: number): Promise<Result> {
  const song = renderSong(METER_PLAN, { seed: 1 });
  const ai = createAiPort({ AI_MODEL: "offline", AI_EMBEDDING_MODEL: "offline" });
  const meter = async () => {
    const features = measureFeatures(song.left, song.right, song.sampleRate);
    const score = scoreFeatures(features);
    const { insights } = await writeInsights(ai, features, score);
    return { overall: score.overall, insights: insights.length };
  };
  await meter();
  const ms: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    const r = await meter();
    ms.push(performance.now() - t0);
    console.log(
      `run ${run}  meter  ${ms[ms.length - 1].toFixed(0)} ms for ${
        (song.left.length / song.sampleRate).toFixed(1)
      } s ${JSON.stringify(r)}`,
    );
  }
  return summarise("studio.meter.ms", "ms", ms);
}

/** Mastering a 4-minute song (see the header). */
function masterBench(runs: number): Result {
  const song = renderSong(METER_PLAN, { seed: 2 });
  const seconds = song.left.length / song.sampleRate;
  const settings = { targetLufs: -14, ceilingDbtp: -1, intensity: 1, reference: presetFor("pop") };
  masterAudio(song, settings);
  const x: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    const { report } = masterAudio(song, settings);
    const elapsed = (performance.now() - t0) / 1000;
    x.push(seconds / elapsed);
    console.log(
      `run ${run}  master  ${(elapsed * 1000).toFixed(0)} ms for ${seconds.toFixed(1)} s (${
        (seconds / elapsed).toFixed(1)
      }× real time) ${report.after.integrated_lufs} LUFS ${report.after.true_peak_dbtp} dBTP`,
    );
  }
  return summarise("studio.master.x_realtime", "x", x);
}

if (import.meta.main) {
  const wanted = (names: string[]) =>
    Deno.args.length === 0 || names.some((n) => Deno.args.some((p) => n.startsWith(p)));
  const which = {
    synth: wanted(STUDIO_METRICS.synth),
    generate: wanted(STUDIO_METRICS.generate),
    library: wanted(STUDIO_METRICS.library),
    loudness: wanted(STUDIO_METRICS.loudness),
    meter: wanted(STUDIO_METRICS.meter),
    master: wanted(STUDIO_METRICS.master),
    jobs: wanted(STUDIO_METRICS.jobs),
  };
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
