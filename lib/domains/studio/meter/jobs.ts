/**
 * A hit meter report is a staged job on the `scoring` queue (the job shape:
 * lib/ports/queue/jobs.ts):
 *
 * 1. `measuring`: the song's WAV read back from the `tracks` bucket as the owner, its features
 *    measured (lib/audio/features.ts, in a DSP worker off the web server's thread:
 *    lib/audio/offthread) and scored by the transparent model (model.ts); both kept on the row.
 * 2. `writing`: the insights, by the AI port when the request took one of the day's AI requests,
 *    else by the offline writer (insights_task.ts); `done` with the whole report.
 *
 * A stage that throws is retried, then the report fails with its stage's reason in words.
 *
 * @module
 */
import type { Db } from "../../../ports/db/mod.ts";
import type { AiPort } from "../../../ports/ai/port.ts";
import type { Caller, StoragePort } from "../../../ports/storage/port.ts";
import type { Logger } from "../../../platform/log.ts";
import {
  jobKind,
  type StageContext,
  type StagedJob,
  stagedJob,
  type StageOutcome,
} from "../../../ports/queue/jobs.ts";
import { runDsp } from "../../../audio/offthread/mod.ts";
import { METER_STAGES, type MeterStage, meterTopic } from "../../../shared/studio_jobs.ts";
import { BUCKET } from "../files.ts";
import { scoreFeatures } from "./model.ts";
import { writeInsights } from "./insights_task.ts";
import { loadMeter, type MeterRow, saveMeasured, saveReport } from "./store.ts";

export const METER = jobKind({
  kind: "meter",
  queue: "scoring",
  table: "public.song_meters",
  topic: meterTopic,
  stages: METER_STAGES,
});

export interface MeterDeps {
  db: Db;
  storage: StoragePort;
  uploader(ownerId: string): Caller;
  /** The live AI (or the offline port when no provider is configured). */
  ai: AiPort;
  /** The offline writer's port, for reports without an AI request left today. */
  offlineAi: AiPort;
  log?: Logger;
}

type Ctx = StageContext<MeterDeps>;
type Outcome = Promise<StageOutcome<MeterStage>>;

export const REASONS: Record<MeterStage, string> = {
  measuring: "The song could not be measured.",
  writing: "The insights could not be written.",
};

export function failureText(error: string): string {
  const reason = Object.values(REASONS).find((r) => error.startsWith(r)) ??
    "The hit meter could not score the song.";
  return `${reason} Try again.`;
}

async function guard<T>(stage: MeterStage, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${REASONS[stage]} (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
}

export async function measuringStage(row: MeterRow, ctx: Ctx): Outcome {
  if (!row.song_wav) return { status: "failed", error: "The song's audio is gone.", progress: {} };
  const { storage, uploader } = ctx.ports;
  const { features, score } = await guard("measuring", async () => {
    const stored = await storage.download(uploader(row.owner_id), BUCKET, row.song_wav!);
    if (!stored) throw new Error("the song's WAV is not in the bucket");
    void ctx.progress({ percent: 20 });
    const features = await runDsp("features", { wav: stored.body });
    return { features, score: scoreFeatures(features) };
  });
  return {
    next: "writing",
    progress: { percent: 100, overall: score.overall },
    commit: (tx) => saveMeasured(tx, row.id, features, score),
  };
}

export async function writingStage(row: MeterRow, ctx: Ctx): Outcome {
  const { features, score } = row;
  if (!features || !score) throw new Error(`${REASONS.writing} (no measurements on the row)`);
  const ai = row.use_ai ? ctx.ports.ai : ctx.ports.offlineAi;
  const { insights, source } = await guard("writing", () =>
    writeInsights(ai, features, score, {
      log: ctx.ports.log,
      language: row.language ?? "en",
    }));
  return {
    status: "done",
    progress: {},
    commit: (tx) => saveReport(tx, row.id, { features, score, insights, insights_source: source }),
  };
}

/** The report's stages bound to the ports, for the `scoring` queue's handler (jobs.ts). */
export function meterJob(ports: () => Promise<MeterDeps>): StagedJob {
  return stagedJob(METER, {
    load: loadMeter,
    ports,
    stages: { measuring: measuringStage, writing: writingStage },
    failure: failureText,
  });
}
