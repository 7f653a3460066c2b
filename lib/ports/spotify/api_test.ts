import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { createSpotifyApi } from "./api.ts";
import { SpotifyForbiddenError, SpotifyRateLimitError, SpotifyReconnectError } from "./errors.ts";

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
  let n = 0;
  return createSpotifyApi({
    apiUrl: "https://api.example/v1",
    token: () => Promise.resolve(`tok${n}`),
    refresh: () => Promise.resolve(`tok${++n}`),
    fetch: fetchFn,
    maxWaitMs: extra.maxWaitMs,
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
  const forbidden = scripted([{ status: 403, body: { error: { status: 403, message: "no" } } }]);
  const e403 = await api(forbidden.fetchFn).createPlaylist("n", "d").catch((e) => e);
  assert(e403 instanceof SpotifyForbiddenError && /allow-list/.test(e403.message), String(e403));
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
