/**
 * Portfolio media over the JSON API (issue 17 item 5): photos, audio and video are told apart by
 * their bytes and listed in order for anyone; a PNG renamed .mp3 is refused; oversize is refused
 * early (a declared length at once, a streamed body at the cap, a photo past its own limit); no
 * musician profile is a 403 and a full portfolio a 409; captions and order are the owner's; a
 * deleted item loses its file and leaves the applications it was sent with. No refusal leaves a
 * row or an object. Pages: tests/integration/media_pages_test.ts.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, bearer, gigBody, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import { mediaFixture, mediaForm, musicianWithProfile, toneWav } from "../_helpers/media.ts";
import { mp4Bytes } from "../fixtures/media/video.ts";
import { MEDIA_BODY_LIMIT, MEDIA_MAX_BYTES } from "../../lib/domains/media/limits.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function post(
  app: TestApp,
  who: Person,
  body: BodyInit,
  headers: Record<string, string> = {},
) {
  const res = await app.fetch("/api/media", {
    method: "POST",
    headers: { ...bearer(who.token), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Media rows and `media` objects in the whole database. */
async function stored(app: TestApp): Promise<{ rows: number; objects: number }> {
  const [r] = await app.platform.db.driver.query<{ rows: number; objects: number }>(
    `select (select count(*)::int from public.media) as rows,
            (select count(*)::int from storage.objects where bucket_id = 'media') as objects`,
  );
  return r;
}

/** A raw request declaring a body past the cap and sending none of it: the status line. */
async function declaredTooLong(app: TestApp, who: Person): Promise<string> {
  const url = new URL(app.url);
  const conn = await Deno.connect({ hostname: url.hostname, port: Number(url.port) });
  try {
    await conn.write(new TextEncoder().encode(
      `POST /api/media HTTP/1.1\r\nhost: ${url.host}\r\nauthorization: Bearer ${who.token}\r\n` +
        `content-type: multipart/form-data; boundary=x\r\ncontent-length: ${
          MEDIA_BODY_LIMIT + 1
        }\r\n\r\n`,
    ));
    const buf = new Uint8Array(256);
    const n = await conn.read(buf);
    return new TextDecoder().decode(buf.subarray(0, n ?? 0)).split("\r\n")[0];
  } finally {
    conn.close();
  }
}

Deno.test({ name: "media - each kind from its bytes, in order, public", ...opts }, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const maya = await musicianWithProfile(app, "Maya");
  const photo = await post(
    app,
    maya,
    mediaForm(mediaFixture("tiny.png"), "stage.png", { caption: "On stage" }),
  );
  assertEquals(photo.status, 201, JSON.stringify(photo.json));
  assertEquals(
    [
      photo.json.kind,
      photo.json.content_type,
      photo.json.width,
      photo.json.height,
      photo.json.caption,
    ],
    ["photo", "image/png", 2, 2, "On stage"],
  );
  const track = await post(
    app,
    maya,
    mediaForm(toneWav(), "take.wav", { kind: "audio" }, "audio/wav"),
  );
  assertEquals(track.status, 201, JSON.stringify(track.json));
  assertEquals([track.json.kind, track.json.duration_ms, track.json.peaks.length], [
    "audio",
    1000,
    160,
  ]);
  const clip = await post(app, maya, mediaForm(mp4Bytes(), "live.mp4", {}, "video/mp4"));
  assertEquals([clip.status, clip.json.kind, clip.json.content_type], [201, "video", "video/mp4"]);
  for (const name of ["tiny.jpg", "tiny.webp", "tiny.gif"]) {
    const r = await post(app, maya, mediaForm(mediaFixture(name), name));
    assertEquals([r.status, r.json.kind], [201, "photo"], name);
  }

  // Anyone reads the portfolio, in order, and the files behind it.
  const list = await app.fetch(`/api/media?owner=${maya.id}`);
  const body = await list.json();
  assertEquals(list.status, 200);
  assertEquals(body.items.map((m: { position: number }) => m.position), [1, 2, 3, 4, 5, 6]);
  assertEquals(body.items[0].id, photo.json.id);
  const file = await app.fetch(body.items[0].url);
  assertEquals(new Uint8Array(await file.arrayBuffer()), mediaFixture("tiny.png"));
  const audioOnly = await (await app.fetch(`/api/media?owner=${maya.id}&kind=audio`)).json();
  assertEquals(audioOnly.items.map((m: { id: string }) => m.id), [track.json.id]);
  const bad = await app.fetch("/api/media?owner=nope");
  assertEquals([bad.status, (await bad.json()).error.field], [400, "owner"]);
});

