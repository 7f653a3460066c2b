/**
 * A user's Spotify connection: tokens encrypted at rest in `public.spotify_connections` (read and
 * written only as service_role: the API roles cannot see the token columns), refreshed a minute
 * before they expire (once at a time per user), marked broken when Spotify refuses them so the
 * user is asked to reconnect, and removed on disconnect. Tokens never leave this module except
 * as the Authorization header of a Spotify request.
 *
 * @module
 */
import type { Db } from "../db/mod.ts";
import type { Logger } from "../../platform/log.ts";
import type { SpotifyConfig } from "./config.ts";
import type { TokenCipher } from "./crypto.ts";
import { createSpotifyApi, type SpotifyApi, type SpotifyMe } from "./api.ts";
import { refreshTokens, type TokenSet } from "./oauth.ts";
import { SpotifyReconnectError } from "./errors.ts";

export interface SpotifyDeps {
  db: Db;
  cfg: SpotifyConfig;
  cipher: TokenCipher;
  fetch?: typeof fetch;
  log?: Logger;
  /** Longest Retry-After wait per call, ms (default 5000). */
  maxWaitMs?: number;
}

/** What pages and the API may show about a connection: never a token. */
export interface ConnectionStatus {
  spotify_user_id: string;
  display_name: string | null;
  status: "active" | "broken";
  scope: string;
  connected_at: string;
}

/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

export async function connectionStatus(db: Db, userId: string): Promise<ConnectionStatus | null> {
  const [row] = await db.asService((tx) =>
    tx.query<ConnectionStatus & { connected_at: Date | string }>(
      `select spotify_user_id, display_name, status, scope, connected_at
         from public.spotify_connections where user_id = $1`,
      [userId],
    )
  );
  if (!row) return null;
  return { ...row, connected_at: new Date(row.connected_at).toISOString() };
}

/** Stores (or replaces) the user's connection after a successful authorization. */
export async function saveConnection(
  deps: SpotifyDeps,
  userId: string,
  tokens: TokenSet,
  me: SpotifyMe,
): Promise<void> {
  if (!tokens.refresh_token) throw new SpotifyReconnectError("Spotify sent no refresh token");
  const access = await deps.cipher.encrypt(tokens.access_token, userId);
  const refresh = await deps.cipher.encrypt(tokens.refresh_token, userId);
  await deps.db.asService((tx) =>
    tx.query(
      `insert into public.spotify_connections as c (user_id, spotify_user_id, display_name, scope,
         status, access_token_enc, refresh_token_enc, expires_at, last_error, connected_at)
       values ($1, $2, $3, $4, 'active', $5, $6, now() + make_interval(secs => $7), null, now())
       on conflict (user_id) do update set spotify_user_id = excluded.spotify_user_id,
         display_name = excluded.display_name, scope = excluded.scope, status = 'active',
         access_token_enc = excluded.access_token_enc, refresh_token_enc = excluded.refresh_token_enc,
         expires_at = excluded.expires_at, last_error = null, connected_at = now()`,
      [
        userId,
        me.id,
        me.display_name ?? null,
        tokens.scope ?? "",
        access,
        refresh,
        tokens.expires_in,
      ],
    )
  );
}

export async function disconnect(db: Db, userId: string): Promise<void> {
  await db.asService((tx) =>
    tx.query("delete from public.spotify_connections where user_id = $1", [userId])
  );
}

export async function markBroken(db: Db, userId: string, reason: string): Promise<void> {
  await db.asService((tx) =>
    tx.query(
      `update public.spotify_connections set status = 'broken', last_error = left($2, 500)
        where user_id = $1`,
      [userId, reason],
    )
  );
}

interface Loaded {
  access: string;
  refresh: string;
  expiresAt: number;
}

/** In-flight refreshes per user: concurrent requests share one instead of racing. */
const refreshing = new Map<string, Promise<Loaded>>();

async function load(deps: SpotifyDeps, userId: string): Promise<Loaded | "missing" | "broken"> {
  const [row] = await deps.db.asService((tx) =>
    tx.query<{ a: string; r: string; e: Date | string; status: string }>(
      `select access_token_enc as a, refresh_token_enc as r, expires_at as e, status
         from public.spotify_connections where user_id = $1`,
      [userId],
    )
  );
  if (!row) return "missing";
  if (row.status !== "active") return "broken";
  try {
    return {
      access: await deps.cipher.decrypt(row.a, userId),
      refresh: await deps.cipher.decrypt(row.r, userId),
      expiresAt: new Date(row.e).getTime(),
    };
  } catch {
    // Another key (TOKEN_ENCRYPTION_KEY changed): the tokens are lost, the user reconnects.
    await markBroken(deps.db, userId, "The stored tokens could not be decrypted");
    return "broken";
  }
}

function refreshFor(deps: SpotifyDeps, userId: string, current: Loaded): Promise<Loaded> {
  let p = refreshing.get(userId);
  if (!p) {
    p = (async () => {
      try {
        const t = await refreshTokens(deps.cfg, current.refresh, deps.fetch);
        const next: Loaded = {
          access: t.access_token,
          // Spotify may rotate the refresh token; keep the old one when it does not.
          refresh: t.refresh_token ?? current.refresh,
          expiresAt: Date.now() + t.expires_in * 1000,
        };
        const access = await deps.cipher.encrypt(next.access, userId);
        const refresh = await deps.cipher.encrypt(next.refresh, userId);
        await deps.db.asService((tx) =>
          tx.query(
            `update public.spotify_connections set access_token_enc = $2, refresh_token_enc = $3,
                    expires_at = to_timestamp($4 / 1000.0), last_error = null
              where user_id = $1`,
            [userId, access, refresh, next.expiresAt],
          )
        );
        return next;
      } catch (err) {
        if (err instanceof SpotifyReconnectError) {
          await markBroken(deps.db, userId, "Spotify refused the refresh token (revoked?)");
          deps.log?.({ level: "info", msg: "spotify connection broken", user: userId });
        }
        throw err;
      } finally {
        refreshing.delete(userId);
      }
    })();
    refreshing.set(userId, p);
  }
  return p;
}

/**
 * The Web API as `userId`, or `SpotifyReconnectError` when there is no working connection. The
 * token is refreshed ahead of expiry and after a 401; a refused refresh marks the connection
 * broken.
 */
export async function userApi(
  deps: SpotifyDeps,
  userId: string,
  onRequest?: () => void,
): Promise<SpotifyApi> {
  const loaded = await load(deps, userId);
  if (loaded === "missing") {
    throw new SpotifyReconnectError("Connect your Spotify account first.", "missing");
  }
  if (loaded === "broken") throw new SpotifyReconnectError();
  let current = loaded;
  let refreshed = false;
  const fresh = async (force: boolean) => {
    // Ahead of expiry at most once per use: a token that lives less than EARLY_MS must not
    // trigger a refresh on every request.
    if (force || (!refreshed && current.expiresAt - EARLY_MS <= Date.now())) {
      current = await refreshFor(deps, userId, current);
      refreshed = true;
    }
    return current.access;
  };
  return createSpotifyApi({
    apiUrl: deps.cfg.apiUrl,
    token: () => fresh(false),
    refresh: () => fresh(true),
    fetch: deps.fetch,
    maxWaitMs: deps.maxWaitMs,
    onRequest,
    onRevoked: () => markBroken(deps.db, userId, "Spotify refused a freshly refreshed token"),
  });
}
