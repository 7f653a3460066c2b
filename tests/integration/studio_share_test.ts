/**
 * Sharing a studio song and the AI DJ's catalogue, two separate choices, over HTTP (API, page
 * forms without JavaScript, functions/studio): a share link opens the song signed out with its
 * player, lyrics and Open Graph tags and nothing private; a new link kills the old one; stopping
 * makes it a 404 at once; the catalogue shares nothing; none of it for another user or a draft.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  apiCall,
  bearer,
  browser,
  CSRF,
  FUZZ_ENV,
  getPage,
  type Person,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import type { Song } from "../../lib/domains/studio/types.ts";
import type { SongPlan } from "../../lib/domains/studio/plan.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function songOf(app: TestApp, who: Person, id: string): Promise<Song> {
  return (await apiCall(app, who, "GET", `/api/studio/songs/${id}`, undefined, 200)).song as Song;
}

/** Drives the worker until the song has left `queued`/`running`. */
async function settle(app: TestApp, who: Person, id: string): Promise<Song> {
  for (let i = 0; i < 40; i++) {
    const song = await songOf(app, who, id);
    if (!["queued", "running"].includes(song.status)) return song;
    await app.platform.worker.runOnce();
  }
  throw new Error(`song ${id} did not settle`);
}

/** A draft; with `finish`, generated from a short plan (12 s, with lyrics) to `done`. */
async function makeSong(app: TestApp, who: Person, finish: boolean): Promise<Song> {
  const made = await apiCall(app, who, "POST", "/api/studio/songs", {
    prompt: "a hopeful indie song about trains at night",
  }, 202);
  const draft = await settle(app, who, (made.song as Song).id);
  if (!finish) return draft;
  const plan: SongPlan = {
    ...draft.plan!,
    title: "Night Train",
    tempo_bpm: 120,
    time_signature: "4/4",
    vocals: true,
    structure: [{ name: "verse", bars: 2 }, { name: "chorus", bars: 2 }],
  };
  await apiCall(app, who, "PUT", `/api/studio/songs/${draft.id}/plan`, { plan }, 200);
  await apiCall(app, who, "POST", `/api/studio/songs/${draft.id}/generate`, undefined, 202);
  const done = await settle(app, who, draft.id);
  assertEquals(done.status, "done", done.error ?? "");
  return done;
}

