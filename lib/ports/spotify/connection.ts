/**
 * A user's Spotify connection: tokens encrypted at rest in `public.spotify_connections` (read and
 * written only as service_role: the API roles cannot see the token columns), refreshed a minute
 * before they expire (once at a time per user in this process), marked broken when Spotify
 * refuses them so the user is asked to reconnect, and removed on disconnect. Tokens never leave
 * this module except as the Authorization header of a Spotify request.
 *
 * Spotify rotates refresh tokens: a refresh answers a new one and the old one then gets
 * `invalid_grant`. So a refusal is not the end until the stored row is read again: another
 * process (or request) may have refreshed first and stored the newer token, which is then used.
 * Only when the row still holds the refused token is the connection marked broken, with the
 * reason: the user removed the app, or the refresh token outlived Spotify's six months.
 *
 * @module
 */
import type { Db } from "../db/mod.ts";
import type { Logger } from "../../platform/log.ts";
import { REQUIRED_SCOPES, type SpotifyConfig } from "./config.ts";
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
  /** Longest Retry-After and backoff wait per call, ms (default 5000). */
  maxWaitMs?: number;
  /** Backoff before retries after a 5xx (tests shorten it). */
  backoffMs?: readonly number[];
}

/** Why a connection stopped working (public.spotify_connections.broken_reason). */
export type BrokenReason = "revoked" | "expired" | "undecryptable" | "refused";

/** What pages and the API may show about a connection: never a token. */
export interface ConnectionStatus {
  spotify_user_id: string;
  display_name: string | null;
  status: "active" | "broken";
  broken_reason: BrokenReason | null;
  scope: string;
  /** When the user last signed in at Spotify: refresh tokens live six months from then. */
  connected_at: string;
  /** Spotify will ask the user to sign in again around then. */
  reconnect_by: string;
  /** Permissions the DJ needs that this connection lacks (connected before they were asked). */
  missing_scopes: string[];
}

/** Spotify's refresh tokens live six months from the user's sign-in (refreshing does not extend
 * them); a refusal after this long is an expiry, not a removal. */
export const REFRESH_LIFETIME_DAYS = 182;
const EXPIRY_SLACK_DAYS = 3;
const DAY_MS = 86_400_000;

/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

export async function connectionStatus(db: Db, userId: string): Promise<ConnectionStatus | null> {
  const [row] = await db.asService((tx) =>
    tx.query<
      Omit<ConnectionStatus, "connected_at" | "reconnect_by" | "missing_scopes"> & {
        connected_at: Date | string;
      }
    >(
      `select spotify_user_id, display_name, status, broken_reason, scope, connected_at
         from public.spotify_connections where user_id = $1`,
      [userId],
    )
  );
  if (!row) return null;
  const at = new Date(row.connected_at).getTime();
  return {
    ...row,
    connected_at: new Date(at).toISOString(),
    reconnect_by: new Date(at + REFRESH_LIFETIME_DAYS * DAY_MS).toISOString(),
    missing_scopes: missingScopes(row.scope),
  };
}

