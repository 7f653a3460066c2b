/**
 * The loudness meter's data (see bench/studio.ts for the metrics): what keeping loudness over
 * time in a master's report costs, in time (lib/audio/master/master.ts `storedSeries`, run by
 * mastering for the original and the master) and in stored size (the jsonb the
 * `song_masters_report_check` constraint bounds at 65,536 bytes, measured by Postgres itself).
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import { renderSong } from "../lib/domains/studio/synth/render.ts";
import { masterAudio, storedSeries } from "../lib/audio/master/master.ts";
import { platformPreview } from "../lib/audio/master/platforms.ts";
import { presetFor } from "../lib/domains/studio/master/presets.ts";
import { MasterSettings } from "../lib/domains/studio/master/schemas.ts";
import { type Result, summarise } from "./results.ts";
import { METER_PLAN } from "./studio_dsp.ts";

const UPLOAD_MAX_S = 600;

/** `frames` samples of `x` repeated end to end. */
function tiled(x: Float32Array, frames: number): Float32Array {
  const out = new Float32Array(frames);
  for (let at = 0; at < frames; at += x.length) out.set(x.subarray(0, frames - at), at);
  return out;
}

export async function masterSeriesBench(runs: number): Promise<Result[]> {
  const song = renderSong(METER_PLAN, { seed: 2 });
  const { left, right, sampleRate } = song;
  const both = () => [storedSeries(left, right, sampleRate), storedSeries(left, right, sampleRate)];
  both();
  const ms: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    const [s] = both();
    ms.push(performance.now() - t0);
    console.log(
      `run ${run}  series  ${ms.at(-1)!.toFixed(0)} ms (${s.momentary.length} points ×2 ×2)`,
    );
  }

  const settings = MasterSettings.parse({});
  const m = masterAudio(song, {
    targetLufs: settings.target_lufs,
    ceilingDbtp: settings.ceiling_dbtp,
    intensity: settings.intensity,
    reference: presetFor("pop"),
  });
  const report = {
    ...m.report,
    settings,
    platforms: platformPreview(m.report.after.integrated_lufs),
  };
  // The longest upload: its series (600 points, 1 s apart) in the same report.
  const frames = UPLOAD_MAX_S * sampleRate;
  const long = storedSeries(tiled(left, frames), tiled(right, frames), sampleRate);
  const longest = { ...report, series_before: long, series_after: long };
  const db = await PGlite.create();
  const size = async (r: unknown) =>
    (await db.query<{ n: number }>("select pg_column_size($1::jsonb) as n", [JSON.stringify(r)]))
      .rows[0].n;
  const bytes = await size(report);
  const longBytes = await size(longest);
  await db.close();
  console.log(`report ${bytes} bytes (4 min), ${longBytes} bytes (10 min)`);
  const once = (name: string, value: number): Result => ({
    name,
    value,
    unit: "bytes",
    runs: 1,
    spread: 0,
  });
  return [
    summarise("studio.master_series.ms", "ms", ms),
    once("studio.master_series.report_bytes", bytes),
    once("studio.master_series.report_10min_bytes", longBytes),
  ];
}
