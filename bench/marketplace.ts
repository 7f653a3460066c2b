/**
 * Marketplace benchmarks (issue 3, item 11), in the format of ../shared/BENCH.md.
 *
 * - `matching.top20.p95_ms`: "musicians for this gig" through `musiciansForGig` as the gig's owner
 *   (`db.asUser`: the HNSW search over match vectors, lib/domains/matching/vector.ts, then the exact score
 *   of each candidate in TypeScript), top 20, over `BENCH_MUSICIANS` [100000] synthetic musician
 *   profiles. Per run every query gig is asked once; the value is the median over runs of each
 *   run's p95.
 * - `matching.top20.recall`: mean |approximate ∩ exact| / |exact| (20, fewer when fewer musicians
 *   can play the gig) against an exact scan computing the SAME score over every published profile (`{ exact: true }`: the same function without its
 *   index, every published row scored by the same TypeScript).
 * - `matching.index_build_s` (extra): building the profiles' HNSW index after the bulk load.
 * - `matching.exact_scan_ms` (extra): the exact scan per query, for scale.
 * - `web.gigs_search.p95_ms`: `GET /api/gigs?q=…` with filters (genres, instruments, dates, budget,
 *   distance) and relevance sort, on the real server (`startTestApp`) holding `BENCH_GIGS` [20000]
 *   gigs, signed in with a bearer token. Requests come one at a time from a second process on
 *   127.0.0.1 (this file with `--search-client`); per run the p95 over all requests.
 *
 * Data are generated deterministically and bulk-loaded with COPY into migrated PGlite databases
 * (triggers off, as a restore would); what the triggers would keep (profile facts beside the
 * vectors, the title words of the typo fallback) is then rebuilt by the migration's own refresh
 * functions, and the HNSW indexes are built after the load, as the migration defines them.
 * Embeddings are the offline adapter's lexical vectors of each row's embedding text as the
 * database defines it (`private.*_embedding_text`), model name and hash included: what the worker
 * would store; the match vectors are derived from them by the worker's code (derive.ts).
 *
 * `deno run -A bench/marketplace.ts` runs it alone and merges the results into bench/results.json;
 * `marketplaceBench()` returns them for a runner. Knobs: BENCH_RUNS [5], BENCH_MUSICIANS [100000],
 * BENCH_GIGS [20000], BENCH_QUERIES [40], BENCH_CANDIDATES [lib default], BENCH_EF [lib default],
 * BENCH_CACHE=1 (keep the loaded matching database under .data/ between runs: no build time then).
 *
 * @module
 */
import { createDb, type Db } from "../lib/ports/db/mod.ts";
import { openPglite, snapshot } from "../lib/ports/db/pglite.ts";
import type { Claims } from "../lib/ports/db/types.ts";
import { migratedSnapshot, type PgliteDriver } from "../tests/_helpers/db.ts";
import { startTestApp } from "../tests/_helpers/app.ts";
import { lexicalEmbedding, OFFLINE_EMBEDDING_MODEL } from "../lib/ports/ai/offline.ts";
import { seededRandom } from "../lib/domains/gigs/facts.ts";
import {
  DEFAULT_CANDIDATES,
  type Match,
  musiciansForGig,
} from "../lib/domains/matching/queries.ts";
import { deriveStale } from "../lib/domains/matching/derive.ts";
import { MATCH_VECTOR_VERSION } from "../lib/domains/matching/vector.ts";
import { type Result, summarise, writeResults } from "./results.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

/** Bump when the generated data or their loading change (it keys the BENCH_CACHE file). */
const DATA_VERSION = "2026-11-22.3";
/** The migrations that shape the matching tables: part of the BENCH_CACHE key. */
const MATCHING_MIGRATIONS = [
  "../supabase/migrations/20261122002000_ai_matching.sql",
  "../supabase/migrations/20261122004000_matching_perf.sql",
  "../supabase/migrations/20261204000100_matching_plans.sql",
  "../supabase/migrations/20261215000100_match_signals.sql",
  "../supabase/migrations/20261215000200_matching_quality.sql",
].map((p) => new URL(p, import.meta.url));

export interface MarketplaceBenchOptions {
  runs?: number;
  musicians?: number;
  gigs?: number;
  queries?: number;
  candidates?: number;
  efSearch?: number;
  log?: (line: string) => void;
}

type Sizes = { musicians: number; gigs: number; queries: number };

// ---------------------------------------------------------------------------------------------
// Synthetic data

