/**
 * Exporting a DJ draft to Spotify is resumable and idempotent, against the strict fake Spotify
 * (tests/_fakes/spotify.ts) through the app's real HTTP and SDK path:
 *
 * - a lookup Spotify did not answer (429 beyond the wait, 5xx) is "not checked", never "not
 *   found"; the next export looks it up and inserts it at its place;
 * - a failure part-way leaves one playlist, and the retry fills that playlist (no second one),
 *   in run order, without duplicates, also when an add's answer was lost;
 * - two exports at once make one playlist; exporting an exported run changes nothing;
 * - a build stage that failed part-way hands its playlist to the later export.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { FakeSpotify } from "../_fakes/spotify.ts";
import { connectSpotify, type Session, signIn } from "../_fakes/dj_session.ts";
import type { DjRunWithTracks } from "../../lib/domains/dj/types.ts";
import { makeRun } from "./dj_helpers.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function exportRun(app: TestApp, me: Session, id: string) {
  return app.fetch(`/api/dj/runs/${id}/export`, { method: "POST", headers: me.json });
}

async function exportState(app: TestApp, me: Session, id: string) {
  const res = await app.fetch(`/api/dj/runs/${id}/export`, { headers: me.json });
  return res.status === 200 ? (await res.json()).export : null;
}

/** A catalogue draft of `length` tracks (made before Spotify was connected), then connect. */
async function catalogueDraft(app: TestApp, me: Session, spotify: FakeSpotify, length = 30) {
  const draft = await makeRun(app, me.json, { prompt: "Music for studying", length });
  assertEquals([draft.source, draft.status, draft.tracks.length], ["catalogue", "draft", length]);
  await connectSpotify(app, me);
  return { draft, lists: () => [...spotify.playlists.values()] };
}

Deno.test({
  name: "dj export - busy lookups are not 'not found'; the retry finishes in order",
  ...opts,
}, async () => {
  await using spotify = new FakeSpotify();
  await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
  const me = await signIn(app, "dj-export-busy@example.com");
  const { draft, lists } = await catalogueDraft(app, me, spotify);

  // Spotify busy from the start (Retry-After 30 s): nothing checked, nothing created, and no
  // track is called "not found".
  spotify.rateLimitNext(1000, 30);
  const busy = await exportRun(app, me, draft.id);
  const busyBody = await busy.json();
  assertEquals([busy.status, busyBody.error.field, busy.headers.get("retry-after")], [
    429,
    "spotify",
    "30",
  ]);
  assertMatch(busyBody.error.message, /could not be looked up yet/);
  assert(!/not on Spotify/.test(busyBody.error.message), busyBody.error.message);
  assertEquals(lists().length, 0);
  assertEquals((await exportState(app, me, draft.id)).not_checked, 30);

  // Ten lookups go through, then Spotify is busy: a playlist with what was found, the rest
  // "not checked yet", the run still a draft that says so.
  spotify.heal();
  spotify.fail({ status: 429, times: 1000, retryAfterS: 30, match: /^GET \/v1\/search/, skip: 10 });
  const partial = await exportRun(app, me, draft.id);
  const partialBody = await partial.json();
  assertEquals(partial.status, 429);
  assertMatch(partialBody.error.message, /of 30 tracks are in your Spotify playlist so far/);
  assertMatch(partialBody.error.message, /Export again to finish/);
  assertEquals(lists().length, 1);
  const state = await exportState(app, me, draft.id);
  assertEquals([state.state, state.tracks, state.attempts], ["partial", 30, 2]);
  assert(state.added >= 10 - 6 && state.not_checked >= 14, JSON.stringify(state));
  assertEquals(lists()[0].uris.length, state.added);
  const page = await (await app.fetch(`/dj/runs/${draft.id}`, { headers: { cookie: me.cookie } }))
    .text();
  assertMatch(page, /data-testid="dj-export-status"/);
  assertMatch(page, new RegExp(`${state.added} of 30 tracks added`));

  // Spotify answers again: the same playlist gets the rest, each at its place.
  spotify.heal();
  const done = await exportRun(app, me, draft.id);
  const doneBody = await done.json() as { run: DjRunWithTracks; export: { attempts: number } };
  assertEquals([done.status, doneBody.run.status, doneBody.export.attempts], [200, "exported", 3]);
  assertEquals(lists().length, 1, "one playlist, however many attempts");
  assertEquals(doneBody.run.playlist_id, lists()[0].id);
  assertEquals(lists()[0].uris, doneBody.run.tracks.map((t) => t.spotify_uri));
  assertEquals(new Set(lists()[0].uris).size, 30, "no duplicates");
  assertEquals((await exportState(app, me, draft.id)).state, "done");

  // Idempotent: exporting again changes nothing.
  const again = await exportRun(app, me, draft.id);
  assertEquals([again.status, (await again.json()).run.playlist_id], [200, lists()[0].id]);
  assertEquals([lists().length, lists()[0].uris.length], [1, 30]);
});

