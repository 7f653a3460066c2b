/** The notification centre: newest first, all or unread, pages of 20, mark one or all read. */
import { z } from "zod";
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import {
  listNotifications,
  markAllRead,
  markOneRead,
  type NotificationPage,
  UnknownNotification,
} from "../../lib/domains/notifications/mod.ts";
import { CsrfField } from "../../components/Field.tsx";
import { When } from "../../components/When.tsx";
import { Button } from "../../components/Button.tsx";
import { EmptyState, PageTitle } from "../../components/Page.tsx";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";
import { signedIn } from "../../lib/web/guards.ts";
import { readForm } from "../../lib/web/body.ts";
import { isUuid } from "../../lib/shared/ids.ts";
import { Uuid } from "../../lib/shared/schemas.ts";

const PAGE_SIZE = 20;

interface Data {
  result: NotificationPage;
  unreadOnly: boolean;
  before: string | null;
}

const View = z.object({
  filter: z.enum(["all", "unread"]).catch("all"),
  before: Uuid().optional().catch(undefined),
});

const Action = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string() }),
  z.object({ intent: z.literal("read-all") }),
]);

/** Back to the list the form was on: only this page's own query string is kept. */
function backTo(url: URL): string {
  const v = View.parse(Object.fromEntries(url.searchParams));
  const qs = new URLSearchParams();
  if (v.filter === "unread") qs.set("filter", "unread");
  if (v.before) qs.set("before", v.before);
  const s = qs.toString();
  return s ? `/notifications?${s}` : "/notifications";
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const v = View.parse(Object.fromEntries(ctx.url.searchParams));
    const unreadOnly = v.filter === "unread";
    let result: NotificationPage;
    try {
      result = await ctx.state.platform.db.asUser(
        user.claims,
        (tx) => listNotifications(tx, { unread: unreadOnly, before: v.before, limit: PAGE_SIZE }),
      );
    } catch (err) {
      // A stale "older" link (say, to a notification since deleted): start from the top.
      if (err instanceof UnknownNotification) {
        return ctx.redirect(unreadOnly ? "/notifications?filter=unread" : "/notifications", 303);
      }
      throw err;
    }
    return page({ result, unreadOnly, before: v.before ?? null });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const raw = Object.fromEntries(form);
    // Without an intent (older forms and scripts): an id marks that one, none marks all.
    raw.intent ??= raw.id ? "read" : "read-all";
    const parsed = Action.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return new Response(`${issue.path.join(".") || "intent"}: ${issue.message}`, {
        status: 400,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    const action = parsed.data;
    const { db } = ctx.state.platform;
    const secure = ctx.state.secure;
    if (action.intent === "read") {
      // A malformed id names no notification: the same 404 as an unknown one.
      const done = isUuid(action.id) &&
        await db.asUser(user.claims, (tx) => markOneRead(tx, action.id));
      if (!done) return new Response("id: Unknown notification", { status: 404 });
      return seeOther(backTo(ctx.url));
    }
    const n = await db.asUser(user.claims, (tx) => markAllRead(tx));
    const text = n === 0
      ? "Nothing was unread."
      : `Marked ${n} notification${n === 1 ? "" : "s"} read.`;
    return seeOther(backTo(ctx.url), [flashCookie({ kind: "success", text }, secure)]);
  },
});

function Tab({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <a
      href={href}
      aria-current={current ? "page" : undefined}
      class={`rounded-md px-3 py-1.5 text-sm font-medium ${
        current ? "bg-indigo-600 text-white" : "text-gray-700 hover:bg-gray-100"
      }`}
    >
      {children}
    </a>
  );
}

export default define.page<typeof handler>(function NotificationsPage({ data, state, url }) {
  const { result, unreadOnly, before } = data;
  const here = url.pathname + url.search;
  const listQs = (extra: Record<string, string>) => {
    const qs = new URLSearchParams(unreadOnly ? { filter: "unread", ...extra } : extra);
    const s = qs.toString();
    return s ? `/notifications?${s}` : "/notifications";
  };
  return (
    <>
      <div class="flex flex-wrap items-start justify-between gap-4">
        <PageTitle sub={`${result.unread} unread`}>Notifications</PageTitle>
        <div class="flex flex-wrap items-center gap-2">
          <a class="text-sm text-indigo-700 underline" href="/settings/notifications">
            Notification settings
          </a>
          {result.unread > 0 && (
            <form method="post" action={here}>
              <CsrfField token={state.csrf} />
              <input type="hidden" name="intent" value="read-all" />
              <Button variant="secondary">Mark all read</Button>
            </form>
          )}
        </div>
      </div>
      <nav aria-label="Filter" class="mb-4 flex gap-2">
        <Tab href="/notifications" current={!unreadOnly}>All</Tab>
        <Tab href="/notifications?filter=unread" current={unreadOnly}>Unread</Tab>
      </nav>
      {result.items.length === 0
        ? (
          <EmptyState
            title={before ? "No older notifications" : unreadOnly ? "All caught up" : "Nothing yet"}
          >
            {unreadOnly
              ? "You have read everything."
              : "Applications, bookings, reviews and messages will show up here."}
          </EmptyState>
        )
        : (
          <ul
            class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white"
            data-testid="notification-list"
          >
            {result.items.map((n) => (
              <li
                key={n.id}
                data-testid="notification"
                class={`flex flex-wrap items-start gap-3 p-4 ${n.read_at ? "" : "bg-indigo-50"}`}
              >
                <div class="min-w-0 flex-1">
                  <p class="font-medium text-gray-900">
                    {n.link
                      ? <a class="underline" href={`/notifications/${n.id}`}>{n.title}</a>
                      : n.title}
                    {!n.read_at && (
                      <span class="ml-2 rounded bg-indigo-600 px-1.5 text-xs text-white">new</span>
                    )}
                  </p>
                  {n.body && <p class="break-words text-gray-700">{n.body}</p>}
                  <p class="text-sm text-gray-600">
                    <When at={n.created_at} />
                  </p>
                </div>
                {!n.read_at && (
                  <form method="post" action={here}>
                    <CsrfField token={state.csrf} />
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    {/* Named after its notification: a list of bare "Mark read" buttons says nothing. */}
                    <button
                      type="submit"
                      aria-label={`Mark read “${n.title}”`}
                      class="inline-flex items-center justify-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-50 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2"
                    >
                      Mark read
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      <nav aria-label="Pages" class="mt-4 flex justify-between">
        {before ? <a class="text-indigo-700 underline" href={listQs({})}>Newest</a> : <span />}
        {result.nextBefore && (
          <a
            class="text-indigo-700 underline"
            rel="next"
            href={listQs({ before: result.nextBefore })}
          >
            Older
          </a>
        )}
      </nav>
    </>
  );
});