const CITIES: [string, string, number, number, number][] = [
  ["London", "GB", 51.5074, -0.1278, 9],
  ["Berlin", "DE", 52.52, 13.405, 7],
  ["Paris", "FR", 48.8566, 2.3522, 7],
  ["Madrid", "ES", 40.4168, -3.7038, 5],
  ["Barcelona", "ES", 41.3874, 2.1686, 5],
  ["Lisbon", "PT", 38.7223, -9.1393, 4],
  ["Porto", "PT", 41.1579, -8.6291, 2],
  ["Rome", "IT", 41.9028, 12.4964, 4],
  ["Milan", "IT", 45.4642, 9.19, 4],
  ["Amsterdam", "NL", 52.3676, 4.9041, 4],
  ["Rotterdam", "NL", 51.9244, 4.4777, 2],
  ["Brussels", "BE", 50.8503, 4.3517, 3],
  ["Vienna", "AT", 48.2082, 16.3738, 3],
  ["Prague", "CZ", 50.0755, 14.4378, 3],
  ["Warsaw", "PL", 52.2297, 21.0122, 3],
  ["Kraków", "PL", 50.0647, 19.945, 2],
  ["Copenhagen", "DK", 55.6761, 12.5683, 2],
  ["Stockholm", "SE", 59.3293, 18.0686, 2],
  ["Oslo", "NO", 59.9139, 10.7522, 2],
  ["Helsinki", "FI", 60.1699, 24.9384, 1],
  ["Dublin", "IE", 53.3498, -6.2603, 3],
  ["Manchester", "GB", 53.4808, -2.2426, 3],
  ["Glasgow", "GB", 55.8642, -4.2518, 2],
  ["Hamburg", "DE", 53.5511, 9.9937, 3],
  ["Munich", "DE", 48.1351, 11.582, 3],
  ["Cologne", "DE", 50.9375, 6.9603, 2],
  ["Zurich", "CH", 47.3769, 8.5417, 2],
  ["Lyon", "FR", 45.764, 4.8357, 2],
  ["Marseille", "FR", 43.2965, 5.3698, 2],
  ["Athens", "GR", 37.9838, 23.7275, 2],
  ["Budapest", "HU", 47.4979, 19.0402, 2],
  ["Bucharest", "RO", 44.4268, 26.1025, 2],
  ["New York", "US", 40.7128, -74.006, 6],
  ["Los Angeles", "US", 34.0522, -118.2437, 4],
  ["Chicago", "US", 41.8781, -87.6298, 3],
  ["New Orleans", "US", 29.9511, -90.0715, 2],
  ["Nashville", "US", 36.1627, -86.7816, 2],
  ["Toronto", "CA", 43.6532, -79.3832, 3],
  ["São Paulo", "BR", -23.5505, -46.6333, 3],
  ["Mumbai", "IN", 19.076, 72.8777, 3],
];

const GENRES: [string, number][] = [
  ["pop", 10],
  ["rock", 10],
  ["jazz", 8],
  ["soul", 5],
  ["funk", 4],
  ["blues", 4],
  ["r&b", 4],
  ["hip hop", 5],
  ["electronic", 6],
  ["classical", 6],
  ["folk", 4],
  ["country", 3],
  ["latin", 4],
  ["reggae", 2],
  ["metal", 3],
  ["indie", 5],
  ["gospel", 2],
];

const INSTRUMENTS: [string, number][] = [
  ["guitar", 10],
  ["vocals", 10],
  ["drums", 7],
  ["bass", 6],
  ["piano", 7],
  ["keys", 3],
  ["saxophone", 3],
  ["trumpet", 2],
  ["violin", 3],
  ["cello", 2],
  ["double bass", 2],
  ["percussion", 2],
  ["dj", 4],
  ["flute", 1],
];

const SKILLS = [
  "improvisation",
  "sight-reading",
  "arranging",
  "songwriting",
  "backing vocals",
  "live looping",
  "music direction",
  "teaching",
  "session recording",
  "transcription",
  "click track",
  "in-ear monitoring",
  "production",
  "harmony vocals",
  "busking",
  "orchestration",
  "mixing",
  "mc",
  "choir direction",
  "ableton live",
];

const LANGUAGES = ["English", "Spanish", "French", "German", "Portuguese", "Italian", "Polish"];

const OCCASIONS = [
  "weddings",
  "corporate events",
  "jazz clubs",
  "festivals",
  "studio sessions",
  "private parties",
  "restaurants",
  "theatre productions",
  "cruise ships",
  "church services",
  "hotel lounges",
  "album recordings",
  "music video shoots",
  "tours",
];

