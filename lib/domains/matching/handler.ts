/**
 * The `matching` queue (DESIGN.md rule 5). Jobs come from the triggers of the ai_matching
 * migration, and from here:
 *
 * - `embed_musician` / `embed_gig` `{ id }`: embed the row's text (unless the stored vector already
 *   has this text's hash and the current model) and upsert it with model and hash; then derive
 *   the row's match vector if it is stale (derive.ts; also queued by the matching_perf migration's
 *   triggers when a fee or budget changes). A published public gig then notifies its
 *   best-matching musicians.
 * - `gig_published` `{ id }`: make sure the gig's vector is current, then notify.
 * - `reembed`: a sweep over rows whose vector is missing, stale or from another model (and match
 *   vectors that are missing or stale), a batch per job; it queues its own continuation. Queued when an embed job meets a vector of another model
 *   (the model was changed) and by `queueReembedIfStale` at start-up.
 *
 * Notifications: musicians scoring at least `NOTIFY_THRESHOLD`, at most `NOTIFY_MAX` per gig, each
 * once per gig (private.match_notices), kind `match`, linking to `/gigs/<id>`.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import type { JobHandler } from "../../ports/queue/worker.ts";
import type { Logger } from "../../platform/log.ts";
import { send } from "../../ports/queue/mod.ts";
import { candidates, DEFAULT_CANDIDATES, rankCandidates } from "./queries.ts";
import { anyStaleVector, deriveStale, deriveVectors } from "./derive.ts";
import { fitPercent, NOTIFY_MAX, NOTIFY_THRESHOLD, reason } from "./score.ts";
import { Uuid } from "../../shared/schemas.ts";

/** `derived`: the embedding was current, its match vector (derive.ts) was not. */
export type EmbedOutcome = "embedded" | "derived" | "fresh" | "missing";

export interface MatchingDeps {
  ai: AiPort;
  log?: Logger;
  threshold?: number;
  maxNotices?: number;
  /** Rows per `reembed` job (one embeddings call per side). */
  batchSize?: number;
}

const IdJob = z.object({ id: Uuid() });

/** pgvector's text form. */
export function toVectorLiteral(v: number[]): string {
  return `[${v.join(",")}]`;
}

interface TextRow {
  id: string;
  text: string;
  hash: string;
  model: string | null;
  content_hash: string | null;
}

const MUSICIAN_TEXT = `
  select m.id, t.text, md5(t.text) as hash, e.model, e.content_hash
    from public.musician_profiles m
    cross join lateral (select private.musician_embedding_text(
      m.genres, m.instruments, m.skills, m.languages, m.city, m.country, m.bio) as text) t
    left join public.musician_embeddings e on e.musician_id = m.id`;

const GIG_TEXT = `
  select g.id, t.text, md5(t.text) as hash, e.model, e.content_hash
    from public.gigs g
    cross join lateral (select private.gig_embedding_text(
      g.title, g.kind, g.genres, g.instruments, g.remote, g.city, g.country, g.description)
      as text) t
    left join public.gig_embeddings e on e.gig_id = g.id`;

const UPSERT = {
  musician: `insert into public.musician_embeddings as x
               (musician_id, model, dims, embedding, content_hash, updated_at)
             select * , now() from unnest($1::uuid[], $2::text[], $3::int[],
                                          $4::extensions.vector[], $5::text[])
             on conflict (musician_id) do update set model = excluded.model, dims = excluded.dims,
               embedding = excluded.embedding, content_hash = excluded.content_hash,
               updated_at = now()`,
  gig: `insert into public.gig_embeddings as x
          (gig_id, model, dims, embedding, content_hash, updated_at)
        select *, now() from unnest($1::uuid[], $2::text[], $3::int[],
                                    $4::extensions.vector[], $5::text[])
        on conflict (gig_id) do update set model = excluded.model, dims = excluded.dims,
          embedding = excluded.embedding, content_hash = excluded.content_hash, updated_at = now()`,
};

async function embedRows(tx: Tx, ai: AiPort, side: "musician" | "gig", rows: TextRow[]) {
  if (rows.length === 0) return;
  const out = await ai.embed(rows.map((r) => r.text));
  await tx.query(UPSERT[side], [
    rows.map((r) => r.id),
    rows.map(() => out.model),
    rows.map(() => out.dims),
    out.vectors.map(toVectorLiteral),
    rows.map((r) => r.hash),
  ]);
  await deriveVectors(
    tx,
    side,
    rows.map((r) => r.id),
    new Map(rows.map((r, i) => [r.id, out.vectors[i]])),
  );
}

/** Embeds one row if its vector is missing or stale; says whether another model was replaced. */
async function embedOne(
  tx: Tx,
  ai: AiPort,
  side: "musician" | "gig",
  id: string,
): Promise<{ outcome: EmbedOutcome; replacedModel: string | null }> {
  const sql = `${side === "musician" ? MUSICIAN_TEXT : GIG_TEXT} where ${
    side === "musician" ? "m" : "g"
  }.id = $1`;
  const [row] = await tx.query<TextRow>(sql, [id]);
  if (!row) return { outcome: "missing", replacedModel: null };
  if (row.model === ai.embeddingModel && row.content_hash === row.hash) {
    const derived = await deriveVectors(tx, side, [id]);
    return { outcome: derived > 0 ? "derived" : "fresh", replacedModel: null };
  }
  await embedRows(tx, ai, side, [row]);
  const replaced = row.model && row.model !== ai.embeddingModel ? row.model : null;
  return { outcome: "embedded", replacedModel: replaced };
}

export function embedMusician(tx: Tx, ai: AiPort, id: string) {
  return embedOne(tx, ai, "musician", id);
}

export function embedGig(tx: Tx, ai: AiPort, id: string) {
  return embedOne(tx, ai, "gig", id);
}

