/**
 * One conversation. GET renders the latest 50 messages (or the page `?before=<id>`) and marks
 * them read; POST is the composer's plain multipart form (text and/or a file), so reading and
 * sending work without JavaScript. The ChatRoom island adds everything live.
 */
import { z } from "zod";
import { define, type State } from "../../../utils.ts";
import { type FreshContext, page } from "../../../lib/fresh_runtime/mod.ts";
import {
  type ConversationDetail,
  getConversation,
  listMessages,
  markRead,
  type Message,
  SendMessageInput,
  sendWithFile,
} from "../../../lib/domains/chat/mod.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { StorageError } from "../../../lib/ports/storage/port.ts";
import { seeOther } from "../../../lib/web/respond.ts";
import { PageTitle } from "../../../components/Page.tsx";
import ChatRoom from "../../../islands/ChatRoom.tsx";
import type { RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import { uploadLimit } from "../../../lib/web/body.ts";
import { ATTACHMENT_MAX_BYTES } from "../../../lib/shared/limits.ts";
import { notFound, parseId } from "../../../lib/web/params.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { ownHidden } from "../../../lib/domains/moderation/mod.ts";

interface Data {
  conversation: ConversationDetail;
  messages: Message[];
  hasOlder: boolean;
  /** Showing an older page (`?before=`), not the latest. */
  historical: boolean;
  draft?: string;
  error?: { message: string; field?: string };
  /** The viewer's own messages that moderators hid, with why. */
  hidden: Record<number, string>;
}

const Before = z.coerce.number().int().min(1).optional().catch(undefined);

async function load(ctx: FreshContext<State>, extra: Partial<Data> = {}, status = 200) {
  const user = signedIn(ctx.state);
  const id = parseId(ctx.params.id, "Conversation");
  const before = Before.parse(ctx.url.searchParams.get("before") ?? undefined);
  const data = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
    const page = await listMessages(tx, id, { before, limit: 50 });
    if (!page) return null;
    // Opening the latest page reads it (this also says "open now", for 30 s); a refused send
    // re-renders the page but changes nothing.
    const newest = page.messages.at(-1)?.id;
    if (status < 400 && before === undefined && newest) {
      await markRead(tx, id, { upTo: newest, active: true });
    }
    const conversation = await getConversation(tx, id);
    const mine = page.messages.filter((m) => m.sender_id === user.id).map((m) => m.id);
    const hidden = Object.fromEntries(await ownHidden(tx, "message", mine));
    return conversation && { conversation, page, hidden };
  });
  if (!data) throw notFound("Conversation");
  const c = data.conversation;
  ctx.state.head = { title: `${c.other.display_name}${c.gig_title ? ` · ${c.gig_title}` : ""}` };
  return page(
    {
      conversation: data.conversation,
      messages: data.page.messages,
      hasOlder: data.page.has_more,
      historical: before !== undefined,
      hidden: data.hidden,
      ...extra,
    },
    { status, headers: { "cache-control": "no-store" } },
  );
}

export const config: RouteConfig = { bodyLimit: uploadLimit(ATTACHMENT_MAX_BYTES) };

export const handler = define.handlers<Data>({
  GET(ctx) {
    return load(ctx);
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Conversation");
    const form = await readForm(ctx.req);
    const draft = String(form.get("body") ?? "");
    const parsed = SendMessageInput.safeParse({
      body: draft,
      client_token: form.get("client_token") ?? undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return await load(ctx, {
        draft,
        error: { message: issue.message, field: String(issue.path[0] ?? "body") },
      }, 400);
    }
    const f = form.get("file");
    const file = f instanceof File && f.size > 0 ? f : null;
    try {
      const m = await sendWithFile(ctx.state.platform, user, id, parsed.data, file);
      ctx.state.platform.worker.wake();
      return seeOther(`/messages/${id}#m${m.id}`);
    } catch (err) {
      const known = err instanceof StorageError
        ? { status: err.status, message: err.message, field: err.field }
        : dbFailure(err);
      if (!known) throw err;
      if (known.status === 404) throw notFound("Conversation");
      return await load(ctx, { draft, error: { message: known.message, field: known.field } }, 400);
    }
  },
});

export default define.page<typeof handler>(function ConversationPage({ data, state }) {
  const c = data.conversation;
  const me = state.user!.id;
  const self = c.participants.find((p) => p.user_id === me);
  const other = c.participants.find((p) => p.user_id !== me);
  const iAmClient = c.client_id === me;
  const context = c.booking_id
    ? { href: `/bookings/${c.booking_id}`, label: "See the booking" }
    : iAmClient
    ? { href: `/gigs/${c.gig_id}`, label: "See the gig and its applicants" }
    : { href: `/gigs/${c.gig_id}`, label: "See the gig and your application" };
  return (
    <>
      <a href="/messages" class="text-sm text-indigo-700 underline">← All messages</a>
      <PageTitle sub={c.gig_title}>{c.other.display_name}</PageTitle>
      <p class="-mt-4 mb-4 text-sm">
        <a class="text-indigo-700 underline" href={context.href}>{context.label}</a>
      </p>
      {data.historical && (
        <p class="mb-2 text-sm">
          Older messages.{" "}
          <a class="text-indigo-700 underline" href={`/messages/${c.id}`}>Jump to the latest</a>
        </p>
      )}
      <ChatRoom
        conversationId={c.id}
        me={{ id: me, name: self?.display_name ?? "You" }}
        other={{ id: c.other.user_id, name: c.other.display_name }}
        initial={data.messages}
        hasOlder={data.hasOlder}
        otherLastRead={other?.last_read_message_id ?? 0}
        csrf={state.csrf}
        open={c.open}
        clientToken={crypto.randomUUID()}
        draft={data.draft}
        error={data.error}
        timeZone={state.viewerZone ?? undefined}
        hidden={data.hidden}
      />
    </>
  );
});
