/**
 * A master is a staged job on the `mastering` queue (the job shape: lib/ports/queue/jobs.ts):
 *
 * 1. `analysing`: the song's WAV (and a reference song's) read back from the `tracks` bucket as
 *    the owner; the reference measured, or a genre preset's taken.
 * 2. `mastering`: the whole CPU part starts in DSP workers (lib/audio/offthread/master_files.ts:
 *    decode, lib/audio/master's EQ, level and limiter to the target, the WAV, then the MP3 in
 *    two parts at once), off the web server's thread; progress in percent. The stage ends when
 *    the encoding starts.
 * 3. `encoding`: waits for the WAV and MP3.
 * 4. `uploading`: both beside the song at once (`<owner>/<song>/master-<id>.wav|mp3`); `done`
 *    with the before/after report and the platforms' preview.
 *
 * The running task and its files stay in this process's memory between stages (a couple of
 * masters at most); a stage that finds nothing there (a retry, another worker) starts again from
 * the files: mastering is deterministic. A master cancelled while its worker runs is noticed
 * within a second and the worker is terminated. A reference that is gone or silent, or a song too
 * short or silent, fails the master at once, in words, and gives its allowance back; anything
 * else that throws is retried, then fails with its stage's reason (`failureText`).
 *
 * @module
 */
import type { Db } from "../../../ports/db/mod.ts";
import type { Caller, StoragePort } from "../../../ports/storage/port.ts";
import type { Logger } from "../../../platform/log.ts";
import {
  jobKind,
  type StageContext,
  type StagedJob,
  stagedJob,
  type StageOutcome,
} from "../../../ports/queue/jobs.ts";
import { WavError } from "../../../audio/wav.ts";
import { MasterError, platformPreview } from "../../../audio/master/mod.ts";
import { runDsp } from "../../../audio/offthread/mod.ts";
import { type MasterFiles, masterFiles } from "../../../audio/offthread/master_files.ts";
import { presetFor } from "./presets.ts";
import { MASTER_STAGES, type MasterStage, masterTopic } from "../../../shared/studio_jobs.ts";
import { BUCKET } from "../files.ts";
import { finishMaster, loadMaster, type MasterRow } from "./store.ts";
import type { MasterReport } from "./schemas.ts";

export const MASTER = jobKind({
  kind: "master",
  queue: "mastering",
  table: "public.song_masters",
  topic: masterTopic,
  stages: MASTER_STAGES,
});

/** What a master's stages use (service.ts builds them once per platform). */
export interface MasterDeps {
  db: Db;
  storage: StoragePort;
  /** Who reads and writes the owner's files (studio's `uploader`). */
  uploader(ownerId: string): Caller;
  log?: Logger;
  cache: MasterCache;
}

interface Reference {
  spectrum: MasterReport["reference_spectrum"];
  loudestRmsDb: number;
}

type Made = MasterFiles;

interface Work {
  /** The song's WAV file, until the worker takes it. */
  song?: Uint8Array;
  reference?: Reference;
  /** The worker's run: its encoding started (`encoding`), its result (`made`). */
  run?: { encoding: Promise<void>; made: Promise<Made> };
}

