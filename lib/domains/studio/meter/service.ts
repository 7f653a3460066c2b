/**
 * The hit meter's entry points, shared by /api/studio/songs/:id/meter, functions/studio and the
 * meter page: the song's newest report, and a request that reuses the report of the song's
 * current audio (done or being made) or queues a new one; and the job's dependencies.
 *
 * @module
 */
import type { Claims } from "../../../ports/db/mod.ts";
import type { Worker } from "../../../ports/queue/worker.ts";
import { startJob } from "../../../ports/queue/jobs.ts";
import { createOfflineAi } from "../../../ports/ai/offline.ts";
import { HttpError } from "../../../web/errors.ts";
import { asServer } from "../../dj/run_store.ts";
import { studioDeps, type StudioPlatform } from "../service.ts";
import { METER, type MeterDeps } from "./jobs.ts";
import * as store from "./store.ts";
import { oncePer } from "../../../platform/once.ts";
import type { Meter } from "./types.ts";

type Platform = StudioPlatform & { worker: Worker };

/** The meter job's dependencies for a platform, built once (shares the studio's uploader). */
export const meterDeps: (p: StudioPlatform) => Promise<MeterDeps> = oncePer(
  (p) => p.db,
  (p) =>
    studioDeps(p).then((s) => ({
      db: p.db,
      storage: p.storage,
      uploader: s.uploader,
      ai: p.ai,
      offlineAi: createOfflineAi(),
      log: p.log,
    })),
);

/** The song's newest report (null: never measured); 404 `id` when the song is not the caller's. */
export async function meterView(
  p: Pick<Platform, "db">,
  claims: Claims,
  songId: string,
): Promise<Meter | null> {
  return await p.db.asUser(claims, async (tx) => {
    const [song] = await tx.query("select 1 from public.songs where id = $1", [songId]);
    if (!song) throw new HttpError(404, "Song not found", { field: "id" });
    return await store.getMeter(tx, songId);
  });
}

/**
 * The report of the caller's finished song's current audio: the existing one when it is done or
 * being made, else queued (its live insights take one of today's AI requests if any are left).
 * SQL's 404 `id`, 409 `status` for a song not finished.
 */
export async function requestMeter(p: Platform, claims: Claims, songId: string): Promise<Meter> {
  const { queued } = await p.db.asUser(claims, async (tx) => {
    const r = await store.requestMeter(tx, songId, p.config.AI_DAILY_LIMIT);
    if (r.queued) await asServer(tx, () => startJob(tx, METER, r.id));
    return r;
  });
  if (queued) p.worker.wake();
  return (await meterView(p, claims, songId))!;
}
