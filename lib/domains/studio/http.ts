/**
 * The studio's HTTP edge, shared by /api/studio/* and functions/studio: bodies parsed naming the
 * field, and answers (202 for work that goes on as jobs; the 429 of a spent quota with
 * `resets_at` beside the usual error body).
 *
 * @module
 */
import type { Song } from "./types.ts";
import type { Quota } from "./types.ts";
import { SongQuotaError } from "./service.ts";

/** The body cap of the studio's JSON requests (a plan is the largest). */
export const STUDIO_BODY_LIMIT = 32 * 1024;

const NO_STORE = { "cache-control": "no-store" };

/** A song and the caller's quota; 202 when its stages go on in the background. */
export function songResponse(view: { song: Song; quota: Quota }, status = 200): Response {
  return Response.json(view, { status, headers: NO_STORE });
}

/** The 429 of a spent quota: the error body plus `resets_at`, and `retry-after` in seconds. */
export function quotaResponse(e: SongQuotaError): Response {
  const wait = Math.max(1, Math.ceil((Date.parse(e.resetsAt) - Date.now()) / 1000));
  return Response.json({
    error: { status: 429, code: e.code, message: e.message, field: e.field },
    resets_at: e.resetsAt,
  }, { status: 429, headers: { ...NO_STORE, "retry-after": String(wait) } });
}

/** Runs `fn`, answering a spent quota with `quotaResponse` (anything else goes to the edge). */
export async function withQuota(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SongQuotaError) return quotaResponse(e);
    throw e;
  }
}

/** A redirect to a signed download URL (it expires in minutes: never cache the redirect). */
export function downloadRedirect(url: string): Response {
  return new Response(null, { status: 302, headers: { location: url, ...NO_STORE } });
}