/** Missing, from another model, or of an older text. */
const STALE = "e.model is null or e.model <> $1 or e.content_hash <> md5(t.text)";

/**
 * One `reembed` batch: embeds up to `batchSize` stale rows per side, then derives up to
 * `4 × batchSize` stale match vectors per side from current embeddings (no embeddings call).
 * Returns the counts; `more` says a limit was reached, so another batch may find work.
 */
export async function reembedBatch(
  tx: Tx,
  ai: AiPort,
  batchSize = 64,
): Promise<{ musicians: number; gigs: number; derived: number; more: boolean }> {
  const musicians = await tx.query<TextRow>(
    `${MUSICIAN_TEXT} where ${STALE} order by m.id limit $2`,
    [ai.embeddingModel, batchSize],
  );
  await embedRows(tx, ai, "musician", musicians);
  const gigs = await tx.query<TextRow>(
    `${GIG_TEXT} where ${STALE} order by g.id limit $2`,
    [ai.embeddingModel, batchSize],
  );
  await embedRows(tx, ai, "gig", gigs);
  const deriveLimit = 4 * batchSize;
  const dm = await deriveStale(tx, "musician", deriveLimit);
  const dg = await deriveStale(tx, "gig", deriveLimit);
  return {
    musicians: musicians.length,
    gigs: gigs.length,
    derived: dm + dg,
    more: musicians.length === batchSize || gigs.length === batchSize || dm === deriveLimit ||
      dg === deriveLimit,
  };
}

async function sendReembed(tx: Tx, model: string): Promise<void> {
  await send(tx, "matching", {
    kind: "reembed",
    model,
    idempotency_key: `reembed:${model}:${crypto.randomUUID()}`,
  });
}

/**
 * Queues a `reembed` sweep when any vector is missing or from another model, or any match vector
 * is missing or stale; returns whether.
 */
export async function queueReembedIfStale(tx: Tx, model: string): Promise<boolean> {
  const [row] = await tx.query<{ stale: boolean }>(
    `select exists (select 1 from public.musician_embeddings where model <> $1)
         or exists (select 1 from public.gig_embeddings where model <> $1)
         or exists (select 1 from public.musician_profiles m
                     where not exists (select 1 from public.musician_embeddings e
                                        where e.musician_id = m.id))
         or exists (select 1 from public.gigs g
                     where not exists (select 1 from public.gig_embeddings e where e.gig_id = g.id))
       as stale`,
    [model],
  );
  const stale = Boolean(row?.stale) || await anyStaleVector(tx);
  if (stale) await sendReembed(tx, model);
  return stale;
}

/**
 * Tells the best-matching musicians about a published public gig; each musician once per gig.
 * Returns how many were notified now.
 */
export async function notifyMatches(
  tx: Tx,
  gigId: string,
  opts: { threshold?: number; max?: number } = {},
): Promise<number> {
  const [gig] = await tx.query<{ title: string; notify: boolean }>(
    `select title, status = 'published' and visibility = 'public' and starts_at > now() as notify
       from public.gigs where id = $1`,
    [gigId],
  );
  if (!gig?.notify) return 0;
  const threshold = opts.threshold ?? NOTIFY_THRESHOLD;
  const max = opts.max ?? NOTIFY_MAX;
  const rows = await candidates(tx, "musicians", gigId, {
    candidates: Math.max(DEFAULT_CANDIDATES, max * 2),
  });
  const best = rankCandidates(rows, max).filter((r) => r.score >= threshold);
  if (best.length === 0) return 0;
  const fresh = await tx.query<{ musician_id: string }>(
    `insert into private.match_notices (gig_id, musician_id, score)
     select $1, unnest($2::uuid[]), unnest($3::real[])
     on conflict do nothing returning musician_id`,
    [gigId, best.map((b) => b.id), best.map((b) => b.score)],
  );
  const isNew = new Set(fresh.map((f) => f.musician_id));
  const notices = best.filter((b) => isNew.has(b.id));
  if (notices.length === 0) return 0;
  await tx.query(
    `insert into public.notifications (user_id, kind, title, body, link)
     select unnest($1::uuid[]), 'match', $2, unnest($3::text[]), $4`,
    [
      notices.map((n) => n.id),
      `A gig that fits you: ${gig.title}`.slice(0, 200),
      notices.map((n) => `${reason(n.facts, "musician")}. Fit ${fitPercent(n.score)} of 100.`),
      `/gigs/${gigId}`,
    ],
  );
  return notices.length;
}

/** The `matching` queue's handler. */
export function createMatchingHandler(deps: MatchingDeps): JobHandler {
  const { ai } = deps;
  const batchSize = deps.batchSize ?? 64;
  return async (message, { tx }) => {
    switch (message.kind) {
      case "embed_musician": {
        const { id } = IdJob.parse(message);
        const r = await embedMusician(tx, ai, id);
        if (r.replacedModel) await sendReembed(tx, ai.embeddingModel);
        return;
      }
      case "embed_gig":
      case "gig_published": {
        const { id } = IdJob.parse(message);
        const r = await embedGig(tx, ai, id);
        if (r.replacedModel) await sendReembed(tx, ai.embeddingModel);
        if (r.outcome === "missing") return;
        const n = await notifyMatches(tx, id, {
          threshold: deps.threshold,
          max: deps.maxNotices,
        });
        if (n > 0) deps.log?.({ level: "info", msg: "match notifications", gig_id: id, count: n });
        return;
      }
      case "reembed": {
        const done = await reembedBatch(tx, ai, batchSize);
        if (done.more) await sendReembed(tx, ai.embeddingModel);
        return;
      }
      default:
        throw new Error(`matching: unknown kind "${message.kind}"`);
    }
  };
}
