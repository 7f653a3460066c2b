/**
 * A master's files: the `master` task (decode, master, WAV, the MP3's parts), then the MP3's
 * parts in workers at once (mp3_parts.ts), joined. The MP3 is most of a master's time and LAME
 * is one thread: two parts take about half as long on two cores.
 *
 * @module
 */
import { type DspOptions, runDsp } from "./mod.ts";
import { joinParts } from "./mp3_parts.ts";
import type { MasterTaskInput, MasterTaskOutput } from "./tasks.ts";

export interface MasterFiles {
  wav: Uint8Array;
  mp3: Uint8Array;
  report: MasterTaskOutput["report"];
  ms: MasterTaskOutput["ms"] & { mp3: number };
}

export async function masterFiles(
  input: MasterTaskInput,
  opts: DspOptions = {},
): Promise<MasterFiles> {
  const made = await runDsp("master", input, opts);
  const t0 = performance.now();
  // One part failing stops the others.
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(opts.signal!.reason);
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  let done = 0;
  try {
    const parts = await Promise.all(made.mp3Parts.map(async (part) => {
      try {
        const bytes = await runDsp("mp3_part", part, { signal: ctl.signal, inline: opts.inline });
        opts.onProgress?.(Math.round(10 + 90 * ++done / made.mp3Parts.length), "encoding");
        return bytes;
      } catch (err) {
        ctl.abort(err);
        throw err;
      }
    }));
    return {
      wav: made.wav,
      mp3: joinParts(parts),
      report: made.report,
      ms: { ...made.ms, mp3: Math.round(performance.now() - t0) },
    };
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
  }
}
