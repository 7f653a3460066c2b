/**
 * What can go wrong with Spotify, as errors the DJ and the pages know how to present. `fatal`
 * errors stop a whole search (lib/domains/dj/collect.ts): retrying other queries would not help.
 *
 * @module
 */

export class SpotifyError extends Error {
  readonly fatal: boolean = false;
  constructor(message: string, readonly status = 502) {
    super(message);
    this.name = "SpotifyError";
  }
}

/** Why a connection needs connecting (again): the pages word their prompt after it. */
export type ReconnectReason = "missing" | "broken" | "expired";

const RECONNECT_MESSAGES: Record<ReconnectReason, string> = {
  missing: "Connect your Spotify account first.",
  broken: "Your Spotify connection has stopped working: Spotify no longer accepts it (access " +
    "was removed in your Spotify account, or Spotify withdrew it). Reconnect Spotify.",
  expired: "Your Spotify connection expired: Spotify asks you to sign in again every six " +
    "months. Reconnect Spotify to keep saving playlists.",
};

/** No connection, or Spotify refused its tokens (revoked, expired refresh): reconnect. */
export class SpotifyReconnectError extends SpotifyError {
  override readonly fatal = true;
  constructor(
    message?: string,
    /** `missing`: never connected (or disconnected); `broken`: Spotify refused the tokens;
     * `expired`: the refresh token outlived Spotify's six months. */
    readonly reason: ReconnectReason = "broken",
  ) {
    super(message ?? RECONNECT_MESSAGES[reason], 409);
    this.name = "SpotifyReconnectError";
  }
}

/** The words for a connection that needs connecting again, by reason. */
export function reconnectMessage(reason: ReconnectReason): string {
  return RECONNECT_MESSAGES[reason];
}

export const DEV_MODE_HELP =
  "Spotify refused the request (403). This Soundcheck app is in Spotify's development " +
  "mode, which serves only the Spotify accounts added to the app's allow-list (User Management " +
  "in the Spotify developer dashboard, at most 5 users). Ask the site owner to add your Spotify " +
  "e-mail address, then try again.";

export const SCOPE_HELP =
  "Spotify refused the request (403): Soundcheck does not have your permission to change your " +
  "playlists. Reconnect Spotify and accept every permission it asks for.";

export const UNAVAILABLE_HELP =
  "Spotify refused the request (403) although your account is allowed and the permissions are " +
  "in place: Spotify has withdrawn this part of its Web API from this app (it did so for new " +
  "and development-mode apps in November 2024 and February 2026), or the app owner's Spotify " +
  "Premium lapsed. Ask the site owner to check the app in the Spotify developer dashboard.";

/** What a 403 means: Spotify says which in the error message. */
export type ForbiddenCause = "allow-list" | "scope" | "unavailable";

/** Reads Spotify's 403 message: allow-list, missing scope, or a feature withdrawn. */
export function forbiddenCause(message: string): ForbiddenCause {
  if (/insufficient client scope|scope/i.test(message)) return "scope";
  if (
    /not be registered|not registered|developer\.spotify\.com\/dashboard|allow.?list/i.test(message)
  ) {
    return "allow-list";
  }
  return "unavailable";
}

/** 403, with its cause: a user not on a development-mode app's allow-list, a missing
 * permission (scope), or an endpoint Spotify withdrew from this app. */
export class SpotifyForbiddenError extends SpotifyError {
  override readonly fatal = true;
  constructor(
    readonly detail: string = "",
    readonly cause403: ForbiddenCause = forbiddenCause(detail),
  ) {
    super(
      cause403 === "allow-list"
        ? DEV_MODE_HELP
        : cause403 === "scope"
        ? SCOPE_HELP
        : UNAVAILABLE_HELP,
      403,
    );
    this.name = "SpotifyForbiddenError";
  }
}

/** 429 with a Retry-After longer than we are willing to wait. */
export class SpotifyRateLimitError extends SpotifyError {
  constructor(readonly retryAfterS: number) {
    super(`Spotify is busy: try again in ${retryAfterS} s.`, 429);
    this.name = "SpotifyRateLimitError";
  }
}

/** 5xx after the retries, or Spotify could not be reached. `uncertain`: a write that may have
 * happened all the same (the answer was lost), so the caller checks before doing it again. */
export class SpotifyServerError extends SpotifyError {
  constructor(message: string, readonly uncertain: boolean) {
    super(message, 502);
    this.name = "SpotifyServerError";
  }
}

/** 404: the thing asked for is not (or no longer) there, e.g. a playlist the user deleted. */
export class SpotifyNotFoundError extends SpotifyError {
  constructor(message: string) {
    super(message, 404);
    this.name = "SpotifyNotFoundError";
  }
}
