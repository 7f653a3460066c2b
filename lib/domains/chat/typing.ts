/**
 * The typing indicator is never stored. Both platforms carry it on `typing:<conversation id>`,
 * a topic only the two participants may receive (RLS on realtime.messages):
 *
 * - embedded: the server checks the caller takes part, then publishes on the in-process hub
 *   (no NOTIFY, no row);
 * - Supabase: the server sends it through Realtime's broadcast REST endpoint with the caller's own
 *   token, which Supabase authorises against the same policies (insert on `typing:` topics for
 *   participants) and delivers without storing it.
 *
 * The browser uses one API either way: `POST /api/conversations/:id/typing`, and
 * `subscribe("typing:<id>", "typing", cb)` from lib/browser/realtime.ts.
 *
 * @module
 */
import { z } from "zod";
import type { Db } from "../../ports/db/mod.ts";
import type { RealtimeHub } from "../../ports/realtime/port.ts";
import type { Claims } from "../../ports/db/mod.ts";

export const TypingInput = z.object({
  typing: z.union([z.boolean(), z.enum(["true", "false"])])
    .transform((v) => v === true || v === "true").default(true)
    .describe("false when the sender stopped (sent or cleared the message)"),
});

export const TypingEvent = z.object({
  conversation_id: z.string(),
  user_id: z.string(),
  typing: z.boolean(),
  at: z.string(),
});
export type TypingEvent = z.infer<typeof TypingEvent>;

export const typingTopic = (conversationId: string) => `typing:${conversationId}`;

export interface TypingDeps {
  db: Db;
  /** The embedded hub; null on Supabase. */
  hub: RealtimeHub | null;
  /** Supabase only: the project URL and anon key for the broadcast endpoint. */
  supabase?: { url: string; anonKey: string } | null;
  fetch?: typeof fetch;
}

/** Thrown when the caller does not take part in the conversation (or it does not exist). */
export class NotParticipant extends Error {}

/**
 * Tells the other participant that the caller is (or stopped) typing. Throws NotParticipant
 * unless the caller takes part.
 */
export async function publishTyping(
  deps: TypingDeps,
  caller: { claims: Claims; accessToken: string },
  conversationId: string,
  typing: boolean,
): Promise<TypingEvent> {
  const rows = await deps.db.asUser(caller.claims, (tx) =>
    tx.query(
      `select 1 from public.conversation_participants
        where conversation_id = $1::uuid and user_id = (select auth.uid())`,
      [conversationId],
    ));
  if (rows.length === 0) throw new NotParticipant("Conversation not found");
  const payload: TypingEvent = {
    conversation_id: conversationId,
    user_id: caller.claims.sub,
    typing,
    at: new Date().toISOString(),
  };
  const topic = typingTopic(conversationId);
  if (deps.hub) {
    deps.hub.publish({ topic, event: "typing", payload });
  } else if (deps.supabase) {
    const res = await (deps.fetch ?? fetch)(`${deps.supabase.url}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: {
        apikey: deps.supabase.anonKey,
        authorization: `Bearer ${caller.accessToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ messages: [{ topic, event: "typing", payload, private: true }] }),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`Realtime broadcast answered ${res.status}`);
  }
  return payload;
}
