/**
 * The song studio end to end over HTTP, offline (WORKER off; the tests drive the worker): prompt →
 * draft with its plan → edited plan → generate → composing, rendering, encoding, uploading → done,
 * its files for the owner only; cancel and failure give the song back; the free plan's 3 songs a
 * month end in a 429 with the reset date; bad plans are 400s naming the field.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { studioCall } from "../_helpers/studio.ts";
import { checkedValues } from "../_helpers/constraints.ts";
import { type Session, signIn } from "../_fakes/dj_session.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { stagedJobsHandler } from "../../lib/ports/queue/jobs.ts";
import { songJob } from "../../lib/domains/studio/job.ts";
import { studioDeps } from "../../lib/domains/studio/service.ts";
import { decodeWav } from "../../lib/audio/wav.ts";
import { planSeconds, type SongPlan } from "../../lib/domains/studio/plan.ts";
import { TAIL_SECONDS } from "../../lib/domains/studio/synth/render.ts";
import { SONG_STAGES, SONG_STATUSES } from "../../lib/shared/song_states.ts";
import type { Song } from "../../lib/domains/studio/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const call = studioCall;

/** Runs the worker until the song is no longer queued or running. */
async function settle(app: TestApp, s: Session, id: string): Promise<Song> {
  for (let i = 0; i < 12; i++) {
    const { json } = await call(app, s, "GET", `/songs/${id}`);
    if (!["queued", "running"].includes(json.song.status)) return json.song;
    await app.platform.worker.runOnce();
  }
  throw new Error(`song ${id} did not settle`);
}

async function draft(app: TestApp, s: Session, prompt = "dreamy synth pop about the sea") {
  const made = await call(app, s, "POST", "/songs", { prompt });
  assertEquals(made.status, 202, JSON.stringify(made.json));
  assertEquals([made.json.song.status, made.json.song.stage], ["queued", "enhancing"]);
  const song = await settle(app, s, made.json.song.id);
  assertEquals(song.status, "draft");
  return song;
}

/** A short plan (12 s at 120 bpm) so the tests render quickly. */
function shortPlan(plan: SongPlan, vocals = true): SongPlan {
  return {
    ...plan,
    title: "Sea Glass",
    tempo_bpm: 120,
    time_signature: "4/4",
    vocals,
    structure: [{ name: "intro", bars: 2 }, { name: "verse", bars: 2 }, {
      name: "chorus",
      bars: 2,
    }],
  };
}

