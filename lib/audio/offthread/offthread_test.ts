import { assert, assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { songPlan } from "../../../tests/_helpers/studio.ts";
import { renderSong } from "../../domains/studio/synth/render.ts";
import { presetFor } from "../../domains/studio/master/presets.ts";
import { encodeWav, WavError } from "../wav.ts";
import { MasterError } from "../master/mod.ts";
import { closeDsp, dspInWorkers, runDsp } from "./mod.ts";
import { masterFiles } from "./master_files.ts";
import { encodeMp3 } from "../mp3.ts";
import { encodeMp3Part, joinParts, mp3FrameBounds, mp3Parts } from "./mp3_parts.ts";

const song = renderSong(
  songPlan({ structure: [{ name: "verse", bars: 2 }, { name: "chorus", bars: 2 }] }),
  { seed: 11 },
);
const songWav = () => encodeWav([song.left, song.right], song.sampleRate);
/** 24 s: long enough for the MP3 in two parts. */
const longSong = renderSong(
  songPlan({ structure: [{ name: "verse", bars: 6 }, { name: "chorus", bars: 6 }] }),
  { seed: 12 },
);
const longWav = () => encodeWav([longSong.left, longSong.right], longSong.sampleRate);
/** Bytes compared as hex digests: JSON of megabytes would be slow. */
async function digest(value: unknown): Promise<unknown> {
  if (value instanceof Uint8Array) {
    const h = await crypto.subtle.digest("SHA-256", value as Uint8Array<ArrayBuffer>);
    return `${value.length}:${[...new Uint8Array(h)].map((b) => b.toString(16)).join("")}`;
  }
  if (Array.isArray(value) || value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = await digest(v);
  return out;
}

async function assertSame(a: unknown, b: unknown) {
  assertEquals(await digest(a), await digest(b));
}

const SETTINGS = { targetLufs: -14, ceilingDbtp: -1, intensity: 1, reference: presetFor("pop") };

Deno.test("offthread: a master in workers gives the same bytes as inline, with progress", async () => {
  assert(dspInWorkers());
  try {
    const phases = new Set<string>();
    const input = longWav();
    const inWorker = await masterFiles({ wav: input, settings: SETTINGS, mp3Kbps: 192 }, {
      onProgress: (p, phase) => {
        assert(p >= 0 && p <= 100);
        phases.add(phase);
      },
    });
    // The input's buffer went to the worker (transferred, not copied).
    assertEquals(input.byteLength, 0);
    assertEquals([...phases], ["mastering", "encoding"]);
    const inline = await masterFiles({ wav: longWav(), settings: SETTINGS, mp3Kbps: 192 }, {
      inline: true,
    });
    await assertSame(inWorker, { ...inline, ms: inWorker.ms });
    assert(inWorker.mp3.length > 1000 && inWorker.wav.length > 44);
  } finally {
    closeDsp();
  }
});

Deno.test("offthread: an MP3 in two parts has the frames of one pass", () => {
  const { left, right, sampleRate } = song;
  const whole = encodeMp3(left, right, sampleRate, 192);
  const parts = mp3Parts(left, right, sampleRate, 192, 2);
  assertEquals(parts.length, 2);
  const joined = joinParts(parts.map(encodeMp3Part));
  const a = mp3FrameBounds(whole, sampleRate);
  const b = mp3FrameBounds(joined, sampleRate);
  assertEquals(b.length, a.length);
  assertEquals(joined.length, whole.length);
  // The first part is the one pass's first half, byte for byte.
  const half = parts[0].take!;
  assertEquals(
    joined.subarray(0, b[half][0]).join(),
    whole.subarray(0, a[half][0]).join(),
  );
  // One part: exactly the one pass.
  assertEquals(encodeMp3Part(mp3Parts(left, right, sampleRate, 192, 1)[0]).length, whole.length);
});

Deno.test("offthread: encodes, features and references match inline", async () => {
  try {
    const copy = () => ({
      sampleRate: song.sampleRate,
      left: song.left.slice(),
      right: song.right.slice(),
    });
    const stems = () => ({ bass: { left: song.left.slice(), right: song.right.slice() } });
    const a = await runDsp("encode_song", { ...copy(), stems: stems(), mp3Kbps: 192 });
    const b = await runDsp("encode_song", { ...copy(), stems: stems(), mp3Kbps: 192 }, {
      inline: true,
    });
    await assertSame(a, b);
    for (const task of ["features", "reference"] as const) {
      assertEquals(
        await runDsp(task, { wav: songWav() }),
        await runDsp(task, { wav: songWav() }, { inline: true }),
      );
    }
    await assertSame(
      await runDsp("encode_upload", { wav: songWav(), mp3Kbps: 192 }),
      await runDsp("encode_upload", { wav: songWav(), mp3Kbps: 192 }, { inline: true }),
    );
    await assertSame(
      await runDsp("upload_wav", copy()),
      await runDsp("upload_wav", copy(), { inline: true }),
    );
  } finally {
    closeDsp();
  }
});

Deno.test("offthread: errors keep their class and code", async () => {
  try {
    const short = encodeWav([new Float32Array(4410), new Float32Array(4410)], 44100);
    const err = await assertRejects(() =>
      runDsp("master", { wav: short, settings: SETTINGS, mp3Kbps: 192 })
    );
    assert(err instanceof MasterError, `${err.name}: ${err.message}`);
    assertEquals(err.code, "too_short");
    const bad = await assertRejects(
      () => runDsp("features", { wav: new Uint8Array([1, 2, 3]) }),
      /not a WAV file/,
    );
    assert(bad instanceof WavError);
  } finally {
    closeDsp();
  }
});

Deno.test("offthread: an abort terminates the task at once; closeDsp ends running ones", async () => {
  try {
    const ctl = new AbortController();
    const t0 = performance.now();
    const run = runDsp("master", { wav: songWav(), settings: SETTINGS, mp3Kbps: 192 }, {
      signal: ctl.signal,
      onProgress: () => ctl.abort(new Error("cancelled by the test")),
    });
    await assertRejects(() => run, /cancelled by the test/);
    assert(performance.now() - t0 < 5000);
    const running = runDsp("features", { wav: songWav() });
    closeDsp();
    await assertRejects(() => running, /shut down/);
  } finally {
    closeDsp();
  }
});
