/**
 * The song studio's offline synthesiser (issue 14), in the format of ../shared/BENCH.md:
 * `renderSong` on a 30 s pop plan (120 BPM, 15 bars of 4/4, intro to outro) in this process, on
 * one core (the renderer is synchronous and single-threaded). One warm-up render first (JIT),
 * then `BENCH_RUNS` [5] timed renders, each with a different seed.
 *
 * - `studio.synth.x_realtime`: seconds of 44.1 kHz stereo audio rendered per second of wall
 *   time (the audio includes the 1.5 s tail), median over the runs; target ≥ 20.
 * - `studio.synth.render_ms`: milliseconds to render the 30 s plan, median over the runs.
 *
 * `deno run -A bench/studio.ts` runs it alone and merges into bench/results.json.
 *
 * @module
 */
import type { SongPlan } from "../lib/domains/studio/plan.ts";
import { renderSong } from "../lib/domains/studio/synth/render.ts";
import { type Result, summarise, writeResults } from "./results.ts";

export const STUDIO_METRICS = ["studio.synth.x_realtime", "studio.synth.render_ms"];
export const STUDIO_TARGETS: [string, "≥" | "≤", number][] = [
  ["studio.synth.x_realtime", "≥", 20],
];

const PLAN: SongPlan = {
  title: "Bench Song",
  genre: "pop",
  subgenre: null,
  mood: "upbeat",
  tempo_bpm: 120,
  key: "C",
  mode: "major",
  time_signature: "4/4",
  instrumentation: ["drums", "bass", "piano", "synth lead"],
  structure: [
    { name: "intro", bars: 2 },
    { name: "verse", bars: 4 },
    { name: "pre_chorus", bars: 2 },
    { name: "chorus", bars: 4 },
    { name: "outro", bars: 3 },
  ],
  vocals: false,
  lyrics_theme: null,
  style_words: [],
};

class StudioBenchFailure extends Error {}

export function studioBench(
  opts: { runs?: number } = {},
): Result[] {
  const runs = opts.runs ?? Number(Deno.env.get("BENCH_RUNS") ?? 5);
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
  const results = studioBench();
  await writeResults(results);
  for (const r of results) {
    const target = STUDIO_TARGETS.find(([n]) => n === r.name);
    const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
    const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
    console.log(
      `  ${r.name.padEnd(26)} ${String(r.value).padStart(8)} ${
        r.unit.padEnd(4)
      } spread ${r.spread}${note}`,
    );
  }
}