Deno.test(
  { name: "media - a PNG renamed .mp3 is refused; oversize is refused early", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const maya = await musicianWithProfile(app, "Maya");
    const before = await stored(app);
    const png = mediaFixture("tiny.png");
    const cases: [string, FormData, number, string, RegExp][] = [
      [
        "renamed .mp3",
        mediaForm(png, "song.mp3"),
        415,
        "file",
        /^This file is a PNG image, not audio$/,
      ],
      [
        "declared audio",
        mediaForm(png, "x.png", { kind: "audio" }),
        415,
        "file",
        /PNG image, not audio/,
      ],
      ["typed audio/mpeg", mediaForm(png, "x", {}, "audio/mpeg"), 415, "file", /not audio/],
      [
        "WAV as a photo",
        mediaForm(toneWav(), "me.jpg"),
        415,
        "file",
        /WAV audio file, not a photo/,
      ],
      [
        "text",
        mediaForm(new TextEncoder().encode("hello there"), "a.txt"),
        415,
        "file",
        /not a file we can show/,
      ],
      ["empty", mediaForm(new Uint8Array(), "a.png"), 400, "file", /empty/],
      [
        "broken MP3",
        mediaForm(Uint8Array.of(0xff, 0xfb, 0x90, 0x64, 1, 2, 3), "a.mp3"),
        400,
        "file",
        /not audio we can read/,
      ],
      ["caption", mediaForm(png, "a.png", { caption: "x".repeat(501) }), 400, "caption", /500/],
      ["kind", mediaForm(png, "a.png", { kind: "midi" }), 400, "kind", /photo, audio or video/],
      [
        "unknown field",
        mediaForm(png, "a.png", { owner_id: "x" }),
        400,
        "owner_id",
        /Unknown field/,
      ],
    ];
    // Past a kind's own limit: a photo over 10 MB (the body is within the route's 50 MB).
    const big = new Uint8Array(MEDIA_MAX_BYTES.photo + 1);
    big.set(png);
    cases.push([
      "photo over 10 MB",
      mediaForm(big, "big.png"),
      413,
      "file",
      /the limit is 10\.0 MB/,
    ]);
    for (const [what, form, status, field, message] of cases) {
      const r = await post(app, maya, form);
      assertEquals(
        [r.status, r.json?.error?.field],
        [status, field],
        `${what}: ${JSON.stringify(r.json)}`,
      );
      assertMatch(r.json.error.message, message, what);
    }
    // A declared length past the cap is answered before any of the body is sent.
    assertMatch(await declaredTooLong(app, maya), /^HTTP\/1\.1 413/);
    // A streamed body (no length, or a lying one) is cut off at the cap.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > MEDIA_BODY_LIMIT) return c.close();
        sent += 1024 * 1024;
        c.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const streamed = await app.fetch("/api/media", {
      method: "POST",
      headers: { ...bearer(maya.token), "content-type": "multipart/form-data; boundary=x" },
      body: stream,
    }).catch(() => null); // the server may close the connection before reading the rest
    if (streamed) {
      assertEquals(streamed.status, 413);
      await streamed.body?.cancel();
    }
    assert(
      sent <= MEDIA_BODY_LIMIT + 2 * 1024 * 1024,
      `read ${sent} bytes of a stream past the cap`,
    );
    const json = await post(app, maya, JSON.stringify({ file: "x" }), {
      "content-type": "application/json",
    });
    assertEquals([json.status, json.json.error.field], [415, "content-type"]);
    assertEquals(await stored(app), before, "no row and no object from any refused upload");
  },
);

