/**
 * The stages of a song (the job shape is lib/ports/queue/jobs.ts), on the `generation` queue:
 *
 * 1. `enhancing`: the prompt becomes a plan (the AI, else the offline enhancer); the song then
 *    waits as a `draft` for the user to edit the plan and generate it.
 * 2. `composing`: lyrics to the plan's structure when it has vocals.
 * 3. `rendering`: the music generator (offline synthesiser or a hosted API) makes the audio.
 * 4. `encoding`: WAV, MP3, a WAV per stem, MIDI and the player's peaks.
 * 5. `uploading`: the files go to the `tracks` bucket; the song is `done` with its track row.
 *
 * A cancelled song's row has no stage: a stage running then commits nothing (jobs.ts checks the
 * stage when committing), and no further stage is queued. A stage that throws is retried; its
 * error's `reason` is what the user reads once the job gives up (`failureText`).
 *
 * @module
 */
import type { Db } from "../../ports/db/mod.ts";
import type { StageContext, StageOutcome } from "../../ports/queue/jobs.ts";
import type { Lyrics, MusicGenerator, MusicResult } from "../../ports/music/port.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import type { Logger } from "../../platform/log.ts";
import type { SongStage } from "../../shared/song_states.ts";
import { SongPlan } from "./plan.ts";
import { type EncodedSong, encodeSong, SongCache, uploadSong } from "./files.ts";
import { finishSong, saveLyrics, savePlan, type SongRow } from "./job_store.ts";
import { lyricsSchema } from "./lyrics_task.ts";
import { encodeUpload, uploadWavPath } from "./upload_files.ts";

/** What a song's stages use, built once per platform (service.ts). */
export interface StudioDeps {
  db: Db;
  storage: StoragePort;
  music: MusicGenerator;
  enhance(
    prompt: string,
    opts: { language?: string | null },
  ): Promise<{ plan: SongPlan; language: string; path: "live" | "offline" }>;
  lyrics(plan: SongPlan, opts: { seed: number; language: string }): Promise<Lyrics | null>;
  /** Who writes a song's files: its owner (embedded), or the server's key (Supabase). */
  uploader(ownerId: string): Caller;
  /** AI requests per user and day (AI_DAILY_LIMIT): creating a song plans it with the AI. */
  aiDailyLimit: number;
  log?: Logger;
  /** The process's audio between stages (files.ts). */
  cache: SongCache;
}

type Ctx = StageContext<StudioDeps>;
type Outcome = Promise<StageOutcome<SongStage>>;

