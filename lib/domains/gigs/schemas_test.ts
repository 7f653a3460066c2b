import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { z } from "zod";
import { decodeCursor, encodeCursor, keysetOf } from "./cursor.ts";
import {
  ApplicationInput,
  ClientProfileInput,
  Gig,
  GigInput,
  GigSearchQuery,
  GigUpdate,
  isTimeZone,
  MusicianProfileInput,
  normaliseTags,
  ReviewInput,
} from "./schemas.ts";

/** The fields zod names for `input`, in order ([] when it parses). */
function fields(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
}

Deno.test("tags - normalised the way the database stores them", () => {
  assertEquals(normaliseTags([" Jazz", "HIP   hop ", "jazz", "", "  "]), ["jazz", "hip hop"]);
});

Deno.test("GigSearchQuery - a query string parses into typed filters", () => {
  const q = GigSearchQuery.parse({
    q: "  wedding band ",
    genres: "Jazz, soul,,jazz",
    instruments: ["Piano"],
    from: "2026-12-01T00:00:00Z",
    budget_min: "25000",
    near_lat: "52.52",
    near_lng: "13.405",
    radius_km: "30",
    remote: "false",
    sort: "budget",
    limit: "10",
  });
  assertEquals(q.q, "wedding band");
  assertEquals(q.genres, ["jazz", "soul"]);
  assertEquals(q.instruments, ["piano"]);
  assertEquals(q.from?.toISOString(), "2026-12-01T00:00:00.000Z");
  assertEquals([q.budget_min, q.near_lat, q.radius_km, q.remote, q.limit], [
    25000,
    52.52,
    30,
    false,
    10,
  ]);
  assertEquals(q.sort, "budget");
});

Deno.test("GigSearchQuery - defaults, and the cursor round-trips as base64url JSON", () => {
  const q = GigSearchQuery.parse({});
  assertEquals([q.sort, q.limit, q.cursor], ["starts_at", 20, undefined]);
  const cursor = { sort: "starts_at", k: "2026-12-01T20:00:00+00:00", id: crypto.randomUUID() };
  const text = encodeCursor(cursor);
  assert(/^[A-Za-z0-9_-]+$/.test(text), "url-safe without padding");
  assertEquals(GigSearchQuery.parse({ cursor: text }).cursor, cursor);
});

