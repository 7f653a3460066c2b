/**
 * Keeps the match vectors (vector.ts) in step with the embeddings and facts they derive from.
 *
 * Each stored vector carries `vector_key` = `private.match_vector_key(MATCH_VECTOR_VERSION,
 * model, content hash, genres, instruments, fee or budget, currency, place)`, and beside it the
 * canonical instrument terms the candidate functions filter on (and a gig's place). A row whose key differs
 * from the one its current embedding and facts would give is stale: re-derived from the stored
 * embedding, without an embeddings call. The worker derives right after embedding, when a fee or
 * budget changes (the migration's triggers queue the job) and in the `reembed` sweep.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import {
  canonicalSet,
  gigMatchVector,
  MATCH_VECTOR_VERSION,
  musicianMatchVector,
  parseVector,
  vectorLiteral,
} from "./vector.ts";

export type Side = "musician" | "gig";

interface Source {
  id: string;
  model: string;
  genres: string[];
  instruments: string[];
  money: number | null;
  currency: string | null;
  lat: number | null;
  lng: number | null;
  want_key: string;
  embedding?: string;
}

/** Every embedded row of a side, with the key its vector should have and the one it has. */
function sourceSql(side: Side, withEmbedding: boolean): string {
  const embedding = withEmbedding ? ", e.embedding::text as embedding" : "";
  // A gig's place: remote → none (anywhere); no coordinates → where its city is.
  return side === "musician"
    ? `select mm.musician_id as id, e.model, mm.genres, mm.instruments, mm.fee_min_minor as money,
              mm.currency, mm.lat, mm.lng, mm.vector_key as has_key${embedding},
              private.match_vector_key($1, e.model, e.content_hash, mm.genres, mm.instruments,
                                       mm.fee_min_minor, mm.currency, mm.lat, mm.lng) as want_key
         from private.musician_match mm
         join public.musician_embeddings e on e.musician_id = mm.musician_id`
    : `select g.id, e.model, g.genres, g.instruments, g.budget_max_minor as money, g.currency,
              p.lat, p.lng, gm.vector_key as has_key${embedding},
              private.match_vector_key($1, e.model, e.content_hash, g.genres, g.instruments,
                                       g.budget_max_minor, g.currency, p.lat, p.lng) as want_key
         from public.gigs g
         join public.gig_embeddings e on e.gig_id = g.id
         left join lateral (select x.lat, x.lng from private.place_of(g.lat, g.lng, g.city) x
                             where not g.remote) p on true
         left join private.gig_match gm on gm.gig_id = g.id`;
}

const WRITE: Record<Side, string> = {
  musician: `update private.musician_match mm
                set model = x.model, match_vector = x.v, vector_key = x.k,
                    instrument_keys = x.keys::text[], updated_at = now()
               from unnest($1::uuid[], $2::text[], $3::extensions.vector[], $4::text[], $5::text[])
                    as x(id, model, v, k, keys)
              where mm.musician_id = x.id`,
  gig: `insert into private.gig_match (gig_id, model, match_vector, vector_key, instrument_keys,
                                       lat, lng, updated_at)
        select x.id, x.model, x.v, x.k, x.keys::text[], x.lat, x.lng, now()
          from unnest($1::uuid[], $2::text[], $3::extensions.vector[], $4::text[], $5::text[],
                      $6::float8[], $7::float8[]) as x(id, model, v, k, keys, lat, lng)
        on conflict (gig_id) do update set model = excluded.model,
          match_vector = excluded.match_vector, vector_key = excluded.vector_key,
          instrument_keys = excluded.instrument_keys, lat = excluded.lat, lng = excluded.lng,
          updated_at = now()`,
};

function vectorOf(side: Side, embedding: number[], r: Source): number[] {
  const place = r.lat == null || r.lng == null ? null : { lat: r.lat, lng: r.lng };
  return side === "musician"
    ? musicianMatchVector(embedding, {
      genres: r.genres,
      instruments: r.instruments,
      fee_min_minor: r.money,
      currency: r.currency,
      place,
    })
    : gigMatchVector(embedding, {
      genres: r.genres,
      instruments: r.instruments,
      budget_max_minor: r.money,
      currency: r.currency,
      place,
    });
}

function arrayLiteral(xs: string[]): string {
  return `{${xs.map((x) => `"${x.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

async function write(
  tx: Tx,
  side: Side,
  rows: Source[],
  embeddingOf: (r: Source) => number[],
): Promise<number> {
  if (rows.length === 0) return 0;
  await tx.query(WRITE[side], [
    rows.map((r) => r.id),
    rows.map((r) => r.model),
    rows.map((r) => vectorLiteral(vectorOf(side, embeddingOf(r), r))),
    rows.map((r) => r.want_key),
    // A text[] of text[] cannot be passed as one parameter: each row's terms as an array literal.
    rows.map((r) => arrayLiteral([...canonicalSet(r.instruments)])),
    ...(side === "gig" ? [rows.map((r) => r.lat), rows.map((r) => r.lng)] : []),
  ]);
  return rows.length;
}

/**
 * Derives the stale vectors among `ids`. `embeddings` holds vectors the caller has just stored
 * (saving a read); others are read back from the embedding tables. Returns how many were written.
 */
export async function deriveVectors(
  tx: Tx,
  side: Side,
  ids: string[],
  embeddings: Map<string, number[]> = new Map(),
): Promise<number> {
  if (ids.length === 0) return 0;
  const readBack = ids.some((id) => !embeddings.has(id));
  const rows = await tx.query<Source>(
    `select * from (${sourceSql(side, readBack)}) s
      where s.id = any($2::uuid[]) and s.has_key is distinct from s.want_key`,
    [MATCH_VECTOR_VERSION, ids],
  );
  return await write(tx, side, rows, (r) => embeddings.get(r.id) ?? parseVector(r.embedding!));
}

/** One batch of the sweep: derives up to `limit` stale vectors of a side; returns how many. */
export async function deriveStale(tx: Tx, side: Side, limit: number): Promise<number> {
  const rows = await tx.query<Source>(
    // No order: the scan stops at the first `limit` stale rows.
    `select * from (${sourceSql(side, true)}) s
      where s.has_key is distinct from s.want_key limit $2`,
    [MATCH_VECTOR_VERSION, limit],
  );
  return await write(tx, side, rows, (r) => parseVector(r.embedding!));
}

/** Whether any embedded row of either side has a missing or stale vector. */
export async function anyStaleVector(tx: Tx): Promise<boolean> {
  const [row] = await tx.query<{ stale: boolean }>(
    `select exists (select 1 from (${sourceSql("musician", false)}) s
                     where s.has_key is distinct from s.want_key)
         or exists (select 1 from (${sourceSql("gig", false)}) s
                     where s.has_key is distinct from s.want_key) as stale`,
    [MATCH_VECTOR_VERSION],
  );
  return Boolean(row?.stale);
}
