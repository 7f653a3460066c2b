/** The notification centre: newest first, mark one or all read. */
import { z } from "zod";
import { define } from "../utils.ts";
import { page } from "../lib/fresh_runtime/mod.ts";
import { listNotifications, markRead, type Notification } from "../lib/notifications/mod.ts";
import { CsrfField } from "../components/Field.tsx";
import { Button } from "../components/Button.tsx";
import { EmptyState, PageTitle } from "../components/Page.tsx";
import { seeOther } from "../lib/web/respond.ts";

interface Data {
  items: Notification[];
}

const MarkRead = z.object({ id: z.string().uuid("Unknown notification").optional() });

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = ctx.state.user;
    if (!user) return ctx.redirect("/signin?next=/notifications", 303);
    const items = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => listNotifications(tx, 50),
    );
    ctx.state.unread = items.filter((n) => !n.read_at).length;
    return page({ items });
  },
  async POST(ctx) {
    const user = ctx.state.user;
    if (!user) return ctx.redirect("/signin?next=/notifications", 303);
    const form = await ctx.req.formData();
    const parsed = MarkRead.safeParse({ id: form.get("id") || undefined });
    if (!parsed.success) return new Response("id: Unknown notification", { status: 400 });
    await ctx.state.platform.db.asUser(user.claims, (tx) => markRead(tx, parsed.data.id));
    return seeOther("/notifications");
  },
});

export default define.page<typeof handler>(function NotificationsPage({ data, state }) {
  const unread = data.items.some((n) => !n.read_at);
  return (
    <>
      <div class="flex flex-wrap items-start justify-between gap-4">
        <PageTitle>Notifications</PageTitle>
        {unread && (
          <form method="post" action="/notifications">
            <CsrfField token={state.csrf} />
            <Button variant="secondary">Mark all read</Button>
          </form>
        )}
      </div>
      {data.items.length === 0
        ? (
          <EmptyState title="Nothing yet">
            Applications, bookings and messages will show up here.
          </EmptyState>
        )
        : (
          <ul
            class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white"
            data-testid="notification-list"
          >
            {data.items.map((n) => (
              <li
                key={n.id}
                class={`flex flex-wrap items-start gap-3 p-4 ${n.read_at ? "" : "bg-indigo-50"}`}
              >
                <div class="min-w-0 flex-1">
                  <p class="font-medium text-gray-900">
                    {n.link ? <a class="underline" href={n.link}>{n.title}</a> : n.title}
                    {!n.read_at && (
                      <span class="ml-2 rounded bg-indigo-600 px-1.5 text-xs text-white">new</span>
                    )}
                  </p>
                  {n.body && <p class="text-gray-700">{n.body}</p>}
                  <p class="text-sm text-gray-500">
                    <time datetime={new Date(n.created_at).toISOString()}>
                      {new Date(n.created_at).toUTCString()}
                    </time>
                  </p>
                </div>
                {!n.read_at && (
                  <form method="post" action="/notifications">
                    <CsrfField token={state.csrf} />
                    <input type="hidden" name="id" value={n.id} />
                    <Button variant="secondary">Mark read</Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
    </>
  );
});
