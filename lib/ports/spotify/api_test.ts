import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { createSpotifyApi } from "./api.ts";
import {
  SpotifyForbiddenError,
  SpotifyRateLimitError,
  SpotifyReconnectError,
  SpotifyServerError,
} from "./errors.ts";

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A scripted fetch: answers in order, every request recorded. */
function scripted(answers: Answer[]) {
  const seen: { url: string; auth: string | null; body: string | null }[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    seen.push({
      url: req.url,
      auth: req.headers.get("authorization"),
      body: await req.text() || null,
    });
    const a = answers.shift() ?? { status: 200, body: {} };
    return Response.json(a.body ?? {}, { status: a.status, headers: a.headers });
  };
  return { fetchFn, seen };
}

const track = (id: string) => ({
  id,
  uri: `spotify:track:${id}`,
  name: `Song ${id}`,
  explicit: false,
  duration_ms: 1000,
  artists: [{ name: "Artist" }],
  album: { name: "Album" },
});

function api(fetchFn: typeof fetch, extra: { revoked?: () => void; maxWaitMs?: number } = {}) {
  // Backoff shortened: the retries are what is tested, not the waiting.
  let n = 0;
  return createSpotifyApi({
    apiUrl: "https://api.example/v1",
    token: () => Promise.resolve(`tok${n}`),
    refresh: () => Promise.resolve(`tok${++n}`),
    fetch: fetchFn,
    maxWaitMs: extra.maxWaitMs,
    backoffMs: [1, 2, 3],
    onRevoked: () => Promise.resolve(extra.revoked?.()),
  });
}

Deno.test("spotify api - search asks for at most 10 and keeps only valid tracks", async () => {
  const { fetchFn, seen } = scripted([{
    status: 200,
    body: { tracks: { items: [track("a1"), null, { id: "bad" }, track("b2")], total: 42 } },
  }]);
  const page = await api(fetchFn).searchTracks('genre:"lo-fi"', 20, 50);
  assertEquals([page.tracks.map((t) => t.id), page.total], [["a1", "b2"], 42]);
  const url = new URL(seen[0].url);
  assertEquals(Object.fromEntries(url.searchParams), {
    q: 'genre:"lo-fi"',
    type: "track",
    limit: "10",
    offset: "20",
  });
});

Deno.test("spotify api - 401 refreshes once and retries; a second 401 means reconnect", async () => {
  const ok = scripted([{ status: 401 }, { status: 200, body: { id: "me", display_name: null } }]);
  assertEquals((await api(ok.fetchFn).me()).id, "me");
  assertEquals(ok.seen.map((s) => s.auth), ["Bearer tok0", "Bearer tok1"]);

  let revoked = false;
  const bad = scripted([{ status: 401 }, { status: 401 }]);
  const err = await api(bad.fetchFn, { revoked: () => revoked = true }).me().catch((e) => e);
  assert(err instanceof SpotifyReconnectError, String(err));
  assert(revoked, "the connection is marked broken");
  assertEquals(bad.seen.length, 2);
});

Deno.test("spotify api - 429 waits Retry-After within a bound; 403 explains development mode", async () => {
  const busy = scripted([
    { status: 429, headers: { "retry-after": "0" } },
    { status: 200, body: { tracks: { items: [track("x1")], total: 1 } } },
  ]);
  assertEquals((await api(busy.fetchFn).searchTracks("q", 0, 10)).tracks.length, 1);
  const tooLong = scripted([{ status: 429, headers: { "retry-after": "120" } }]);
  const err = await api(tooLong.fetchFn, { maxWaitMs: 5000 }).searchTracks("q", 0, 10)
    .catch((e) => e);
  assert(err instanceof SpotifyRateLimitError && err.retryAfterS === 120, String(err));
});

