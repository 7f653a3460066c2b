/**
 * Uploads of a user's own tracks over HTTP, offline (WORKER off; the tests drive the worker): WAV,
 * MP3, FLAC, Ogg Vorbis and Ogg Opus each become a `done` song with WAV, MP3 and peaks through the
 * job's encoding and uploading stages, spending no quota; empty, corrupt, cut-off, mislabelled,
 * too long and too large files are refused naming `file` and leave no row and no object; another
 * user sees and downloads nothing; the page form and functions/studio take uploads too.
 * Fixtures: tests/fixtures/audio/README.md.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { type Session, signIn } from "../_fakes/dj_session.ts";
import { encodeWav } from "../../lib/audio/wav.ts";
import { encodeMp3 } from "../../lib/audio/mp3.ts";
import { decodeAudio } from "../../lib/audio/decode.ts";
import { UPLOAD_BODY_LIMIT, UPLOAD_MAX_BYTES } from "../../lib/domains/studio/uploads.ts";
import type { Song } from "../../lib/domains/studio/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const CSRF = "csrf-token-for-dj-tests-0123456789";
const SR = 44100;

const tone = (hz: number, seconds: number, sr = SR) =>
  Float32Array.from(
    { length: Math.round(seconds * sr) },
    (_, i) => 0.4 * Math.sin(2 * Math.PI * hz * i / sr),
  );
const fixture = (name: string) =>
  Deno.readFile(new URL(`../fixtures/audio/${name}`, import.meta.url));

function form(bytes: Uint8Array | string, name: string, fields: Record<string, string> = {}) {
  const f = new FormData();
  f.set("file", new File([bytes as BlobPart], name));
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** POST /api/studio/uploads as `s` (cookie + CSRF header; fetch sets the multipart type). */
async function upload(app: TestApp, s: Session, body: BodyInit, headers: HeadersInit = {}) {
  const res = await app.fetch("/api/studio/uploads", {
    method: "POST",
    headers: { cookie: s.cookie, "x-csrf-token": CSRF, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function getSong(app: TestApp, s: Session, id: string) {
  const res = await app.fetch(`/api/studio/songs/${id}`, { headers: s.json });
  return { status: res.status, json: await res.json() };
}

async function settle(app: TestApp, s: Session, id: string): Promise<Song> {
  for (let i = 0; i < 12; i++) {
    const { json } = await getSong(app, s, id);
    if (!["queued", "running"].includes(json.song.status)) return json.song;
    await app.platform.worker.runOnce();
  }
  throw new Error(`upload ${id} did not settle`);
}

/** Songs and `tracks` objects in the whole database. */
async function stored(app: TestApp): Promise<{ songs: number; objects: number }> {
  return await app.platform.db.asService(async (tx) => {
    const [r] = await tx.query<{ songs: number; objects: number }>(
      `select (select count(*)::int from public.songs) as songs,
              (select count(*)::int from storage.objects where bucket_id = 'tracks') as objects`,
    );
    return r;
  });
}

/** A raw request declaring a body over the cap and sending none: the status line it gets. */
async function declaredTooLong(app: TestApp, s: Session): Promise<string> {
  const url = new URL(app.url);
  const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port) });
  try {
    await conn.write(new TextEncoder().encode(
      `POST /api/studio/uploads HTTP/1.1\r\nhost: ${url.host}\r\ncookie: ${s.cookie}\r\n` +
        `x-csrf-token: ${CSRF}\r\ncontent-type: multipart/form-data; boundary=x\r\n` +
        `content-length: ${UPLOAD_BODY_LIMIT + 1}\r\n\r\n`,
    ));
    const buf = new Uint8Array(256);
    const n = await conn.read(buf);
    return new TextDecoder().decode(buf.subarray(0, n ?? 0)).split("\r\n")[0];
  } finally {
    conn.close();
  }
}

/** The file a download link leads to. */
async function download(app: TestApp, s: Session, id: string, format: string) {
  const res = await app.fetch(`/api/studio/songs/${id}/download?format=${format}`, {
    headers: s.json,
  });
  if (res.status !== 302) return { status: res.status, bytes: null };
  const url = new URL(res.headers.get("location")!, app.url);
  const file = await app.fetch(url.pathname + url.search);
  return { status: 302, bytes: new Uint8Array(await file.arrayBuffer()) };
}

Deno.test(
  { name: "uploads - every format becomes a done song with WAV, MP3 and peaks", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "upload-me@example.com");
    const other = await signIn(app, "upload-other@example.com");
    const files: [string, Uint8Array, number][] = [
      ["take.wav", encodeWav([tone(440, 1), tone(660, 1)], SR), 1],
      ["take.mp3", encodeMp3(tone(440, 1), tone(660, 1), SR, 128), 1],
      ["take.flac", await fixture("tone.flac"), 1],
      ["take.ogg", await fixture("tone-vorbis.ogg"), 1.5],
      ["take.opus", await fixture("tone-opus.ogg"), 1.5],
    ];
    for (const [name, bytes, seconds] of files) {
      const title: Record<string, string> = name === "take.wav" ? { title: "First take" } : {};
      const made = await upload(app, me, form(bytes, name, title));
      assertEquals(made.status, 202, `${name}: ${JSON.stringify(made.json)}`);
      const song: Song = made.json.song;
      assertEquals(
        [song.source, song.original_name, song.prompt, song.plan, song.status, song.stage],
        ["upload", name, null, null, "queued", "encoding"],
      );
      assertEquals(song.title, name === "take.wav" ? "First take" : "take");
      assertEquals(made.json.quota.used, 0, "an upload spends no song");
      assertEquals(song.peaks?.length, 800, "the peaks are there at once");

      const done = await settle(app, me, song.id);
      assertEquals(done.status, "done", `${name}: ${done.error}`);
      assertEquals([done.files.wav, done.files.mp3, done.files.midi], [true, true, false]);
      assertEquals(done.peaks?.length, 800);
      assert(done.track_id, "a track row, as a generated song has");
      assert(Math.abs(done.duration_ms! - seconds * 1000) < 100, `${name}: ${done.duration_ms} ms`);

      const wav = await download(app, me, song.id, "wav");
      const mp3 = await download(app, me, song.id, "mp3");
      for (const [f, got] of [["wav", wav], ["mp3", mp3]] as const) {
        const back = await decodeAudio(got.bytes!, { maxSeconds: 600 });
        assertEquals(back.format, f);
        assert(Math.abs(back.seconds - seconds) < 0.1, `${name} → ${f}: ${back.seconds} s`);
      }
      // Another user: no song, no file.
      assertEquals((await getSong(app, other, song.id)).status, 404);
      assertEquals((await download(app, other, song.id, "wav")).status, 404);
      assertEquals((await download(app, other, song.id, "mp3")).status, 404);
    }
    const list = await app.fetch("/api/studio/songs?q=take", { headers: me.json });
    assertEquals((await list.json()).items.length, files.length, "the file name is searchable");
    const theirs = await app.fetch("/api/studio/songs", { headers: other.json });
    assertEquals((await theirs.json()).items.length, 0);
    const quota = await app.fetch("/api/studio/quota", { headers: me.json });
    assertEquals((await quota.json()).quota.used, 0);
  },
);

