/**
 * Heavy DSP off the web server's thread (lib/audio/offthread): with the app's own worker loop
 * running (what WORKER=on starts), a master of a two-minute song is made while cheap requests
 * keep answering quickly; a master cancelled while its DSP worker runs has that worker
 * terminated. The song is uploaded and encoded first with the loop off (an upload's encoding
 * stage may otherwise start before the request stored its WAV: see bench/studio_jobs.ts).
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { songPlan, studioCall } from "../_helpers/studio.ts";
import { type Session, signIn } from "../_fakes/dj_session.ts";
import { encodeWav } from "../../lib/audio/wav.ts";
import { renderSong } from "../../lib/domains/studio/synth/render.ts";
import { dspRunning } from "../../lib/audio/offthread/mod.ts";
import type { Song } from "../../lib/domains/studio/types.ts";
import type { Master } from "../../lib/domains/studio/master/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const CSRF = "csrf-token-for-dj-tests-0123456789";
const PRESET = {
  target_lufs: -14,
  ceiling_dbtp: -1,
  intensity: 1,
  reference: { kind: "preset", genre: "pop" },
};

/** 60 bars at 120 BPM: two minutes. */
const PLAN = songPlan({
  structure: [
    { name: "intro", bars: 4 },
    { name: "verse", bars: 16 },
    { name: "chorus", bars: 16 },
    { name: "verse", bars: 8 },
    { name: "chorus", bars: 12 },
    { name: "outro", bars: 4 },
  ],
});

/** An uploaded two-minute song, done: encoded by `runOnce` calls, or by the running worker loop. */
async function uploaded(app: TestApp, s: Session, loop = false): Promise<Song> {
  const audio = renderSong(PLAN, { seed: 5 });
  const f = new FormData();
  const wav = encodeWav([audio.left, audio.right], audio.sampleRate);
  f.set("file", new File([wav as BlobPart], "two-minutes.wav"));
  const res = await app.fetch("/api/studio/uploads", {
    method: "POST",
    headers: { cookie: s.cookie, "x-csrf-token": CSRF },
    body: f,
  });
  assertEquals(res.status, 202);
  const id = (await res.json()).song.id as string;
  const until = performance.now() + 60_000;
  for (let i = 0; i < 20 || (loop && performance.now() < until); i++) {
    const song = (await studioCall(app, s, "GET", `/songs/${id}`)).json.song as Song;
    if (song.status === "done") return song;
    if (loop) await sleep(100);
    else await app.platform.worker.runOnce();
  }
  throw new Error("the upload never finished");
}

async function timed(app: TestApp, path: string): Promise<number> {
  const t0 = performance.now();
  const res = await app.fetch(path);
  await res.body?.cancel();
  assertEquals(res.status, 200, path);
  return performance.now() - t0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test({
  name: "studio off-thread - the server answers at once while a master runs",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off", API_RATE_LIMIT: "0" });
  const me = await signIn(app, "offthread@example.com");
  // The loop runs from the start, as with WORKER=on: the upload's encoding stage may start before
  // the request has stored the WAV, and waits for it.
  app.platform.worker.start(50);
  const song = await uploaded(app, me, true);

  const made = await studioCall(app, me, "POST", `/songs/${song.id}/master`, { settings: PRESET });
  assertEquals(made.status, 202, JSON.stringify(made.json));
  const id = (made.json.master as Master).id;
  const during: number[] = [];
  let master = made.json.master as Master;
  const until = performance.now() + 180_000;
  while (master.status === "queued" || master.status === "running") {
    assert(performance.now() < until, "the master did not finish in three minutes");
    during.push(await timed(app, "/functions/v1/health"));
    master = (await studioCall(app, me, "GET", `/songs/${song.id}/masters/${id}`)).json.master;
    await sleep(100);
  }
  assertEquals(master.status, "done", master.error ?? "");
  const sorted = during.toSorted((a, b) => a - b);
  console.log(
    `health during the master: ${during.length} checks, median ` +
      `${sorted[sorted.length >> 1]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
  );
  // A count, not a time (times are the bench's: studio.master_job.loop_block_ms): with the DSP on
  // the server's thread, a check sent every 100 ms got 5 answers in the whole master.
  assert(during.length >= 20, `only ${during.length} checks answered while the master ran`);
});

Deno.test({
  name: "studio off-thread - a master cancelled while it runs has its DSP worker terminated",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off", API_RATE_LIMIT: "0" });
  const me = await signIn(app, "offthread-cancel@example.com");
  const song = await uploaded(app, me);
  app.platform.worker.start(50);

  const made = await studioCall(app, me, "POST", `/songs/${song.id}/master`, { settings: PRESET });
  const id = (made.json.master as Master).id;
  const until = performance.now() + 60_000;
  while (dspRunning() === 0) {
    assert(performance.now() < until, "the master's DSP worker never started");
    await sleep(20);
  }
  const cancel = await studioCall(app, me, "POST", `/songs/${song.id}/masters/${id}/cancel`);
  assertEquals(cancel.status, 200, JSON.stringify(cancel.json));
  const t0 = performance.now();
  while (dspRunning() > 0) {
    assert(performance.now() - t0 < 5000, "the DSP worker still runs 5 s after the cancel");
    await sleep(50);
  }
  const master = (await studioCall(app, me, "GET", `/songs/${song.id}/masters/${id}`)).json
    .master as Master;
  assertEquals([master.status, master.stage], ["cancelled", null]);
});
