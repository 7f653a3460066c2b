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

/** No connection, or Spotify refused its tokens (revoked, expired refresh): reconnect. */
export class SpotifyReconnectError extends SpotifyError {
  override readonly fatal = true;
  constructor(
    message = "Your Spotify connection has stopped working. Reconnect Spotify.",
    /** `missing`: never connected (or disconnected); `broken`: Spotify refused the tokens. */
    readonly reason: "missing" | "broken" = "broken",
  ) {
    super(message, 409);
    this.name = "SpotifyReconnectError";
  }
}

export const DEV_MODE_HELP =
  "Spotify refused the request (403). This Soundcheck app is probably in Spotify's development " +
  "mode, which serves only the Spotify accounts added to the app's allow-list (User Management " +
  "in the Spotify developer dashboard, at most 5 users). Ask the site owner to add your Spotify " +
  "e-mail address, then try again.";

/** 403: usually a development-mode app and a user who is not on its allow-list. */
export class SpotifyForbiddenError extends SpotifyError {
  override readonly fatal = true;
  constructor(readonly detail: string = "") {
    super(DEV_MODE_HELP, 403);
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
