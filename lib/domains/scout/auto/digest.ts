/**
 * The daily digest (`scouting` kind `digest`, one per musician per UTC day, queued by
 * `private.enqueue_scout_digests` for those whose notification preferences want it): the best
 * new platform gigs (the matcher, lib/domains/matching/queries.ts) and external gigs (scored with
 * the same score function on facts), none sent twice, nothing when nothing is new. One
 * notification, linking to /matches.
 *
 * External gigs are scored with semantic similarity 0: they carry no embedding (the AI port
 * embeds our own profiles and gigs only), so their order comes from genre, date, distance and fee.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../../ports/db/mod.ts";
import type { JobMessage } from "../../../ports/queue/mod.ts";
import type { Commit, DetachedContext } from "../../../ports/queue/worker.ts";
import { Uuid } from "../../../shared/schemas.ts";
import { dbFailure } from "../../../ports/db/errors.ts";
import { genreFit, type MatchFacts, reason, scoreMatch } from "../../matching/score.ts";
import { gigsForMusician } from "../../matching/queries.ts";
import { haversineKm } from "../../gigs/facts.ts";
import { localDate } from "../../../shared/format.ts";

/** Platform matches below this score stay out of the digest (the page still lists them). */
export const DIGEST_MIN_SCORE = 0.4;
/** At most this many of each kind per digest. */
export const DIGEST_MAX_ITEMS = 10;

const Message = z.object({ musician_id: Uuid() });

export interface ExternalMatch {
  id: string;
  title: string;
  starts_at: string;
  timezone: string;
  venue_name: string | null;
  city: string | null;
  url: string | null;
  score: number;
  reason: string;
}

interface ExternalRow {
  id: string;
  title: string;
  starts_at: string;
  timezone: string;
  venue_name: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  genres: string[] | null;
  fee_minor: number | null;
  currency: string | null;
  url: string | null;
}

interface Self {
  genres: string[];
  instruments: string[];
  lat: number | null;
  lng: number | null;
  travel_radius_km: number | null;
  fee_min_minor: number | null;
  fee_max_minor: number | null;
  currency: string;
  blocked_dates: string[];
}

/** Whether helper H2's `public.external_gigs` exists in this database yet. */
async function hasExternalGigs(tx: Tx): Promise<boolean> {
  const [r] = await tx.query<{ ok: boolean }>(
    "select to_regclass('public.external_gigs') is not null as ok",
  );
  return r.ok;
}

/**
 * Upcoming external gigs (canonical ones: duplicates point at theirs) from public sources or the
 * musician's own, sharing a genre with them, within twice their travel radius (or with no place),
 * on a day they have not blocked; best first. Works as the user (RLS) and as the service.
 */
export async function externalMatches(
  tx: Tx,
  musicianId: string,
  limit = 20,
): Promise<ExternalMatch[]> {
  if (!(await hasExternalGigs(tx))) return [];
  const [self] = await tx.query<Self>(
    `select genres, instruments, lat, lng, travel_radius_km, fee_min_minor, fee_max_minor,
            currency, blocked_dates::text[] as blocked_dates
       from public.musician_profiles where id = $1::uuid`,
    [musicianId],
  );
  if (!self || self.genres.length === 0) return [];
  const rows = await tx.query<ExternalRow>(
    `select x.id, x.title, x.starts_at, x.timezone, x.venue_name, x.city, x.lat, x.lng, x.genres,
            least(x.fee_minor, 2147483647)::int as fee_minor, x.currency, x.url
       from public.external_gigs x
       join public.scout_sources s on s.id = x.source_id
      where x.duplicate_of is null and x.starts_at > now() and x.genres && $1::text[]
        and (s.is_public or s.owner_id = $2::uuid)
      order by x.starts_at limit 500`,
    [self.genres, musicianId],
  );
  const blocked = new Set(self.blocked_dates);
  const out: ExternalMatch[] = [];
  for (const r of rows) {
    const km = self.lat == null || self.lng == null || r.lat == null || r.lng == null
      ? null
      : haversineKm(self.lat, self.lng, r.lat, r.lng);
    const facts: MatchFacts = {
      semantic: 0,
      musician_genres: self.genres,
      musician_instruments: self.instruments,
      gig_genres: r.genres ?? [],
      gig_instruments: [],
      gig_kind: "live_show",
      availability: blocked.has(localDate(r.starts_at, r.timezone)) ? "blocked" : "free",
      evening: true,
      remote: false,
      distance_km: km,
      travel_radius_km: self.travel_radius_km,
      fee_min_minor: self.fee_min_minor,
      fee_max_minor: self.fee_max_minor,
      musician_currency: self.currency,
      budget_min_minor: null,
      budget_max_minor: r.fee_minor,
      gig_currency: r.currency,
    };
    if (genreFit(facts.gig_genres, facts.musician_genres) === 0) continue;
    const scored = scoreMatch(facts);
    if (!scored.feasible) continue; // booked or blocked that day, or beyond their travel radius
    out.push({
      id: r.id,
      title: r.title,
      starts_at: new Date(r.starts_at).toISOString(),
      timezone: r.timezone,
      venue_name: r.venue_name,
      city: r.city,
      url: r.url,
      score: scored.score,
      reason: reason(facts, "musician"),
    });
  }
  out.sort((a, b) => b.score - a.score || a.starts_at.localeCompare(b.starts_at));
  return out.slice(0, limit);
}