Deno.test({ name: "media - who may upload, and the cap", ...opts }, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const png = () => mediaForm(mediaFixture("tiny.png"), "a.png");
  const bare = await signUpPerson(app, "Lee", "musician"); // no musician profile yet
  const client = await signUpPerson(app, "Bruno", "client");
  for (const who of [bare, client]) {
    const r = await post(app, who, png());
    assertEquals([r.status, r.json.error.field], [403, "musician_profile"], who.name);
  }
  const anon = await app.fetch("/api/media", { method: "POST", body: png() });
  assert([401, 403].includes(anon.status), `signed out: ${anon.status}`); // sign-in or CSRF
  await anon.body?.cancel();

  const maya = await musicianWithProfile(app, "Maya");
  await app.platform.db.driver.query(
    `insert into public.media (owner_id, kind, path, content_type)
     select $1::uuid, 'photo', $1 || '/seed-' || n || '.png', 'image/png' from generate_series(1, 30) n`,
    [maya.id],
  );
  const before = await stored(app);
  const full = await post(app, maya, png());
  assertEquals([full.status, full.json.error.field], [409, "file"]);
  assertMatch(full.json.error.message, /portfolio is full/);
  assertEquals(await stored(app), before, "nothing stored past the cap");
});

Deno.test({ name: "media - captions, order and deletion are the owner's", ...opts }, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const maya = await musicianWithProfile(app, "Maya");
  const sam = await musicianWithProfile(app, "Sam");
  const client = await signUpPerson(app, "Bruno", "client");
  const ids: string[] = [];
  for (const name of ["tiny.png", "tiny.jpg", "tiny.gif"]) {
    ids.push(
      String(
        (await apiCall(app, maya, "POST", "/api/media", mediaForm(mediaFixture(name), name), 201))
          .id,
      ),
    );
  }
  const moved = await apiCall(app, maya, "PATCH", `/api/media/${ids[2]}`, {
    caption: "  Live at the Blue Door ",
    position: 1,
  }, 200);
  assertEquals([moved.position, moved.caption], [1, "Live at the Blue Door"]);
  const order = async () =>
    (await (await app.fetch(`/api/media?owner=${maya.id}`)).json()).items.map((m: { id: string }) =>
      m.id
    );
  assertEquals(await order(), [ids[2], ids[0], ids[1]]);
  assertEquals(
    (await apiCall(app, maya, "PATCH", `/api/media/${ids[2]}`, { caption: "" }, 200)).caption,
    null,
  );
  await apiCall(app, maya, "PATCH", `/api/media/${ids[2]}`, {}, 400);
  await apiCall(app, maya, "PATCH", `/api/media/${ids[2]}`, { position: 0 }, 400);
  // Another musician finds nothing to change.
  await apiCall(app, sam, "PATCH", `/api/media/${ids[0]}`, { caption: "Mine" }, 404);
  await apiCall(app, sam, "DELETE", `/api/media/${ids[0]}`, undefined, 404);
  await apiCall(app, maya, "PATCH", `/api/media/${crypto.randomUUID()}`, { caption: "x" }, 404);
  assertEquals(await order(), [ids[2], ids[0], ids[1]]);

  // Sent with an application, then deleted: the file goes and the application drops it.
  const gig = await apiCall(
    app,
    client,
    "POST",
    "/api/gigs?publish=true",
    gigBody("Jazz night", 30),
    201,
  );
  const applied = await apiCall(app, maya, "POST", `/api/gigs/${gig.id}/applications`, {
    proposal: "Three sets of standards with my trio, happy to adapt.",
    quoted_fee_minor: 40000,
    media_ids: [ids[0], ids[1]],
  }, 201);
  // apply_to_gig keeps each id once (not in the order sent).
  assertEquals([...(applied.media_ids as string[])].sort(), [ids[0], ids[1]].sort());
  const url = (await (await app.fetch(`/api/media?owner=${maya.id}`)).json()).items[1].url;
  await apiCall(app, maya, "DELETE", `/api/media/${ids[0]}`, undefined, 204);
  const gone = await app.fetch(url);
  assertEquals(gone.status, 404);
  await gone.body?.cancel();
  assertEquals(await order(), [ids[2], ids[1]]);
  const apps = await apiCall(
    app,
    client,
    "GET",
    `/api/gigs/${gig.id}/applications`,
    undefined,
    200,
  );
  assertEquals((apps as unknown as { media_ids: string[] }[])[0].media_ids, [ids[1]]);
  assertEquals(await stored(app), { rows: 2, objects: 2 });
});
