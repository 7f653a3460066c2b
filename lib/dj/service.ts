/**
 * The DJ's dependencies for a platform, built once: the database, the AI port, the daily
 * allowance and, when `SPOTIFY_CLIENT_ID` is set, Spotify (config and the token cipher).
 *
 * @module
 */
import type { Platform } from "../platform/mod.ts";
import { spotifyConfig } from "../spotify/config.ts";
import { createTokenCipher, loadTokenKey } from "../spotify/crypto.ts";
import type { SpotifyDeps } from "../spotify/connection.ts";
import type { DjDeps } from "./run.ts";

const built = new WeakMap<Platform, Promise<DjDeps>>();

async function build(platform: Platform): Promise<DjDeps> {
  const { db, ai, log, config } = platform;
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

export function djDeps(platform: Platform): Promise<DjDeps> {
  let p = built.get(platform);
  if (!p) {
    p = build(platform);
    built.set(platform, p);
  }
  return p;
}
