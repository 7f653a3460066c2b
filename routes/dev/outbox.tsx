/** The dev outbox: e-mail and SMS the embedded platform would have sent. Off unless embedded dev. */
import { define } from "../../utils.ts";
import { HttpError, page } from "../../lib/fresh_runtime/mod.ts";
import { listOutbox, type OutboxRow, renderText } from "../../lib/ports/mail/outbox.ts";
import { EmptyState, PageTitle } from "../../components/Page.tsx";
import { When } from "../../components/When.tsx";
import { formatDateTime, statusLabel } from "../../lib/shared/format.ts";
import { isLoopback } from "../../lib/web/client.ts";
import { isLoopbackHost } from "../../lib/web/site.ts";
import { listensOnLoopback } from "../../lib/platform/config.ts";

interface Data {
  rows: OutboxRow[];
  siteUrl: string;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { mode, config, db } = ctx.state.platform;
    // Reset links are in here: only this machine may read them, on a loopback-only server, and
    // never through a foreign Host (a DNS-rebinding page would otherwise read it).
    const local = listensOnLoopback(config.HOSTNAME) && isLoopback(ctx.state.ip) &&
      isLoopbackHost(ctx.url);
    if (mode !== "embedded" || config.APP_ENV === "prod" || !local) throw new HttpError(404);
    const siteUrl = ctx.state.siteUrl;
    return page({ rows: await db.asService((tx) => listOutbox(tx, 50)), siteUrl });
  },
});

/** Turns URLs in a plain-text mail into links, without trusting any HTML in it. */
function linkify(text: string) {
  return text.split(/(https?:\/\/[^\s]+)/g).map((part, i) =>
    i % 2 === 1
      ? <a key={i} class="break-all text-indigo-700 underline" href={part}>{part}</a>
      : part
  );
}

export default define.page<typeof handler>(function OutboxPage({ data }) {
  return (
    <>
      <PageTitle sub="Local development only: nothing here was really sent.">Dev outbox</PageTitle>
      {data.rows.length === 0
        ? <EmptyState title="No mail yet" />
        : (
          <ul class="space-y-4" data-testid="outbox">
            {data.rows.map((m) => (
              <li key={m.id} class="rounded-lg border border-gray-200 bg-white p-4">
                <p class="text-sm text-gray-600">
                  {m.channel} to <strong>{m.recipient}</strong> ·{" "}
                  <span
                    data-testid="outbox-status"
                    class={m.status === "failed"
                      ? "font-semibold text-red-700"
                      : m.status === "pending"
                      ? "text-amber-700"
                      : "text-green-700"}
                  >
                    {statusLabel("outbox", m.status)}
                  </span>
                  {m.provider && <>{" "}via {m.provider}</>} · <When at={m.created_at} />
                  {m.attempts > 1 && <>{" "}· {m.attempts} attempts</>}
                </p>
                {m.last_error && (
                  <p class="text-sm text-red-700" data-testid="outbox-error">
                    {m.status === "failed" ? "Gave up: " : "Last try failed, retrying "}
                    {m.status === "pending" && (
                      <>at {formatDateTime(m.next_attempt_at, null)}:{" "}</>
                    )}
                    {m.last_error}
                  </p>
                )}
                {m.subject && <p class="font-semibold">{renderText(m.subject, data.siteUrl)}</p>}
                <pre class="mt-2 whitespace-pre-wrap font-sans text-gray-800">{linkify(renderText(m.body, data.siteUrl))}</pre>
              </li>
            ))}
          </ul>
        )}
    </>
  );
});