Deno.test("spotify api - a 403 is explained by its cause", async () => {
  const cases: [string, string, RegExp][] = [
    [
      "Check settings on developer.spotify.com/dashboard, the user may not be registered.",
      "allow-list",
      /development mode.*allow-list/s,
    ],
    ["Insufficient client scope", "scope", /permission.*Reconnect Spotify/s],
    ["Forbidden", "unavailable", /withdrawn/],
  ];
  for (const [message, cause, words] of cases) {
    const forbidden = scripted([{ status: 403, body: { error: { status: 403, message } } }]);
    const e403 = await api(forbidden.fetchFn).createPlaylist("n", "d").catch((e) => e);
    assert(e403 instanceof SpotifyForbiddenError, String(e403));
    assertEquals(e403.cause403, cause);
    assert(words.test(e403.message), e403.message);
  }
});

Deno.test("spotify api - 5xx: reads back off and retry, writes only when Spotify did nothing", async () => {
  const flaky = scripted([
    { status: 500 },
    { status: 503 },
    { status: 200, body: { id: "me", display_name: null } },
  ]);
  assertEquals((await api(flaky.fetchFn).me()).id, "me");
  assertEquals(flaky.seen.length, 3);

  const busyWrite = scripted([{ status: 503 }, { status: 201, body: { snapshot_id: "s2" } }]);
  assertEquals(await api(busyWrite.fetchFn).addItems("pl1", ["spotify:track:a"]), "s2");
  assertEquals(busyWrite.seen.length, 2);

  const unsure = scripted([{ status: 500 }, { status: 201, body: { snapshot_id: "s2" } }]);
  const err = await api(unsure.fetchFn).addItems("pl1", ["spotify:track:a"]).catch((e) => e);
  assert(err instanceof SpotifyServerError && err.uncertain, String(err));
  assertEquals(unsure.seen.length, 1, "an add that may have happened is not repeated blindly");

  const down = scripted(Array.from({ length: 5 }, () => ({ status: 502 })));
  const gone = await api(down.fetchFn).me().catch((e) => e);
  assert(gone instanceof SpotifyServerError && !gone.uncertain, String(gone));
  assertEquals(down.seen.length, 4, "three retries, then give up");
});

Deno.test("spotify api - playlist items: both answer shapes, paged by 50", async () => {
  const page = (from: number, n: number, total: number, key: "item" | "track") => ({
    status: 200,
    body: {
      total,
      items: Array.from(
        { length: n },
        (_, i) => ({ [key]: { uri: `spotify:track:t${from + i}` } }),
      ),
    },
  });
  const { fetchFn, seen } = scripted([page(0, 50, 60, "item"), page(50, 10, 60, "track")]);
  const uris = await api(fetchFn).playlistUris("pl1");
  assertEquals(uris.length, 60);
  assertEquals([uris[0], uris[59]], ["spotify:track:t0", "spotify:track:t59"]);
  assertEquals(new URL(seen[1].url).searchParams.get("offset"), "50");
});

Deno.test("spotify api - a playlist is created private and filled in order, 100 at a time", async () => {
  const { fetchFn, seen } = scripted([
    {
      status: 201,
      body: { id: "pl1", external_urls: { spotify: "https://open.spotify.com/playlist/pl1" } },
    },
  ]);
  const a = api(fetchFn);
  const p = await a.createPlaylist("Calm", "For studying");
  assertEquals(p, { id: "pl1", url: "https://open.spotify.com/playlist/pl1" });
  assertEquals(JSON.parse(seen[0].body!), {
    name: "Calm",
    description: "For studying",
    public: false,
  });
  assertEquals(new URL(seen[0].url).pathname, "/v1/me/playlists");
  const uris = Array.from({ length: 230 }, (_, i) => `spotify:track:t${i}`);
  await a.addItems("pl1", uris);
  const chunks = seen.slice(1).map((s) => JSON.parse(s.body!).uris as string[]);
  assertEquals(chunks.map((c) => c.length), [100, 100, 30]);
  assertEquals(chunks.flat(), uris);
  assertEquals(new URL(seen[1].url).pathname, "/v1/playlists/pl1/items");
});