const FLAVOUR = [
  "warm tone",
  "tight groove",
  "big sound",
  "subtle dynamics",
  "soulful phrasing",
  "fast chops",
  "a deep repertoire of standards",
  "crowd-pleasing covers",
  "original material",
  "vintage gear",
  "a reliable van",
  "a full PA",
  "a home studio",
  "conservatory training",
  "a decade of touring",
  "late-night energy",
];

const GIG_THINGS = [
  ["trio night", "jazz", "piano"],
  ["covers band for a wedding", "pop", "vocals"],
  ["string quartet for a ceremony", "classical", "violin"],
  ["DJ for a rooftop party", "electronic", "dj"],
  ["rock band for a festival slot", "rock", "drums"],
  ["session bassist for an album", "funk", "bass"],
  ["gospel choir for a christmas service", "gospel", "vocals"],
  ["singer for a hotel lounge", "soul", "vocals"],
  ["blues jam host", "blues", "guitar"],
  ["salsa band for a dinner dance", "latin", "percussion"],
  ["folk duo for a pub session", "folk", "guitar"],
  ["country band for a barn dance", "country", "guitar"],
  ["saxophonist for a corporate dinner", "jazz", "saxophone"],
  ["metal drummer for a tour", "metal", "drums"],
  ["indie guitarist for a showcase", "indie", "guitar"],
  ["hip hop producer for a showcase", "hip hop", "keys"],
  ["reggae band for a beach bar", "reggae", "bass"],
  ["cellist for a recording session", "classical", "cello"],
  ["trumpet player for a brass section", "funk", "trumpet"],
  ["pianist for a cocktail reception", "jazz", "piano"],
];

function weighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let x = rand() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x <= 0) return item;
  }
  return items[items.length - 1][0];
}

