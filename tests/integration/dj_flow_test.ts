/**
 * The AI DJ through HTTP on the embedded platform, offline (no Spotify, no AI key): prompts in
 * Spanish and English become 30-track drafts with reasons from the local catalogue; history with
 * keyset pages, share links, refine, the no-JS form and the `dj` function (each starting a run
 * the worker finishes), and every bad input answered with a 4xx naming the field.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { signIn } from "../_fakes/dj_session.ts";
import { dedupeKey } from "../../lib/domains/dj/collect.ts";
import type { DjPlan, DjRunWithTracks } from "../../lib/domains/dj/types.ts";
import { finishRun, makeRun as run } from "./dj_helpers.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function assertPlaylist(r: DjRunWithTracks, length: number) {
  assertEquals(r.tracks.length, length);
  assertEquals(r.tracks.map((t) => t.position), Array.from({ length }, (_, i) => i + 1));
  for (const t of r.tracks) {
    assert(t.reason.length > 10 && !t.reason.includes("\n"), `a one-line reason: ${t.reason}`);
  }
  const keys = new Set(r.tracks.map((t) => dedupeKey(t.title, t.artist)));
  assertEquals(keys.size, length, "no track twice");
}

Deno.test({
  name: "dj offline - Spanish and English prompts each give 30 tracks with reasons",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "dj-offline@example.com");

  const es = await run(app, me.json, { prompt: "música para relajarse estudiando", length: 30 });
  assertPlaylist(es, 30);
  const esPlan = es.plan as DjPlan;
  assertEquals([es.source, es.status, es.plan_source], ["catalogue", "draft", "offline"]);
  assertEquals([esPlan.language, esPlan.playlist_name], ["es", "Música tranquila para estudiar"]);
  assertMatch(esPlan.description, /Seleccionada por el DJ IA/);
  assert(esPlan.energy < 0.35, `a calm plan: ${esPlan.energy}`);
  assertEquals(es.notice, null, "Spotify is not set up here: nothing to explain");

  const en = await run(app, me.json, {
    prompt: "energetic workout music",
    length: 30,
    no_explicit: true,
  });
  assertPlaylist(en, 30);
  const enPlan = en.plan as DjPlan;
  assertEquals(enPlan.language, "en");
  assert(enPlan.energy > 0.75, `an energetic plan: ${enPlan.energy}`);
  assert(en.tracks.every((t) => !t.explicit), "no explicit track when asked");
  assert(
    en.tracks.filter((t) => /workout|energetic/.test(t.reason)).length >= 20,
    "reasons name the mood",
  );

  // Length is the user's choice, 10 to 50.
  assertPlaylist(await run(app, me.json, { prompt: "jazz for a dinner party", length: 10 }), 10);
  const long = await run(app, me.json, { prompt: "happy summer pop", length: 50 });
  assertPlaylist(long, 50);

  // History: newest first, keyset pages.
  const page1 = await (await app.fetch("/api/dj/runs?limit=3", { headers: me.json })).json();
  assertEquals(page1.items.map((r: { prompt: string }) => r.prompt), [
    "happy summer pop",
    "jazz for a dinner party",
    "energetic workout music",
  ]);
  assertEquals(page1.items[2].track_count, 30);
  const page2 = await (await app.fetch(`/api/dj/runs?limit=3&cursor=${page1.nextCursor}`, {
    headers: me.json,
  })).json();
  assertEquals(page2.items.map((r: { id: string }) => r.id), [es.id]);
  assertEquals(page2.nextCursor, null);
  const bad = await app.fetch("/api/dj/runs?cursor=garbage!", { headers: me.json });
  assertEquals([bad.status, (await bad.json()).error.field], [400, "cursor"]);
});

Deno.test(
  { name: "dj offline - share link, refine, delete, and other users see nothing", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "dj-owner@example.com", "Owner Olga");
    const other = await signIn(app, "dj-other@example.com");
    // The platform's own songs join the catalogue once published.
    await app.platform.db.asService((tx) =>
      tx.query(
        `insert into public.tracks (source, title, artist, owner_id, genres, moods, energy,
                                    valence, danceability, tempo, duration_ms, published)
         values ('studio', 'Nocturne for a Sleepy City', 'Studio Other', $1,
                 '{ambient,piano,instrumental}', '{sleep,calm,dreamy}', 0.08, 0.3, 0.2, 62,
                 240000, true)`,
        [other.userId],
      )
    );
    const first = await run(app, me.json, { prompt: "musique calme pour dormir", length: 20 });
    assertEquals((first.plan as DjPlan).language, "fr");
    const studio = first.tracks.find((t) => t.title === "Nocturne for a Sleepy City");
    assertEquals(studio?.source, "studio", "a published studio song is picked");

    // Share: a public read-only page and API, no user ids in it.
    const share = await (await app.fetch(`/api/dj/runs/${first.id}/share`, {
      method: "POST",
      headers: me.json,
    })).json();
    assertMatch(share.url, /\/dj\/share\/[A-Za-z0-9_-]{20,}$/);
    const pub = await app.fetch(`/api/dj/share/${share.token}`);
    const shared = await pub.json();
    assertEquals([pub.status, shared.tracks.length, shared.shared_by], [200, 20, "Owner Olga"]);
    assert(!JSON.stringify(shared).includes(me.userId), "no user id in a shared run");
    const html = await (await app.fetch(`/dj/share/${share.token}`)).text();
    assertMatch(html, /Musique calme pour dormir/);
    assertEquals(html.match(/data-testid="dj-reason"/g)?.length, 20);
    await app.fetch(`/api/dj/runs/${first.id}/share`, { method: "DELETE", headers: me.json });
    assertEquals((await app.fetch(`/api/dj/share/${share.token}`)).status, 404);
    assertEquals((await app.fetch(`/dj/share/${share.token}`)).status, 404);

    // Refine: an edited prompt, linked to its parent.
    const refined = await run(app, me.json, {
      prompt: "musique calme pour dormir, avec du piano",
      length: 20,
      parent_id: first.id,
    });
    assertEquals(refined.parent_id, first.id);
    assert(refined.tracks.some((t) => /piano/i.test(t.reason)), "the edit changes the search");
    const refinePage = await (await app.fetch(`/dj?refine=${first.id}`, {
      headers: { cookie: me.cookie },
    })).text();
    assertMatch(refinePage, /Refine a playlist/);
    assertMatch(refinePage, /musique calme pour dormir<\/textarea>/);

    // Someone else's run: invisible, not shareable, not refinable, not deletable.
    assertEquals(
      (await app.fetch(`/api/dj/runs/${first.id}`, { headers: other.json })).status,
      404,
    );
    const steal = await app.fetch(`/api/dj/runs/${first.id}/share`, {
      method: "POST",
      headers: other.json,
    });
    assertEquals([steal.status, (await steal.json()).error.field], [404, "id"]);
    const hijack = await app.fetch("/api/dj/runs", {
      method: "POST",
      headers: other.json,
      body: JSON.stringify({ prompt: "more of that", parent_id: first.id }),
    });
    assertEquals([hijack.status, (await hijack.json()).error.field], [404, "parent_id"]);
    assertEquals(
      (await app.fetch(`/api/dj/runs/${first.id}`, { method: "DELETE", headers: other.json }))
        .status,
      404,
    );
    assertEquals(
      (await (await app.fetch("/api/dj/runs", { headers: other.json })).json()).items,
      [],
    );

    // Deleting the parent keeps the refined run.
    const del = await app.fetch(`/api/dj/runs/${first.id}`, { method: "DELETE", headers: me.json });
    assertEquals(del.status, 204);
    const kept = await (await app.fetch(`/api/dj/runs/${refined.id}`, { headers: me.json })).json();
    assertEquals(kept.run.parent_id, null);
  },
);

Deno.test(
  { name: "dj offline - bad input is a 4xx naming the field; nothing is saved", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "dj-bad@example.com");
    const post = (body: string, headers = me.json) =>
      app.fetch("/api/dj/runs", { method: "POST", headers, body });
    const cases: [string, number, string][] = [
      [JSON.stringify({ length: 30 }), 400, "prompt"],
      [JSON.stringify({ prompt: "ab" }), 400, "prompt"],
      [JSON.stringify({ prompt: "x".repeat(301) }), 400, "prompt"],
      [JSON.stringify({ prompt: "calm music", length: 9 }), 400, "length"],
      [JSON.stringify({ prompt: "calm music", length: 51 }), 400, "length"],
      [JSON.stringify({ prompt: "calm music", length: "lots" }), 400, "length"],
      [JSON.stringify({ prompt: "calm music", no_explicit: "maybe" }), 400, "no_explicit"],
      [JSON.stringify({ prompt: "calm music", parent_id: "nope" }), 400, "parent_id"],
      [JSON.stringify({ prompt: "calm music", mood: "sad" }), 400, "mood"],
      ["{not json", 400, "body"],
    ];
    for (const [body, status, field] of cases) {
      const res = await post(body);
      const json = await res.json();
      assertEquals([res.status, json.error.field], [status, field], body);
    }
    const text = await post("prompt=calm", { ...me.json, "content-type": "text/plain" });
    assertEquals([text.status, (await text.json()).error.field], [415, "content-type"]);
    const anon = await app.fetch("/api/dj/runs", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: `sc-csrf=${me.json["x-csrf-token"]}`,
        "x-csrf-token": me.json["x-csrf-token"],
      },
      body: JSON.stringify({ prompt: "calm music" }),
    });
    assertEquals(anon.status, 401);
    assertEquals((await app.fetch("/api/dj/runs/not-a-uuid", { headers: me.json })).status, 404);
    assertEquals((await (await app.fetch("/api/dj/runs", { headers: me.json })).json()).items, []);

    // The daily allowance (AI_DAILY_LIMIT) is spent per playlist.
    await using tight = await startTestApp({ WORKER: "off", AI_DAILY_LIMIT: "1" });
    const t = await signIn(tight, "dj-tight@example.com");
    await run(tight, t.json, { prompt: "calm piano", length: 10 });
    const over = await tight.fetch("/api/dj/runs", {
      method: "POST",
      headers: t.json,
      body: JSON.stringify({ prompt: "calm piano", length: 10 }),
    });
    assertEquals(over.status, 429);
  },
);

Deno.test(
  {
    name: "dj offline - the no-JS form and the dj function start runs the worker finishes",
    ...opts,
  },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "dj-form@example.com");

    // The form works without JavaScript: POST /dj starts the run and redirects to its page, which
    // shows the stages and refreshes itself until the playlist is there.
    const form = await app.fetch("/dj", {
      method: "POST",
      headers: { cookie: me.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: me.json["x-csrf-token"],
        prompt: "música animada para treinar",
        length: "25",
        no_explicit: "on",
      }),
    });
    assertEquals(form.status, 303);
    const location = form.headers.get("location")!;
    assertMatch(location, /^\/dj\/runs\/[0-9a-f-]{36}$/);
    const waiting = await (await app.fetch(location, { headers: { cookie: me.cookie } })).text();
    assertMatch(waiting, /Making your playlist/);
    assertMatch(waiting, /<noscript><meta http-equiv="refresh" content="2"/);
    assertMatch(waiting, /data-testid="dj-progress" data-status="queued"/);
    assertMatch(waiting, /data-stage="interpret" data-state="current"/);
    await finishRun(app, me.json, location.split("/").at(-1)!);
    const page = await (await app.fetch(location, { headers: { cookie: me.cookie } })).text();
    assertMatch(page, /Música energética para treinar/);
    assertEquals(page.match(/data-testid="dj-track"/g)?.length, 25);
    assert(!page.includes('http-equiv="refresh"'), "a finished run's page stays put");
    const invalid = await app.fetch("/dj", {
      method: "POST",
      headers: { cookie: me.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: me.json["x-csrf-token"], prompt: "hi", length: "30" }),
    });
    assertEquals(invalid.status, 422);
    assertMatch(await invalid.text(), /Describe the music in a few words/);

    // The Edge Function: bearer token, JSON; the run it starts is the same job.
    const fn = await app.fetch("/functions/v1/dj", {
      method: "POST",
      headers: { authorization: `Bearer ${me.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ prompt: "canciones tristes de desamor", length: 12 }),
    });
    const fnBody = await fn.json();
    assertEquals([fn.status, fnBody.run.status, fnBody.run.tracks], [201, "queued", []]);
    const fnRun = await finishRun(app, me.json, fnBody.run.id);
    assertEquals([fnRun.status, fnRun.tracks.length], ["draft", 12]);
    assertEquals((fnRun.plan as DjPlan).language, "es");
    const noAuth = await app.fetch("/functions/v1/dj", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "calm" }),
    });
    assertEquals(noAuth.status, 401);
    const badFn = await app.fetch("/functions/v1/dj", {
      method: "POST",
      headers: { authorization: `Bearer ${me.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ prompt: "calm music", length: 100 }),
    });
    assertEquals([badFn.status, (await badFn.json()).error.field], [400, "length"]);
  },
);

Deno.test(
  { name: "dj pages - stopping a share and deleting a playlist say what follows first", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const me = await signIn(app, "dj-confirm@example.com", "Careful Cleo");
    const r = await run(app, me.json, { prompt: "music for studying", length: 10 });
    const here = `/dj/runs/${r.id}`;
    const form = async (fields: Record<string, string>) => {
      const res = await app.fetch(here, {
        method: "POST",
        headers: { cookie: me.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: me.json["x-csrf-token"], ...fields }),
      });
      return { status: res.status, location: res.headers.get("location"), text: await res.text() };
    };
    assertEquals((await form({ intent: "share" })).status, 303);
    const page = await (await app.fetch(here, { headers: { cookie: me.cookie } })).text();
    assertMatch(page, /data-testid="dj-unshare"[\s\S]*this one never comes back/);
    assertMatch(page, /data-testid="dj-delete"[\s\S]*This cannot be undone/);
    const token = page.match(/\/dj\/share\/([A-Za-z0-9_-]{20,})/)![1];
    const shareWorks = async () => (await app.fetch(`/api/dj/share/${token}`)).status;

    // Without the disclosure's confirm=yes: 428, and the link and the playlist stay.
    const bareStop = await form({ intent: "unshare" });
    assertEquals(bareStop.status, 428);
    assertMatch(bareStop.text, /Nothing changed/);
    assertEquals(await shareWorks(), 200);
    const bareDelete = await form({ intent: "delete" });
    assertEquals(bareDelete.status, 428);
    assertEquals((await app.fetch(`/api/dj/runs/${r.id}`, { headers: me.json })).status, 200);

    // With it: done.
    assertEquals((await form({ intent: "unshare", confirm: "yes" })).status, 303);
    assertEquals(await shareWorks(), 404);
    const gone = await form({ intent: "delete", confirm: "yes" });
    assertEquals([gone.status, gone.location], [303, "/dj/history"]);
    assertEquals((await app.fetch(`/api/dj/runs/${r.id}`, { headers: me.json })).status, 404);
  },
);
