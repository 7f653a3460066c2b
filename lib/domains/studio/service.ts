/**
 * The studio's entry points, shared by /api/studio/* and functions/studio: create a song from a
 * prompt, edit its plan, generate, cancel, rename, delete, download, share, add to the DJ's
 * catalogue (share.ts); and the dependencies of its job, built once per platform. Each
 * transition is one SQL function run as the user (RLS and the function's checks decide); the
 * stage messages are the server's writes in the same transaction.
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";
import { oncePer } from "../../platform/once.ts";
import type { Logger } from "../../platform/log.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import type { Claims, Db } from "../../ports/db/mod.ts";
import type { Worker } from "../../ports/queue/worker.ts";
import { type Caller, ownerCaller, type StoragePort } from "../../ports/storage/port.ts";
import { sendStage, startJob } from "../../ports/queue/jobs.ts";
import { createMusicGenerator } from "../../ports/music/mod.ts";
import { asServer } from "../dj/run_store.ts";
import { renderSongSteps } from "./synth/render.ts";
import { enhancePrompt } from "./enhance_task.ts";
import { writeLyrics } from "./lyrics_task.ts";
import { type Lang, LANGS } from "../dj/lexicon.ts";
import { BUCKET, SongCache } from "./files.ts";
import { SONG } from "./job.ts";
import type { StudioDeps } from "./stages.ts";
import * as store from "./store.ts";
import type { CreateSongInput, Quota, Song } from "./types.ts";
import type { SongPlan } from "./plan.ts";
import { HttpError } from "../../web/errors.ts";

// Sharing and the DJ catalogue: entry points of their own module (share.ts).
export {
  setInCatalogue,
  SHARE_AUDIO_TTL_S,
  type SharedSong,
  sharedSong,
  shareSong,
  unshareSong,
} from "./share.ts";
// Style transfer: a new draft from a song, in another genre (restyle.ts).
export { RestyleInput, restyleSong } from "./restyle.ts";

/** The parts of the platform the studio uses. */
export interface StudioPlatform {
  db: Db;
  ai: AiPort;
  log: Logger;
  config: Config;
  storage: StoragePort;
  mode: "embedded" | "supabase";
}

/** One of the languages the enhancer and lyrics writer know, else undefined (detected). */
const langOf = (l: string | null | undefined): Lang | undefined =>
  (LANGS as readonly string[]).includes(l ?? "") ? l as Lang : undefined;

/** The job's dependencies for a platform, built once (the routes and the worker share them). */
export const studioDeps: (p: StudioPlatform) => Promise<StudioDeps> = oncePer(
  (p) => p.db,
  (p) => {
    const serviceKey = p.config.SUPABASE_SERVICE_ROLE_KEY;
    return Promise.resolve({
      db: p.db,
      storage: p.storage,
      music: createMusicGenerator(p.config, renderSongSteps),
      enhance: async (prompt, opts) => {
        const r = await enhancePrompt(p.ai, prompt, {
          language: langOf(opts.language),
          log: p.log,
        });
        return { plan: r.plan, language: r.language, path: r.source };
      },
      lyrics: async (plan, opts) => {
        const language = langOf(opts.language) ?? "en";
        const written = await writeLyrics(p.ai, plan, { seed: opts.seed, language, log: p.log });
        return written?.lyrics ?? null;
      },
      uploader: ownerCaller(p.mode, serviceKey),
      aiDailyLimit: p.config.AI_DAILY_LIMIT,
      log: p.log,
      cache: new SongCache(),
    });
  },
);

type Platform = StudioPlatform & { worker: Worker };

/** The caller's song and quota; 404 when it is not theirs. */
export async function songView(
  p: Pick<Platform, "db">,
  claims: Claims,
  id: string,
): Promise<{ song: Song; quota: Quota }> {
  return await p.db.asUser(claims, async (tx) => {
    const song = await store.getSong(tx, id);
    if (!song) throw new HttpError(404, "Song not found", { field: "id" });
    return { song, quota: await store.getQuota(tx) };
  });
}

