/**
 * The offline generator reports progress while it renders (not 0, then 100 at the end): the
 * percentages rise through several steps, and timers run between them (a progress write, which is
 * I/O, goes out before the render ends); an abort stops it at the next step.
 */
import { assert, assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { songPlan } from "../../../tests/_helpers/studio.ts";
import { renderSongSteps } from "../../domains/studio/synth/render.ts";
import { createOfflineMusicGenerator } from "./offline.ts";

const plan = songPlan({
  structure: [{ name: "intro", bars: 2 }, { name: "chorus", bars: 2 }, { name: "outro", bars: 2 }],
});

Deno.test("music offline - progress moves while it renders, monotonic, to 100", async () => {
  const gen = createOfflineMusicGenerator(renderSongSteps);
  const seen: number[] = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const ticksAt: number[] = [];
  const song = await gen.generate({ plan, lyrics: null, seed: 5 }, {
    onProgress: (p) => {
      seen.push(p);
      ticksAt.push(ticks);
    },
  });
  clearInterval(timer);
  assertEquals(song.sampleRate, 44100);
  assert(song.left.length > 12 * 44100, "the planned length");
  assertEquals(seen[0], 0);
  assertEquals(seen.at(-1), 100);
  assert(seen.every((p, i) => i === 0 || p >= seen[i - 1]), `monotonic: ${seen}`);
  const between = new Set(seen.filter((p) => p > 0 && p < 100));
  assert(between.size >= 5, `intermediate values: ${seen}`);
  assert(ticksAt.at(-1)! > ticksAt[1], "timers ran while it rendered");
});

Deno.test("music offline - an abort stops the render at the next step", async () => {
  const gen = createOfflineMusicGenerator(renderSongSteps);
  const stop = new AbortController();
  const seen: number[] = [];
  await assertRejects(() =>
    gen.generate({ plan, lyrics: null, seed: 5 }, {
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p > 20) stop.abort(new Error("cancelled"));
      },
    })
  );
  assert(seen.at(-1)! < 100, `stopped early: ${seen}`);
});
