/**
 * Matching quality on the evaluation set (bench/matching_eval: synthetic musicians and gigs with
 * grades written from booking rules, independent of the ranking code), in the format of
 * ../shared/BENCH.md. The world is loaded into a migrated PGlite database, embedded by the worker's
 * own code with the offline embeddings, its behaviour history replayed through
 * `private.record_match_signal`, and every query asked through the real candidate functions
 * (`musiciansForGig` as the gig's owner, `gigsForMusician` as the musician), top 20.
 *
 * - `matching.ndcg10.gig_to_musicians`, `matching.ndcg10.musician_to_gigs`: mean NDCG@10 over the
 *   set's held-out queries (the weights were tuned on the training ones: bench/matching_tune.ts).
 * - `matching.recall20.*`: recall@20 of the grade ≥ 2 candidates, held-out queries.
 * - `matching.signals.ndcg10_gain`: NDCG@10 (both directions pooled, held-out) with behaviour
 *   signals minus without them: what learning from behaviour is worth on unseen queries.
 * - `matching.fit80.precision`: of the pairs shown at 80 or more, the share graded 3 (strong);
 *   `matching.fit80.recall`: of the grade-3 pairs shown, the share at 80 or more.
 * - `matching.exact_agreement.top10`: share of queries (both directions, all) whose top 10 from
 *   the HNSW path equals the exact scan's, in order.
 *
 * `deno run -A bench/matching_quality.ts` runs it alone (and prints the three-line baseline).
 *
 * @module
 */
import { createDb, type Db } from "../lib/ports/db/mod.ts";
import { openPglite } from "../lib/ports/db/pglite.ts";
import type { Claims } from "../lib/ports/db/types.ts";
import { migratedSnapshot, type PgliteDriver } from "../tests/_helpers/db.ts";
import { createOfflineAi } from "../lib/ports/ai/offline.ts";
import { reembedBatch } from "../lib/domains/matching/handler.ts";
import {
  gigsForMusician,
  type Match,
  type MatchOptions,
  musiciansForGig,
} from "../lib/domains/matching/queries.ts";
import { evalWorld } from "./matching_eval/world.ts";
import { grade } from "./matching_eval/labels.ts";
import { evaluate } from "./matching_eval/metrics.ts";
import { threeLineGigsForMusician, threeLineMusiciansForGig } from "./matching_eval/baseline.ts";
import type { EvalGig, EvalWorld } from "./matching_eval/types.ts";
import { type Result, summarise, writeResults } from "./results.ts";

export const MATCHING_QUALITY_METRICS = [
  "matching.ndcg10.gig_to_musicians",
  "matching.ndcg10.musician_to_gigs",
  "matching.recall20.gig_to_musicians",
  "matching.recall20.musician_to_gigs",
  "matching.signals.ndcg10_gain",
  "matching.fit80.precision",
  "matching.fit80.recall",
  "matching.exact_agreement.top10",
];

export const MATCHING_QUALITY_TARGETS: [string, "≥" | "≤", number][] = [
  ["matching.ndcg10.gig_to_musicians", "≥", 0.9],
  ["matching.ndcg10.musician_to_gigs", "≥", 0.9],
];

const claims = (id: string): Claims => ({ sub: id, role: "authenticated", aud: "authenticated" });

