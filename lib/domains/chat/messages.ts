/**
 * Messages: sent, edited (five minutes), deleted (softly) and marked read through one SQL function
 * each, which checks the caller takes part and broadcasts the change live; read under RLS.
 *
 * Paging is by id, which only grows: the latest page, older pages with `before`, and catching up
 * with `after` (the last id a client saw), so a client that merges pages by id never shows a gap
 * or a duplicate.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { Message, type MessagePage, type MessagesQuery, ReadMarker } from "./schemas.ts";

const COLUMNS = `id, conversation_id, sender_id, body, attachment_path, attachment_name,
  attachment_type, attachment_size, client_token, created_at, edited_at, deleted_at`;

/** Whether the caller can see the conversation (RLS: its participants only). */
async function visible(tx: Tx, conversationId: string): Promise<boolean> {
  const rows = await tx.query("select 1 from public.conversations where id = $1::uuid", [
    conversationId,
  ]);
  return rows.length > 0;
}

/**
 * A page of the conversation's messages, oldest first, or null when the caller cannot see the
 * conversation. Without a cursor: the latest `limit`. `has_more` says whether messages exist
 * beyond the page in its direction (older for latest/`before`, newer for `after`).
 */
export async function listMessages(
  tx: Tx,
  conversationId: string,
  query: Pick<MessagesQuery, "after" | "before" | "limit">,
): Promise<MessagePage | null> {
  if (!(await visible(tx, conversationId))) return null;
  const limit = query.limit;
  let rows: Record<string, unknown>[];
  if (query.after !== undefined) {
    rows = await tx.query(
      `select ${COLUMNS} from public.messages
        where conversation_id = $1::uuid and id > $2::bigint order by id limit $3`,
      [conversationId, query.after, limit + 1],
    );
  } else {
    rows = await tx.query(
      `select ${COLUMNS} from public.messages
        where conversation_id = $1::uuid and ($2::bigint is null or id < $2::bigint)
        order by id desc limit $3`,
      [conversationId, query.before ?? null, limit + 1],
    );
  }
  const has_more = rows.length > limit;
  const page = rows.slice(0, limit).map((r) => Message.parse(r));
  if (query.after === undefined) page.reverse();
  return { messages: page, has_more };
}

/** One message the caller can see, or null. */
export async function getMessage(tx: Tx, id: number): Promise<Message | null> {
  const [row] = await tx.query(`select ${COLUMNS} from public.messages where id = $1::bigint`, [
    id,
  ]);
  return row ? Message.parse(row) : null;
}

export interface SendArgs {
  body: string;
  attachment?: { path: string; name: string } | null;
  clientToken?: string | null;
}

/**
 * Sends a message as the caller: 404 unless they take part, 409 once the application was
 * declined or withdrawn, 400 naming `body` or `attachment_path`. A repeated `clientToken`
 * returns the first message instead of sending twice.
 */
export async function sendMessage(
  tx: Tx,
  conversationId: string,
  args: SendArgs,
): Promise<Message> {
  const [row] = await tx.query(
    `select ${COLUMNS} from public.send_message($1::uuid, $2, $3, $4, $5::uuid)`,
    [
      conversationId,
      args.body,
      args.attachment?.path ?? null,
      args.attachment?.name ?? null,
      args.clientToken ?? null,
    ],
  );
  return Message.parse(row);
}

/** The sender changes their message's text; 409 after five minutes or once deleted. */
export async function editMessage(tx: Tx, id: number, body: string): Promise<Message> {
  const [row] = await tx.query(`select ${COLUMNS} from public.edit_message($1::bigint, $2)`, [
    id,
    body,
  ]);
  return Message.parse(row);
}

/** The sender deletes their message: readers then see that it was deleted, nothing more. */
export async function deleteMessage(tx: Tx, id: number): Promise<Message> {
  const [row] = await tx.query(`select ${COLUMNS} from public.delete_message($1::bigint)`, [id]);
  return Message.parse(row);
}

/**
 * Moves the caller's read marker forward (to `upTo`, or the newest message) and, with `active`,
 * says the conversation is open on their screen for the next 30 seconds (a heartbeat: no in-app
 * notification for it then). `active: false` when they leave it.
 */
export async function markRead(
  tx: Tx,
  conversationId: string,
  opts: { upTo?: number | null; active?: boolean } = {},
): Promise<ReadMarker> {
  const [row] = await tx.query(
    `select conversation_id, user_id, last_read_message_id, last_read_at, active_until
       from public.mark_conversation_read($1::uuid, $2::bigint, $3)`,
    [conversationId, opts.upTo ?? null, opts.active ?? true],
  );
  return ReadMarker.parse(row);
}
