/**
 * What an identifier looks like, defined once for the server, the islands and the tests.
 *
 * Rows are keyed by UUIDs (written in the canonical 8-4-4-4-12 hex form) and chat messages by
 * growing integers. A path id that does not have the right form cannot name a row, so every
 * route answers it as it answers an unknown id: 404 (`parseId` in lib/web/params.ts).
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * ```ts
 * if (!isUuid(ctx.params.id)) throw new HttpError(404);
 * const found = text.match(new RegExp(UUID_SOURCE, "g"));
 * ```
 *
 * @module
 */

/** A UUID anywhere in a text (unanchored, either case): for finding ids in paths and links. */
export const UUID_SOURCE =
  "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** A whole string that is a UUID (either case, as Postgres reads them). */
export const UUID_PATTERN: RegExp = new RegExp(`^${UUID_SOURCE}$`);

/** Whether `raw` is a UUID. */
export function isUuid(raw: unknown): raw is string {
  return typeof raw === "string" && UUID_PATTERN.test(raw);
}

/** A message id as it appears in a path: digits only, no sign, no exponent. */
const MESSAGE_ID = /^\d{1,16}$/;

/** Whether `raw` is a message id (a non-negative integer that JavaScript holds exactly). */
export function isMessageId(raw: unknown): raw is string {
  return typeof raw === "string" && MESSAGE_ID.test(raw) && Number.isSafeInteger(Number(raw));
}