/** The required scopes `granted` (Spotify's space-separated list) lacks. */
export function missingScopes(granted: string): string[] {
  const have = new Set(granted.split(/\s+/).filter(Boolean));
  return REQUIRED_SCOPES.filter((s) => !have.has(s));
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
         broken_reason = null,
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

/**
 * Marks the connection broken for `reason`; with `refreshEnc`, only while the row still holds
 * that (refused) refresh token: a newer one stored meanwhile means the connection works.
 */
export async function markBroken(
  db: Db,
  userId: string,
  reason: BrokenReason,
  detail: string,
  refreshEnc?: string,
): Promise<boolean> {
  const rows = await db.asService((tx) =>
    tx.query(
      `update public.spotify_connections
          set status = 'broken', broken_reason = $2, last_error = left($3, 500)
        where user_id = $1 and ($4::text is null or refresh_token_enc = $4::text)
        returning user_id`,
      [userId, reason, detail, refreshEnc ?? null],
    )
  );
  return rows.length > 0;
}

interface Loaded {
  access: string;
  refresh: string;
  expiresAt: number;
  /** The stored ciphertext of `refresh`: tells whether the row changed since it was read. */
  refreshEnc: string;
  connectedAt: number;
}

type LoadResult = Loaded | "missing" | { broken: BrokenReason };

/** In-flight refreshes per user: concurrent requests share one instead of racing. */
const refreshing = new Map<string, Promise<Loaded>>();

async function load(deps: SpotifyDeps, userId: string): Promise<LoadResult> {
  const [row] = await deps.db.asService((tx) =>
    tx.query<{
      a: string;
      r: string;
      e: Date | string;
      c: Date | string;
      status: string;
      reason: BrokenReason | null;
    }>(
      `select access_token_enc as a, refresh_token_enc as r, expires_at as e, connected_at as c,
              status, broken_reason as reason
         from public.spotify_connections where user_id = $1`,
      [userId],
    )
  );
  if (!row) return "missing";
  if (row.status !== "active") return { broken: row.reason ?? "revoked" };
  try {
    return {
      access: await deps.cipher.decrypt(row.a, userId),
      refresh: await deps.cipher.decrypt(row.r, userId),
      expiresAt: new Date(row.e).getTime(),
      refreshEnc: row.r,
      connectedAt: new Date(row.c).getTime(),
    };
  } catch {
    // Another key (TOKEN_ENCRYPTION_KEY changed): the tokens are lost, the user reconnects.
    await markBroken(deps.db, userId, "undecryptable", "The stored tokens could not be decrypted");
    return { broken: "undecryptable" };
  }
}

function reconnectFor(reason: BrokenReason): SpotifyReconnectError {
  return new SpotifyReconnectError(undefined, reason === "expired" ? "expired" : "broken");
}

async function storeRefreshed(
  deps: SpotifyDeps,
  userId: string,
  current: Loaded,
  t: TokenSet,
): Promise<Loaded> {
  const next: Loaded = {
    ...current,
    access: t.access_token,
    // Spotify rotates the refresh token (the old one is now refused); keep it when it does not.
    refresh: t.refresh_token ?? current.refresh,
    expiresAt: Date.now() + t.expires_in * 1000,
  };
  const access = await deps.cipher.encrypt(next.access, userId);
  next.refreshEnc = t.refresh_token
    ? await deps.cipher.encrypt(next.refresh, userId)
    : current.refreshEnc;
  await deps.db.asService((tx) =>
    tx.query(
      `update public.spotify_connections set access_token_enc = $2, refresh_token_enc = $3,
              expires_at = to_timestamp($4 / 1000.0), last_error = null
        where user_id = $1`,
      [userId, access, next.refreshEnc, next.expiresAt],
    )
  );
  return next;
}

/**
 * Spotify refused `current.refresh`: read the row again. A newer token stored meanwhile (a
 * concurrent refresh rotated it) is refreshed with, once. Only a row still holding the refused
 * token is marked broken.
 */
async function afterRefusal(
  deps: SpotifyDeps,
  userId: string,
  current: Loaded,
  depth = 0,
): Promise<Loaded> {
  const again = await load(deps, userId);
  if (again === "missing") throw new SpotifyReconnectError(undefined, "missing");
  if ("broken" in again) throw reconnectFor(again.broken);
  if (again.refreshEnc !== current.refreshEnc) {
    // Refresh with the newer token rather than trust its access token: this may be the retry
    // of a request Spotify just answered 401.
    try {
      return await storeRefreshed(
        deps,
        userId,
        again,
        await refreshTokens(deps.cfg, again.refresh, deps.fetch),
      );
    } catch (err) {
      if (!(err instanceof SpotifyReconnectError)) throw err;
      current = again;
    }
  }
  const age = Date.now() - current.connectedAt;
  const reason: BrokenReason = age >= (REFRESH_LIFETIME_DAYS - EXPIRY_SLACK_DAYS) * DAY_MS
    ? "expired"
    : "revoked";
  const marked = await markBroken(
    deps.db,
    userId,
    reason,
    reason === "expired"
      ? "Spotify's six-month sign-in ran out (the refresh token expired)"
      : "Spotify refused the refresh token (access removed?)",
    current.refreshEnc,
  );
  deps.log?.({ level: "info", msg: "spotify connection broken", user: userId, reason, marked });
  // The row changed between reading and marking: someone stored a newer token; try that one.
  if (!marked && depth < 2) return afterRefusal(deps, userId, current, depth + 1);
  throw reconnectFor(reason);
}

function refreshFor(deps: SpotifyDeps, userId: string, current: Loaded): Promise<Loaded> {
  let p = refreshing.get(userId);
  if (!p) {
    p = (async () => {
      try {
        const t = await refreshTokens(deps.cfg, current.refresh, deps.fetch).catch((err) => {
          if (err instanceof SpotifyReconnectError) return null;
          throw err;
        });
        if (t) return await storeRefreshed(deps, userId, current, t);
        return await afterRefusal(deps, userId, current);
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
  if (loaded === "missing") throw new SpotifyReconnectError(undefined, "missing");
  if ("broken" in loaded) throw reconnectFor(loaded.broken);
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
    backoffMs: deps.backoffMs,
    onRequest,
    onRevoked: async () => {
      await markBroken(deps.db, userId, "refused", "Spotify refused a freshly refreshed token");
    },
  });
}
