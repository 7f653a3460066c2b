/**
 * Artist search (a virtual artist's name checked against Spotify) through the real API client
 * against the fake Spotify on 127.0.0.1: `type=artist`, the limit capped at 10, followers or null,
 * invalid items skipped, and the same 429 handling as track search.
 */
import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { FakeSpotify } from "../../../tests/_fakes/spotify.ts";
import { createSpotifyApi } from "./api.ts";
import { SpotifyRateLimitError } from "./errors.ts";

function api(spotify: FakeSpotify, maxWaitMs?: number) {
  const token = spotify.accessToken();
  return createSpotifyApi({
    apiUrl: `${spotify.url}/v1`,
    token: () => Promise.resolve(token),
    refresh: () => Promise.reject(new Error("no refresh expected")),
    maxWaitMs,
  });
}

Deno.test("spotify searchArtists - finds a catalogue artist by name, accents and case aside", async () => {
  await using spotify = new FakeSpotify();
  const found = await api(spotify).searchArtists("sigur ros");
  assertEquals(found[0].name, "Sigur Rós");
  assert(/^[A-Za-z0-9]{22}$/.test(found[0].id), found[0].id);
  assert(found[0].followers === null || found[0].followers > 0, String(found[0].followers));
  const asked = new URL(spotify.log.at(-1)!.split(" ")[1], spotify.url).searchParams;
  assertEquals(Object.fromEntries(asked), { q: "sigur ros", type: "artist", limit: "10" });
  assertEquals(await api(spotify).searchArtists("Zzyzx Quorvath"), []);
});

Deno.test("spotify searchArtists - a list set by the test; limit capped at 10; followers or null", async () => {
  await using spotify = new FakeSpotify();
  spotify.artists = [
    { id: "a1", name: "Nova Lane", followers: 120, genres: ["synth-pop"] },
    { id: "a2", name: "Nova Lane Trio", followers: null, genres: ["jazz"] },
    ...Array.from({ length: 14 }, (_, i) => ({
      id: `n${i}`,
      name: `Nova ${i}`,
      followers: i,
      genres: [],
    })),
  ];
  const a = api(spotify);
  assertEquals(await a.searchArtists("Nova Lane", 5), [
    { name: "Nova Lane", id: "a1", followers: 120 },
    { name: "Nova Lane Trio", id: "a2", followers: null },
  ]);
  assertEquals((await a.searchArtists("nova", 50)).length, 10);
  assertEquals((await a.searchArtists('artist:"nova lane"', 1)).map((x) => x.id), ["a1"]);
  assertEquals(spotify.searchLimits, [5, 10, 1]);
});

Deno.test("spotify searchArtists - 429 waits Retry-After within the bound, else rate-limit error", async () => {
  await using spotify = new FakeSpotify();
  spotify.rateLimitNext(1, 0);
  assertEquals((await api(spotify).searchArtists("Brian Eno", 1))[0].name, "Brian Eno");
  assertEquals(spotify.log.filter((l) => l.startsWith("GET /v1/search")).length, 2);
  spotify.rateLimitNext(1, 120);
  const err = await api(spotify, 5000).searchArtists("Brian Eno").catch((e) => e);
  assert(err instanceof SpotifyRateLimitError && err.retryAfterS === 120, String(err));
});

Deno.test("spotify searchArtists - invalid items are skipped, a wrong answer is an error", async () => {
  const answers: unknown[] = [
    {
      artists: {
        items: [null, { id: "ok1", name: "Real One" }, { id: "bad id!", name: "X" }, {
          id: "ok2",
          name: "Two",
          followers: { href: null, total: 7 },
        }],
      },
    },
    { tracks: { items: [], total: 0 } },
  ];
  const a = createSpotifyApi({
    apiUrl: "https://api.example/v1",
    token: () => Promise.resolve("t"),
    refresh: () => Promise.resolve("t"),
    fetch: () => Promise.resolve(Response.json(answers.shift())),
  });
  assertEquals(await a.searchArtists("x"), [
    { name: "Real One", id: "ok1", followers: null },
    { name: "Two", id: "ok2", followers: 7 },
  ]);
  const err = await a.searchArtists("x").catch((e) => e);
  assert(/unexpected artist search/.test(String(err)), String(err));
});
