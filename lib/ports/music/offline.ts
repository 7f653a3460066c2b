/**
 * The offline music generator: the studio's synthesiser (lib/domains/studio/synth) renders the
 * plan at 44.1 kHz with its stems and MIDI. The renderer is handed in (a port imports no domain
 * code as a value): `createOfflineMusicGenerator(renderSong)`.
 *
 * @module
 */
import type { renderSong } from "../../domains/studio/synth/render.ts";
import type { MusicGenerator } from "./port.ts";

export type Render = typeof renderSong;

export function createOfflineMusicGenerator(render: Render): MusicGenerator {
  return {
    name: "offline",
    generate({ plan, seed }, { signal, onProgress }) {
      signal?.throwIfAborted();
      onProgress?.(0);
      // One synchronous render: the synthesiser is fast (≥ 20× real time) and pure.
      const song = render(plan, { seed, sampleRate: 44100 });
      onProgress?.(100);
      return Promise.resolve({
        sampleRate: song.sampleRate,
        left: song.left,
        right: song.right,
        stems: song.stems,
        midi: song.midi,
      });
    },
  };
}