function sample<T>(rand: () => number, items: T[], n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const x = items[Math.floor(rand() * items.length)];
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

function distinctWeighted(rand: () => number, items: [string, number][], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n && i < 50; i++) {
    const x = weighted(rand, items);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

function uuid(rand: () => number): string {
  const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  h[12] = "4";
  h[16] = "89ab"[Math.floor(rand() * 4)];
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const DAY = 86_400_000;

/** COPY text format: tab-separated, \N for null, arrays and vectors in their text forms. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (Array.isArray(v)) {
    return `{${v.map((x) => `"${String(x).replace(/(["\\])/g, "\\$1")}"`).join(",")}}`
      .replace(/\\/g, "\\\\");
  }
  return String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
}

function copyRows(rows: unknown[][]): Blob {
  return new Blob([rows.map((r) => r.map(copyValue).join("\t")).join("\n") + "\n"]);
}

async function copyInto(
  driver: PgliteDriver,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const CHUNK = 20_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await driver.pg.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], {
      blob: copyRows(rows.slice(i, i + CHUNK)),
    });
  }
}

/** Every row the bench loads, generated deterministically (dates relative to today). */
export interface BenchData {
  today: number;
  musicianIds: string[];
  clientIds: string[];
  queryGigIds: string[];
  users: unknown[][];
  profiles: unknown[][];
  musicians: unknown[][];
  /** The first `queries` rows are the query gigs, posted by the first client. */
  gigs: unknown[][];
  bookingGigs: unknown[][];
  applications: unknown[][];
  bookings: unknown[][];
}

export function generate(o: Sizes): BenchData {
  const rand = seededRandom(`soundcheck-bench-${DATA_VERSION}`);
  const now = Date.now();
  const today = Math.floor(now / DAY) * DAY;
  const d: BenchData = {
    today,
    musicianIds: [],
    clientIds: [],
    queryGigIds: [],
    users: [],
    profiles: [],
    musicians: [],
    gigs: [],
    bookingGigs: [],
    applications: [],
    bookings: [],
  };
  for (let i = 0; i < o.musicians; i++) {
    const id = uuid(rand);
    d.musicianIds.push(id);
    const [city, country, lat, lng] = weighted(rand, CITIES.map((c) => [c, c[4]]));
    const genres = distinctWeighted(rand, GENRES, 1 + Math.floor(rand() * 3));
    const instruments = distinctWeighted(rand, INSTRUMENTS, rand() < 0.7 ? 1 : 2);
    const skills = sample(rand, SKILLS, 1 + Math.floor(rand() * 4));
    const languages = ["English", ...sample(rand, LANGUAGES.slice(1), Math.floor(rand() * 2))];
    const years = 2 + Math.floor(rand() * 25);
    const bio = [
      `${genres[0]} ${instruments[0]} player from ${city} with ${years} years on stage.`,
      `Known for ${sample(rand, FLAVOUR, 2).join(" and ")}.`,
      `Plays ${sample(rand, OCCASIONS, 2 + Math.floor(rand() * 2)).join(", ")}.`,
      rand() < 0.5
        ? `Also at home in ${weighted(rand, GENRES)} and ${weighted(rand, GENRES)}.`
        : "",
    ].join(" ").trim();
    const feeMin = 100 * (50 + Math.floor(rand() * 750));
    const currency = rand() < 0.8 ? "EUR" : rand() < 0.75 ? "GBP" : "USD";
    const blocked = Array.from(
      { length: Math.floor(rand() * 6) },
      () => new Date(today + Math.floor(rand() * 90) * DAY).toISOString().slice(0, 10),
    );
    d.users.push([id, `m${i}@bench.test`]);
    d.profiles.push([id, `Musician ${i}`, true, false]);
    d.musicians.push([
      id,
      `Musician ${i}`,
      bio,
      instruments,
      genres,
      skills,
      languages,
      city,
      country,
      lat + (rand() - 0.5) * 0.3,
      lng + (rand() - 0.5) * 0.3,
      [25, 50, 50, 100, 150, 300, 1000][Math.floor(rand() * 7)],
      feeMin,
      Math.round(feeMin * (1.2 + rand() * 1.3)),
      currency,
      [...new Set(blocked)],
      rand() < 0.92,
    ]);
  }
  for (let i = 0; i < 200; i++) {
    const id = uuid(rand);
    d.clientIds.push(id);
    d.users.push([id, `c${i}@bench.test`]);
    d.profiles.push([id, `Venue ${i}`, false, true]);
  }
  const clients = d.clientIds;
  for (let i = 0; i < Math.max(o.gigs, o.queries); i++) {
    const id = uuid(rand);
    const query = i < o.queries;
    const client = query ? clients[0] : clients[1 + Math.floor(rand() * 199)];
    const [thing, genre, instrument] = GIG_THINGS[Math.floor(rand() * GIG_THINGS.length)];
    const [city, country, lat, lng] = weighted(rand, CITIES.map((c) => [c, c[4]]));
    const genres = [...new Set([genre, ...(rand() < 0.4 ? [weighted(rand, GENRES)] : [])])];
    const instruments = [
      ...new Set([instrument, ...(rand() < 0.3 ? [weighted(rand, INSTRUMENTS)] : [])]),
    ];
    const starts = new Date(
      today + (1 + Math.floor(rand() * 120)) * DAY + (18 + Math.floor(rand() * 4)) * 3600_000,
    );
    const status = query ? "published" : rand() < 0.85 ? "published" : "draft";
    const remote = !query && rand() < 0.05;
    const budgetMax = 100 * (100 + Math.floor(rand() * 900));
    const title = `${genres.join(" & ")} ${thing} in ${city}`.replace(/^./, (c) => c.toUpperCase());
    const description = [
      `We are looking for a ${thing} on ${starts.toDateString()}.`,
      `Think ${sample(rand, FLAVOUR, 2).join(", ")}; ${sample(rand, OCCASIONS, 1)[0]} crowd.`,
      `${1 + Math.floor(rand() * 4)} sets, backline ${rand() < 0.5 ? "provided" : "not provided"}.`,
    ].join(" ");
    if (query) d.queryGigIds.push(id);
    d.gigs.push([
      id,
      client,
      title.slice(0, 120),
      description,
      ["live_show", "live_show", "session", "teaching", "other"][Math.floor(rand() * 5)],
      genres,
      instruments,
      starts.toISOString(),
      "Europe/Berlin",
      [60, 90, 120, 180, 240][Math.floor(rand() * 5)],
      remote,
      `Venue ${Math.floor(rand() * 500)}`,
      remote ? null : city,
      remote ? null : country,
      remote ? null : lat + (rand() - 0.5) * 0.2,
      remote ? null : lng + (rand() - 0.5) * 0.2,
      Math.round(budgetMax * 0.5),
      budgetMax,
      rand() < 0.85 ? "EUR" : "GBP",
      starts.toISOString(),
      query || rand() < 0.95 ? "public" : "invite_only",
      status,
      status === "published" ? new Date(now - rand() * 30 * DAY).toISOString() : null,
    ]);
  }
  // One musician in twenty holds a confirmed booking (on a filled gig): availability is real.
  for (let i = 0; i < Math.floor(o.musicians / 20); i++) {
    const musician = d.musicianIds[i * 20 + Math.floor(rand() * 20)];
    const client = clients[1 + Math.floor(rand() * 199)];
    const gigId = uuid(rand);
    const appId = uuid(rand);
    const starts = new Date(today + (1 + Math.floor(rand() * 60)) * DAY + 19 * 3600_000);
    const ends = new Date(starts.getTime() + 3 * 3600_000);
    d.bookingGigs.push([
      gigId,
      client,
      "Booked private party",
      "A private party, already booked.",
      "live_show",
      ["pop"],
      ["vocals"],
      starts.toISOString(),
      "Europe/Berlin",
      180,
      false,
      "Private",
      "Berlin",
      "DE",
      52.52,
      13.405,
      20000,
      40000,
      "EUR",
      starts.toISOString(),
      "public",
      "filled",
      new Date(now - 10 * DAY).toISOString(),
    ]);
    d.applications.push([
      appId,
      gigId,
      musician,
      "I would love to play your party, here is my offer.",
      30000,
      "EUR",
      "accepted",
    ]);
    d.bookings.push([
      gigId,
      appId,
      client,
      musician,
      30000,
      "EUR",
      starts.toISOString(),
      ends.toISOString(),
      "Europe/Berlin",
      "Berlin",
      false,
      "Free cancellation until 7 days before.",
    ]);
  }
  return d;
}

const GIG_COLUMNS = [
  "id",
  "client_id",
  "title",
  "description",
  "kind",
  "genres",
  "instruments",
  "starts_at",
  "timezone",
  "duration_minutes",
  "remote",
  "venue_name",
  "city",
  "country",
  "lat",
  "lng",
  "budget_min_minor",
  "budget_max_minor",
  "currency",
  "apply_by",
  "visibility",
  "status",
  "published_at",
];

const MUSICIAN_COLUMNS = [
  "id",
  "stage_name",
  "bio",
  "instruments",
  "genres",
  "skills",
  "languages",
  "city",
  "country",
  "lat",
  "lng",
  "travel_radius_km",
  "fee_min_minor",
  "fee_max_minor",
  "currency",
  "blocked_dates",
  "published",
];

const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/** Loads musicians, the query gigs and the bookings, embeds, builds HNSW; returns build seconds. */
async function loadMatching(
  driver: PgliteDriver,
  d: BenchData,
  o: Sizes,
  log: (s: string) => void,
): Promise<number> {
  let t = performance.now();
  await driver.exec(`
    set session_replication_role = replica;
    drop index if exists private.musician_match_vector_idx;
    drop index if exists private.gig_match_vector_idx;`);
  await copyInto(driver, "auth.users", ["id", "email"], d.users);
  await copyInto(
    driver,
    "public.profiles",
    ["id", "display_name", "is_musician", "is_client"],
    d.profiles,
  );
  await copyInto(driver, "public.musician_profiles", MUSICIAN_COLUMNS, d.musicians);
  await copyInto(driver, "public.gigs", GIG_COLUMNS, d.gigs.slice(0, o.queries));
  await copyInto(driver, "public.gigs", GIG_COLUMNS, d.bookingGigs);
  await copyInto(driver, "public.applications", [
    "id",
    "gig_id",
    "musician_id",
    "proposal",
    "quoted_fee_minor",
    "currency",
    "status",
  ], d.applications);
  await copyInto(driver, "public.bookings", [
    "gig_id",
    "application_id",
    "client_id",
    "musician_id",
    "fee_minor",
    "currency",
    "starts_at",
    "ends_at",
    "timezone",
    "place",
    "remote",
    "cancellation_terms",
  ], d.bookings);
  log(`  loaded ${o.musicians} musicians (${d.bookings.length} booked) in ${secs(t)}`);

  // The texts as the database defines them, embedded as the worker would, hashed as the triggers do.
  t = performance.now();
  for (const side of ["musician", "gig"] as const) {
    const texts = await driver.query<{ id: string; text: string; hash: string }>(
      side === "musician"
        ? `select id, t as text, md5(t) as hash from public.musician_profiles,
             private.musician_embedding_text(genres, instruments, skills, languages, city, country,
               bio) t`
        : `select id, t as text, md5(t) as hash from public.gigs,
             private.gig_embedding_text(title, kind, genres, instruments, remote, city, country,
               description) t`,
    );
    const rows = texts.map((r) => [
      r.id,
      OFFLINE_EMBEDDING_MODEL,
      384,
      `[${lexicalEmbedding(r.text).join(",")}]`,
      r.hash,
    ]);
    await copyInto(
      driver,
      side === "musician" ? "public.musician_embeddings" : "public.gig_embeddings",
      [
        side === "musician" ? "musician_id" : "gig_id",
        "model",
        "dims",
        "embedding",
        "content_hash",
      ],
      rows,
    );
  }
  await driver.exec("set session_replication_role = origin");
  log(`  embedded in ${secs(t)}`);

  // The facts beside each vector, as the triggers keep them, and the match vectors, derived by
  // the worker's own code (lib/domains/matching/derive.ts) from the stored embeddings.
  t = performance.now();
  await driver.exec("select private.refresh_musician_match(null)");
  const db = createDb(driver);
  for (const side of ["musician", "gig"] as const) {
    while (await db.asService((tx) => deriveStale(tx, side, 5000)) > 0) {
      // the next batch
    }
  }
  await driver.exec("vacuum analyze private.musician_match");
  log(`  match vectors derived in ${secs(t)}`);

  // The indexes exactly as the latest matching migration defines them, built after the bulk load.
  const source = MATCHING_MIGRATIONS.at(-1)!;
  const migration = await Deno.readTextFile(source);
  const ddl = (name: string) => {
    const m = migration.match(new RegExp(`create index if not exists ${name}[^;]*;`));
    if (!m) throw new Error(`no index ${name} in ${source.pathname}`);
    return m[0];
  };
  t = performance.now();
  await driver.exec(`set maintenance_work_mem = '1GB';
    ${ddl("musician_match_vector_idx")}
    reset maintenance_work_mem;`);
  const buildS = (performance.now() - t) / 1000;
  await driver.exec(ddl("gig_match_vector_idx"));
  await driver.exec("vacuum analyze");
  log(`  HNSW index over ${o.musicians} match vectors built in ${buildS.toFixed(1)} s`);
  return buildS;
}

export interface MatchingWorld {
  db: Db;
  driver: PgliteDriver;
  owner: Claims;
  indexBuildS: number;
}

export async function openMatchingWorld(
  d: BenchData,
  o: Sizes,
  log: (s: string) => void,
): Promise<MatchingWorld> {
  let driver: PgliteDriver;
  let indexBuildS = NaN;
  const fresh = async () =>
    await openPglite({ loadDataDir: (await migratedSnapshot()).tar }) as PgliteDriver;
  if (Deno.env.get("BENCH_CACHE") === "1") {
    // For working on the queries: the loaded database is kept under .data/, keyed by the data,
    // the vector layout and every matching migration (a change to any rebuilds it). No build
    // time is reported then.
    const migrations = await Promise.all(MATCHING_MIGRATIONS.map((u) => Deno.readTextFile(u)));
    const key = [DATA_VERSION, o.musicians, o.queries, d.today, MATCH_VECTOR_VERSION]
      .concat(migrations).join("|");
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)),
    );
    const hash = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
    const file = new URL(`../.data/bench-matching-${hash}.tar`, import.meta.url);
    try {
      const tar = new Blob([await Deno.readFile(file)]);
      driver = await openPglite({ loadDataDir: tar }) as PgliteDriver;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      driver = await fresh();
      await loadMatching(driver, d, o, log);
      await Deno.writeFile(file, new Uint8Array(await (await snapshot(driver)).arrayBuffer()));
    }
  } else {
    driver = await fresh();
    indexBuildS = await loadMatching(driver, d, o, log);
  }
  return { db: createDb(driver), driver, owner: claimsFor(d.clientIds[0]), indexBuildS };
}

