import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import { collect, dedupeKey, type SearchPage, type TrackSearch } from "./collect.ts";
import { offlinePlan } from "./interpret.ts";
import { pick } from "./rank.ts";
import { buildQueries, type Query } from "./strategy.ts";
import { spotifyQuery } from "../../ports/spotify/search.ts";
import { catalogue } from "./catalogue.ts";
import { createLocalSearch } from "./local_search.ts";
import type { FoundTrack } from "./types.ts";

function spotifyTrack(id: string, title: string, artist: string, explicit = false): FoundTrack {
  return {
    id: null,
    source: "spotify",
    external_id: id,
    uri: `spotify:track:${id}`,
    title,
    artist,
    album: null,
    genres: [],
    moods: [],
    energy: null,
    valence: null,
    danceability: null,
    tempo: null,
    explicit,
    duration_ms: 200_000,
    language: null,
    image_url: null,
    preview_url: null,
  };
}

/** A search with `perQuery` results per query, recording every page asked for. */
function fakeSearch(perQuery: number, make: (q: Query, i: number) => FoundTrack) {
  const asked: { q: string; offset: number; limit: number }[] = [];
  const search: TrackSearch = {
    source: "spotify",
    search(q, offset, limit): Promise<SearchPage> {
      asked.push({ q: q.text, offset, limit });
      const n = Math.max(0, Math.min(limit, perQuery - offset));
      return Promise.resolve({
        tracks: Array.from({ length: n }, (_, i) => make(q, offset + i)),
        total: perQuery,
      });
    },
  };
  return { search, asked };
}

Deno.test("strategy - terms, then genres, then moods, then fallbacks", () => {
  const qs = buildQueries(offlinePlan("música para relajarse estudiando"));
  const kinds = qs.map((q) => q.kind);
  assertEquals(
    kinds,
    [...kinds].sort((a, b) =>
      ["term", "genre", "mood", "fallback"].indexOf(a) -
      ["term", "genre", "mood", "fallback"].indexOf(b)
    ),
  );
  assertEquals(new Set(kinds).size, 4);
  const genre = qs.find((q) => q.kind === "genre")!;
  assertMatch(spotifyQuery(genre), /^genre:"[a-z -]+"$/);
  assertEquals(qs.find((q) => q.kind === "fallback")!.text, "música tranquila para estudiar");
});

Deno.test("collect - pages of at most 10 with offset until enough, within the budget", async () => {
  const plan = offlinePlan("Music for studying");
  const queries = buildQueries(plan);
  const { search, asked } = fakeSearch(
    35,
    (q, i) => spotifyTrack(`${q.id}x${i}`, `Song ${q.id}-${i}`, `Artist ${i % 7}`),
  );
  const c = await collect(search, queries, { want: 90 });
  assert(asked.every((a) => a.limit <= 10), "never more than 10");
  assert(asked.some((a) => a.offset === 10), "later pages by offset");
  const first = queries.filter((q) => q.kind !== "fallback").map((q) => q.text);
  assertEquals(asked.slice(0, first.length).map((a) => a.q), first, "all but fallbacks first");
  assert(c.candidates.length >= 90, `${c.candidates.length} candidates`);
  const capped = await collect(
    fakeSearch(1000, (q, i) => spotifyTrack(`${q.id}y${i}`, `S${q.id}-${i}`, "A")).search,
    queries,
    {
      want: 10_000,
      budget: { maxRequests: 12, timeMs: 5000, concurrency: 3 },
    },
  );
  assertEquals(capped.requests, 12, "the request budget holds");
  const plenty = fakeSearch(1000, (q, i) => spotifyTrack(`${q.id}p${i}`, `P${q.id}-${i}`, `A${i}`));
  await collect(plenty.search, queries, { want: 20 });
  assert(!plenty.asked.some((a) => a.q === queries.at(-1)!.text), "no fallback when not short");
});

