/**
 * Conversations: one per application (opened by a trigger when the musician applies), read under
 * RLS by its two participants only. The inbox lists them newest activity first with the unread
 * count and the last message.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { ConversationDetail, ConversationSummary, type InboxPage, Participant } from "./schemas.ts";
import { decodeInboxCursor, encodeInboxCursor } from "./cursor.ts";

/** Name shown for a user: their stage name or organisation where they have one. */
const NAME = (alias: string) =>
  `coalesce((select mp.stage_name from public.musician_profiles mp where mp.id = ${alias}.id),
            (select cp.organisation from public.client_profiles cp where cp.id = ${alias}.id),
            ${alias}.display_name)`;

// The caller's participant row `me` drives the query: RLS on conversations and messages holds too.
const SUMMARY = `select c.id, c.application_id, c.gig_id, g.title as gig_title, b.id as booking_id,
         a.status as application_status, c.client_id, c.musician_id, c.created_at,
         c.last_message_at,
         jsonb_build_object('user_id', o.id, 'display_name', ${NAME("o")},
                            'avatar_path', o.avatar_path) as other,
         me.unread_count as unread,
         (select to_jsonb(m) from public.messages m
           where m.conversation_id = c.id order by m.id desc limit 1) as last_message
    from public.conversation_participants me
    join public.conversations c on c.id = me.conversation_id
    join public.applications a on a.id = c.application_id
    join public.profiles o
      on o.id = case when c.client_id = me.user_id then c.musician_id else c.client_id end
    left join public.gigs g on g.id = c.gig_id
    left join public.bookings b on b.application_id = c.application_id
   where me.user_id = (select auth.uid())`;

/** Sort key of the inbox: last activity, then id. */
const ACTIVITY = "coalesce(c.last_message_at, c.created_at)";

/**
 * The caller's conversations, latest activity first, `limit` per page. `before` is the `next` of
 * the previous page (an opaque keyset cursor).
 */
export async function listConversations(
  tx: Tx,
  opts: { limit?: number; before?: string | null } = {},
): Promise<InboxPage> {
  const limit = opts.limit ?? 50;
  const cursor = decodeInboxCursor(opts.before ?? null);
  const rows = await tx.query(
    `${SUMMARY}
       and ($2::timestamptz is null or (${ACTIVITY}, c.id) < ($2::timestamptz, $3::uuid))
     order by ${ACTIVITY} desc, c.id desc
     limit $1`,
    [limit + 1, cursor?.at ?? null, cursor?.id ?? null],
  );
  const list = rows.slice(0, limit).map((r) => ConversationSummary.parse(fixGigTitle(r)));
  const last = list.at(-1);
  return {
    conversations: list,
    next: rows.length > limit && last
      ? encodeInboxCursor(last.last_message_at ?? last.created_at, last.id)
      : null,
  };
}

/** One conversation of the caller's with both read markers, or null (not theirs, or missing). */
export async function getConversation(tx: Tx, id: string): Promise<ConversationDetail | null> {
  const [row] = await tx.query(`${SUMMARY} and c.id = $1::uuid`, [id]);
  if (!row) return null;
  const participants = await tx.query(
    `select p.user_id, ${NAME("pr")} as display_name, pr.avatar_path, p.last_read_message_id,
            p.last_read_at
       from public.conversation_participants p join public.profiles pr on pr.id = p.user_id
      where p.conversation_id = $1::uuid
      order by p.user_id`,
    [id],
  );
  const summary = ConversationSummary.parse(fixGigTitle(row));
  return ConversationDetail.parse({
    ...fixGigTitle(row),
    participants: participants.map((p) => Participant.parse(p)),
    open: summary.application_status !== "declined" && summary.application_status !== "withdrawn",
  });
}

/** The conversation of an application (or its booking) the caller may see, or null. */
export async function conversationIdFor(
  tx: Tx,
  ref: { applicationId?: string; bookingId?: string },
): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `select c.id from public.conversations c
      where c.application_id = coalesce($1::uuid,
              (select b.application_id from public.bookings b where b.id = $2::uuid))`,
    [ref.applicationId ?? null, ref.bookingId ?? null],
  );
  return row?.id ?? null;
}

/** The caller's unread messages over all conversations (the "Messages" badge). */
export const UNREAD_MESSAGES_SQL = "select public.unread_message_count() as n";

export async function unreadMessageCount(tx: Tx): Promise<number> {
  const [{ n }] = await tx.query<{ n: number }>(UNREAD_MESSAGES_SQL);
  return n;
}

// A gig its musician can no longer see (cancelled drafts are impossible, but RLS decides) still
// names the conversation.
function fixGigTitle(row: Record<string, unknown>): Record<string, unknown> {
  return { ...row, gig_title: row.gig_title ?? "A gig" };
}