function claimsFor(id: string): Claims {
  return { sub: id, role: "authenticated", aud: "authenticated" };
}

// ---------------------------------------------------------------------------------------------
// Measurements

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function exactTop20(w: MatchingWorld, gigId: string): Promise<Match[]> {
  // The same candidate function without its index: a sequential scan over every published
  // profile, every row scored by the same TypeScript as the fast path.
  return await w.db.asUser(w.owner, (tx) => musiciansForGig(tx, gigId, 20, { exact: true }));
}

async function matchingGroup(
  d: BenchData,
  o: Sizes & { runs: number; candidates: number; efSearch?: number },
  log: (s: string) => void,
): Promise<Result[]> {
  const w = await openMatchingWorld(d, o, log);
  try {
    const match = (gigId: string) =>
      w.db.asUser(
        w.owner,
        (tx) => musiciansForGig(tx, gigId, 20, { candidates: o.candidates, efSearch: o.efSearch }),
      );

    let t = performance.now();
    const recalls: number[] = [];
    const exactMs: number[] = [];
    for (const gigId of d.queryGigIds) {
      const te = performance.now();
      const exact = await exactTop20(w, gigId);
      exactMs.push(performance.now() - te);
      const approx = await match(gigId);
      // A gig few musicians can play has fewer than 20: recall is over those the scan found.
      if (exact.length === 0) throw new Error(`gig ${gigId}: nobody can play it`);
      const want = new Set(exact.map((m) => m.id));
      recalls.push(approx.filter((m) => want.has(m.id)).length / exact.length);
    }
    const recall = recalls.reduce((a, b) => a + b, 0) / recalls.length;
    log(
      `  recall@20 ${recall.toFixed(3)} (worst query ${
        Math.min(...recalls)
      }) with ${o.candidates} ` +
        `candidates; exact scan ${median(exactMs).toFixed(0)} ms per query (${secs(t)})`,
    );

    t = performance.now();
    for (const gigId of d.queryGigIds) await match(gigId); // warm-up pass
    const p95s: number[] = [];
    for (let run = 1; run <= o.runs; run++) {
      const times: number[] = [];
      for (const gigId of d.queryGigIds) {
        const t0 = performance.now();
        await match(gigId);
        times.push(performance.now() - t0);
      }
      p95s.push(p95(times));
      log(
        `  run ${run}  matching top20  p50 ${median(times).toFixed(1)} ms  p95 ${
          p95(times).toFixed(1)
        } ms`,
      );
    }
    return [
      summarise("matching.top20.p95_ms", "ms", p95s),
      { ...summarise("matching.top20.recall", "ratio", [recall]), runs: 1 },
      ...(Number.isNaN(w.indexBuildS)
        ? []
        : [summarise("matching.index_build_s", "s", [w.indexBuildS])]),
      summarise("matching.exact_scan_ms", "ms", [median(exactMs)]),
    ];
  } finally {
    await w.driver.close();
  }
}

