/**
 * The DJ's dependencies for a platform, built once: the database, the AI port, the daily
 * allowance and, when `SPOTIFY_CLIENT_ID` is set, Spotify (config and the token cipher). And
 * `startDjRun`, what every entry point (API, form, functions/dj) does to start a run.
 *
 * @module
 */
import { oncePer } from "../../platform/once.ts";
import type { Config } from "../../platform/config.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import type { Claims, Db } from "../../ports/db/mod.ts";
import type { Logger } from "../../platform/log.ts";
import type { Worker } from "../../ports/queue/worker.ts";
import { spotifyConfig } from "../../ports/spotify/config.ts";
import { createTokenCipher, loadTokenKey } from "../../ports/spotify/crypto.ts";
import type { SpotifyDeps } from "../../ports/spotify/connection.ts";
import { type DjDeps, startRun } from "./run.ts";
import type { DjRunRequest, DjRunWithTracks } from "./types.ts";

/** The parts of the platform the DJ uses (the platform itself, or its pieces while it starts). */
export interface DjPlatform {
  db: Db;
  ai: AiPort;
  log: Logger;
  config: Config;
}

async function build({ db, ai, log, config }: DjPlatform): Promise<DjDeps> {
  const cfg = spotifyConfig(config);
  let spotify: SpotifyDeps | null = null;
  if (cfg) {
    try {
      spotify = { db, cfg, cipher: await createTokenCipher(await loadTokenKey(config)), log };
    } catch (err) {
      // Misconfigured: the DJ still works offline; the log says what to fix.
      log({ level: "error", msg: "spotify disabled", error: String(err) });
    }
  }
  return { db, ai, log, dailyLimit: config.AI_DAILY_LIMIT, spotify };
}

/** The DJ's dependencies, one per database (the platform and its worker share them). */
export const djDeps: (platform: DjPlatform) => Promise<DjDeps> = oncePer((p) => p.db, build);

/**
 * Starts a run (run.ts `startRun`: 429 over the allowance, 404 `parent_id`) and wakes this
 * process's worker, so the first stage starts now rather than at its next poll.
 */
export async function startDjRun(
  platform: DjPlatform & { worker: Worker },
  claims: Claims,
  input: DjRunRequest,
): Promise<DjRunWithTracks> {
  const run = await startRun(await djDeps(platform), claims, input);
  platform.worker.wake();
  return run;
}