Deno.test("GigSearchQuery - bad values name their field", () => {
  const cases: [Record<string, string>, string[]][] = [
    [{ sort: "price" }, ["sort"]],
    [{ limit: "0" }, ["limit"]],
    [{ limit: "500" }, ["limit"]],
    [{ budget_min: "-5" }, ["budget_min"]],
    [{ budget_min: "500", budget_max: "100" }, ["budget_max"]],
    [{ from: "next tuesday" }, ["from"]],
    [{ from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z" }, ["to"]],
    [{ near_lat: "52.5" }, ["near_lng"]],
    [{ near_lat: "95", near_lng: "0" }, ["near_lat"]],
    [{ radius_km: "10" }, ["radius_km"]],
    [{ cursor: "not a cursor!" }, ["cursor"]],
    [{ cursor: encodeCursor({ a: 1 }).slice(0, 5) }, ["cursor"]],
    [{ remote: "maybe" }, ["remote"]],
  ];
  for (const [input, expected] of cases) {
    assertEquals(fields(GigSearchQuery, input), expected, JSON.stringify(input));
  }
});

Deno.test("cursor - decoding rejects what is not a JSON object", () => {
  assertEquals(decodeCursor("!!"), null);
  assertEquals(decodeCursor(encodeCursor({ k: 1 }).replace(/.$/, "")), null);
  assertEquals(decodeCursor(btoa("[1,2]").replace(/=+$/, "")), null);
  assertEquals(decodeCursor(encodeCursor({ k: "é", id: "x" })), { k: "é", id: "x" });
});

Deno.test("cursor - a list's keyset refuses a cursor of another list as a 400 on cursor", () => {
  const id = crypto.randomUUID();
  assertEquals(keysetOf({ k: "Maya", id }), { k: "Maya", id });
  assertEquals(keysetOf(undefined), null);
  let err: unknown;
  try {
    keysetOf({ sort: "budget", k: 5, id });
  } catch (e) {
    err = e;
  }
  assert(err instanceof z.ZodError, "a ZodError, which the API answers with 400");
  assertEquals(err.issues[0].path, ["cursor"]);
});

Deno.test("GigInput - a form post parses; money stays integer minor units", () => {
  const g = GigInput.parse({
    title: "  Jazz trio for hotel bar ",
    starts_at: "2026-12-05T20:00:00+01:00",
    timezone: "Europe/Berlin",
    genres: "Jazz, Bossa Nova",
    remote: "on",
    budget_min_minor: "30000",
    budget_max_minor: "50000",
    currency: "eur",
    city: "",
  });
  assertEquals(g.title, "Jazz trio for hotel bar");
  assertEquals(g.genres, ["jazz", "bossa nova"]);
  assertEquals([g.remote, g.budget_min_minor, g.currency, g.city], [true, 30000, "EUR", null]);
  assertEquals([g.kind, g.duration_minutes, g.visibility], ["live_show", 120, "public"]);
});

Deno.test("GigInput - each rule names its field", () => {
  const base = { title: "Jazz night", starts_at: "2026-12-05T20:00:00Z" };
  const cases: [Record<string, unknown>, string[]][] = [
    [{ title: "ab" }, ["title"]],
    [{ starts_at: "soon" }, ["starts_at"]],
    [{ timezone: "CEST" }, ["timezone"]],
    [{ timezone: "Mars/Base" }, ["timezone"]],
    [{ duration_minutes: 10 }, ["duration_minutes"]],
    [{ budget_min_minor: 12.5 }, ["budget_min_minor"]],
    [{ budget_min_minor: 500, budget_max_minor: 100 }, ["budget_max_minor"]],
    [{ currency: "euro" }, ["currency"]],
    [{ country: "Germany" }, ["country"]],
    [{ lat: 52.5 }, ["lng"]],
    [{ apply_by: "2026-12-06T00:00:00Z" }, ["apply_by"]],
    [{ kind: "wedding" }, ["kind"]],
    [{ genres: Array.from({ length: 21 }, (_, i) => `g${i}`) }, ["genres"]],
  ];
  for (const [patch, expected] of cases) {
    assertEquals(fields(GigInput, { ...base, ...patch }), expected, JSON.stringify(patch));
  }
  assertEquals(fields(GigUpdate, {}), [""], "an empty patch changes nothing");
  assertEquals(GigUpdate.parse({ description: "More detail" }), { description: "More detail" });
});

Deno.test("time zones - IANA names only", () => {
  assertEquals(
    ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Asia/Kolkata"].map(isTimeZone),
    [
      true,
      true,
      true,
      true,
    ],
  );
  assertEquals(["CEST", "Europe/Nowhere", "+01:00", ""].map(isTimeZone), [
    false,
    false,
    false,
    false,
  ]);
});

Deno.test("profiles - inputs normalise and validate", () => {
  const m = MusicianProfileInput.parse({
    stage_name: " Maya ",
    genres: "Jazz, Latin  Jazz",
    skills: ["arranging", " arranging "],
    fee_min_minor: "30000",
    fee_max_minor: "80000",
    blocked_dates: ["2026-12-24"],
    links: [{ label: "Site", url: "https://maya.example" }],
    published: "on",
  });
  assertEquals([m.stage_name, m.genres, m.skills, m.published], [
    "Maya",
    ["jazz", "latin jazz"],
    ["arranging"],
    true,
  ]);
  assertEquals([m.currency, m.travel_radius_km, m.instruments], ["EUR", 50, []]);
  assertEquals(fields(MusicianProfileInput, { stage_name: "" }), ["stage_name"]);
  assertEquals(
    fields(MusicianProfileInput, { stage_name: "M", fee_min_minor: 9, fee_max_minor: 1 }),
    [
      "fee_max_minor",
    ],
  );
  assertEquals(
    fields(MusicianProfileInput, { stage_name: "M", links: [{ url: "javascript:alert(1)" }] }),
    [
      "links.0.url",
    ],
  );
  assertEquals(fields(MusicianProfileInput, { stage_name: "M", blocked_dates: ["24/12/2026"] }), [
    "blocked_dates.0",
  ]);
  assertEquals(fields(ClientProfileInput, { organisation: " " }), ["organisation"]);
  assertEquals(fields(ClientProfileInput, { organisation: "Club", capacity: -1 }), ["capacity"]);
});

Deno.test("applications and reviews - inputs", () => {
  const a = ApplicationInput.parse({
    proposal: "  Trio with twenty years of standards.  ",
    quoted_fee_minor: "40000",
    setlist: {
      title: "Set",
      songs: [{ title: "Autumn Leaves", artist: "Kosma", minutes: 5, energy: 4 }],
    },
  });
  assertEquals([a.proposal, a.quoted_fee_minor, a.media_ids], [
    "Trio with twenty years of standards.",
    40000,
    [],
  ]);
  assertEquals(fields(ApplicationInput, { proposal: "Pick me", quoted_fee_minor: 1 }), [
    "proposal",
  ]);
  assertEquals(fields(ApplicationInput, { proposal: "x".repeat(30), quoted_fee_minor: -1 }), [
    "quoted_fee_minor",
  ]);
  assertEquals(
    fields(ApplicationInput, { proposal: "x".repeat(30), quoted_fee_minor: 1, media_ids: ["x"] }),
    [
      "media_ids.0",
    ],
  );
  assertEquals(ReviewInput.parse({ rating: "4" }), { rating: 4, body: "" });
  assertEquals(fields(ReviewInput, { rating: 6 }), ["rating"]);
});

Deno.test("rows - timestamps leave as ISO strings, whichever driver made them", () => {
  const row = {
    id: crypto.randomUUID(),
    client_id: crypto.randomUUID(),
    title: "t",
    description: "",
    kind: "session",
    genres: [],
    instruments: [],
    starts_at: new Date("2026-12-05T19:00:00Z"),
    timezone: "UTC",
    duration_minutes: 60,
    remote: true,
    venue_name: null,
    city: null,
    country: null,
    lat: null,
    lng: null,
    budget_min_minor: null,
    budget_max_minor: 1000,
    currency: "EUR",
    apply_by: "2026-12-04 19:00:00+00",
    visibility: "public",
    status: "published",
    created_at: new Date(0),
    updated_at: new Date(0),
    published_at: null,
  };
  const g = Gig.parse(row);
  assertEquals([g.starts_at, g.apply_by], ["2026-12-05T19:00:00.000Z", "2026-12-04T19:00:00.000Z"]);
  const doc = z.toJSONSchema(Gig, { io: "output" }) as { properties: Record<string, unknown> };
  assertEquals(doc.properties.starts_at, {
    type: "string",
    format: "date-time",
    pattern: (doc.properties.starts_at as { pattern: string }).pattern,
  });
});