Deno.test({
  name: "studio - prompt → draft → edit → generate → done; files for the owner only",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "studio-me@example.com");
  const other = await signIn(app, "studio-other@example.com");
  const song = await draft(app, me);
  assert(song.plan, "the draft has its plan");

  const plan = shortPlan(song.plan!);
  const edited = await call(app, me, "PUT", `/songs/${song.id}/plan`, { plan });
  assertEquals(edited.status, 200, JSON.stringify(edited.json));
  assertEquals(edited.json.song.plan.title, "Sea Glass");
  assertEquals((await call(app, other, "GET", `/songs/${song.id}`)).status, 404);

  const gen = await call(app, me, "POST", `/songs/${song.id}/generate`);
  assertEquals(gen.status, 202, JSON.stringify(gen.json));
  assertEquals([gen.json.song.status, gen.json.song.stage], ["queued", "composing"]);
  assertEquals(gen.json.quota.used, 1);
  assertEquals((await call(app, me, "POST", `/songs/${song.id}/generate`)).status, 409);

  const events: { stage: string | null; status: string }[] = [];
  const stop = app.platform.realtime!.subscribe(
    `song:${song.id}`,
    (e) => events.push(e.payload as { stage: string | null; status: string }),
  );
  const done = await settle(app, me, song.id);
  await new Promise((r) => setTimeout(r, 50));
  stop();
  assertEquals(done.status, "done", done.error ?? "");
  assert(done.lyrics, "a song with vocals has lyrics");
  assertEquals(done.files.wav && done.files.mp3 && done.files.midi, true);
  assertEquals(done.files.stems, ["bass", "chords", "drums", "lead"]);
  assertEquals(done.peaks?.length, 800);
  assert(done.track_id, "a track row");
  const stages = events.map((e) => e.stage).filter((s, i, a) => s !== a[i - 1]);
  assertEquals(stages, ["composing", "rendering", "encoding", "uploading", null]);

  // Downloads: a redirect to a signed URL the owner (or anyone holding it) follows.
  const wav = await app.fetch(`/api/studio/songs/${song.id}/download?format=wav`, {
    headers: me.json,
  });
  assertEquals(wav.status, 302);
  const decoded = decodeWav(
    new Uint8Array(
      await (await app.fetch(
        new URL(wav.headers.get("location")!, app.url).pathname +
          new URL(wav.headers.get("location")!, app.url).search,
      )).arrayBuffer(),
    ),
  );
  const seconds = decoded.channels[0].length / decoded.sampleRate;
  assert(Math.abs(seconds - (planSeconds(plan) + TAIL_SECONDS)) < 0.05, `WAV is ${seconds} s`);
  const midi = await app.fetch(`/api/studio/songs/${song.id}/download?format=midi`, {
    headers: me.json,
  });
  const midiUrl = new URL(midi.headers.get("location")!, app.url);
  const bytes = new Uint8Array(
    await (await app.fetch(midiUrl.pathname + midiUrl.search)).arrayBuffer(),
  );
  assertEquals(new TextDecoder().decode(bytes.slice(0, 4)), "MThd");
  const stem = await app.fetch(`/api/studio/songs/${song.id}/download?format=stems&stem=drums`, {
    headers: me.json,
  });
  assertEquals(stem.status, 302);
  await stem.body?.cancel();
  assertEquals(
    (await call(app, me, "GET", `/songs/${song.id}/download?format=stems`)).json.error.field,
    "stem",
  );
  // A stranger: 404, and no URL; a forged token: 404.
  assertEquals(
    (await call(app, other, "GET", `/songs/${song.id}/download?format=wav`)).status,
    404,
  );
  const forged = await app.fetch(`${midiUrl.pathname}?token=1999999999.${"A".repeat(43)}`);
  assertEquals(forged.status, 404);
  await forged.body?.cancel();
  const direct = await app.fetch(
    `/storage/v1/object/authenticated/tracks/${me.userId}/${song.id}/song.wav`,
    { headers: { cookie: other.cookie } },
  );
  assertEquals(direct.status, 404);
  await direct.body?.cancel();

  // Library, rename, delete.
  const list = await call(app, me, "GET", "/songs?status=done&q=sea");
  assertEquals(list.json.items.map((s: Song) => s.id), [song.id]);
  assertEquals((await call(app, other, "GET", "/songs")).json.items, []);
  // Days made, UTC, both ends included; a backwards range is the end date's 400.
  const today = new Date().toISOString().slice(0, 10);
  const since = await call(app, me, "GET", `/songs?from=${today}&to=${today}`);
  assertEquals(since.json.items.map((s: Song) => s.id), [song.id]);
  assertEquals(since.json.items[0].files.stems, ["bass", "chords", "drums", "lead"]);
  assertEquals((await call(app, me, "GET", "/songs?to=2020-01-01")).json.items, []);
  const backwards = await call(app, me, "GET", `/songs?from=${today}&to=2020-01-01`);
  assertEquals([backwards.status, backwards.json.error.field], [400, "to"]);
  assertEquals((await call(app, me, "GET", "/songs?from=yesterday")).json.error.field, "from");
  const renamed = await call(app, me, "PATCH", `/songs/${song.id}`, { title: "Sea Glass (demo)" });
  assertEquals(renamed.json.song.title, "Sea Glass (demo)");
  assertEquals((await call(app, other, "DELETE", `/songs/${song.id}`)).status, 404);
  assertEquals((await call(app, me, "DELETE", `/songs/${song.id}`)).status, 204);
  assertEquals((await call(app, me, "GET", `/songs/${song.id}`)).status, 404);
  const left = await app.platform.db.asService((tx) =>
    tx.query("select 1 from storage.objects where bucket_id = 'tracks' and name like $1", [
      `%${song.id}%`,
    ])
  );
  assertEquals(left.length, 0, "the files are gone");
  assertEquals(
    (await call(app, me, "GET", "/quota")).json.quota.used,
    1,
    "a done song stays counted",
  );
});

