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
 * `deno run -A bench/studio.ts [name-prefix…]` runs it (or the groups with a metric starting with
 * a prefix) alone and merges into bench/results.json.
 *
 * @module
 */
import type { SongPlan } from "../lib/domains/studio/plan.ts";
import { renderSong } from "../lib/domains/studio/synth/render.ts";
import { type Result, summarise, writeResults } from "./results.ts";
import { generateRuns, libraryRuns, StudioBenchFailure } from "./studio_app.ts";
import { songPlan } from "../tests/_helpers/studio.ts";

/** The groups, run separately (a prefix runs the groups with a metric starting with it). */
export const STUDIO_METRICS = {
  synth: ["studio.synth.x_realtime", "studio.synth.render_ms"],
  generate: ["studio.generate.e2e_ms"],
  library: ["studio.library.p95_ms", "studio.library.rps", "studio.library.saturated_p95_ms"],
};
export const STUDIO_TARGETS: [string, "≥" | "≤", number][] = [
  ["studio.synth.x_realtime", "≥", 20],
  ["studio.generate.e2e_ms", "≤", 5000],
  ["studio.library.p95_ms", "≤", 30],
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
  which = { synth: true, generate: true, library: true },
): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const logLevel = opts.logLevel ?? Deno.env.get("BENCH_LOG_LEVEL") ?? "warn";
  const out: Result[] = which.synth ? synthBench(runs) : [];
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

if (import.meta.main) {
  const wanted = (names: string[]) =>
    Deno.args.length === 0 || names.some((n) => Deno.args.some((p) => n.startsWith(p)));
  const which = {
    synth: wanted(STUDIO_METRICS.synth),
    generate: wanted(STUDIO_METRICS.generate),
    library: wanted(STUDIO_METRICS.library),
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
