/**
 * Staged jobs: how slow work (AI, Spotify, music generation, mastering, scoring…) runs here
 * (DESIGN.md rule 5). Read this before writing a new kind of job.
 *
 * **The row is the job.** A staged job is a row of the domain's own table (`public.dj_runs` for
 * the AI DJ), which its owner may read under RLS. Besides its own columns the table has the job
 * columns this module writes:
 *
 * | column | meaning |
 * | --- | --- |
 * | `status text` | `queued` → `running` → a finished status of the domain's (`draft`, …) or `failed` |
 * | `stage text` | the stage running or next to run; null once finished |
 * | `progress jsonb` | what the current stage has done so far: shown live, read back by a retried stage |
 * | `error text` | why it failed, for the user |
 *
 * **Stages.** A job kind (`jobKind`) names its table, its queue, its live topic and its stages in
 * order. Each stage is a function of the row (read afresh when the stage starts) and the ports
 * (the AI, Spotify…): it does its slow work outside any transaction, may report progress, and
 * returns an outcome: the next stage, or the finished status, plus a `commit` that writes its
 * result to the row. The worker applies the commit, moves the row to the next stage and sends that
 * stage's message in one transaction, together with the idempotency key `<kind>:<id>:<stage>`: a
 * stage commits once per job, however often its message is delivered. Work outside the database
 * (a playlist created on Spotify) is not undone by a retry: checkpoint it in `progress` and look
 * there first (lib/domains/dj/stages.ts does).
 *
 * **Progress.** `writeJobState` is the one way a job's row changes state: one statement updates the
 * job columns and broadcasts `{ id, status, stage, progress, error }` as event `progress` on the
 * job's topic (`realtime.send`: NOTIFY → SSE embedded, Supabase Realtime private channels on
 * Supabase). Only the row's owner may receive the topic: an RLS policy on `realtime.messages` per
 * topic prefix, in the job's migration. Pages read the row for the first paint and follow the
 * topic; a page without JavaScript refreshes.
 *
 * **Failure.** A stage that throws is retried after the queue's visibility timeout; after the last
 * attempt the message goes to the dead-letter queue and the row becomes `failed` with the job's
 * `failure` text. Provider trouble the user can live with (an offline fallback) is not a failure:
 * the stage handles it and says so in the result.
 *
 * @example
 * ```ts
 * export const SONG = jobKind({
 *   kind: "song", queue: "generation", table: "public.songs",
 *   topic: (id) => `song:${id}`, stages: ["compose", "render"],
 * });
 * const songJob = stagedJob(SONG, {
 *   load: (tx, id) => loadSong(tx, id),
 *   ports: async () => ({ music }),
 *   failure: () => "The song could not be made. Try again.",
 *   stages: {
 *     async compose(row, ctx) {
 *       const score = await ctx.ports.music.compose(row.prompt);
 *       return { next: "render", commit: (tx) => saveScore(tx, row.id, score) };
 *     },
 *     async render(row, ctx) {
 *       ctx.progress({ percent: 50 });
 *       const path = await ctx.ports.music.render(row.id);
 *       return { status: "ready", commit: (tx) => saveAudio(tx, row.id, path) };
 *     },
 *   },
 * });
 * // lib/platform/mod.ts: `generation: stagedJobsHandler([songJob])`; a request: `startJob(tx, SONG, id)`.
 * ```
 *
 * @module
 */
import { z } from "zod";
import type { Db, Tx } from "../db/mod.ts";
import type { Logger } from "../../platform/log.ts";
import { type QueueName, send } from "./mod.ts";
import type { Commit, DetachedContext, DetachedHandler } from "./worker.ts";

/** What a stage reports: plain JSON, small (it travels on every progress event). */
export type Progress = Record<string, unknown>;

/** A kind of staged job: where its rows live, which queue runs it, its stages in order. */
export interface JobKind<S extends string = string> {
  /** The messages' `kind`, and the first part of their idempotency keys. */
  kind: string;
  queue: QueueName;
  /** The schema-qualified table of the job rows (with the job columns above). */
  table: string;
  /** The live topic of one job; its migration lets only the row's owner receive it. */
  topic(id: string): string;
  stages: readonly [S, ...S[]];
  /**
   * The job's priority, carried by each of its stage messages (read in the caller's transaction);
   * a handler with `preferred: { priority: n }` reads those messages first.
   */
  priority?(tx: Tx, id: string): Promise<number>;
}

const NAME = /^[a-z][a-z_]{0,39}$/;