Deno.test({
  name: "dj export - 5xx: retried, and a lost add answer is checked, not repeated",
  ...opts,
}, async () => {
  await using spotify = new FakeSpotify();
  await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
  const me = await signIn(app, "dj-export-5xx@example.com");
  const { draft, lists } = await catalogueDraft(app, me, spotify, 20);

  // Lookups meet 500s (retried), creating meets a 503 (Spotify did nothing: retried), the add
  // is done but its answer lost (a 500 after the work): the export reads the playlist back
  // instead of adding twice.
  spotify.fail({ status: 500, times: 2, match: /^GET \/v1\/search/ });
  spotify.fail({ status: 503, times: 1, match: /^POST \/v1\/me\/playlists$/ });
  spotify.fail({
    status: 500,
    times: 1,
    match: /^POST \/v1\/playlists\/\w+\/items$/,
    afterCommit: true,
  });
  const res = await exportRun(app, me, draft.id);
  const body = await res.json() as { run: DjRunWithTracks };
  assertEquals([res.status, body.run.status], [200, "exported"]);
  assertEquals(lists().length, 1);
  assertEquals(lists()[0].uris, body.run.tracks.map((t) => t.spotify_uri));
  assert(
    spotify.log.some((l) => /^GET \/v1\/playlists\/\w+\/items/.test(l)),
    "the playlist was read back",
  );
});

Deno.test({ name: "dj export - two exports at once make one playlist", ...opts }, async () => {
  await using spotify = new FakeSpotify();
  await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
  const me = await signIn(app, "dj-export-race@example.com");
  const { draft, lists } = await catalogueDraft(app, me, spotify, 10);
  const answers = await Promise.all([exportRun(app, me, draft.id), exportRun(app, me, draft.id)]);
  const bodies = await Promise.all(answers.map((a) => a.json()));
  const statuses = answers.map((a) => a.status).sort();
  assertEquals(statuses, [200, 409]);
  const refused = bodies.find((b) => b.error)!;
  assertEquals(refused.error.field, "id");
  assertMatch(refused.error.message, /being exported right now/);
  assertEquals(lists().length, 1);
  assertEquals(lists()[0].uris.length, 10);
});

Deno.test(
  { name: "dj export - a build that failed part-way hands its playlist on", ...opts },
  async () => {
    await using spotify = new FakeSpotify();
    await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
    const me = await signIn(app, "dj-export-build@example.com");
    await connectSpotify(app, me);

    // The build creates the playlist, then Spotify keeps failing the add (503, retried, gives up).
    spotify.fail({ status: 503, times: 8, match: /^POST \/v1\/playlists\/\w+\/items$/ });
    const draft = await makeRun(app, me.json, { prompt: "jazz for a dinner party", length: 12 });
    assertEquals([draft.source, draft.status, draft.playlist_id], ["spotify", "draft", null]);
    assertMatch(draft.notice ?? "", /Spotify had trouble/);
    assertMatch(draft.notice ?? "", /0 of 12 tracks are in your Spotify playlist so far/);
    assertEquals(spotify.playlists.size, 1);
    const made = [...spotify.playlists.keys()][0];

    spotify.heal();
    const res = await exportRun(app, me, draft.id);
    const body = await res.json() as { run: DjRunWithTracks };
    assertEquals([res.status, body.run.playlist_id, spotify.playlists.size], [200, made, 1]);
    assertEquals(spotify.playlists.get(made)!.uris, body.run.tracks.map((t) => t.spotify_uri));
  },
);