Deno.test("collect - duplicates merge by id and by title and artist; errors do not stop it", async () => {
  const queries = buildQueries(offlinePlan("calm piano"));
  const search: TrackSearch = {
    source: "spotify",
    search(q) {
      if (q.kind === "genre") return Promise.reject(new Error("boom"));
      return Promise.resolve({
        tracks: [
          spotifyTrack("same", "Clair de Lune", "Claude Debussy"),
          spotifyTrack(`re${q.id}`, "Clair de Lune - Remastered 2011", "Claude Debussy, Orchestra"),
          spotifyTrack(`u${q.id}`, `Unique ${q.id}`, "Someone"),
        ],
        total: 3,
      });
    },
  };
  const c = await collect(search, queries, { want: 100 });
  const clair = c.candidates.filter((x) =>
    dedupeKey(x.track.title, x.track.artist) === "clair de lune|claude debussy"
  );
  assertEquals(clair.length, 1, "one Clair de Lune");
  assertEquals(
    clair[0].hits.length,
    queries.length - queries.filter((q) => q.kind === "genre").length,
  );
  assert(c.errors.length > 0 && c.errors[0].includes("boom"), "the failed query is reported");
  const fatal = Object.assign(new Error("revoked"), { fatal: true });
  const dead: TrackSearch = { source: "spotify", search: () => Promise.reject(fatal) };
  assertEquals(
    await collect(dead, queries, { want: 10 }).then(() => "ok", (e) => e.message),
    "revoked",
  );
});

Deno.test("rank - more finds rank higher, explicit is dropped, an artist gets two slots", () => {
  const plan = offlinePlan("calm piano");
  const [q1, q2, q3] = buildQueries(plan);
  const cands = [
    {
      track: spotifyTrack("a", "Calm Waters", "X"),
      hits: [{ query: q1, position: 0 }, { query: q2, position: 3 }, { query: q3, position: 1 }],
    },
    { track: spotifyTrack("b", "Rage Mode", "Y"), hits: [{ query: q1, position: 1 }] },
    {
      track: spotifyTrack("c", "Soft Night", "Z", true),
      hits: [{ query: q1, position: 2 }, { query: q2, position: 0 }],
    },
    ...["d", "e", "f"].map((id) => ({
      track: spotifyTrack(id, `Tune ${id}`, "Same Artist"),
      hits: [{ query: q1, position: 5 }],
    })),
  ];
  const r = pick(cands, plan, { length: 10, noExplicit: true });
  assertEquals(r[0].track.external_id, "a");
  assert(!r.some((x) => x.track.explicit), "explicit dropped");
  // Plain words, no counts: the title's mood is the one asked for.
  assertEquals(r[0].reason, "A track with the calm feel you asked for.");
  assertEquals(r.filter((x) => x.track.artist === "Same Artist").length, 3, "filled up when short");
  const longer = pick(
    [
      ...cands,
      ...Array.from(
        { length: 10 },
        (_, i) => ({
          track: spotifyTrack(`z${i}`, `Other ${i}`, `Artist ${i}`),
          hits: [{ query: q1, position: 9 }],
        }),
      ),
    ],
    plan,
    { length: 10, noExplicit: false },
  );
  assertEquals(
    longer.filter((x) => x.track.artist === "Same Artist").length,
    2,
    "two slots per artist",
  );
  const calm = r.findIndex((x) => x.track.external_id === "a");
  const rage = r.findIndex((x) => x.track.external_id === "b");
  assert(calm < rage, "the mood of the title counts");
});

Deno.test("local search - the same flow over the catalogue gives a fitting playlist", async () => {
  const rows = catalogue().map((t, i) => ({
    ...t,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    owner_id: null,
  }));
  for (
    const [prompt, check] of [
      ["música para relajarse estudiando", (e: number) => e < 0.45],
      ["energetic workout music", (e: number) => e > 0.6],
    ] as const
  ) {
    const plan = offlinePlan(prompt);
    const c = await collect(createLocalSearch(rows, plan), buildQueries(plan), { want: 90 });
    const r = pick(c.candidates, plan, { length: 30, noExplicit: false });
    assertEquals(r.length, 30, prompt);
    const avg = r.reduce((n, x) => n + x.track.energy!, 0) / r.length;
    assert(check(avg), `${prompt}: average energy ${avg}`);
    assert(r.every((x) => !/\d|target|search/i.test(x.reason)), "plain words, no numbers");
    const said = plan.language === "es" ? /que pediste|ideal para estudiar/ : /you asked|good for/;
    assert(r.every((x) => said.test(x.reason)), `reasons in the prompt's language: ${prompt}`);
  }
});