Deno.test(
  { name: "uploads - refused files get a 4xx naming the field and store nothing", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "upload-bad@example.com");
    const before = await stored(app);
    const wav = encodeWav([tone(440, 0.5)], SR);
    const mp3 = encodeMp3(tone(440, 1), tone(440, 1), SR, 128);
    const png = Uint8Array.from([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      13,
      73,
      72,
    ]);
    const badFrames = new Uint8Array(30000).map((_, i) => (i * 7919 + 13) & 0xff);
    badFrames.set([0xff, 0xfb, 0x90, 0x44]);
    const unreadable = /^This file is not audio we can read: upload WAV, MP3, FLAC or OGG$/;
    const cases: [string, FormData, number, string, RegExp][] = [
      ["empty", form(new Uint8Array(), "empty.wav"), 400, "file", /empty/],
      ["a PNG named .mp3", form(png, "cover.mp3"), 400, "file", unreadable],
      ["a text file", form("just some words\n", "notes.wav"), 400, "file", unreadable],
      ["a cut-off WAV", form(wav.slice(0, wav.length - 5000), "cut.wav"), 400, "file", unreadable],
      ["a cut-off MP3", form(mp3.slice(0, 300), "cut.mp3"), 400, "file", unreadable],
      [
        "a cut-off FLAC",
        form((await fixture("tone.flac")).slice(0, 9000), "cut.flac"),
        400,
        "file",
        unreadable,
      ],
      ["MP3 frames that do not decode", form(badFrames, "noise.mp3"), 400, "file", unreadable],
      [
        "over 10 minutes",
        form(encodeWav([new Float32Array(8000 * 603)], 8000), "long.wav"),
        422,
        "file",
        /^The track is 10 min 3 s long: the limit is 10 minutes$/,
      ],
      [
        "no file",
        (() => {
          const f = new FormData();
          f.set("title", "Nothing");
          return f;
        })(),
        400,
        "file",
        /Choose an audio file/,
      ],
      [
        "a blank-but-long title",
        form(wav, "ok.wav", { title: "x".repeat(121) }),
        400,
        "title",
        /Title/,
      ],
      [
        "an unknown field",
        form(wav, "ok.wav", { owner_id: "someone" }),
        400,
        "owner_id",
        /Unknown/,
      ],
    ];
    for (const [what, body, status, field, message] of cases) {
      const res = await upload(app, me, body);
      assertEquals(
        [res.status, res.json.error.field],
        [status, field],
        `${what}: ${JSON.stringify(res.json)}`,
      );
      assertMatch(res.json.error.message, message, what);
    }
    // Over 50 MB: the file (413 `file`), and a body past the cap, refused from its length unread.
    const big = await upload(app, me, form(new Uint8Array(UPLOAD_MAX_BYTES + 1), "big.wav"));
    assertEquals([big.status, big.json.error.field], [413, "file"]);
    assertMatch(big.json.error.message, /the limit is 50 MB/);
    // A declared length past the cap: answered before any of the body is sent.
    assertMatch(await declaredTooLong(app, me), /^HTTP\/1\.1 413/);
    // A streamed body (no length) is cut off at the cap.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > UPLOAD_BODY_LIMIT) return c.close();
        sent += 1024 * 1024;
        c.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const streamed = await app.fetch("/api/studio/uploads", {
      method: "POST",
      headers: {
        cookie: me.cookie,
        "x-csrf-token": CSRF,
        "content-type": "multipart/form-data; boundary=x",
      },
      body: stream,
    }).catch(() => null); // the server may close the connection before reading the rest
    if (streamed) {
      assertEquals(streamed.status, 413);
      await streamed.body?.cancel();
    }
    // Not multipart: 415.
    const json = await upload(app, me, JSON.stringify({ file: "x" }), {
      "content-type": "application/json",
    });
    assertEquals([json.status, json.json.error.field], [415, "content-type"]);
    assertEquals(await stored(app), before, "no row and no object from any refused upload");
    const anon = await app.fetch("/api/studio/uploads", {
      method: "POST",
      body: form(wav, "a.wav"),
    });
    assert([401, 403].includes(anon.status), `signed out: ${anon.status}`); // CSRF or sign-in
    await anon.body?.cancel();
    assertEquals(await stored(app), before);
  },
);

