/**
 * The signed-in viewer's time zone for the pages they open, without a database read per page:
 * kept per user for a minute, per platform (so tests' apps do not share it), and dropped by the
 * profile forms when they save one. Several servers each keep their own; a change made on one
 * reaches the others within the minute.
 *
 * ```ts
 * ctx.state.viewerZone = await viewerZones(platform).get(user.claims); // "America/New_York"
 * viewerZones(platform).forget(user.id); // after a profile form saved a zone
 * ```
 *
 * @module
 */
import type { Platform } from "../platform/mod.ts";
import type { Claims } from "../ports/db/mod.ts";
import { readOwnZone } from "../domains/profiles/mod.ts";

/** How long a zone is trusted before it is read again. */
export const VIEWER_ZONE_TTL_MS = 60_000;
/** Users kept at most; the oldest go first. */
const MAX_USERS = 10_000;

export interface ViewerZones {
  /** The user's zone (null: not known), read when not kept or kept for too long. */
  get(claims: Claims): Promise<string | null>;
  /** Forgets a user's zone: the next page reads it again. */
  forget(userId: string): void;
}

interface Kept {
  zone: Promise<string | null>;
  at: number;
}

export function createViewerZones(
  read: (claims: Claims) => Promise<string | null>,
  opts: { ttlMs?: number; now?: () => number; max?: number } = {},
): ViewerZones {
  const ttl = opts.ttlMs ?? VIEWER_ZONE_TTL_MS;
  const now = opts.now ?? Date.now;
  const max = opts.max ?? MAX_USERS;
  const kept = new Map<string, Kept>();
  return {
    get(claims) {
      const hit = kept.get(claims.sub);
      if (hit && now() - hit.at < ttl) return hit.zone;
      kept.delete(claims.sub);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      // The promise is kept, so pages opened together share one read; a failed read is not.
      const zone = read(claims);
      const entry = { zone, at: now() };
      kept.set(claims.sub, entry);
      zone.catch(() => {
        if (kept.get(claims.sub) === entry) kept.delete(claims.sub);
      });
      return zone;
    },
    forget(userId) {
      kept.delete(userId);
    },
  };
}

const byPlatform = new WeakMap<Platform, ViewerZones>();

/** The platform's viewer zones, made on first use. */
export function viewerZones(platform: Platform): ViewerZones {
  let zones = byPlatform.get(platform);
  if (!zones) {
    zones = createViewerZones(async (claims) => (await readOwnZone(platform.db, claims)).timezone);
    byPlatform.set(platform, zones);
  }
  return zones;
}