Deno.test({
  name: "studio - cancel and a failing stage give the song back; 429 after 3 on free; bad plans",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "studio-quota@example.com");
  const a = await draft(app, me, "lo-fi beats");
  const plan = shortPlan(a.plan!, false);
  await call(app, me, "PUT", `/songs/${a.id}/plan`, { plan });

  // Bad plans: 400 naming the field, nothing stored.
  const bad = await call(app, me, "PUT", `/songs/${a.id}/plan`, {
    plan: { ...plan, tempo_bpm: 999 },
  });
  assertEquals([bad.status, bad.json.error.field], [400, "plan.tempo_bpm"]);
  const extra = await call(app, me, "PUT", `/songs/${a.id}/plan`, {
    plan: { ...plan, structure: [] },
  });
  assertEquals([extra.status, extra.json.error.field], [400, "plan.structure"]);
  assertEquals((await call(app, me, "GET", `/songs/${a.id}`)).json.song.plan.tempo_bpm, 120);

  // Cancel between stages: the song comes back, the running stage commits nothing.
  assertEquals((await call(app, me, "POST", `/songs/${a.id}/generate`)).json.quota.remaining, 2);
  await app.platform.worker.runOnce(); // composing → rendering queued
  const cancelled = await call(app, me, "POST", `/songs/${a.id}/cancel`);
  assertEquals([cancelled.json.song.status, cancelled.json.quota.remaining], ["cancelled", 3]);
  await app.platform.worker.runOnce();
  assertEquals((await call(app, me, "GET", `/songs/${a.id}`)).json.song.status, "cancelled");
  assertEquals((await call(app, me, "POST", `/songs/${a.id}/cancel`)).status, 409);

  // A stage that keeps failing: failed with a reason, the song given back (once).
  const b = await draft(app, me, "ambient drones");
  await call(app, me, "PUT", `/songs/${b.id}/plan`, { plan });
  assertEquals((await call(app, me, "POST", `/songs/${b.id}/generate`)).json.quota.remaining, 2);
  const deps = await studioDeps(app.platform);
  const broken = createWorker({
    db: app.platform.db,
    handlers: {
      generation: stagedJobsHandler([
        songJob(() =>
          Promise.resolve({
            ...deps,
            music: { name: "offline", generate: () => Promise.reject(new Error("boom")) },
          })
        ),
      ], { visibilityTimeout: 0 }),
    },
    maxAttempts: 2,
    log: () => {},
  });
  for (let i = 0; i < 4; i++) await broken.runOnce();
  const failed = (await call(app, me, "GET", `/songs/${b.id}`)).json;
  assertEquals([failed.song.status, failed.quota.remaining], ["failed", 3]);
  assertMatch(failed.song.error, /music could not be generated/);
  assert(!failed.song.error.includes("boom"), "no internals");

  // Three songs on free, then 429 with the reset date.
  const songs = [a, b, await draft(app, me, "punk"), await draft(app, me, "jazz")];
  for (const s of songs.slice(0, 3)) {
    const p = await call(app, me, "PUT", `/songs/${s.id}/plan`, { plan });
    assertEquals(p.status, 200);
    assertEquals((await call(app, me, "POST", `/songs/${s.id}/generate`)).status, 202);
  }
  await call(app, me, "PUT", `/songs/${songs[3].id}/plan`, { plan });
  const over = await call(app, me, "POST", `/songs/${songs[3].id}/generate`);
  assertEquals([over.status, over.json.error.field], [429, "quota"]);
  const now = new Date();
  assertEquals(
    over.json.resets_at,
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
  );
  assertEquals((await call(app, me, "GET", `/songs/${songs[3].id}`)).json.song.status, "draft");
});

Deno.test({
  name: "studio - the SQL checks know exactly the statuses and stages the code knows",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  assertEquals(
    await checkedValues(app, "public.songs", "songs_status_check"),
    new Set(SONG_STATUSES),
  );
  assertEquals(
    await checkedValues(app, "public.songs", "songs_stage_check"),
    new Set(["queued", "running", ...SONG_STAGES]),
  );
});