Deno.test(
  { name: "uploads - the page form without JavaScript, and functions/studio", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "upload-page@example.com");
    const library = await app.fetch("/studio/library", { headers: { cookie: me.cookie } });
    const html = await library.text();
    assertMatch(html, /enctype="multipart\/form-data"/);
    assertMatch(html, /<label for="f-file"[^>]*>Audio file/);
    assertMatch(html, /up to 50 MB and 10 minutes/);
    assertMatch(html, /do not count against your songs/);

    const post = (body: FormData) =>
      app.fetch("/studio/upload", { method: "POST", headers: { cookie: me.cookie }, body });
    const before = await stored(app);
    const bad = form("not audio", "song.mp3", { _csrf: CSRF, title: "Kept" });
    const refused = await post(bad);
    assertEquals(refused.status, 400);
    const page = await refused.text();
    assertMatch(page, /id="f-file-error"[^>]*>This file is not audio we can read/);
    assertMatch(page, /aria-invalid="true"/);
    assertMatch(page, /value="Kept"/);
    assertEquals(await stored(app), before);

    const ok = await post(form(encodeWav([tone(440, 0.5)], SR), "demo.wav", { _csrf: CSRF }));
    assertEquals(ok.status, 303);
    const location = ok.headers.get("location")!;
    assertMatch(location, /^\/studio\/songs\/[0-9a-f-]{36}$/);
    await ok.body?.cancel();
    const id = location.split("/").pop()!;
    const shown = await app.fetch(location, { headers: { cookie: me.cookie } });
    assertMatch(await shown.text(), /demo/);
    assertEquals((await settle(app, me, id)).status, "done");

    // The Edge Function takes the same multipart body with a bearer token.
    const fn = await app.fetch("/functions/v1/studio", {
      method: "POST",
      headers: { authorization: `Bearer ${me.accessToken}` },
      body: form(await fixture("tone-vorbis.ogg"), "fn.ogg"),
    });
    const body = await fn.json();
    assertEquals(fn.status, 202, JSON.stringify(body));
    assertEquals([body.song.source, body.song.stage], ["upload", "encoding"]);
    const junk = await app.fetch("/functions/v1/studio", {
      method: "POST",
      headers: { authorization: `Bearer ${me.accessToken}` },
      body: form("junk", "fn.flac"),
    });
    assertEquals([junk.status, (await junk.json()).error.field], [400, "file"]);
  },
);
