/**
 * Live chat: one conversation per application between the client and the musician, continuing
 * into the booking. Plain functions taking a `Tx` (from `asUser`, so RLS applies) or the ports
 * they need; every write is one SQL function (supabase/migrations/20261122005000_chat.sql) whose
 * errors `dbFailure()` turns into a 4xx naming the field.
 *
 * Live events (lib/browser/realtime.ts `subscribe`):
 * - `conversation:<id>`: `message` and `message_updated` (a Message), `read` (a read marker);
 * - `typing:<id>`: `typing` (never stored, see typing.ts);
 * - `user:<id>`: `chat_message` (a new message for the badge, with `unread_total`) and
 *   `chat_unread` (`unread_total` after a read or a delete).
 *
 * ```ts
 * const page = await db.asUser(claims, (tx) => listMessages(tx, id, { after: lastSeen, limit: 50 }));
 * ```
 *
 * @module
 */
export * from "./schemas.ts";
export * from "./conversations.ts";
export * from "./messages.ts";
export * from "./attachments.ts";
export * from "./send.ts";
export * from "./typing.ts";
export { decodeInboxCursor } from "./cursor.ts";