/** Checks and returns a job kind (identity for typing, like Fresh's `define` helpers). */
export function jobKind<const S extends string>(k: JobKind<S>): JobKind<S> {
  if (!NAME.test(k.kind)) throw new Error(`jobKind: "${k.kind}" is not a lower-case name`);
  // The table name is written into SQL: only schema.table in lower case.
  if (!/^[a-z_]+\.[a-z_]+$/.test(k.table)) throw new Error(`jobKind: bad table "${k.table}"`);
  for (const s of k.stages) {
    if (!NAME.test(s)) throw new Error(`jobKind ${k.kind}: "${s}" is not a lower-case name`);
  }
  return k;
}

/** The message of one stage of one job. */
export const StageMessage = z.object({
  kind: z.string().regex(NAME),
  job_id: z.uuid(),
  stage: z.string().regex(NAME),
  idempotency_key: z.string().min(1),
  priority: z.number().int().optional(),
});
export type StageMessage = z.infer<typeof StageMessage>;

/** Sends the message that runs `stage` of job `id` (in the caller's transaction). */
export async function sendStage<S extends string>(
  tx: Tx,
  kind: JobKind<S>,
  id: string,
  stage: S,
): Promise<void> {
  const message: StageMessage = {
    kind: kind.kind,
    job_id: id,
    stage,
    idempotency_key: `${kind.kind}:${id}:${stage}`,
  };
  if (kind.priority) message.priority = await kind.priority(tx, id);
  await send(tx, kind.queue, message);
}

/**
 * Queues the first stage of job `id`, whose row the caller has just inserted as `queued` with
 * `stage` set to that first stage: the message goes out only if the insert commits.
 */
export async function startJob(tx: Tx, kind: JobKind, id: string): Promise<void> {
  await sendStage(tx, kind, id, kind.stages[0]);
}

/** The job columns of a row, as `writeJobState` sets them. */
export interface JobState {
  status: string;
  stage: string | null;
  progress: Progress;
  /** Set when given; an earlier error is kept otherwise. */
  error?: string | null;
}

/**
 * The one way a job's row changes state: updates the job columns and broadcasts them on the
 * job's topic, in one statement. With `atStage`, only while the row is still at that stage (a
 * late progress report never overwrites a later state). False when no row was updated (the job
 * was deleted, or moved on).
 */
export async function writeJobState(
  tx: Tx,
  kind: JobKind,
  id: string,
  state: JobState,
  atStage?: string,
): Promise<boolean> {
  const rows = await tx.query(
    `with j as (
       update ${kind.table}
          set status = $2::text, stage = $3::text, progress = $4::jsonb,
              error = coalesce($5::text, error)
        where id = $1::uuid and ($6::text is null or stage = $6::text)
        returning id, status, stage, progress, error)
     select realtime.send(
              jsonb_build_object('id', j.id, 'status', j.status, 'stage', j.stage,
                                 'progress', j.progress, 'error', j.error),
              'progress', $7::text, true)
       from j`,
    [
      id,
      state.status,
      state.stage,
      JSON.stringify(state.progress),
      state.error ?? null,
      atStage ?? null,
      kind.topic(id),
    ],
  );
  return rows.length > 0;
}

/** The job columns every staged job's row has (the rest is the domain's). */
export interface JobRow {
  id: string;
  status: string;
  stage: string | null;
  progress: Progress;
}

export interface StageContext<Ports> {
  ports: Ports;
  db: Db;
  /** 1 on the first delivery of this stage's message. */
  attempt: number;
  log: Logger;
  /**
   * Writes `p` as the row's progress and pushes it live; resolves once it is stored (await it for
   * a checkpoint) or superseded. Reports are coalesced (the latest wins while one is being
   * written) and all are written before the stage commits; each written one is a row update and
   * an event, so a few a second is plenty.
   */
  progress(p: Progress): Promise<void>;
}

/** How a stage ends: on to the next stage, or the job is finished with `status`. */
export type StageOutcome<S extends string> =
  & {
    /** The stage's result, written in the transaction that moves the job on. */
    commit?: Commit;
    /** The row's progress after this stage (default: empty). */
    progress?: Progress;
  }
  & ({ next: S } | { status: string; error?: string | null });

export type StageFn<Row, Ports, S extends string> = (
  row: Row,
  ctx: StageContext<Ports>,
) => Promise<StageOutcome<S>>;

/** A job kind with its stages' code, ready for `stagedJobsHandler`. */
export interface StagedJob {
  readonly kind: JobKind;
  /** Runs the stage `message` names; the commit that records it (null: nothing to do). */
  run(message: StageMessage, ctx: DetachedContext): Promise<Commit | null>;
  /** The job gave up (its message was dead-lettered): the row becomes `failed`. */
  giveUp(message: StageMessage, error: string, tx: Tx): Promise<void>;
}

