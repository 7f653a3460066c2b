/**
 * The stages of the artists' jobs (kinds: job_kinds.ts), for the `artists` queue's handler:
 *
 * - an import: `importing` parses and checks the kept CSV; bad rows fail the import with their
 *   lines (nothing written); otherwise every row is written in the stage's commit, all or nothing.
 * - a plan: `analysing` reads each track's facts as the owner (RLS) and relates its sound and
 *   content to its performance (learn/analyze.ts); `planning` turns significant relations into
 *   proposals against the current persona (learn/evolve.ts), each waiting for a person.
 *
 * @module
 */
import type { Claims, Tx } from "../../ports/db/mod.ts";
import { type JobRow, type StagedJob, stagedJob } from "../../ports/queue/jobs.ts";
import { ARTIST_IMPORT, ARTIST_PLAN } from "./job_kinds.ts";
import { badRows, type ImportKind, parseImport, writeCharts, writeMetrics } from "./imports.ts";
import { loadTrackFacts } from "./facts.ts";
import { analyzeTracks } from "./learn/analyze.ts";
import { evolutionPlan } from "./learn/evolve.ts";
import { Persona, type TrackFacts } from "./types.ts";
import type { ChartRow, MetricRow } from "./types.ts";
import type { Db } from "../../ports/db/mod.ts";

export interface ArtistJobDeps {
  db: Db;
}

const ownerClaims = (owner: string): Claims => ({ sub: owner, role: "authenticated" });

interface ImportRow extends JobRow {
  artist_id: string;
  kind: ImportKind;
  source: string | null;
}

async function loadImport(tx: Tx, id: string): Promise<ImportRow | null> {
  const [r] = await tx.query<ImportRow>(
    `select id, status, stage, progress, artist_id, kind, source
       from public.artist_imports where id = $1`,
    [id],
  );
  return r ?? null;
}

/** A large CSV import's stage bound to its ports. */
export function importJob(): StagedJob {
  return stagedJob(ARTIST_IMPORT, {
    load: loadImport,
    ports: () => Promise.resolve({}),
    failure: () => "The file could not be imported. Try again.",
    stages: {
      // deno-lint-ignore require-await
      async importing(row, ctx) {
        if (row.source === null) {
          return { status: "failed", error: "The file is gone: import it again.", progress: {} };
        }
        const parsed = parseImport(row.kind, row.source);
        void ctx.progress({ percent: 30, rows: parsed.total });
        if (parsed.errors.length || !parsed.rows.length) {
          const error = parsed.rows.length || parsed.errors.length
            ? badRows(parsed.errors).message
            : "The file has no rows under its header";
          return {
            status: "failed",
            error,
            progress: {},
            commit: async (tx) => {
              await tx.query(
                `update public.artist_imports set source = null, total = $2, errors = $3::jsonb,
                        finished_at = now() where id = $1`,
                [row.id, parsed.total, JSON.stringify(parsed.errors)],
              );
            },
          };
        }
        return {
          status: "done",
          progress: { percent: 100, rows: parsed.total },
          commit: async (tx) => {
            const r = row.kind === "metrics"
              ? await writeMetrics(
                tx,
                row.artist_id,
                parsed.rows as MetricRow[],
                "private.artist_upsert_metrics",
              )
              : await writeCharts(
                tx,
                row.artist_id,
                parsed.rows as ChartRow[],
                "private.artist_upsert_charts",
              );
            await tx.query(
              `update public.artist_imports
                  set source = null, total = $2, inserted = $3, updated = $4, unchanged = $5,
                      finished_at = now()
                where id = $1`,
              [row.id, parsed.total, r.inserted, r.updated, r.unchanged],
            );
          },
        };
      },
    },
  });
}

interface PlanRow extends JobRow {
  artist_id: string;
  owner_id: string;
  analysis: { facts?: TrackFacts[] } | null;
  persona: Persona;
}

async function loadPlan(tx: Tx, id: string): Promise<PlanRow | null> {
  const [r] = await tx.query<PlanRow>(
    `select p.id, p.status, p.stage, p.progress, p.artist_id, p.owner_id, p.analysis, a.persona
       from public.artist_plans p join public.artists a on a.id = p.artist_id
      where p.id = $1`,
    [id],
  );
  return r ?? null;
}

/** An evolution plan's stages bound to their ports. */
export function planJob(ports: () => Promise<ArtistJobDeps>): StagedJob {
  return stagedJob(ARTIST_PLAN, {
    load: loadPlan,
    ports,
    failure: () => "The plan could not be made. Try again.",
    stages: {
      async analysing(row, ctx) {
        const facts = await ctx.ports.db.asUser(
          ownerClaims(row.owner_id),
          (tx) => loadTrackFacts(tx, row.artist_id),
        );
        const analysis = analyzeTracks(facts);
        return {
          next: "planning",
          progress: { tracks: facts.length },
          commit: async (tx) => {
            await tx.query("update public.artist_plans set analysis = $2::jsonb where id = $1", [
              row.id,
              JSON.stringify({ ...analysis, facts }),
            ]);
          },
        };
      },
      // deno-lint-ignore require-await
      async planning(row) {
        const { facts = [], ...analysis } = row.analysis ?? {};
        const items = evolutionPlan(
          analysis as Parameters<typeof evolutionPlan>[0],
          Persona.parse(row.persona),
          facts,
        );
        return {
          status: "ready",
          progress: { proposals: items.length },
          commit: async (tx) => {
            await tx.query(
              `insert into public.artist_plan_items (plan_id, artist_id, position, kind, title,
                                                     change, evidence, confidence)
               select $1, $2, i.position, i.kind, i.title, i.change, i.evidence, i.confidence
                 from jsonb_to_recordset($3::jsonb) as i(position smallint, kind text,
                      title text, change jsonb, evidence jsonb, confidence text)
               on conflict (plan_id, position) do nothing`,
              [
                row.id,
                row.artist_id,
                JSON.stringify(items.map((it, position) => ({ ...it, position }))),
              ],
            );
            await tx.query("update public.artist_plans set finished_at = now() where id = $1", [
              row.id,
            ]);
            // A person who asked is watching; the weekly analysis tells the owner.
            await tx.query("select private.artist_plan_notice($1)", [row.id]);
          },
        };
      },
    },
  });
}
