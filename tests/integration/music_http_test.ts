/**
 * The hosted music adapter (lib/ports/music/http.ts) against the fake prediction API
 * (tests/_fakes/music.ts): create → poll → download → decode, and each way it can go wrong.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { FakeMusicApi } from "../_fakes/music.ts";
import { createHttpMusicGenerator, MusicServiceError } from "../../lib/ports/music/http.ts";
import { planSeconds, type SongPlan } from "../../lib/domains/studio/plan.ts";
import { rms } from "../../lib/audio/analysis.ts";
import { loadConfig } from "../../lib/platform/config.ts";
import { createMusicGenerator } from "../../lib/ports/music/mod.ts";
import { renderSongSteps } from "../../lib/domains/studio/synth/render.ts";

const PLAN: SongPlan = {
  title: "Neon",
  genre: "synthwave",
  subgenre: null,
  mood: "driving",
  tempo_bpm: 120,
  key: "A",
  mode: "minor",
  time_signature: "4/4",
  instrumentation: ["analog synths", "Daft Punk"],
  structure: [{ name: "intro", bars: 1 }, { name: "chorus", bars: 1 }],
  vocals: false,
  lyrics_theme: null,
  style_words: ["retro", "like Kavinsky"],
};
const SECONDS = planSeconds(PLAN); // 4 s

function generator(fake: FakeMusicApi, over: Record<string, unknown> = {}) {
  return createHttpMusicGenerator({ ...fake.config(), pollMs: 5, timeoutMs: 5000, ...over });
}

Deno.test("music http - the happy path: token, model, clean prompt, decoded audio", async () => {
  await using fake = new FakeMusicApi();
  const seen: number[] = [];
  const song = await generator(fake).generate(
    { plan: PLAN, lyrics: null, seed: 42 },
    { onProgress: (p) => seen.push(p) },
  );
  assertEquals(song.sampleRate, 44100);
  assertEquals(song.left.length, SECONDS * 44100, "the planned length");
  assertEquals(song.right.length, song.left.length);
  assert(rms(song.left) > 0.1 && rms(song.right) > 0.1, "not silence");
  assertEquals(song.stems, undefined);

  const [create] = fake.creates;
  assertEquals(create.model, fake.model);
  const input = create.input as Record<string, unknown>;
  assertEquals([input.duration, input.seed, input.lyrics], [4, 42, undefined]);
  assertMatch(String(input.prompt), /synthwave.*120 bpm.*A minor/);
  assert(!/daft|punk|kavinsky|neon/i.test(String(input.prompt)), String(input.prompt));
  assert(
    fake.calls.every((c) => c.path.startsWith("/files/") || c.auth === `Bearer ${fake.token}`),
  );
  assertEquals(fake.polls.length, 3);
  assertEquals(seen[0], 0);
  assertEquals(seen.at(-1), 100);
  assert(seen.every((p, i) => i === 0 || p > seen[i - 1]), `monotonic: ${seen}`);
  assert(seen.some((p) => p > 2 && p < 90), `progress from the logs: ${seen}`);
});

Deno.test("music http - MP3 at 48 kHz and mono WAV at 22.05 kHz become 44.1 kHz stereo", async () => {
  await using fake = new FakeMusicApi();
  fake.format = "mp3";
  fake.sampleRate = 48000;
  fake.outputShape = "list";
  const mp3 = await generator(fake).generate({ plan: PLAN, lyrics: null, seed: 1 }, {});
  assertEquals(mp3.sampleRate, 44100);
  // MP3 frames pad the start and end: within 0.1 s of the plan.
  assert(Math.abs(mp3.left.length / 44100 - SECONDS) < 0.1, `${mp3.left.length / 44100} s`);
  assert(rms(mp3.left) > 0.1, "not silence");

  fake.format = "wav";
  fake.sampleRate = 22050;
  fake.channels = 1;
  const wav = await generator(fake).generate({ plan: PLAN, lyrics: null, seed: 1 }, {});
  assertEquals(wav.left.length, SECONDS * 44100);
  assertEquals(wav.right[1000], wav.left[1000]);
});

Deno.test("music http - stems named in the output come back as stems", async () => {
  await using fake = new FakeMusicApi();
  fake.outputShape = "stems";
  const song = await generator(fake).generate({
    plan: { ...PLAN, vocals: true },
    lyrics: {
      sections: [{ name: "chorus", lines: ["ooh"] }],
    },
    seed: 3,
  }, {});
  assertEquals(Object.keys(song.stems ?? {}).sort(), ["drums", "vocals"]);
  assertEquals(song.stems!.vocals.left.length, SECONDS * 44100);
  assertEquals((fake.creates[0].input as Record<string, unknown>).lyrics, "[chorus]\nooh");
});

Deno.test("music http - a failed prediction is a clear error", async () => {
  await using fake = new FakeMusicApi();
  fake.outcome = "fail";
  const err = await assertRejects(
    () => generator(fake).generate({ plan: PLAN, lyrics: null, seed: 1 }, {}),
    /^The music service could not make this song: CUDA out of memory\.$/,
  );
  assert(err instanceof MusicServiceError && err.reason === "failed" && !err.retryable);
  assertEquals(fake.cancelled, []);
});

Deno.test("music http - the timeout cancels the prediction at the provider", async () => {
  await using fake = new FakeMusicApi();
  fake.outcome = "never";
  const err = await assertRejects(
    () => generator(fake, { timeoutMs: 200 }).generate({ plan: PLAN, lyrics: null, seed: 1 }, {}),
    /^The music service did not finish within 0\.2 s\.$/,
  );
  assert(err instanceof MusicServiceError && err.reason === "timeout" && err.retryable);
  const [id] = [...fake.predictions.keys()];
  assertEquals(fake.cancelled, [id]);
  assertEquals(fake.predictions.get(id)!.status, "canceled");
});

Deno.test("music http - a 500 (and a 429 with Retry-After) on a poll is retried", async () => {
  await using fake = new FakeMusicApi();
  fake.pollErrors = [500, 429];
  fake.retryAfter = "0";
  const song = await generator(fake).generate({ plan: PLAN, lyrics: null, seed: 1 }, {});
  assertEquals(song.left.length, SECONDS * 44100);
  assertEquals(fake.polls.length, 5);

  fake.pollErrors = [503, 503, 503, 503, 503];
  await assertRejects(
    () => generator(fake).generate({ plan: PLAN, lyrics: null, seed: 1 }, {}),
    /unavailable \(HTTP 503\); try again later/,
  );
  assertEquals(fake.cancelled.length, 1, "given up: cancelled");
});

Deno.test("music http - aborting the signal cancels the prediction", async () => {
  await using fake = new FakeMusicApi();
  fake.outcome = "never";
  const ctl = new AbortController();
  const err = await assertRejects(() =>
    generator(fake).generate({ plan: PLAN, lyrics: null, seed: 1 }, {
      signal: ctl.signal,
      onProgress: (p) => p > 2 && ctl.abort(),
    })
  );
  assertEquals(err.name, "AbortError");
  assertEquals(fake.cancelled.length, 1);
});

Deno.test("music http - a bad token or a refused input is a clear error", async () => {
  await using fake = new FakeMusicApi();
  const bad = createHttpMusicGenerator({ ...fake.config(), token: "r8_wrong" });
  const err = await assertRejects(
    () => bad.generate({ plan: PLAN, lyrics: null, seed: 1 }, {}),
    /^The music service refused our credentials \(HTTP 401: You did not pass a valid authentication token\)\. An administrator must check MUSIC_API_TOKEN/,
  );
  assert(err instanceof MusicServiceError && !err.retryable);
  assertEquals(fake.predictions.size, 0);

  const long = { ...PLAN, tempo_bpm: 50, structure: [{ name: "verse" as const, bars: 64 }] };
  await assertRejects(
    () => generator(fake).generate({ plan: long, lyrics: null, seed: 1 }, {}),
    /^The music service refused the request: input\.duration: must be 1 to 300$/,
  );
});

Deno.test("music http - the environment's URL, token and model select this adapter", async () => {
  await using fake = new FakeMusicApi();
  assertEquals(createMusicGenerator(loadConfig(fake.env()), renderSongSteps).name, "http");
  assertEquals(createMusicGenerator(loadConfig({}), renderSongSteps).name, "offline");
});

Deno.test("music http - a stored prediction is resumed, not made again; an unstored one is cancelled", async () => {
  await using fake = new FakeMusicApi();
  const req = { plan: PLAN, lyrics: null, seed: 3 };
  const ids: string[] = [];
  await generator(fake).generate(req, { onCreated: (id) => void ids.push(id) });
  assertEquals([fake.creates.length, ids.length], [1, 1]);
  // Resuming a finished prediction fetches its output: nothing created, nothing cancelled.
  const again = await generator(fake).generate(req, { resume: ids[0], onCreated: () => {} });
  assertEquals(again.left.length, SECONDS * 44100);
  assertEquals([fake.creates.length, fake.cancelled.length], [1, 0]);
  // A stored id that is gone (404) is made again, once.
  await generator(fake).generate(req, { resume: "gone", onCreated: (id) => void ids.push(id) });
  assertEquals([fake.creates.length, ids.length], [2, 2]);
  // A checkpoint that fails cancels the prediction: a retry could not find it.
  await assertRejects(() =>
    generator(fake).generate(req, { onCreated: () => Promise.reject(new Error("db down")) })
  );
  assertEquals(fake.cancelled, [[...fake.predictions.keys()][2]]);
});
