/**
 * The one parser of ids in paths, for pages and the JSON API alike. An id that does not have
 * the form of one cannot name a row, so it is answered exactly as an unknown id is: 404, naming
 * the parameter. (Telling "malformed" from "unknown" apart would only help someone probing.)
 *
 * ```ts
 * const id = parseId(ctx.params.id, "Gig"); // lower-case UUID, or HttpError(404, "Gig not found")
 * ```
 *
 * @module
 */
import { HttpError } from "./errors.ts";
import { isMessageId, isUuid } from "../shared/ids.ts";

/** The status every route answers a malformed id with. */
export const MALFORMED_ID_STATUS = 404;

/** The answer to an id that names nothing: malformed, unknown or not the caller's to see. */
export function notFound(thing: string, field = "id"): HttpError {
  return new HttpError(MALFORMED_ID_STATUS, `${thing} not found`, { field });
}

/**
 * `raw` as a lower-case UUID; otherwise throws `HttpError(404, "<thing> not found")` naming
 * `field` (the path parameter, `id` unless told).
 */
export function parseId(raw: string | null | undefined, thing: string, field = "id"): string {
  if (!isUuid(raw)) throw notFound(thing, field);
  return raw.toLowerCase();
}

/** `raw` as a message id (an integer); otherwise throws `HttpError(404, "Message not found")`. */
export function parseMessageId(raw: string | null | undefined, field = "id"): number {
  if (!isMessageId(raw)) throw notFound("Message", field);
  return Number(raw);
}
