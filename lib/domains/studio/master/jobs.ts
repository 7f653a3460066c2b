/**
 * A master is a staged job on the `mastering` queue (the job shape: lib/ports/queue/jobs.ts):
 *
 * 1. `analysing`: the song's WAV (and a reference song's) read back from the `tracks` bucket as
 *    the owner and decoded; the reference measured, or a genre preset's taken.
 * 2. `mastering`: lib/audio/master's EQ, level and limiter to the target (progress in percent).
 * 3. `encoding`: the master as WAV and MP3.
 * 4. `uploading`: both beside the song (`<owner>/<song>/master-<id>.wav|mp3`); `done` with the
 *    before/after report and the platforms' preview.
 *
 * The audio stays in this process's memory between stages (a couple of masters at most); a stage
 * that finds nothing there (a retry, another worker) starts again from the files: mastering is
 * deterministic. A reference that is gone or silent fails the master at once, in words, and
 * gives its allowance back; anything else that throws is retried, then fails with its stage's
 * reason (`failureText`).
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
import { decodeWav, encodeWav } from "../../../audio/wav.ts";
import { encodeMp3 } from "../../../audio/mp3.ts";
import {
  masterAudio,
  MasterError,
  measureReference,
  platformPreview,
} from "../../../audio/master/mod.ts";
import { presetFor } from "./presets.ts";
import { MASTER_STAGES, type MasterStage, masterTopic } from "../../../shared/studio_jobs.ts";
import { BUCKET } from "../files.ts";
import { mp3Ready, type Stereo } from "../upload_files.ts";
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

interface Work {
  input?: Stereo;
  reference?: Reference;
  mastered?: { audio: Stereo; report: Omit<MasterReport, "settings" | "platforms"> };
  files?: { wav: Uint8Array; mp3: Uint8Array };
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

/** A stored WAV as stereo (a mono file plays in both channels). */
async function readWav(deps: MasterDeps, owner: string, path: string): Promise<Stereo> {
  const stored = await deps.storage.download(deps.uploader(owner), BUCKET, path);
  if (!stored) throw new Error(`${path} is not in the bucket`);
  const wav = decodeWav(stored.body);
  const [left] = wav.channels;
  return { sampleRate: wav.sampleRate, left, right: wav.channels[1] ?? left };
}

/** The reference, or the sentence that fails the master (it will not get better on a retry). */
async function referenceOf(row: MasterRow, deps: MasterDeps): Promise<Reference | string> {
  const ref = row.settings.reference;
  if (ref.kind === "preset") {
    return presetFor(ref.genre);
  }
  if (!row.reference_wav) return "The reference song was deleted: choose another reference.";
  const audio = await readWav(deps, row.owner_id, row.reference_wav);
  return measureReference(audio.left, audio.right, audio.sampleRate) ??
    "The reference song is silent: choose another reference.";
}

async function analysed(row: MasterRow, ctx: Ctx): Promise<Work | string> {
  const work = ctx.ports.cache.get(row.id);
  if (!work.input) {
    if (!row.song_wav) return "The song's audio is gone.";
    work.input = await guard("analysing", () => readWav(ctx.ports, row.owner_id, row.song_wav!));
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

async function mastered(row: MasterRow, ctx: Ctx): Promise<Work | string> {
  const work = await analysed(row, ctx);
  if (typeof work === "string" || work.mastered) return work;
  const { input, reference } = work as Required<Pick<Work, "input" | "reference">>;
  const s = row.settings;
  let last = -1;
  const run = () =>
    masterAudio(input, {
      targetLufs: s.target_lufs,
      ceilingDbtp: s.ceiling_dbtp,
      intensity: s.intensity,
      reference,
    }, {
      onProgress(percent) {
        const p = Math.max(0, Math.min(100, Math.round(percent)));
        if (p === last) return;
        last = p;
        void ctx.progress({ percent: p });
      },
    });
  let out: ReturnType<typeof masterAudio>;
  try {
    out = run();
  } catch (err) {
    // Too short or silent: a retry would say the same.
    if (err instanceof MasterError) return err.message;
    throw new MasterStageError(REASONS.mastering, err);
  }
  work.mastered = {
    audio: { sampleRate: input.sampleRate, left: out.left, right: out.right },
    report: out.report,
  };
  return work;
}

export async function masteringStage(row: MasterRow, ctx: Ctx): Outcome {
  const work = await mastered(row, ctx);
  if (typeof work === "string") return failed(work);
  return { next: "encoding", progress: { percent: 100 } };
}

async function encoded(row: MasterRow, ctx: Ctx): Promise<Work | string> {
  const work = await mastered(row, ctx);
  if (typeof work === "string" || work.files) return work;
  const { audio } = work.mastered!;
  work.files = await guard("encoding", () => {
    const mp3 = mp3Ready(audio);
    return {
      wav: encodeWav([audio.left, audio.right], audio.sampleRate),
      mp3: encodeMp3(mp3.left, mp3.right, mp3.sampleRate, MP3_KBPS),
    };
  });
  return work;
}

export async function encodingStage(row: MasterRow, ctx: Ctx): Outcome {
  const work = await encoded(row, ctx);
  if (typeof work === "string") return failed(work);
  return { next: "uploading" };
}

export async function uploadingStage(row: MasterRow, ctx: Ctx): Outcome {
  const work = await encoded(row, ctx);
  if (typeof work === "string") return failed(work);
  const { storage, uploader, cache } = ctx.ports;
  const base = `${row.owner_id}/${row.song_id}/master-${row.id}`;
  const paths = { wav: `${base}.wav`, mp3: `${base}.mp3` };
  await guard("uploading", async () => {
    const as = uploader(row.owner_id);
    await storage.upload(as, BUCKET, paths.wav, work.files!.wav, "audio/wav", { upsert: true });
    await storage.upload(as, BUCKET, paths.mp3, work.files!.mp3, "audio/mpeg", { upsert: true });
  });
  const measured = work.mastered!.report;
  const report: MasterReport = {
    ...measured,
    settings: row.settings,
    platforms: platformPreview(measured.after.integrated_lufs),
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