export interface StagedJobSpec<Row extends JobRow, Ports, S extends string> {
  /** The row by id, as the service (null when it was deleted). */
  load(tx: Tx, id: string): Promise<Row | null>;
  /** The ports the stages use, resolved once, on the first message. */
  ports(): Promise<Ports>;
  stages: { [K in S]: StageFn<Row, Ports, S> };
  /** What the user reads when the job gave up after `error` (stored in the row's `error`). */
  failure(error: string): string;
}

/** Binds the stages' code to a job kind. */
export function stagedJob<Row extends JobRow, Ports, S extends string>(
  kind: JobKind<S>,
  spec: StagedJobSpec<Row, Ports, S>,
): StagedJob {
  let ports: Promise<Ports> | null = null;
  const isStage = (s: string): s is S => (kind.stages as readonly string[]).includes(s);

  return {
    kind,
    async run(message, ctx) {
      const stage = message.stage;
      if (!isStage(stage)) throw new Error(`${kind.kind}: no stage "${stage}"`);
      const id = message.job_id;
      const { db, log } = ctx;
      const row = await db.asService((tx) => spec.load(tx, id));
      // Deleted, or this stage already committed (a duplicate message): nothing to do.
      if (!row || row.stage !== stage) return null;
      if (row.status !== "running") {
        await db.asService((tx) =>
          writeJobState(tx, kind, id, { status: "running", stage, progress: {} }, stage)
        );
      }
      if (!ports) {
        ports = spec.ports();
        ports.catch(() => ports = null); // a failed start is tried again by the next message
      }
      const reporter = coalesce(
        (p: Progress) =>
          db.asService((tx) =>
            writeJobState(tx, kind, id, { status: "running", stage, progress: p }, stage)
          ),
        (err) =>
          log({
            level: "warn",
            msg: "job progress not written",
            kind: kind.kind,
            id,
            error: String(err),
          }),
      );
      const outcome = await spec.stages[stage](row, {
        ports: await ports,
        db,
        attempt: ctx.attempt,
        log,
        progress: reporter.report,
      });
      await reporter.flush();
      return async (tx) => {
        // The row, locked: a stage commits only while its job is at that stage.
        const [now] = await tx.query<{ stage: string | null }>(
          `select stage from ${kind.table} where id = $1 for update`,
          [id],
        );
        if (now?.stage !== stage) return;
        await outcome.commit?.(tx);
        const progress = outcome.progress ?? {};
        if ("next" in outcome) {
          await writeJobState(tx, kind, id, { status: "running", stage: outcome.next, progress });
          await sendStage(tx, kind, id, outcome.next);
        } else {
          await writeJobState(tx, kind, id, {
            status: outcome.status,
            stage: null,
            progress,
            error: outcome.error,
          });
        }
      };
    },
    async giveUp(message, error, tx) {
      await writeJobState(tx, kind, message.job_id, {
        status: "failed",
        stage: null,
        progress: {},
        error: spec.failure(error),
      }, message.stage);
    },
  };
}

/** Writes the latest report, one write at a time; `flush` waits for what is pending. */
function coalesce(
  write: (p: Progress) => Promise<unknown>,
  onError: (err: unknown) => void,
): { report(p: Progress): Promise<void>; flush(): Promise<void> } {
  let latest: Progress | null = null;
  let chain: Promise<void> = Promise.resolve();
  return {
    report(p) {
      latest = p;
      chain = chain.then(async () => {
        if (latest === null) return;
        const next = latest;
        latest = null;
        await write(next).catch(onError);
      });
      return chain;
    },
    flush: () => chain,
  };
}

/**
 * The queue handler for the staged jobs of one queue (`ai`: the AI DJ, later the artists'). Each
 * message names its kind; stages run outside transactions, several at once.
 */
export function stagedJobsHandler(
  jobs: StagedJob[],
  opts: { visibilityTimeout?: number; concurrency?: number; preferred?: Record<string, unknown> } =
    {},
): DetachedHandler {
  const byKind = new Map(jobs.map((j) => [j.kind.kind, j]));
  const jobOf = (message: unknown) => {
    const m = StageMessage.parse(message);
    const job = byKind.get(m.kind);
    if (!job) throw new Error(`no staged job of kind "${m.kind}"`);
    return { m, job };
  };
  return {
    detached: true,
    // A stage waits on providers for seconds (a search has an 8 s budget, an LLM may retry).
    visibilityTimeout: opts.visibilityTimeout ?? 60,
    concurrency: opts.concurrency ?? 4,
    preferred: opts.preferred,
    run(message, ctx) {
      const { m, job } = jobOf(message);
      return job.run(m, ctx);
    },
    async deadLettered(message, error, tx) {
      const parsed = StageMessage.safeParse(message);
      const job = parsed.success ? byKind.get(parsed.data.kind) : undefined;
      if (parsed.success && job) await job.giveUp(parsed.data, error, tx);
    },
  };
}
