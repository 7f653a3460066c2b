/**
 * The musician directory (GET /api/musicians and the /musicians page) on the embedded platform:
 * each filter narrows, keyset pages walk every sort without repeats or gaps when the sort key ties,
 * unpublished profiles never appear (signed out, signed in, to their owner), a city is placed from
 * the profiles that name it and an unknown one says so.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, bearer, getPage, type Person, signUpPerson } from "../_helpers/fuzz.ts";

interface Spec {
  name: string;
  instruments: string;
  genres: string;
  city: string | null;
  lat: number | null;
  lng: number | null;
  fee: [number, number] | null;
  currency?: string;
  published: boolean;
  rating?: number;
}

// Lisbon 38.72/-9.14, Sintra 38.80/-9.38 (~22 km), Porto 41.15/-8.61 (~274 km).
// Two pairs tie on purpose: the "Duo" names (case aside) and the 4.5 ratings at one place.
const SPECS: Spec[] = [
  {
    name: "Ana Keys",
    instruments: "piano",
    genres: "jazz",
    city: "Lisbon",
    lat: 38.72,
    lng: -9.14,
    fee: [20000, 40000],
    published: true,
    rating: 4.9,
  },
  {
    name: "Bruno Bass",
    instruments: "bass",
    genres: "funk, jazz",
    city: "Porto",
    lat: 41.15,
    lng: -8.61,
    fee: [50000, 90000],
    published: true,
    rating: 3.2,
  },
  {
    name: "Clara Cello",
    instruments: "cello",
    genres: "classical",
    city: "Sintra",
    lat: 38.8,
    lng: -9.38,
    fee: [30000, 30000],
    published: true,
    rating: 4.5,
  },
  {
    name: "Dan Drums",
    instruments: "drums",
    genres: "rock",
    city: "Sintra",
    lat: 38.8,
    lng: -9.38,
    fee: [10000, 20000],
    currency: "GBP",
    published: true,
    rating: 4.5,
  },
  {
    name: "duo",
    instruments: "vocals",
    genres: "pop",
    city: "Lisbon",
    lat: 38.71,
    lng: -9.13,
    fee: null,
    published: true,
  },
  {
    name: "Duo",
    instruments: "vocals, piano",
    genres: "pop, jazz",
    city: "Lisbon",
    lat: 38.73,
    lng: -9.15,
    fee: [15000, 15000],
    published: true,
  },
  {
    name: "Hidden Harp",
    instruments: "harp",
    genres: "jazz",
    city: "Lisbon",
    lat: 38.72,
    lng: -9.14,
    fee: [100, 200],
    published: false,
    rating: 5,
  },
  {
    name: "Fay Fiddle",
    instruments: "violin",
    genres: "folk",
    city: "lisbon",
    lat: null,
    lng: null,
    fee: [25000, 30000],
    published: true,
    rating: 2,
  },
];

interface World {
  app: TestApp;
  people: Map<string, Person>;
  client: Person;
}

async function seed(app: TestApp): Promise<World> {
  const people = new Map<string, Person>();
  for (const s of SPECS) {
    const p = await signUpPerson(app, s.name.replace(/\s/g, ""), "musician");
    await apiCall(app, p, "PUT", "/api/profile", {
      musician: {
        stage_name: s.name,
        instruments: s.instruments,
        genres: s.genres,
        city: s.city,
        country: "PT",
        lat: s.lat,
        lng: s.lng,
        fee_min_minor: s.fee?.[0] ?? null,
        fee_max_minor: s.fee?.[1] ?? null,
        currency: s.currency ?? "EUR",
        published: s.published,
      },
    }, 200);
    people.set(s.name, p);
    if (s.rating !== undefined) {
      // Ratings come from reviews; the directory only reads them.
      await app.platform.db.asService((tx) =>
        tx.query(
          "update public.musician_profiles set rating_avg = $2, rating_count = 3 where id = $1",
          [p.id, s.rating],
        )
      );
    }
  }
  const client = await signUpPerson(app, "Carla", "client");
  return { app, people, client };
}

type Hit = { id: string; stage_name: string; distance_km: number | null };
type PageBody = {
  items: Hit[];
  nextCursor: string | null;
  place: { known: boolean; lat: number | null } | null;
};

async function search(app: TestApp, query: string, who?: Person): Promise<PageBody> {
  const res = await app.fetch(`/api/musicians?${query}`, { headers: who ? bearer(who.token) : {} });
  const text = await res.text();
  assertEquals(res.status, 200, `GET /api/musicians?${query}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function names(app: TestApp, query: string, who?: Person): Promise<string[]> {
  return (await search(app, query, who)).items.map((h) => h.stage_name).sort();
}

/** Every page of a sort, `size` at a time, concatenated. */
async function walk(app: TestApp, query: string, size: number): Promise<Hit[]> {
  const all: Hit[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: PageBody = await search(
      app,
      `${query}&limit=${size}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return all;
  }
  throw new Error("paging did not end");
}

const PUBLISHED = SPECS.filter((s) => s.published).map((s) => s.name).sort();

Deno.test({
  name: "directory - filters, keyset paging with ties, published only, cities",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ WORKER: "off" });
  const w = await seed(app);
  const id = (name: string) => w.people.get(name)!.id;

  await t.step("only published profiles, signed out, signed in, and to their owner", async () => {
    assertEquals(await names(app, "limit=100"), PUBLISHED);
    assertEquals(await names(app, "limit=100", w.client), PUBLISHED);
    assertEquals(await names(app, "limit=100&genre=jazz", w.people.get("Hidden Harp")), [
      "Ana Keys",
      "Bruno Bass",
      "Duo",
    ]);
  });

  await t.step("each filter narrows", async () => {
    assertEquals(await names(app, "instrument=Piano"), ["Ana Keys", "Duo"]);
    assertEquals(await names(app, "genre=jazz"), ["Ana Keys", "Bruno Bass", "Duo"]);
    assertEquals(await names(app, "fee_max=20000"), ["Ana Keys", "Dan Drums", "Duo"]);
    assertEquals(await names(app, "fee_max=20000&currency=EUR"), ["Ana Keys", "Duo"]);
    assertEquals(await names(app, "min_rating=4.5"), ["Ana Keys", "Clara Cello", "Dan Drums"]);
    assertEquals(await names(app, "near_lat=38.72&near_lng=-9.14&radius_km=10"), [
      "Ana Keys",
      "Duo",
      "duo",
    ]);
    assertEquals(await names(app, "genre=jazz&instrument=piano&min_rating=4"), ["Ana Keys"]);
  });

  await t.step(
    "a city is placed from the profiles that name it; an unknown one says so",
    async () => {
      const lisbon = await search(app, "city=lisbon&radius_km=30&limit=100");
      assert(lisbon.place?.known, "Lisbon is known");
      assertEquals(lisbon.items.map((h) => h.stage_name).sort(), [
        "Ana Keys",
        "Clara Cello",
        "Dan Drums",
        "Duo",
        "Fay Fiddle",
        "duo",
      ]);
      const near = await search(app, "city=Lisbon&limit=100");
      assert(
        !near.items.some((h) => h.stage_name === "Bruno Bass"),
        "the default radius leaves Porto out",
      );
      const atlantis = await search(app, "city=Atlantis");
      assertEquals(atlantis.place?.known, false);
      assertEquals(atlantis.items, []);
      const page = await getPage(app, null, "/musicians?city=Atlantis");
      assertEquals(page.status, 200);
      assert(page.text.includes('data-testid="unknown-city"'), "the page says the city is unknown");
    },
  );

  await t.step("keyset pages walk every sort without repeats or gaps", async () => {
    for (const [sort, size] of [["rating", 1], ["rating", 2], ["name", 1], ["name", 3]] as const) {
      const hits = await walk(app, `sort=${sort}`, size);
      const seen = hits.map((h) => h.stage_name);
      assertEquals(seen.length, new Set(hits.map((h) => h.id)).size, `${sort}/${size}: no repeats`);
      assertEquals([...seen].sort(), PUBLISHED, `${sort}/${size}: no gaps`);
      const whole = (await search(app, `sort=${sort}&limit=100`)).items.map((h) => h.id);
      assertEquals(hits.map((h) => h.id), whole, `${sort}/${size}: the same order as one page`);
    }
    const byRating = (await search(app, "sort=rating&limit=100")).items.map((h) => h.stage_name);
    assertEquals(byRating[0], "Ana Keys");
    const tie = [id("Clara Cello"), id("Dan Drums")].sort();
    assertEquals(
      byRating.slice(1, 3).map((n) => id(n)),
      tie,
      "the 4.5 tie is broken by id",
    );
    const byName = (await search(app, "sort=name&limit=100")).items.map((h) => h.stage_name);
    assertEquals(byName.slice(0, 3), ["Ana Keys", "Bruno Bass", "Clara Cello"]);
    assertEquals(
      byName.slice(4, 6).map((n) => id(n)),
      [id("duo"), id("Duo")].sort(),
      "the name tie (case aside) is broken by id",
    );
    const hits = await walk(app, "sort=distance&near_lat=38.72&near_lng=-9.14", 2);
    assertEquals(hits.length, PUBLISHED.length);
    assertEquals(hits[hits.length - 1].stage_name, "Fay Fiddle", "no coordinates: last");
    const d = hits.map((h) => h.distance_km ?? Infinity);
    assert(d.every((x, i) => i === 0 || d[i - 1] <= x), `nearest first: ${d}`);
  });

  await t.step("bad input is a 400 naming the field", async () => {
    for (
      const [q, field] of [
        ["sort=price", "sort"],
        ["radius_km=5", "radius_km"],
        ["near_lat=100&near_lng=1", "near_lat"],
        ["min_rating=9", "min_rating"],
        ["cursor=eyJrIjoxfQ", "cursor"],
      ]
    ) {
      const res = await app.fetch(`/api/musicians?${q}`);
      const body = await res.json();
      assertEquals(res.status, 400, q);
      assertEquals(body.error.field, field, q);
    }
    const res = await app.fetch(
      "/api/musicians?sort=name&cursor=" +
        (await search(app, "sort=rating&limit=1")).nextCursor,
    );
    assertEquals(res.status, 400, "a cursor of another sort");
  });

  await t.step("the page works signed out, filters, and offers Save signed in", async () => {
    const anon = await getPage(app, null, "/musicians?instrument=piano&sort=name");
    assertEquals(anon.status, 200);
    assert(anon.text.includes("Ana Keys") && !anon.text.includes("Bruno Bass"), "filtered");
    assert(anon.text.includes("/signin?next="), "signed out, Save leads to sign-in and back");
    assert(!anon.text.includes("Hidden Harp"));
    const client = await getPage(app, w.client.token, "/musicians?rating=4.5");
    assertEquals(client.status, 200);
    assert(client.text.includes('action="/favourites"'), "signed in, Save is a form");
    const bad = await getPage(app, null, "/musicians?fee=abc");
    assertEquals(bad.status, 400);
  });
});
