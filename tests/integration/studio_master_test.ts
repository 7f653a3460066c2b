/**
 * Mastering and the hit meter over HTTP, offline (WORKER off; the tests drive the worker): an
 * uploaded track is mastered with a preset through the API and the `mastering` job: done, its
 * WAV and MP3 in the bucket, the WAV measuring within ±0.5 LU of the target and under the
 * ceiling; the history keeps every master; a reference song of another user is a 404 naming
 * `reference`, bad settings a 400 naming the field; the meter's report is reused for the same
 * audio version; another user reads, downloads and starts nothing of it; deleting the song
 * removes its masters' files.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { studioCall } from "../_helpers/studio.ts";
import { type Session, signIn } from "../_fakes/dj_session.ts";
import { decodeWav, encodeWav } from "../../lib/audio/wav.ts";
import { measureLoudness } from "../../lib/audio/loudness.ts";
import { FEATURE_NAMES } from "../../lib/domains/studio/meter/insights_task.ts";
import type { Song } from "../../lib/domains/studio/types.ts";
import type { Master } from "../../lib/domains/studio/master/types.ts";
import type { Meter } from "../../lib/domains/studio/meter/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const CSRF = "csrf-token-for-dj-tests-0123456789";
const SR = 44100;

/** Eight seconds of something song-like and quiet: a chord with kick-like bursts (−25 LUFS or so). */
function track(seconds = 8, seed = 7): Float32Array[] {
  const n = seconds * SR;
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const noise = x / 1073741824 - 1;
    const t = i / SR;
    const beat = (t % 0.5) / 0.5;
    const chord = [110, 220, 277, 330].reduce((a, f) => a + Math.sin(2 * Math.PI * f * t), 0);
    const hit = Math.exp(-beat * 30) * (0.5 * Math.sin(2 * Math.PI * 55 * t) + 0.1 * noise);
    l[i] = 0.02 * chord + hit * 0.5;
    r[i] = 0.02 * chord * 0.9 + hit * 0.45 + 0.005 * noise;
  }
  return [l, r];
}

const call = studioCall;

/** A page's form as a browser posts it (the session's cookie and CSRF token). */
async function pagePost(app: TestApp, s: Session, path: string, fields: Record<string, string>) {
  const res = await app.fetch(path, {
    method: "POST",
    headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: CSRF, ...fields }),
  });
  return { status: res.status, text: await res.text() };
}

/** Runs the worker until `done` answers true. */
async function until(app: TestApp, done: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 20; i++) {
    if (await done()) return;
    await app.platform.worker.runOnce();
  }
  throw new Error(`never settled: ${what}`);
}

/** A finished song of `s` from an uploaded WAV. */
async function uploaded(app: TestApp, s: Session, title: string, seed: number): Promise<Song> {
  const f = new FormData();
  f.set("file", new File([encodeWav(track(8, seed), SR) as BlobPart], `${title}.wav`));
  f.set("title", title);
  const res = await app.fetch("/api/studio/uploads", {
    method: "POST",
    headers: { cookie: s.cookie, "x-csrf-token": CSRF },
    body: f,
  });
  assertEquals(res.status, 202);
  const { song } = await res.json() as { song: Song };
  let now = song;
  await until(app, async () => {
    now = (await call(app, s, "GET", `/songs/${song.id}`)).json.song;
    return now.status === "done";
  }, "the upload");
  return now;
}

async function fetchFile(app: TestApp, s: Session, path: string): Promise<Response> {
  const res = await app.fetch(path, { headers: s.json });
  assertEquals(res.status, 302, path);
  const to = new URL(res.headers.get("location")!, app.url);
  return await app.fetch(to.pathname + to.search);
}

const PRESET = {
  target_lufs: -14,
  ceiling_dbtp: -1,
  intensity: 1,
  reference: { kind: "preset", genre: "pop" },
};