async function send(app: TestApp, who: Person | null, method: string, path: string) {
  const res = await app.fetch(path, { method, headers: who ? bearer(who.token) : {} });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function published(app: TestApp, trackId: string): Promise<boolean> {
  const [row] = await app.platform.db.asService((tx) =>
    tx.query<{ published: boolean }>("select published from public.tracks where id = $1", [
      trackId,
    ])
  );
  return row.published;
}

Deno.test({ name: "studio share - links, revocation and the DJ catalogue", ...opts }, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const ana = await signUpPerson(app, "Ana", "musician");
  const eve = await signUpPerson(app, "Eve", "client");
  const song = await makeSong(app, ana, true);
  const draft = await makeSong(app, ana, false);
  const base = `/api/studio/songs/${song.id}`;
  assertEquals([song.shared, song.share_url, song.in_catalogue], [false, null, false]);

  // Only the owner, only a finished song; a visitor must sign in.
  for (const [m, p] of [["POST", "share"], ["DELETE", "share"], ["POST", "catalogue"]]) {
    assertEquals((await send(app, eve, m, `${base}/${p}`)).status, 404, `Eve ${m} ${p}`);
    assertEquals((await send(app, null, m, `${base}/${p}`)).status, 401, `anonymous ${m} ${p}`);
  }
  const early = await send(app, ana, "POST", `/api/studio/songs/${draft.id}/share`);
  assertEquals([early.status, early.json.error.field], [409, "status"]);
  const early2 = await send(app, ana, "POST", `/api/studio/songs/${draft.id}/catalogue`);
  assertEquals([early2.status, early2.json.error.field], [409, "status"]);

  // Share: a URL-safe token of 192 bits, and the song says so; the catalogue is untouched.
  const first = await apiCall(app, ana, "POST", `${base}/share`, undefined, 200);
  const token = String(first.token);
  assertMatch(token, /^[A-Za-z0-9_-]{32}$/);
  assertEquals(first.url, `${app.url}/s/${token}`);
  const shared = first.song as Song;
  assertEquals([shared.shared, shared.share_url, shared.in_catalogue], [
    true,
    `/s/${token}`,
    false,
  ]);
  assertEquals(await published(app, song.track_id!), false, "sharing is not the catalogue");

  // The page, signed out: title, maker, facts, player with a signed MP3, lyrics, Open Graph.
  const page = await getPage(app, null, `/s/${token}`);
  assertEquals(page.status, 200);
  for (
    const s of [
      "<title>Night Train by Ana · Soundcheck</title>",
      '<meta property="og:type" content="music.song"',
      '<meta property="og:title" content="Night Train"',
      `<meta property="og:url" content="${app.url}/s/${token}"`,
      '<meta property="music:duration" content="',
      "By Ana",
      "120 BPM",
      'data-testid="player"',
      'data-testid="song-lyrics"',
      "/storage/v1/object/sign/tracks/",
    ]
  ) assert(page.text.includes(s), `the share page shows ${s}`);
  const signed = /(?:https?:\/\/[^"/]+)?\/storage\/v1\/object\/sign\/tracks\/[^"]+/g;
  const audio = page.text.match(signed)?.[0].replaceAll("&amp;", "&");
  assert(audio, "a signed audio link");
  // Outside the audio link (whose path is the bucket's `<owner>/<song>/…`), no id and no prompt.
  const rest = page.text.replace(signed, "");
  for (const secret of [song.id, song.track_id!, ana.id, "a hopeful indie song about trains"]) {
    const at = rest.indexOf(secret);
    assert(at < 0, `the share page leaks ${secret}: ${rest.slice(at - 300, at + 100)}`);
  }
  const mp3 = await fetch(new URL(audio, app.url));
  assertEquals([mp3.status, mp3.headers.get("content-type")], [200, "audio/mpeg"]);
  await mp3.body?.cancel();

  // A new link kills the old one at once; a track id or a mistyped token is a friendly 404.
  const second = await apiCall(app, ana, "POST", `${base}/share`, undefined, 200);
  assert(second.token !== token, "a new token");
  const old = await getPage(app, null, `/s/${token}`);
  assertEquals(old.status, 404);
  assert(old.text.includes("This link does not work") && !old.text.includes("Night Train"));
  assertEquals((await getPage(app, null, `/s/${second.token}`)).status, 200);
  for (const p of [`/s/${song.track_id}`, `/s/${song.id}`, "/s/nope", `/s/${"A".repeat(32)}`]) {
    assertEquals((await getPage(app, null, p)).status, 404, p);
  }
  assert((await getPage(app, null, "/s/%00")).status < 500);

  // Stop sharing: 404 at once; the song says so.
  const stopped = await apiCall(app, ana, "DELETE", `${base}/share`, undefined, 200);
  assertEquals([(stopped.song as Song).shared, (stopped.song as Song).share_url], [false, null]);
  assertEquals((await getPage(app, null, `/s/${second.token}`)).status, 404);

  // The catalogue on its own: the DJ's track turns public, no link appears; and back.
  const inCat = await apiCall(app, ana, "POST", `${base}/catalogue`, undefined, 200);
  assertEquals([(inCat.song as Song).in_catalogue, (inCat.song as Song).shared], [true, false]);
  assertEquals(await published(app, song.track_id!), true);
  const outCat = await apiCall(app, ana, "DELETE", `${base}/catalogue`, undefined, 200);
  assertEquals((outCat.song as Song).in_catalogue, false);
  assertEquals(await published(app, song.track_id!), false);

  // functions/studio: the same entry points; a wrong value is a 400 naming the field.
  const fn = (who: Person, body: unknown) =>
    app.fetch("/functions/v1/studio", {
      method: "POST",
      headers: { ...bearer(who.token), "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));
  const viaFn = await fn(ana, { action: "share", id: song.id });
  assertEquals(viaFn.status, 200, JSON.stringify(viaFn.json));
  assertMatch(viaFn.json.url, /\/s\/[A-Za-z0-9_-]{32}$/);
  assertEquals((await fn(eve, { action: "share", id: song.id })).status, 404);
  const badFn = await fn(ana, { action: "catalogue", id: song.id, in_catalogue: "yes" });
  assertEquals([badFn.status, badFn.json.error.field], [400, "in_catalogue"]);
  const catFn = await fn(ana, { action: "catalogue", id: song.id, in_catalogue: true });
  assertEquals(catFn.json.song.in_catalogue, true);
  const unFn = await fn(ana, { action: "unshare", id: song.id });
  assertEquals([unFn.status, unFn.json.song.shared], [200, false]);
  await apiCall(app, ana, "DELETE", `${base}/catalogue`, undefined, 200);

  // The song page's forms, without JavaScript.
  const here = `/studio/songs/${song.id}`;
  const post = async (who: Person, entries: [string, string][]) => {
    const res = await app.fetch(here, {
      method: "POST",
      headers: { ...browser(app, who.token), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["_csrf", CSRF], ...entries]),
    });
    await res.body?.cancel();
    return { status: res.status, location: res.headers.get("location") };
  };
  const before = await getPage(app, ana.token, here);
  for (const s of ["Create a share link", "Let the AI DJ play this song in playlists"]) {
    assert(before.text.includes(s), `the song page offers: ${s}`);
  }
  assertEquals(await post(ana, [["intent", "share"]]), { status: 303, location: here });
  const after = await getPage(app, ana.token, here);
  const link = after.text.match(/value="(http[^"]+\/s\/([A-Za-z0-9_-]{32}))"/);
  assert(link, "the page shows the link to copy");
  assert(after.text.includes("Stop sharing…") && after.text.includes("Make a new link…"));
  assertEquals(
    (await post(eve, [["intent", "unshare"], ["confirm", "yes"]])).status,
    404,
    "Eve cannot stop it",
  );
  assertEquals((await getPage(app, null, `/s/${link[2]}`)).status, 200);
  assertEquals((await post(ana, [["intent", "catalogue"], ["in_catalogue", "maybe"]])).status, 400);
  await post(ana, [["intent", "catalogue"], ["in_catalogue", "on"]]);
  assertEquals((await songOf(app, ana, song.id)).in_catalogue, true);
  await post(ana, [["intent", "catalogue"]]);
  assertEquals((await songOf(app, ana, song.id)).in_catalogue, false, "unticked: taken out");
  await post(ana, [["intent", "unshare"], ["confirm", "yes"]]);
  assertEquals((await getPage(app, null, `/s/${link[2]}`)).status, 404);

  // A new link ends the one shared: without its disclosure's confirm=yes, 428 and the link works.
  await post(ana, [["intent", "share"]]);
  const newLink = (await getPage(app, ana.token, here)).text.match(/\/s\/([A-Za-z0-9_-]{32})"/)![1];
  assertEquals((await post(ana, [["intent", "share"]])).status, 428);
  assertEquals((await getPage(app, null, `/s/${newLink}`)).status, 200, "the link still works");
  assertEquals((await post(ana, [["intent", "share"], ["confirm", "yes"]])).status, 303);
  assertEquals((await getPage(app, null, `/s/${newLink}`)).status, 404, "replaced");

  // Deleting a shared song kills its link.
  const again = await apiCall(app, ana, "POST", `${base}/share`, undefined, 200);
  await apiCall(app, ana, "DELETE", base, undefined, 204);
  assertEquals((await getPage(app, null, `/s/${again.token}`)).status, 404);
});