/** A stage's failure with the sentence the user reads if it is the last attempt's. */
export class SongStageError extends Error {
  constructor(readonly reason: string, cause: unknown) {
    super(`${reason} (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

export const REASONS: Record<SongStage, string> = {
  enhancing: "The prompt could not be turned into a plan.",
  composing: "The lyrics could not be written.",
  rendering: "The music could not be generated.",
  encoding: "The audio could not be encoded.",
  uploading: "The files could not be saved.",
};

/** What the user reads when the song gave up after `error` (the stage's reason, never internals). */
export function failureText(error: string): string {
  const reason = Object.values(REASONS).find((r) => error.startsWith(r)) ??
    "The song could not be made.";
  return `${reason} It did not count against your songs this month: try again.`;
}

async function guard<T>(stage: SongStage, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new SongStageError(REASONS[stage], err);
  }
}

const planOf = (row: SongRow) => SongPlan.parse(row.plan);
const cacheKey = (row: SongRow) => `${row.id}:${row.seed}`;

export async function enhancingStage(row: SongRow, ctx: Ctx): Outcome {
  const { plan, language, path } = await guard(
    "enhancing",
    () => ctx.ports.enhance(row.prompt ?? "", { language: row.language }),
  );
  return {
    status: "draft",
    progress: { title: plan.title },
    commit: (tx) => savePlan(tx, row.id, plan, path, language),
  };
}

export async function composingStage(row: SongRow, ctx: Ctx): Outcome {
  const plan = planOf(row);
  // Lyrics that still fit the plan stay (a restyled song sings its original's words).
  const kept = plan.vocals && row.lyrics && lyricsSchema(plan).safeParse(row.lyrics).success;
  const lyrics = kept ? row.lyrics : plan.vocals
    ? await guard(
      "composing",
      () => ctx.ports.lyrics(plan, { seed: row.seed, language: row.language ?? "en" }),
    )
    : null;
  return {
    next: "rendering",
    progress: { percent: 0 },
    commit: (tx) => saveLyrics(tx, row.id, lyrics),
  };
}

/**
 * The hosted provider's prediction for this song, checkpointed in `progress` before it is polled
 * and carried to the later stages: a retry (or a later stage that lost the audio) resumes it
 * rather than paying for another.
 */
const predictionOf = (row: SongRow): { prediction?: string } =>
  typeof row.progress.prediction === "string" ? { prediction: row.progress.prediction } : {};

/** The generator's audio for the song (with progress when `ctx` reports it). */
async function generate(
  row: SongRow,
  ctx: Ctx,
): Promise<{ audio: MusicResult; kept: { prediction?: string } }> {
  let last = -1;
  let kept = predictionOf(row);
  const audio = await ctx.ports.music.generate(
    { plan: planOf(row), lyrics: row.lyrics, seed: row.seed },
    {
      resume: kept.prediction,
      onCreated: (id) => {
        kept = { prediction: id };
        return ctx.progress({ percent: Math.max(0, last), ...kept });
      },
      onProgress(percent) {
        const p = Math.max(0, Math.min(100, Math.round(percent)));
        if (p === last) return;
        last = p;
        void ctx.progress({ percent: p, ...kept });
      },
    },
  );
  return { audio, kept };
}

export async function renderingStage(row: SongRow, ctx: Ctx): Outcome {
  const { audio, kept } = await guard("rendering", () => generate(row, ctx));
  ctx.ports.cache.set(cacheKey(row), { audio });
  return { next: "encoding", progress: { percent: 100, ...kept } };
}

async function encoded(row: SongRow, ctx: Ctx): Promise<EncodedSong> {
  const cached = ctx.ports.cache.get(cacheKey(row));
  if (cached?.encoded) return cached.encoded;
  if (row.source === "upload") {
    const { storage, uploader } = ctx.ports;
    const enc = await guard(
      "encoding",
      () => encodeUpload(storage, uploader(row.owner_id), row.owner_id, row.id),
    );
    ctx.ports.cache.set(cacheKey(row), { encoded: enc });
    return enc;
  }
  const audio = cached?.audio ?? (await guard("rendering", () => generate(row, ctx))).audio;
  // The encoder takes the audio's buffers: a failed encode renders again.
  ctx.ports.cache.delete(cacheKey(row));
  const enc = await guard("encoding", () => encodeSong(audio));
  ctx.ports.cache.set(cacheKey(row), { encoded: enc });
  return enc;
}

export async function encodingStage(row: SongRow, ctx: Ctx): Outcome {
  const enc = await encoded(row, ctx);
  return { next: "uploading", progress: { files: enc.files.length, ...predictionOf(row) } };
}

export async function uploadingStage(row: SongRow, ctx: Ctx): Outcome {
  const { storage, uploader, cache } = ctx.ports;
  const enc = await encoded(row, ctx);
  const files = await guard(
    "uploading",
    () => uploadSong(storage, uploader(row.owner_id), row.owner_id, row.id, enc),
  );
  // An upload's WAV was stored by the request that took the file.
  if (row.source === "upload") files.wav = uploadWavPath(row.owner_id, row.id);
  cache.delete(cacheKey(row));
  return {
    status: "done",
    progress: { percent: 100 },
    commit: async (tx) => {
      await finishSong(tx, row.id, files);
    },
  };
}