Deno.test({
  name: "studio master - a preset master, the meter, and what others cannot do",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "master-me@example.com");
  const other = await signIn(app, "master-other@example.com");
  const song = await uploaded(app, me, "Quiet Demo", 7);
  const theirs = await uploaded(app, other, "Their Song", 9);

  const presets = await call(app, me, "GET", "/master/presets");
  assertEquals(presets.status, 200);
  assert(presets.json.genres.includes("pop"), JSON.stringify(presets.json));
  assertEquals(presets.json.targets.map((t: { lufs: number }) => t.lufs), [-14, -16, -9]);

  // Refusals name the field and write nothing.
  const bad = await call(app, me, "POST", `/songs/${song.id}/master`, {
    settings: { ...PRESET, target_lufs: -40 },
  });
  assertEquals([bad.status, bad.json.error.field], [400, "settings.target_lufs"]);
  const badGenre = await call(app, me, "POST", `/songs/${song.id}/master`, {
    settings: { ...PRESET, reference: { kind: "preset", genre: "polka" } },
  });
  assertEquals([badGenre.status, badGenre.json.error.field], [400, "settings.reference.genre"]);
  const stranger = await call(app, me, "POST", `/songs/${song.id}/master`, {
    settings: { ...PRESET, reference: { kind: "song", song_id: theirs.id } },
  });
  assertEquals([stranger.status, stranger.json.error.field], [404, "reference"]);
  assertEquals(
    (await call(app, other, "POST", `/songs/${song.id}/master`, { settings: PRESET }))
      .status,
    404,
  );
  assertEquals((await call(app, me, "GET", `/songs/${song.id}/masters`)).json.items, []);

  // A preset master through the worker, its progress live on its own topic.
  const made = await call(app, me, "POST", `/songs/${song.id}/master`, { settings: PRESET });
  assertEquals(made.status, 202, JSON.stringify(made.json));
  const queued = made.json.master as Master;
  assertEquals([queued.status, queued.stage, queued.audio_version], ["queued", "analysing", 1]);
  const events: { stage: string | null }[] = [];
  const stop = app.platform.realtime!.subscribe(
    `master:${queued.id}`,
    (e) => events.push(e.payload as { stage: string | null }),
  );
  let master = queued;
  await until(app, async () => {
    master = (await call(app, me, "GET", `/songs/${song.id}/masters/${queued.id}`)).json.master;
    return master.status !== "queued" && master.status !== "running";
  }, "the master");
  await new Promise((r) => setTimeout(r, 50));
  stop();
  assertEquals(master.status, "done", master.error ?? "");
  const stages = events.map((e) => e.stage).filter((s, i, a) => s !== a[i - 1]);
  assertEquals(stages, ["analysing", "mastering", "encoding", "uploading", null]);
  const report = master.report!;
  assert(Math.abs(report.after.integrated_lufs! + 14) <= 0.5, `${report.after.integrated_lufs}`);
  assert(report.after.true_peak_dbtp! <= -1 + 1e-6, `${report.after.true_peak_dbtp}`);
  assert(report.before.integrated_lufs! < -20, `${report.before.integrated_lufs}`);
  assertEquals(
    report.platforms.find((p) => p.platform === "Spotify")?.change_db !== undefined,
    true,
  );
  assertEquals(master.files, { wav: true, mp3: true });

  // The files measure what the report says (the WAV), and the MP3 is one.
  const wav = decodeWav(
    new Uint8Array(
      await (await fetchFile(
        app,
        me,
        `/api/studio/songs/${song.id}/masters/${master.id}/download?format=wav`,
      ))
        .arrayBuffer(),
    ),
  );
  const measured = measureLoudness(wav.channels, wav.sampleRate);
  assert(Math.abs(measured.integrated_lufs! + 14) <= 0.5, `WAV at ${measured.integrated_lufs}`);
  assert(measured.true_peak_dbtp! <= -1 + 0.05, `WAV peaks at ${measured.true_peak_dbtp}`);
  const mp3 = await fetchFile(
    app,
    me,
    `/api/studio/songs/${song.id}/masters/${master.id}/download`,
  );
  assertEquals(mp3.headers.get("content-type"), "audio/mpeg");
  assert((await mp3.arrayBuffer()).byteLength > 10_000);
  const objects = await app.platform.db.asService((tx) =>
    tx.query<{ name: string }>(
      "select name from storage.objects where bucket_id = 'tracks' and name like $1 order by name",
      [`%/master-${master.id}.%`],
    )
  );
  assertEquals(objects.map((o) => o.name.split("/").at(-1)), [
    `master-${master.id}.mp3`,
    `master-${master.id}.wav`,
  ]);

  // Another master against my own other song: the history keeps both, newest first.
  const mine = await uploaded(app, me, "My Reference", 11);
  const second = await call(app, me, "POST", `/songs/${song.id}/master`, {
    settings: { ...PRESET, target_lufs: -16, reference: { kind: "song", song_id: mine.id } },
  });
  assertEquals(second.status, 202, JSON.stringify(second.json));
  const list = await call(app, me, "GET", `/songs/${song.id}/masters`);
  assertEquals(list.json.items.map((m: Master) => m.id), [second.json.master.id, master.id]);
  assertEquals(list.json.items[0].reference_title, "My Reference");
  // Cancelling it on its page: the disclosure says what follows; a post without its
  // confirm=yes is a 428 that leaves the master running; with it, cancelled.
  const page = `/studio/songs/${song.id}/master`;
  const mid = second.json.master.id as string;
  const shown = await (await app.fetch(`${page}?master=${mid}`, { headers: { cookie: me.cookie } }))
    .text();
  assert(/data-testid="master-cancel"[\s\S]*does not count against/.test(shown), "consequences");
  const statusOf = async () =>
    ((await call(app, me, "GET", `/songs/${song.id}/masters`)).json.items as Master[])
      .find((m) => m.id === mid)?.status;
  const bare = await pagePost(app, me, page, { intent: "cancel", mid });
  assertEquals(bare.status, 428);
  assert(bare.text.includes("Nothing changed"), bare.text);
  assertEquals(await statusOf(), "queued", "still mastering");
  const cancelled = await pagePost(app, me, page, { intent: "cancel", mid, confirm: "yes" });
  assertEquals(cancelled.status, 303);
  assertEquals(await statusOf(), "cancelled");

  // Another user: nothing to read, download or cancel.
  for (
    const path of [
      `/songs/${song.id}/masters`,
      `/songs/${song.id}/masters/${master.id}`,
      `/songs/${song.id}/masters/${master.id}/download?format=wav`,
      `/songs/${theirs.id}/masters/${master.id}`,
      `/songs/${song.id}/meter`,
    ]
  ) {
    assertEquals((await call(app, other, "GET", path)).status, 404, path);
  }
  assertEquals((await call(app, other, "POST", `/songs/${song.id}/meter`)).status, 404);
  assertEquals(
    (await call(app, other, "POST", `/songs/${song.id}/masters/${master.id}/cancel`)).status,
    404,
  );

  // The hit meter: measured once per version of the audio, reused when asked again.
  assertEquals((await call(app, me, "GET", `/songs/${song.id}/meter`)).json.meter, null);
  const asked = await call(app, me, "POST", `/songs/${song.id}/meter`);
  assertEquals(asked.status, 202, JSON.stringify(asked.json));
  let meter = asked.json.meter as Meter;
  await until(app, async () => {
    meter = (await call(app, me, "GET", `/songs/${song.id}/meter`)).json.meter;
    return meter.status === "done" || meter.status === "failed";
  }, "the meter");
  assertEquals(meter.status, "done", meter.error ?? "");
  const r = meter.report!;
  assert(r.score.overall >= 0 && r.score.overall <= 100);
  assertEquals(r.insights_source, "offline");
  assert(r.insights.length > 0, "insights written");
  for (const i of r.insights) {
    assert(i.cites.every((c) => (FEATURE_NAMES as string[]).includes(c)), JSON.stringify(i));
  }
  const again = await call(app, me, "POST", `/songs/${song.id}/meter`);
  assertEquals([again.status, again.json.meter.id, again.json.meter.status], [
    202,
    meter.id,
    "done",
  ]);
  const queuedMeters = await app.platform.db.asService((tx) =>
    tx.query<{ n: number }>("select count(*)::int as n from public.song_meters")
  );
  assertEquals(queuedMeters[0].n, 1, "the same audio is not measured twice");

  // Deleting the song takes its masters' files with it.
  assertEquals((await call(app, me, "DELETE", `/songs/${song.id}`)).status, 204);
  const left = await app.platform.db.asService((tx) =>
    tx.query("select 1 from storage.objects where name like $1", [`%/${song.id}/%`])
  );
  assertEquals(left.length, 0);
});

Deno.test(
  { name: "studio master - a song not finished is neither mastered nor scored", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "master-draft@example.com");
    const made = await call(app, me, "POST", "/songs", { prompt: "a slow folk song" });
    const id = made.json.song.id;
    const m = await call(app, me, "POST", `/songs/${id}/master`, { settings: PRESET });
    assertEquals([m.status, m.json.error.field], [409, "status"]);
    const s = await call(app, me, "POST", `/songs/${id}/meter`);
    assertEquals([s.status, s.json.error.field], [409, "status"]);
    const unknown = await call(app, me, "POST", `/songs/${id}/master`, {
      settings: { loud: true },
    });
    assertEquals([unknown.status, unknown.json.error.field], [400, "settings.loud"]);
  },
);