/** Filtered text searches, as `GET /api/gigs` query strings. */
const SEARCHES: Record<string, string>[] = [
  { q: "jazz trio", genres: "jazz" },
  { q: "wedding", instruments: "vocals", days: "60" },
  { q: "rock festival", near_lat: "52.52", near_lng: "13.405", radius_km: "300" },
  { q: "string quartet", genres: "classical", budget_min: "20000" },
  { q: "dj rooftop", days: "30" },
  { q: "gospel choir" },
  { q: "sesion bassist" }, // a typo: the trigram match still finds "session"
  {
    q: "lounge singer",
    genres: "soul",
    near_lat: "51.5074",
    near_lng: "-0.1278",
    radius_km: "150",
  },
  { q: "salsa", genres: "latin", days: "90" },
  { q: "metal drummer tour", instruments: "drums" },
  { q: "pianist cocktail", near_lat: "48.8566", near_lng: "2.3522", radius_km: "200", days: "60" },
  { q: "blues jam", budget_min: "30000" },
];

function searchPaths(): string[] {
  return SEARCHES.map(({ days, ...params }) => {
    const p = new URLSearchParams({ ...params, sort: "relevance", limit: "20" });
    p.set("to", new Date(Date.now() + Number(days ?? 365) * DAY).toISOString());
    return `/api/gigs?${p}`;
  });
}

