/**
 * /admin/outbox: e-mails and SMS the sender gave up on, newest first, with the provider's last
 * error, the recipient partly masked, the subject and the attempts; Retry starts one over (a
 * fresh deliver job on the notify queue, audited in SQL). The body is never shown: it may hold a
 * sign-in or reset link.
 */
import { z } from "zod";
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page } from "../../../../lib/fresh_runtime/mod.ts";
import {
  type FailedMessage,
  failedOutbox,
  retryOutbox,
} from "../../../../lib/domains/admin/outbox.ts";
import { formatDateTime } from "../../../../lib/shared/format.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { toHttpError } from "../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";
import { CsrfField } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";

interface Data {
  messages: FailedMessage[];
  error?: string;
}

const RetryForm = z.object({ id: z.uuid({ error: "Choose a message to retry" }) });

function load(ctx: FreshContext<State>): Promise<FailedMessage[]> {
  const { claims } = signedIn(ctx.state);
  return ctx.state.platform.db.asUser(claims, (tx) => failedOutbox(tx));
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    return page({ messages: await load(ctx) });
  },
  async POST(ctx) {
    const { claims } = signedIn(ctx.state);
    const form = RetryForm.safeParse(Object.fromEntries(await readForm(ctx.req)));
    if (!form.success) {
      return page({ messages: await load(ctx), error: form.error.issues[0].message }, {
        status: 422,
      });
    }
    try {
      await ctx.state.platform.db.asUser(claims, (tx) => retryOutbox(tx, form.data.id));
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      return page({ messages: await load(ctx), error: h.message }, { status: h.status });
    }
    const text = "Queued again: the sender tries it from the start.";
    return seeOther("/admin/outbox", [flashCookie({ kind: "success", text }, ctx.state.secure)]);
  },
});

const CHANNEL = { email: "E-mail", sms: "SMS" } as const;

export default define.page<typeof handler>(function AdminOutbox({ data, state }) {
  const tz = state.viewerZone ?? null;
  return (
    <>
      <PageTitle sub="E-mails and SMS that could not be sent, with the provider's answer.">
        Outbox
      </PageTitle>
      <p class="mb-4 text-sm">
        <a href="/admin" class="text-indigo-700 underline">Back to the console</a>
      </p>
      {data.error && <p role="alert" class="mb-4 text-red-700">{data.error}</p>}
      {data.messages.length === 0
        ? <EmptyState title="Nothing failed">Every e-mail and SMS went out.</EmptyState>
        : (
          <ul class="space-y-3" data-testid="failed-outbox">
            {data.messages.map((m) => (
              <li key={m.id} class="rounded-lg border border-red-200 bg-white p-4">
                <p class="font-semibold break-words">
                  {CHANNEL[m.channel]} to {m.recipient}
                  {m.subject ? `: ${m.subject}` : ""}
                </p>
                <p class="text-sm text-gray-600">
                  {m.kind ? `${m.kind} · ` : ""}
                  {m.attempts} {m.attempts === 1 ? "attempt" : "attempts"} · last{" "}
                  {formatDateTime(m.last_attempt_at ?? m.created_at, tz)}
                </p>
                <p class="my-2 break-words text-red-800">
                  {m.last_error ?? "No error was recorded."}
                </p>
                <form method="post">
                  <CsrfField token={state.csrf} />
                  <input type="hidden" name="id" value={m.id} />
                  <Button variant="secondary">Retry</Button>
                </form>
              </li>
            ))}
          </ul>
        )}
    </>
  );
});
