/**
 * The AI DJ you can listen to, on the embedded platform. Offline: a Spanish prompt with a detail
 * ("lluvia de fondo") gives a playlist whose reasons are in Spanish, plain words, whose plan and
 * page keep the detail, and whose platform song plays from a signed link that really serves its
 * audio (catalogue tracks say they have none); a song its owner keeps private plays for them only,
 * and a share link plays published songs for anyone. With a fake Spotify: covers and previews are
 * kept on the tracks and shown.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { connectSpotify, signIn } from "../_fakes/dj_session.ts";
import { FakeSpotify } from "../_fakes/spotify.ts";
import type { DjPlan, DjRunWithTracks } from "../../lib/domains/dj/types.ts";
import { makeRun as run, platformSong } from "./dj_helpers.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "dj listen - offline: Spanish reasons, the detail kept, platform songs play",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "dj-listen@example.com");
  const other = await signIn(app, "dj-listen-other@example.com", "Other Olga");
  await platformSong(app, other.userId, "Rain on the Window", true);
  await platformSong(app, other.userId, "Private Rain Sketch", false);
  await platformSong(app, me.userId, "My Own Rain Demo", false);

  const r: DjRunWithTracks = await run(app, me.json, {
    prompt: "música para estudiar con lluvia de fondo",
    length: 30,
  });
  const plan = r.plan as DjPlan;
  assertEquals([plan.language, plan.details], ["es", [{
    text: "lluvia de fondo",
    search: "rain",
  }]]);
  for (const t of r.tracks) {
    assert(!/\d|Found by|target|search/i.test(t.reason), `plain words: ${t.reason}`);
    assertMatch(t.reason, /pediste|tu petición/, "in Spanish");
  }

  // The published song of someone else and my own private one play; theirs in private does not.
  const titles = r.tracks.map((t) => t.title);
  assert(!titles.includes("Private Rain Sketch"), "another user's private song is not picked");
  const rain = r.tracks.find((t) => t.title === "Rain on the Window")!;
  const mine = r.tracks.find((t) => t.title === "My Own Rain Demo")!;
  assert(rain && mine, `both platform songs are picked: ${titles.join(", ")}`);
  assertMatch(rain.reason, /Encaja con «lluvia de fondo» de tu petición\./);
  assertMatch(rain.reason, /Hecha por un músico de Soundcheck\./);
  for (const t of [rain, mine]) {
    assertEquals(t.audio_kind, "song");
    const audio = await app.fetch(t.audio_url!);
    assertEquals(audio.status, 200, t.title);
    const body = new Uint8Array(await audio.arrayBuffer());
    assertEquals(new TextDecoder().decode(body.slice(0, 4)), "RIFF", "real audio");
  }
  const catalogueTrack = r.tracks.find((t) => t.source === "catalogue")!;
  assertEquals([catalogueTrack.audio_url, catalogueTrack.image_url], [null, null]);

  // The page: the detail kept and visible, a play button for the songs, "No audio" for the rest.
  const html = await (await app.fetch(`/dj/runs/${r.id}`, { headers: { cookie: me.cookie } }))
    .text();
  assertMatch(html, /data-testid="dj-kept"/);
  assertMatch(html, /“lluvia de fondo”<\/span> — searched for “rain”: 2 tracks have it/);
  assertEquals(html.match(/data-island="DjPlay"/g)?.length, 2);
  assertEquals(html.match(/data-testid="dj-no-audio"/g)?.length, 28);
  assertMatch(html, /Encaja con «lluvia de fondo»/);

  // Shared: anyone plays the published song; my private demo stays silent for them.
  const share = await (await app.fetch(`/api/dj/runs/${r.id}/share`, {
    method: "POST",
    headers: me.json,
  })).json();
  const shared = await (await app.fetch(`/dj/share/${share.token}`)).text();
  assertEquals(shared.match(/data-island="DjPlay"/g)?.length, 1);
  assert(!shared.includes(mine.audio_url!), "a private song's link is not shared");
});

Deno.test({
  name: "dj listen - with a fake Spotify: covers and previews are kept and shown",
  ...opts,
}, async () => {
  await using spotify = new FakeSpotify();
  await using app = await startTestApp({ ...spotify.env(), WORKER: "off" });
  const me = await signIn(app, "dj-listen-spotify@example.com");
  await connectSpotify(app, me);
  const r = await run(app, me.json, { prompt: "energetic workout music", length: 20 });
  assertEquals(r.source, "spotify");
  assert(r.tracks.every((t) => t.image_url?.startsWith("https://i.scdn.co/image/")), "covers");
  assert(r.tracks.every((t) => t.image_url?.endsWith("-64")), "the thumbnail size");
  const previews = r.tracks.filter((t) => t.audio_kind === "preview");
  assert(previews.length > 0 && previews.length < r.tracks.length, "some tracks have previews");
  for (const t of previews) assertMatch(t.audio_url!, /^https:\/\/p\.scdn\.co\/mp3-preview\//);
  const res = await app.fetch(`/dj/runs/${r.id}`, { headers: { cookie: me.cookie } });
  const html = await res.text();
  assertEquals(html.match(/data-testid="dj-cover"/g)?.length, 20);
  assertEquals(html.match(/data-island="DjPlay"/g)?.length, previews.length);
  assertMatch(html, />No preview</);
  assertMatch(
    res.headers.get("content-security-policy") ?? "",
    /media-src [^;]*https:\/\/p\.scdn\.co/,
  );
});