/**
 * A new song from a prompt: counted against the caller's daily AI allowance (429), created
 * `queued` and its enhancing stage queued, atomically; the worker is woken.
 */
export async function createSong(p: Platform, claims: Claims, input: CreateSongInput) {
  const id = await p.db.asUser(claims, async (tx) => {
    await tx.query("select public.spend_ai_quota('studio_plan', $1)", [p.config.AI_DAILY_LIMIT]);
    const id = await store.insertSong(tx, input.prompt, input.language ?? null);
    await asServer(tx, () => startJob(tx, SONG, id));
    return id;
  });
  p.worker.wake();
  return await songView(p, claims, id);
}

export async function editPlan(p: Platform, claims: Claims, id: string, plan: SongPlan) {
  await p.db.asUser(claims, (tx) => store.setPlan(tx, id, plan));
  return await songView(p, claims, id);
}

/** The 429 of a spent quota: when it resets. */
export class SongQuotaError extends HttpError {
  constructor(message: string, readonly resetsAt: string) {
    super(429, message, { code: "quota_exceeded", field: "quota" });
  }
}

/** The first of next month, 00:00 UTC. */
export function nextReset(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
}

/**
 * Spends one of the caller's songs this month and queues the draft's generation (composing
 * first). 409 `status` for a song that is not a draft; `SongQuotaError` when none is left.
 */
export async function generateSong(p: Platform, claims: Claims, id: string) {
  try {
    await p.db.asUser(claims, async (tx) => {
      await store.queueGeneration(tx, id);
      await asServer(tx, () => sendStage(tx, SONG, id, "composing"));
    });
  } catch (err) {
    const e = err as { code?: string; message?: string; hint?: string };
    if (e?.code === "SC429") {
      const at = typeof e.hint === "string" && e.hint ? new Date(e.hint) : null;
      throw new SongQuotaError(
        e.message ?? "No songs left this month",
        at && !isNaN(at.getTime()) ? at.toISOString() : nextReset(),
      );
    }
    throw err;
  }
  p.worker.wake();
  return await songView(p, claims, id);
}

export async function cancelSong(p: Platform, claims: Claims, id: string) {
  await p.db.asUser(claims, (tx) => store.cancelSong(tx, id));
  return await songView(p, claims, id);
}

export async function renameSong(p: Platform, claims: Claims, id: string, title: string) {
  await p.db.asUser(claims, (tx) => store.renameSong(tx, id, title));
  return await songView(p, claims, id);
}

/** Deletes the row (and track), then its files as the owner; a file left behind is only logged. */
export async function deleteSong(p: Platform, caller: Caller & { claims: Claims }, id: string) {
  const paths = await p.db.asUser(caller.claims, (tx) => store.deleteSongRow(tx, id));
  for (const path of paths) {
    await p.storage.remove(caller, BUCKET, path).catch((err) =>
      p.log({ level: "warn", msg: "studio file not removed", path, error: String(err) })
    );
  }
}

/** Seconds a download link works. */
export const DOWNLOAD_TTL_S = 300;

/** A short-lived signed URL of a finished song's file; 404 for anything not the caller's. */
export async function downloadUrl(
  p: Platform,
  caller: Caller & { claims: Claims },
  id: string,
  format: "wav" | "mp3" | "midi" | "stems",
  stem?: string,
): Promise<string> {
  const path = await p.db.asUser(caller.claims, (tx) => store.songFilePath(tx, id, format, stem));
  const url = path && await p.storage.createSignedUrl(caller, BUCKET, path, DOWNLOAD_TTL_S);
  if (!url) {
    throw new HttpError(404, "No such file for this song", {
      field: format === "stems" ? "stem" : "format",
    });
  }
  return url;
}
