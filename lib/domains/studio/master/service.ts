/**
 * Mastering's entry points, shared by /api/studio/songs/:id/master(s), functions/studio and the
 * master page: request a master of a finished song, list and read them, cancel one, download its
 * files, the presets; and the job's dependencies. Each write is one SQL function run as the user
 * (the song and the reference are checked as the caller's there); the first stage's message is
 * sent in the same transaction.
 *
 * @module
 */
import type { Claims } from "../../../ports/db/mod.ts";
import type { Caller } from "../../../ports/storage/port.ts";
import type { Worker } from "../../../ports/queue/worker.ts";
import { startJob } from "../../../ports/queue/jobs.ts";
import { HttpError } from "../../../web/errors.ts";
import { asServer } from "../../dj/run_store.ts";
import { BUCKET } from "../files.ts";
import {
  DOWNLOAD_TTL_S,
  nextReset,
  SongQuotaError,
  studioDeps,
  type StudioPlatform,
} from "../service.ts";
import { PRESET_GENRES } from "./presets.ts";
import { MASTER, MasterCache, type MasterDeps } from "./jobs.ts";
import * as store from "./store.ts";
import { oncePer } from "../../../platform/once.ts";
import { type MasterSettings, TARGET_PRESETS } from "./schemas.ts";
import type { Master } from "./types.ts";

type Platform = StudioPlatform & { worker: Worker };

/** The master job's dependencies for a platform, built once (shares the studio's uploader). */
export const masterDeps: (p: StudioPlatform) => Promise<MasterDeps> = oncePer(
  (p) => p.db,
  (p) =>
    studioDeps(p).then((s) => ({
      db: p.db,
      storage: p.storage,
      uploader: s.uploader,
      log: p.log,
      cache: new MasterCache(),
    })),
);

/** The genres with a reference preset, sorted. */
export function presetGenres(): string[] {
  return [...PRESET_GENRES].sort();
}

/** The presets list of GET /api/studio/master/presets. */
export function masterPresets() {
  return { genres: presetGenres(), targets: TARGET_PRESETS.map((t) => ({ ...t })) };
}

/** The 429 of a spent monthly allowance of masters (answered as the songs' one: `resets_at`). */
export class MasterQuotaError extends SongQuotaError {}

/**
 * A new master of the caller's finished song with `settings`, queued (202 for the API). 400
 * `settings.reference.genre` for a genre without a preset; SQL's 404 `id`/`reference`, 409
 * `status` (not finished), `MasterQuotaError` when this month's masters are spent.
 */
export async function startMaster(
  p: Platform,
  claims: Claims,
  songId: string,
  settings: MasterSettings,
): Promise<Master> {
  const ref = settings.reference;
  if (ref.kind === "preset" && !presetGenres().includes(ref.genre)) {
    throw new HttpError(
      400,
      `No reference preset for "${ref.genre}": use one of the genres listed`,
      {
        field: "settings.reference.genre",
      },
    );
  }
  let id: string;
  try {
    id = await p.db.asUser(claims, async (tx) => {
      const id = await store.insertMaster(tx, songId, settings);
      await asServer(tx, () => startJob(tx, MASTER, id));
      return id;
    });
  } catch (err) {
    const e = err as { code?: string; message?: string; hint?: string };
    if (e?.code === "SC429") {
      const at = typeof e.hint === "string" && e.hint ? new Date(e.hint) : null;
      throw new MasterQuotaError(
        e.message ?? "No masters left this month",
        at && !isNaN(at.getTime()) ? at.toISOString() : nextReset(),
      );
    }
    throw err;
  }
  p.worker.wake();
  return await masterView(p, claims, songId, id);
}

/** The caller's master of that song; 404 `mid` otherwise. */
export async function masterView(
  p: Pick<Platform, "db">,
  claims: Claims,
  songId: string,
  id: string,
): Promise<Master> {
  const m = await p.db.asUser(claims, (tx) => store.getMaster(tx, songId, id));
  if (!m) throw new HttpError(404, "Master not found", { field: "mid" });
  return m;
}

/** The song's masters, newest first; 404 `id` when the song is not the caller's. */
export async function masterList(
  p: Pick<Platform, "db">,
  claims: Claims,
  songId: string,
): Promise<Master[]> {
  return await p.db.asUser(claims, async (tx) => {
    const [song] = await tx.query("select 1 from public.songs where id = $1", [songId]);
    if (!song) throw new HttpError(404, "Song not found", { field: "id" });
    return await store.listMasters(tx, songId);
  });
}

export async function cancelMaster(
  p: Platform,
  claims: Claims,
  songId: string,
  id: string,
): Promise<Master> {
  await masterView(p, claims, songId, id);
  await p.db.asUser(claims, (tx) => store.cancelMaster(tx, id));
  return await masterView(p, claims, songId, id);
}

/** A short-lived signed URL of a finished master's file; 404 for anything not the caller's. */
export async function masterDownloadUrl(
  p: Platform,
  caller: Caller & { claims: Claims },
  songId: string,
  id: string,
  format: "wav" | "mp3",
): Promise<string> {
  const path = await p.db.asUser(
    caller.claims,
    (tx) => store.masterFilePath(tx, songId, id, format),
  );
  const url = path && await p.storage.createSignedUrl(caller, BUCKET, path, DOWNLOAD_TTL_S);
  if (!url) throw new HttpError(404, "No such file for this master", { field: "mid" });
  return url;
}