/** A migrated database holding the evaluation world, embedded and with its history replayed. */
export async function loadEvalWorld(w: EvalWorld): Promise<{ db: Db; driver: PgliteDriver }> {
  const driver = await openPglite({ loadDataDir: (await migratedSnapshot()).tar }) as PgliteDriver;
  const db = createDb(driver);
  const q = (sql: string, params: unknown[] = []) => driver.query(sql, params);
  // Rows go in as a restore would (triggers off); what the triggers keep is rebuilt after.
  await driver.exec("set session_replication_role = replica");
  const people = [
    ...w.musicians.map((m) => ({ id: m.id, name: m.stage_name, musician: true })),
    ...w.clients.map((c) => ({ id: c.id, name: c.display_name, musician: false })),
  ];
  for (const p of people) {
    await q("insert into auth.users (id, email) values ($1, $2)", [p.id, `${p.id}@eval.test`]);
    await q(
      "insert into public.profiles (id, display_name, is_musician, is_client) values ($1, $2, $3, $4)",
      [p.id, p.name, p.musician, !p.musician],
    );
  }
  for (const m of w.musicians) {
    await q(
      `insert into public.musician_profiles (id, stage_name, bio, instruments, genres, skills,
         languages, city, country, lat, lng, travel_radius_km, fee_min_minor, fee_max_minor,
         currency, blocked_dates, published)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, true)`,
      [
        m.id,
        m.stage_name,
        m.bio,
        m.instruments,
        m.genres,
        m.skills,
        m.languages,
        m.city,
        m.country,
        m.lat,
        m.lng,
        m.travel_radius_km,
        m.fee_min_minor,
        m.fee_max_minor,
        m.currency,
        m.blocked_dates,
      ],
    );
  }
  const insertGig = (g: Omit<EvalGig, "split"> & { status: string }) =>
    q(
      `insert into public.gigs (id, client_id, title, description, kind, genres, instruments,
         starts_at, timezone, duration_minutes, remote, venue_name, city, country, lat, lng,
         budget_min_minor, budget_max_minor, currency, visibility, status, published_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
               $19, 'public', $20, now() - interval '1 day')`,
      [
        g.id,
        g.client_id,
        g.title,
        g.description,
        g.kind,
        g.genres,
        g.instruments,
        g.starts_at,
        g.timezone,
        g.duration_minutes,
        g.remote,
        g.venue_name,
        g.city,
        g.country,
        g.lat,
        g.lng,
        g.budget_min_minor,
        g.budget_max_minor,
        g.currency,
        g.status,
      ],
    );
  for (const g of w.gigs) await insertGig({ ...g, status: "published" });
  // Existing bookings: a filled gig, its accepted application and the confirmed booking.
  const booked: { musician: string; from: number; to: number }[] = [];
  for (const b of w.busy) {
    // A musician's bookings never overlap (bookings_starts_at_excl): one is enough to be busy.
    const [from, to] = [Date.parse(b.starts_at), Date.parse(b.ends_at)];
    if (booked.some((x) => x.musician === b.musician_id && x.from < to && from < x.to)) continue;
    booked.push({ musician: b.musician_id, from, to });
    const gigId = crypto.randomUUID();
    const appId = crypto.randomUUID();
    const minutes = Math.round((Date.parse(b.ends_at) - Date.parse(b.starts_at)) / 60_000);
    await insertGig({
      id: gigId,
      client_id: b.client_id,
      title: "Private party",
      description: "Already booked.",
      kind: "live_show",
      genres: [],
      instruments: [],
      starts_at: b.starts_at,
      timezone: "UTC",
      duration_minutes: minutes,
      remote: false,
      venue_name: "Private",
      city: null,
      country: null,
      lat: null,
      lng: null,
      budget_min_minor: 10000,
      budget_max_minor: 50000,
      currency: "EUR",
      status: "filled",
    });
    await q(
      `insert into public.applications (id, gig_id, musician_id, proposal, quoted_fee_minor,
         currency, status) values ($1, $2, $3, 'Booked already for this date, thank you.', 30000, 'EUR', 'accepted')`,
      [appId, gigId, b.musician_id],
    );
    await q(
      `insert into public.bookings (gig_id, application_id, client_id, musician_id, fee_minor,
         currency, starts_at, ends_at, timezone, place, remote, cancellation_terms)
       values ($1, $2, $3, $4, 30000, 'EUR', $5, $6, 'UTC', 'Private', false, 'None.')`,
      [gigId, appId, b.client_id, b.musician_id, b.starts_at, b.ends_at],
    );
  }
  await driver.exec("set session_replication_role = origin");
  await driver.exec("select private.refresh_musician_match(null)");
  const ai = createOfflineAi();
  while ((await db.asService((tx) => reembedBatch(tx, ai, 256))).more) {
    // the next batch
  }
  // The history, as the triggers would have recorded it.
  for (const s of w.history) {
    await q("select private.record_match_signal($1, $2, $3, null, null, null, $4)", [
      s.kind,
      s.client_id,
      s.musician_id,
      s.at,
    ]);
    if (s.rating != null) {
      await q("select private.record_match_signal('reviewed', $1, $2, null, $3, 'client', $4)", [
        s.client_id,
        s.musician_id,
        s.rating,
        s.at,
      ]);
    }
  }
  return { db, driver };
}

export interface Ranked {
  direction: "gig_to_musicians" | "musician_to_gigs";
  query: string;
  split: "train" | "held_out";
  matches: Match[];
}

/** Every query of the set through the real candidate functions, top 20. */
export async function rankAll(
  db: Db,
  w: EvalWorld,
  opts: MatchOptions = {},
): Promise<Ranked[]> {
  const out: Ranked[] = [];
  for (const g of w.gigs) {
    const matches = await db.asUser(
      claims(g.client_id),
      (tx) => musiciansForGig(tx, g.id, 20, opts),
    );
    out.push({ direction: "gig_to_musicians", query: g.id, split: g.split, matches });
  }
  for (const m of w.musicians) {
    const matches = await db.asUser(claims(m.id), (tx) => gigsForMusician(tx, m.id, 20, opts));
    out.push({ direction: "musician_to_gigs", query: m.id, split: m.split, matches });
  }
  return out;
}

/** The grade of a query × candidate pair, whichever the direction. */
export function grader(w: EvalWorld) {
  const gigs = new Map(w.gigs.map((g) => [g.id, g]));
  const musicians = new Map(w.musicians.map((m) => [m.id, m]));
  const of = (direction: Ranked["direction"], query: string, candidate: string) =>
    direction === "gig_to_musicians"
      ? grade(gigs.get(query)!, musicians.get(candidate)!, w)
      : grade(gigs.get(candidate)!, musicians.get(query)!, w);
  const candidates = (direction: Ranked["direction"]) =>
    direction === "gig_to_musicians" ? w.musicians.map((m) => m.id) : w.gigs.map((g) => g.id);
  return { of, candidates };
}