export interface DigestPlan {
  gigs: { id: string; title: string }[];
  external: { id: string; title: string }[];
}

/** What a digest for the musician would hold now: only items never sent to them. */
export async function planDigest(tx: Tx, musicianId: string): Promise<DigestPlan> {
  const sent = new Set(
    (await tx.query<{ k: string }>(
      `select item_kind || ':' || item_id as k from private.scout_digest_items
        where musician_id = $1::uuid`,
      [musicianId],
    )).map((r) => r.k),
  );
  let matches: { id: string; score: number }[] = [];
  try {
    matches = await gigsForMusician(tx, musicianId, 50);
  } catch (err) {
    // No match row yet for a brand-new profile: nothing to suggest today.
    if (dbFailure(err)?.status !== 404) throw err;
  }
  const fresh = matches.filter((m) => m.score >= DIGEST_MIN_SCORE && !sent.has(`gig:${m.id}`))
    .slice(0, DIGEST_MAX_ITEMS);
  const titles = new Map(
    (await tx.query<{ id: string; title: string }>(
      "select id, title from public.gigs where id = any ($1::uuid[])",
      [fresh.map((m) => m.id)],
    )).map((r) => [r.id, r.title]),
  );
  const external = (await externalMatches(tx, musicianId, 50))
    .filter((e) => !sent.has(`external:${e.id}`)).slice(0, DIGEST_MAX_ITEMS);
  return {
    gigs: fresh.flatMap((m) => titles.has(m.id) ? [{ id: m.id, title: titles.get(m.id)! }] : []),
    external: external.map((e) => ({ id: e.id, title: e.title })),
  };
}

function listed(items: { title: string }[]): string {
  const names = items.slice(0, 3).map((i) => `“${i.title}”`);
  const more = items.length - names.length;
  return names.join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** The notification's words. */
export function digestText(plan: DigestPlan): { title: string; body: string } {
  const n = plan.gigs.length + plan.external.length;
  const parts: string[] = [];
  if (plan.gigs.length) parts.push(`On Soundcheck: ${listed(plan.gigs)}.`);
  if (plan.external.length) parts.push(`Elsewhere: ${listed(plan.external)}.`);
  return { title: `${n} new gig${n === 1 ? "" : "s"} for you today`, body: parts.join(" ") };
}

/** Records and sends the digest (the worker's transaction); the number of new items. */
export async function sendDigest(tx: Tx, musicianId: string, plan: DigestPlan): Promise<number> {
  const { title, body } = digestText(plan);
  const [r] = await tx.query<{ n: number }>(
    "select private.send_scout_digest($1::uuid, $2::uuid[], $3::uuid[], $4, $5) as n",
    [musicianId, plan.gigs.map((g) => g.id), plan.external.map((e) => e.id), title, body],
  );
  return Number(r.n);
}

/** Queues today's digests (the worker's periodic task; pg_cron on Supabase). */
export async function enqueueDigests(tx: Tx, now = new Date()): Promise<number> {
  const [r] = await tx.query<{ n: number }>(
    "select private.enqueue_scout_digests($1::timestamptz) as n",
    [now.toISOString()],
  );
  return Number(r.n);
}

/** The `digest` kind for the scouting queue. */
export async function digestJob(message: JobMessage, ctx: DetachedContext): Promise<Commit | null> {
  const { musician_id } = Message.parse(message);
  const plan = await ctx.db.asService((tx) => planDigest(tx, musician_id));
  if (plan.gigs.length + plan.external.length === 0) return null;
  return async (tx) => {
    await sendDigest(tx, musician_id, plan);
  };
}