/** The second process: GETs every search `rounds` times, one at a time; prints the timings. */
async function searchClient(base: string, token: string, rounds: number): Promise<void> {
  const paths = searchPaths();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const path of paths) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body.slice(0, 200)}`);
      if (r === 0 && !body.includes('"id"')) throw new Error(`GET ${path} found no gig: ${body}`);
    }
  }
  console.log(JSON.stringify(times));
}

async function searchGroup(
  d: BenchData,
  o: Sizes & { runs: number },
  log: (s: string) => void,
): Promise<Result[]> {
  const app = await startTestApp({ WORKER: "off", LOG_LEVEL: "warn" });
  try {
    const driver = app.platform.db.driver as PgliteDriver;
    if (!driver.pg) throw new Error("the gigs search bench loads its data into embedded PGlite");
    let t = performance.now();
    await driver.exec("set session_replication_role = replica");
    await copyInto(driver, "auth.users", ["id", "email"], d.users.slice(o.musicians));
    await copyInto(
      driver,
      "public.profiles",
      ["id", "display_name", "is_musician", "is_client"],
      d.profiles.slice(o.musicians),
    );
    await copyInto(driver, "public.gigs", GIG_COLUMNS, d.gigs);
    await driver.exec("set session_replication_role = origin");
    // What the title-words trigger keeps for the typo fallback, after a load without triggers.
    await driver.exec("select private.refresh_gig_title_words()");
    await driver.exec("vacuum analyze");
    log(`  loaded ${d.gigs.length} gigs into the app in ${secs(t)}`);
    const session = await app.platform.auth.signUp({
      email: "bench-search@example.com",
      password: "bench-password-1",
      metadata: { display_name: "Bench Searcher" },
    });

    const client = async (rounds: number): Promise<number[]> => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          new URL(import.meta.url).pathname,
          "--search-client",
          app.url,
          session.accessToken,
          String(rounds),
        ],
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      if (!out.success) {
        throw new Error(`search client failed: ${new TextDecoder().decode(out.stderr)}`);
      }
      return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!);
    };
    t = performance.now();
    await client(1); // warm-up (and a check that every search finds something)
    const p95s: number[] = [];
    const all: number[] = [];
    for (let run = 1; run <= o.runs; run++) {
      const times = await client(5);
      all.push(...times);
      p95s.push(p95(times));
      log(
        `  run ${run}  gigs search  p50 ${median(times).toFixed(1)} ms  p95 ${
          p95(times).toFixed(1)
        } ms (${times.length} requests)`,
      );
    }
    // What costs what: the slowest searches by their median over the runs.
    const paths = searchPaths();
    const perPath = paths.map((path, i) => ({
      path,
      ms: median(all.filter((_, j) => j % paths.length === i)),
    }));
    perPath.sort((a, b) => b.ms - a.ms);
    for (const x of perPath.slice(0, 4)) {
      log(`    ${x.ms.toFixed(1)} ms  ${decodeURIComponent(x.path)}`);
    }
    return [summarise("web.gigs_search.p95_ms", "ms", p95s)];
  } finally {
    await app.close();
  }
}

/** Runs the marketplace benchmarks; returns their results (not written). */
export async function marketplaceBench(
  opts: MarketplaceBenchOptions = {},
  which: { matching: boolean; search: boolean } = { matching: true, search: true },
): Promise<Result[]> {
  const efEnv = Deno.env.get("BENCH_EF");
  const o = {
    runs: opts.runs ?? num("BENCH_RUNS", 5),
    musicians: opts.musicians ?? num("BENCH_MUSICIANS", 100_000),
    gigs: opts.gigs ?? num("BENCH_GIGS", 20_000),
    queries: opts.queries ?? num("BENCH_QUERIES", 40),
    candidates: opts.candidates ?? num("BENCH_CANDIDATES", DEFAULT_CANDIDATES),
    efSearch: opts.efSearch ?? (efEnv ? Number(efEnv) : undefined),
  };
  const log = opts.log ?? ((s: string) => console.log(s));
  const t = performance.now();
  const d = generate(o);
  log(`marketplace: generated ${o.musicians} musicians and ${o.gigs} gigs in ${secs(t)}`);
  const results: Result[] = [];
  if (which.matching) results.push(...await matchingGroup(d, o, log));
  if (which.search) results.push(...await searchGroup(d, o, log));
  return results;
}

export const MARKETPLACE_METRICS = {
  matching: [
    "matching.top20.p95_ms",
    "matching.top20.recall",
    "matching.index_build_s",
    "matching.exact_scan_ms",
  ],
  search: ["web.gigs_search.p95_ms"],
};

export const MARKETPLACE_TARGETS: [string, "≥" | "≤", number][] = [
  ["matching.top20.p95_ms", "≤", 10],
  ["matching.top20.recall", "≥", 0.95],
  ["web.gigs_search.p95_ms", "≤", 30],
];

if (import.meta.main) {
  if (Deno.args[0] === "--search-client") {
    await searchClient(Deno.args[1], Deno.args[2], Number(Deno.args[3]));
    Deno.exit(0);
  }
  // Optional prefixes as in `deno task bench`: "matching", "web.gigs_search".
  const wanted = (names: string[]) =>
    Deno.args.length === 0 || names.some((n) => Deno.args.some((p) => n.startsWith(p)));
  const results = await marketplaceBench({}, {
    matching: wanted(MARKETPLACE_METRICS.matching),
    search: wanted(MARKETPLACE_METRICS.search),
  });
  await writeResults(results);
  console.log("\nwrote bench/results.json");
  for (const r of results) {
    const t = MARKETPLACE_TARGETS.find(([n]) => n === r.name);
    const met = t && (t[1] === "≥" ? r.value >= t[2] : r.value <= t[2]);
    console.log(
      `  ${r.name.padEnd(26)} ${String(r.value).padStart(9)} ${
        r.unit.padEnd(5)
      } spread ${r.spread}${t ? `  target ${t[1]} ${t[2]}: ${met ? "met" : "MISSED"}` : ""}`,
    );
  }
}
