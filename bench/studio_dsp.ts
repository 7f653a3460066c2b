/**
 * The studio's in-process DSP benches (see bench/studio.ts for the metrics, targets and songs):
 * the synthesiser, the loudness meter, the hit meter and mastering, each on one core after one
 * warm-up pass (JIT), `runs` timed passes.
 *
 * @module
 */
import type { SongPlan } from "../lib/domains/studio/plan.ts";
import { renderSong } from "../lib/domains/studio/synth/render.ts";
import { integratedLufs, measureLoudness, truePeakDb } from "../lib/audio/loudness.ts";
import { measureFeatures } from "../lib/audio/features.ts";
import { scoreFeatures } from "../lib/domains/studio/meter/model.ts";
import { writeInsights } from "../lib/domains/studio/meter/insights_task.ts";
import { createAiPort } from "../lib/ports/ai/mod.ts";
import { masterAudio } from "../lib/audio/master/master.ts";
import { presetFor } from "../lib/domains/studio/master/presets.ts";
import { type Result, summarise } from "./results.ts";
import { StudioBenchFailure } from "./studio_app.ts";
import { songPlan } from "../tests/_helpers/studio.ts";

export const PLAN: SongPlan = songPlan({ title: "Bench Song" });

/**
 * One warm-up call, then `runs` timed calls of `fn` on `seconds` of audio: each run's seconds of
 * audio per second of wall time, logged with what `fn` returned.
 */
function xRealtime(label: string, seconds: number, runs: number, fn: () => unknown): number[] {
  fn();
  const x: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    const value = fn();
    const elapsed = (performance.now() - t0) / 1000;
    x.push(seconds / elapsed);
    console.log(
      `run ${run}  ${label}  ${(elapsed * 1000).toFixed(0)} ms for ${seconds.toFixed(1)} s (${
        (seconds / elapsed).toFixed(1)
      }× real time) ${JSON.stringify(value) ?? ""}`,
    );
  }
  return x;
}

/** The synthesiser on the 30 s plan, a different seed each run. */
export function synthBench(runs: number): Result[] {
  const probe = renderSong(PLAN, { seed: 0 });
  const seconds = probe.left.length / probe.sampleRate;
  if (probe.sampleRate !== 44100 || seconds < 30) {
    throw new StudioBenchFailure(`rendered ${seconds} s at ${probe.sampleRate} Hz`);
  }
  let seed = 0;
  const x = xRealtime("synth", seconds, runs, () => void renderSong(PLAN, { seed: ++seed }));
  return [
    summarise("studio.synth.x_realtime", "x", x),
    summarise("studio.synth.render_ms", "ms", x.map((v) => (seconds / v) * 1000)),
  ];
}

/** The loudness meter on a 4-minute song (see the header). */
export function loudnessBench(runs: number): Result[] {
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
  const fast = xRealtime(
    "loudness I+TP",
    seconds,
    runs,
    () => [integratedLufs(channels, rate), truePeakDb(channels, rate)],
  );
  const full = xRealtime(
    "loudness report",
    seconds,
    runs,
    () => measureLoudness(channels, rate).integrated_lufs,
  );
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
export async function meterBench(runs: number): Promise<Result> {
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
export function masterBench(runs: number): Result {
  const song = renderSong(METER_PLAN, { seed: 2 });
  const seconds = song.left.length / song.sampleRate;
  const settings = { targetLufs: -14, ceilingDbtp: -1, intensity: 1, reference: presetFor("pop") };
  const x = xRealtime("master", seconds, runs, () => {
    const { after } = masterAudio(song, settings).report;
    return `${after.integrated_lufs} LUFS ${after.true_peak_dbtp} dBTP`;
  });
  return summarise("studio.master.x_realtime", "x", x);
}