/** NDCG@10 and recall@20 of ranked lists of one direction. */
export function score(w: EvalWorld, ranked: Ranked[], direction: Ranked["direction"]) {
  const g = grader(w);
  return evaluate(
    ranked.filter((r) => r.direction === direction).map((r) => ({
      id: r.query,
      ranked: r.matches.map((m) => m.id),
    })),
    (q, c) => g.of(direction, q, c),
    () => g.candidates(direction),
  );
}

const DIRECTIONS = ["gig_to_musicians", "musician_to_gigs"] as const;

export async function matchingQualityBench(
  log: (line: string) => void = console.log,
): Promise<Result[]> {
  const w = evalWorld(new Date());
  const t0 = performance.now();
  const { db, driver } = await loadEvalWorld(w);
  log(
    `  evaluation set: ${w.musicians.length} musicians, ${w.gigs.length} gigs, ${w.history.length} ` +
      `past signals, loaded and embedded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  try {
    const all = await rankAll(db, w);
    const held = all.filter((r) => r.split === "held_out");
    const plain = (await rankAll(db, w, { signals: false })).filter((r) => r.split === "held_out");
    const exact = await rankAll(db, w, { exact: true });
    const g = grader(w);
    const results: Result[] = [];
    for (const d of DIRECTIONS) {
      const e = score(w, held, d);
      const train = score(w, all.filter((r) => r.split === "train"), d);
      const base = evaluate(
        (d === "gig_to_musicians" ? w.gigs : w.musicians)
          .filter((x) => x.split === "held_out")
          .map((x) => ({
            id: x.id,
            ranked: d === "gig_to_musicians"
              ? threeLineMusiciansForGig(x as typeof w.gigs[number], w)
              : threeLineGigsForMusician(x as typeof w.musicians[number], w),
          })),
        (q, c) => g.of(d, q, c),
        () => g.candidates(d),
      );
      log(
        `  ${d}: NDCG@10 ${e.ndcg10.toFixed(3)} held-out (${e.queries} queries), ` +
          `${train.ndcg10.toFixed(3)} training; recall@20 ${e.recall20.toFixed(3)}; ` +
          `three-line rule ${base.ndcg10.toFixed(3)}`,
      );
      results.push(
        { ...summarise(`matching.ndcg10.${d}`, "ratio", [round(e.ndcg10)]), runs: 1 },
        { ...summarise(`matching.recall20.${d}`, "ratio", [round(e.recall20)]), runs: 1 },
      );
    }
    const pooled = (rs: Ranked[]) => {
      const a = DIRECTIONS.map((d) => score(w, rs, d));
      return (a[0].ndcg10 * a[0].queries + a[1].ndcg10 * a[1].queries) /
        (a[0].queries + a[1].queries);
    };
    const withSignals = pooled(held);
    const without = pooled(plain);
    log(
      `  behaviour signals, held-out: NDCG@10 ${withSignals.toFixed(3)} with, ${
        without.toFixed(3)
      } without`,
    );
    results.push({
      ...summarise("matching.signals.ndcg10_gain", "ratio", [round(withSignals - without)]),
      runs: 1,
    });
    // Calibration: every pair shown, by fit band.
    let shown80 = 0, strong80 = 0, strongShown = 0;
    const bands = new Map<string, number[]>();
    for (const r of all) {
      for (const m of r.matches) {
        const grade = g.of(r.direction, r.query, m.id);
        const band = m.fit >= 80
          ? "80–100"
          : m.fit >= 60
          ? "60–79"
          : m.fit >= 40
          ? "40–59"
          : "0–39";
        bands.set(band, [...(bands.get(band) ?? []), grade]);
        if (m.fit >= 80) shown80++;
        if (m.fit >= 80 && grade === 3) strong80++;
        if (grade === 3) strongShown++;
      }
    }
    for (const [band, grades] of [...bands].sort()) {
      const mean = grades.reduce((a, b) => a + b, 0) / grades.length;
      log(
        `  fit ${band.padEnd(7)} ${String(grades.length).padStart(5)} pairs, mean grade ${
          mean.toFixed(2)
        }`,
      );
    }
    results.push(
      { ...summarise("matching.fit80.precision", "ratio", [round(strong80 / shown80)]), runs: 1 },
      {
        ...summarise("matching.fit80.recall", "ratio", [round(strong80 / strongShown)]),
        runs: 1,
      },
    );
    const exactBy = new Map(exact.map((r) => [`${r.direction}:${r.query}`, r.matches]));
    const agree = all.filter((r) => {
      const e = exactBy.get(`${r.direction}:${r.query}`)!;
      return JSON.stringify(r.matches.slice(0, 10).map((m) => m.id)) ===
        JSON.stringify(e.slice(0, 10).map((m) => m.id));
    }).length;
    results.push({
      ...summarise("matching.exact_agreement.top10", "ratio", [round(agree / all.length)]),
      runs: 1,
    });
    return results;
  } finally {
    await driver.close();
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (import.meta.main) {
  const results = await matchingQualityBench();
  await writeResults(results);
  for (const r of results) console.log(`  ${r.name.padEnd(36)} ${r.value}`);
}