/** The audio of the masters being made in this process, the latest few. */
export class MasterCache {
  #entries = new Map<string, Work>();
  constructor(private readonly size = 2) {}
  get(id: string): Work {
    const w = this.#entries.get(id) ?? {};
    this.#entries.delete(id);
    this.#entries.set(id, w);
    while (this.#entries.size > this.size) this.#entries.delete(this.#entries.keys().next().value!);
    return w;
  }
  delete(id: string): void {
    this.#entries.delete(id);
  }
}

const MP3_KBPS = 192;

export const REASONS: Record<MasterStage, string> = {
  analysing: "The song could not be read.",
  mastering: "The song could not be mastered.",
  encoding: "The master could not be encoded.",
  uploading: "The master's files could not be saved.",
};

/** What the user reads when the master gave up after `error`. */
export function failureText(error: string): string {
  const reason = Object.values(REASONS).find((r) => error.startsWith(r)) ??
    "The master could not be made.";
  return `${reason} It did not count against your masters this month: try again.`;
}

class MasterStageError extends Error {
  constructor(reason: string, cause: unknown) {
    super(`${reason} (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

async function guard<T>(stage: MasterStage, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new MasterStageError(REASONS[stage], err);
  }
}

type Ctx = StageContext<MasterDeps>;
type Outcome = Promise<StageOutcome<MasterStage>>;

/** How often a running master looks whether it was cancelled. */
const CANCEL_POLL_MS = 1000;

/** The worker was stopped because the master was cancelled: nothing to retry or commit. */
class Cancelled extends Error {}

async function download(deps: MasterDeps, owner: string, path: string): Promise<Uint8Array> {
  const stored = await deps.storage.download(deps.uploader(owner), BUCKET, path);
  if (!stored) throw new Error(`${path} is not in the bucket`);
  return stored.body;
}

/** The reference, or the sentence that fails the master (it will not get better on a retry). */
async function referenceOf(row: MasterRow, deps: MasterDeps): Promise<Reference | string> {
  const ref = row.settings.reference;
  if (ref.kind === "preset") {
    return presetFor(ref.genre);
  }
  if (!row.reference_wav) return "The reference song was deleted: choose another reference.";
  const wav = await download(deps, row.owner_id, row.reference_wav);
  return await runDsp("reference", { wav }) ??
    "The reference song is silent: choose another reference.";
}

async function analysed(row: MasterRow, ctx: Ctx): Promise<Work | string> {
  const work = ctx.ports.cache.get(row.id);
  if (!work.song && !work.run) {
    if (!row.song_wav) return "The song's audio is gone.";
    work.song = await guard("analysing", () => download(ctx.ports, row.owner_id, row.song_wav!));
  }
  if (!work.reference) {
    const ref = await guard("analysing", () => referenceOf(row, ctx.ports));
    if (typeof ref === "string") return ref;
    work.reference = ref;
  }
  return work;
}

const failed = (error: string) => ({ status: "failed", error, progress: {} });

export async function analysingStage(row: MasterRow, ctx: Ctx): Outcome {
  const work = await analysed(row, ctx);
  if (typeof work === "string") return failed(work);
  return { next: "mastering", progress: { percent: 0 } };
}

/** Aborts `ctl` when the master is cancelled (or deleted) while `until` runs. */
function watchCancel(row: MasterRow, ctx: Ctx, ctl: AbortController, until: Promise<unknown>) {
  const timer = setInterval(async () => {
    const now = await ctx.db.asService((tx) => loadMaster(tx, row.id)).catch(() => undefined);
    if (now === null || (now && now.status !== "running" && now.status !== "queued")) {
      ctl.abort(new Cancelled("The master was cancelled."));
    }
  }, CANCEL_POLL_MS);
  until.finally(() => clearInterval(timer)).catch(() => {});
}

/** The worker's run for this master: started here, or the one already running. */
async function started(row: MasterRow, ctx: Ctx): Promise<Work | string> {
  const work = await analysed(row, ctx);
  if (typeof work === "string" || work.run) return work;
  const s = row.settings;
  let last = -1;
  let encoding!: () => void;
  const encodingStarted = new Promise<void>((resolve) => encoding = resolve);
  const ctl = new AbortController();
  const made = masterFiles({
    wav: work.song!,
    settings: {
      targetLufs: s.target_lufs,
      ceilingDbtp: s.ceiling_dbtp,
      intensity: s.intensity,
      reference: work.reference!,
    },
    mp3Kbps: MP3_KBPS,
  }, {
    signal: ctl.signal,
    onProgress(percent, phase) {
      if (phase === "encoding") return encoding();
      const p = Math.max(0, Math.min(100, Math.round(percent)));
      if (p === last) return;
      last = p;
      void ctx.progress({ percent: p });
    },
  });
  work.song = undefined; // its buffer went to the worker
  work.run = { encoding: encodingStarted, made };
  watchCancel(row, ctx, ctl, made);
  made.then(() => encoding(), () => {
    // A failed run is not kept: the next attempt starts again from the files.
    if (ctx.ports.cache.get(row.id).run?.made === made) ctx.ports.cache.delete(row.id);
  });
  return work;
}

/** The run's result, or the sentence that fails the master. */
async function result(run: NonNullable<Work["run"]>, wait: "encoding" | "made") {
  try {
    if (wait === "encoding") await Promise.race([run.encoding, run.made]);
    return await run.made;
  } catch (err) {
    // Too short or silent: a retry would say the same. Cancelled: the row has moved on already
    // (the outcome commits nothing).
    if (err instanceof MasterError || err instanceof Cancelled) return err.message;
    if (err instanceof WavError) throw new MasterStageError(REASONS.analysing, err);
    throw new MasterStageError(REASONS.mastering, err);
  }
}

export async function masteringStage(row: MasterRow, ctx: Ctx): Outcome {
  const work = await started(row, ctx);
  if (typeof work === "string") return failed(work);
  const run = work.run!;
  try {
    await Promise.race([run.encoding, run.made]);
  } catch {
    const out = await result(run, "made");
    if (typeof out === "string") return failed(out);
  }
  return { next: "encoding", progress: { percent: 100 } };
}

async function encoded(row: MasterRow, ctx: Ctx): Promise<Made | string> {
  const work = await started(row, ctx);
  if (typeof work === "string") return work;
  return await result(work.run!, "made");
}

export async function encodingStage(row: MasterRow, ctx: Ctx): Outcome {
  const made = await encoded(row, ctx);
  if (typeof made === "string") return failed(made);
  ctx.log({ level: "info", msg: "master made", id: row.id, ms: made.ms });
  return { next: "uploading" };
}

export async function uploadingStage(row: MasterRow, ctx: Ctx): Outcome {
  const made = await encoded(row, ctx);
  if (typeof made === "string") return failed(made);
  const { storage, uploader, cache } = ctx.ports;
  const base = `${row.owner_id}/${row.song_id}/master-${row.id}`;
  const paths = { wav: `${base}.wav`, mp3: `${base}.mp3` };
  await guard("uploading", async () => {
    const as = uploader(row.owner_id);
    await Promise.all([
      storage.upload(as, BUCKET, paths.wav, made.wav, "audio/wav", { upsert: true }),
      storage.upload(as, BUCKET, paths.mp3, made.mp3, "audio/mpeg", { upsert: true }),
    ]);
  });
  const report: MasterReport = {
    ...made.report,
    settings: row.settings,
    platforms: platformPreview(made.report.after.integrated_lufs),
  };
  cache.delete(row.id);
  return {
    status: "done",
    progress: { percent: 100 },
    commit: (tx) => finishMaster(tx, row.id, paths, report),
  };
}

/** The master's stages bound to the ports, for the `mastering` queue's handler (jobs.ts). */
export function masterJob(ports: () => Promise<MasterDeps>): StagedJob {
  return stagedJob(MASTER, {
    load: loadMaster,
    ports,
    stages: {
      analysing: analysingStage,
      mastering: masteringStage,
      encoding: encodingStage,
      uploading: uploadingStage,
    },
    failure: failureText,
  });
}
