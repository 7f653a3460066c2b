/** The inbox: the caller's conversations, latest activity first, with unread counts; pages of 30. */
import { z } from "zod";
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import {
  type InboxPage,
  listConversations,
  unreadMessageCount,
} from "../../../lib/domains/chat/mod.ts";
import { ConversationsQuery } from "../../../lib/domains/chat/schemas.ts";
import { shortTime } from "../../../lib/browser/chat_view.ts";
import { EmptyState, PageTitle } from "../../../components/Page.tsx";
import { signedIn } from "../../../lib/web/guards.ts";

const PAGE_SIZE = 30;

interface Data {
  inbox: InboxPage;
  unread: number;
  before: string | null;
}

const View = z.object({ before: ConversationsQuery.shape.before.catch(undefined) });

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const { before } = View.parse(Object.fromEntries(ctx.url.searchParams));
    const data = await ctx.state.platform.db.asUser(user.claims, async (tx) => ({
      inbox: await listConversations(tx, { limit: PAGE_SIZE, before }),
      unread: await unreadMessageCount(tx),
    }));
    return page({ ...data, before: before ?? null });
  },
});

export default define.page<typeof handler>(function Inbox({ data, state }) {
  const { inbox, unread, before } = data;
  const me = state.user!.id;
  const zone = state.viewerZone ?? undefined;
  return (
    <>
      <PageTitle sub={unread ? `${unread} unread` : "All caught up"}>Messages</PageTitle>
      {inbox.conversations.length === 0
        ? (
          <EmptyState title={before ? "No older conversations" : "No conversations yet"}>
            {before
              ? <a class="text-indigo-700 underline" href="/messages">Back to the newest</a>
              : (
                <>
                  A conversation starts when a musician applies to a gig: the client and the
                  musician can then talk here, through to the booking.{" "}
                  <a class="text-indigo-700 underline" href="/gigs">Browse gigs</a>
                </>
              )}
          </EmptyState>
        )
        : (
          <ul
            class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white"
            data-testid="conversation-list"
          >
            {inbox.conversations.map((c) => {
              const last = c.last_message;
              const preview = !last
                ? "No messages yet"
                : last.deleted_at
                ? "Message deleted"
                : `${last.sender_id === me ? "You: " : ""}${
                  last.body || last.attachment_name || ""
                }`;
              return (
                <li key={c.id} data-testid="conversation">
                  <a
                    href={`/messages/${c.id}`}
                    class={`flex items-start gap-3 p-4 hover:bg-gray-50 ${
                      c.unread ? "bg-indigo-50" : ""
                    }`}
                  >
                    <div class="min-w-0 flex-1">
                      <p class="flex flex-wrap items-baseline gap-x-2">
                        <span class="font-semibold text-gray-900">{c.other.display_name}</span>
                        <span class="text-sm text-gray-600">{c.gig_title}</span>
                      </p>
                      <p class="truncate text-gray-700">{preview}</p>
                    </div>
                    <div class="flex flex-col items-end gap-1">
                      {(c.last_message_at ?? c.created_at) && (
                        <time
                          class="text-xs text-gray-600"
                          dateTime={c.last_message_at ?? c.created_at}
                        >
                          {shortTime(c.last_message_at ?? c.created_at, undefined, zone)}
                        </time>
                      )}
                      {c.unread > 0 && (
                        <span
                          data-testid="conversation-unread"
                          class="inline-flex min-w-[1.25rem] items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-bold text-white"
                        >
                          {c.unread}
                          <span class="sr-only">unread</span>
                        </span>
                      )}
                    </div>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      <nav aria-label="Pages" class="mt-4 flex justify-between">
        {before ? <a class="text-indigo-700 underline" href="/messages">Newest</a> : <span />}
        {inbox.next && (
          <a
            class="text-indigo-700 underline"
            rel="next"
            href={`/messages?before=${encodeURIComponent(inbox.next)}`}
          >
            Older
          </a>
        )}
      </nav>
    </>
  );
});
