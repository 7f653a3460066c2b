/**
 * Chat shapes: request inputs (parsed at the edge, JSON or form posts alike) and outputs (rows as
 * the lib returns them and the API sends them). Message ids are integers that only grow: they are
 * the cursor for paging back (`before`) and for catching up after a reconnect (`after`).
 *
 * @module
 */
import { z } from "zod";
import { Timestamp } from "../gigs/rows.ts";
import { decodeInboxCursor } from "./cursor.ts";
import { MESSAGE_MAX_CHARS } from "../../shared/limits.ts";
import { Uuid } from "../../shared/schemas.ts";

/** A message id from the database (int8: a bigint or text depending on the driver). */
const MessageId = z.union([z.number(), z.bigint(), z.string()])
  .transform((v) => Number(v)).pipe(z.number().int().nonnegative());

// outputs ----------------------------------------------------------------------------------------------

export const Message = z.object({
  id: MessageId,
  conversation_id: z.string(),
  sender_id: z.string(),
  body: z.string().describe("Empty once deleted"),
  attachment_path: z.string().nullable(),
  attachment_name: z.string().nullable(),
  attachment_type: z.string().nullable(),
  attachment_size: z.number().int().nullable(),
  client_token: z.string().nullable().describe("The sender's retry key, if they sent one"),
  created_at: Timestamp,
  edited_at: Timestamp.nullable(),
  deleted_at: Timestamp.nullable(),
});
export type Message = z.infer<typeof Message>;

export const Participant = z.object({
  user_id: z.string(),
  display_name: z.string(),
  avatar_path: z.string().nullable(),
  last_read_message_id: MessageId.describe("Everything up to this message id was read"),
  last_read_at: Timestamp.nullable(),
});
export type Participant = z.infer<typeof Participant>;

/** One conversation as the inbox lists it. */
export const ConversationSummary = z.object({
  id: z.string(),
  application_id: z.string(),
  gig_id: z.string(),
  gig_title: z.string(),
  booking_id: z.string().nullable(),
  application_status: z.string(),
  client_id: z.string(),
  musician_id: z.string(),
  other: z.object({
    user_id: z.string(),
    display_name: z.string(),
    avatar_path: z.string().nullable(),
  }).describe("The other participant"),
  unread: z.number().int(),
  last_message: Message.nullable(),
  created_at: Timestamp,
  last_message_at: Timestamp.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const InboxPage = z.object({
  conversations: z.array(ConversationSummary),
  next: z.string().nullable().describe("Pass as `before` for the next page; null on the last one"),
});
export type InboxPage = z.infer<typeof InboxPage>;

/** One conversation with both participants' read markers. */
export const ConversationDetail = ConversationSummary.extend({
  participants: z.array(Participant),
  open: z.boolean().describe("False once the application was declined or withdrawn"),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const MessagePage = z.object({
  messages: z.array(Message).describe("Oldest first"),
  has_more: z.boolean().describe(
    "More messages exist beyond this page: older ones (latest page or `before`), newer (`after`)",
  ),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const ReadMarker = z.object({
  conversation_id: z.string(),
  user_id: z.string(),
  last_read_message_id: MessageId,
  last_read_at: Timestamp.nullable(),
  active_until: Timestamp.nullable(),
});
export type ReadMarker = z.infer<typeof ReadMarker>;

// inputs -----------------------------------------------------------------------------------------------

const cursor = (field: string) =>
  z.coerce.number({ error: `${field} is a message id` }).int(`${field} is a message id`)
    .min(0, `${field} is a message id`);

export const MessagesQuery = z.object({
  after: cursor("after").optional().describe("Only messages with a greater id (catching up)"),
  before: cursor("before").optional().describe("Only messages with a smaller id (older pages)"),
  limit: z.coerce.number().int().min(1, "limit is 1 to 100").max(100, "limit is 1 to 100")
    .default(50),
}).refine((q) => q.after === undefined || q.before === undefined, {
  message: "Give after or before, not both",
  path: ["before"],
});
export type MessagesQuery = z.infer<typeof MessagesQuery>;

export const ConversationsQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit is 1 to 100").max(100, "limit is 1 to 100")
    .default(50),
  before: z.string().refine((c) => {
    try {
      return decodeInboxCursor(c) !== null;
    } catch {
      return false;
    }
  }, "Use the `next` of the previous page").optional().describe("The `next` of the previous page"),
});

/** Message text: at most MESSAGE_MAX_CHARS characters, and no NUL (Postgres text cannot hold one). */
const Body = z.string().max(MESSAGE_MAX_CHARS, `Write at most ${MESSAGE_MAX_CHARS} characters`)
  .refine((s) => !s.includes("\0"), "Remove the NUL character");

/** What a sender writes; the attachment, if any, comes as a file (multipart) or an uploaded path. */
export const SendMessageInput = z.object({
  body: Body.default(""),
  client_token: z.union([z.literal("").transform(() => undefined), Uuid("Use a UUID")]).optional()
    .describe("A UUID the client picks: sending again with it returns the first message"),
});
export type SendMessageInput = z.infer<typeof SendMessageInput>;

export const EditMessageInput = z.object({ body: Body });

export const ReadInput = z.object({
  up_to: cursor("up_to").optional().describe("Mark read up to this message id (default: all)"),
  active: z.union([z.boolean(), z.enum(["true", "false"])])
    .transform((v) => v === true || v === "true").default(true)
    .describe("The conversation is open on screen (heartbeat); false when leaving it"),
});
export type ReadInput = z.infer<typeof ReadInput>;

export const MessageIdParam = cursor("id");
