/**
 * The offline music generator: the studio's synthesiser (lib/domains/studio/synth) renders the
 * plan at 44.1 kHz with its stems and MIDI. The renderer is handed in (a port imports no domain
 * code as a value): `createOfflineMusicGenerator(renderSongSteps)`. It renders in steps (each
 * part, each mix phase), reporting the percent after each and letting the event loop run between
 * them: progress writes go out while it renders, and an abort stops it at the next step.
 *
 * @module
 */
import type { renderSongSteps } from "../../domains/studio/synth/render.ts";
import type { MusicGenerator } from "./port.ts";

export type Render = typeof renderSongSteps;

/** A macrotask's pause: timers and I/O (the progress writes) run before the next step. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createOfflineMusicGenerator(render: Render): MusicGenerator {
  return {
    name: "offline",
    async generate({ plan, seed }, { signal, onProgress }) {
      signal?.throwIfAborted();
      onProgress?.(0);
      const steps = render(plan, { seed, sampleRate: 44100 });
      let r = steps.next();
      for (; !r.done; r = steps.next()) {
        onProgress?.(r.value);
        await breathe();
        signal?.throwIfAborted();
      }
      const song = r.value;
      onProgress?.(100);
      return {
        sampleRate: song.sampleRate,
        left: song.left,
        right: song.right,
        stems: song.stems,
        midi: song.midi,
      };
    },
  };
}
