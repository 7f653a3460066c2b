/**
 * /admin/payments: payouts and refunds whose provider calls failed (still retrying, or given up
 * after the last attempt) with the provider's error and a "Retry now" button, and the drift the
 * daily reconcile found between the providers and the ledger, with the last reconcile's counts.
 */
import { z } from "zod";
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page } from "../../../../lib/fresh_runtime/mod.ts";
import {
  failedWorkText,
  paymentDeps,
  retryPaymentWork,
} from "../../../../lib/domains/payments/mod.ts";
import { formatDateTime, formatMoney } from "../../../../lib/shared/format.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { toHttpError } from "../../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { EmptyState, PageTitle } from "../../../../components/Page.tsx";
import { CsrfField } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";

interface Problem {
  booking_id: string;
  gig_title: string;
  musician_name: string;
  provider: string;
  currency: string;
  fee_minor: string;
  refunded_minor: string;
  payout_state: string;
  payout_error: string | null;
  refund_state: string;
  refund_error: string | null;
  work_attempts: number;
  work_retry_at: Date | null;
  work_gave_up_at: Date | null;
  drift_object: string | null;
  drift_detail: string | null;
  drift_seen_at: Date | null;
}

interface Run {
  day: string;
  finished_at: Date | null;
  checked: number | null;
  drifted: number | null;
  unchecked: number | null;
}

interface Data {
  failed: Problem[];
  drift: Problem[];
  run: Run | null;
  /** A refused retry: its message. */
  error?: string;
}

const RetryForm = z.object({ booking_id: z.uuid({ error: "Choose a payment to retry" }) });

/** A moment in the admin's own zone (UTC, labelled, when they have none). */
const atIn = (tz: string | null) => (d: Date | string | null) => d ? formatDateTime(d, tz) : "";

async function load(ctx: FreshContext<State>): Promise<Data> {
  const { claims } = signedIn(ctx.state);
  const db = ctx.state.platform.db;
  const rows = await db.queryAsUser<Problem>(
    claims,
    "select * from public.admin_payment_problems()",
  );
  const [run] = await db.queryAsUser<Run>(
    claims,
    `select day::text as day, finished_at, checked, drifted, unchecked
         from public.payment_reconcile_runs order by day desc limit 1`,
  );
  return {
    failed: rows.filter((r) => r.payout_state === "failed" || r.refund_state === "failed"),
    drift: rows.filter((r) => r.drift_object !== null),
    run: run ?? null,
  };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    return page(await load(ctx));
  },
  async POST(ctx) {
    const { claims } = signedIn(ctx.state);
    const form = RetryForm.safeParse(Object.fromEntries(await readForm(ctx.req)));
    if (!form.success) {
      return page({ ...await load(ctx), error: form.error.issues[0].message }, { status: 422 });
    }
    try {
      await retryPaymentWork(paymentDeps(ctx.state.platform), claims, form.data.booking_id);
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      return page({ ...await load(ctx), error: h.message }, { status: h.status });
    }
    const text = "Retried: the provider was asked again; the result is below.";
    return seeOther("/admin/payments", [flashCookie({ kind: "success", text }, ctx.state.secure)]);
  },
});

function failure(p: Problem): string[] {
  const retry = p.work_retry_at && new Date(p.work_retry_at);
  const gaveUp = p.work_gave_up_at && new Date(p.work_gave_up_at);
  const out: string[] = [];
  if (p.payout_state === "failed") {
    out.push(`Payout ${failedWorkText(p.payout_error, retry || null, gaveUp || null)}`);
  }
  if (p.refund_state === "failed") {
    out.push(`Refund ${failedWorkText(p.refund_error, retry || null, gaveUp || null)}`);
  }
  return out;
}

export default define.page<typeof handler>(function AdminPayments({ data, state }) {
  const at = atIn(state.viewerZone ?? null);
  return (
    <>
      <PageTitle sub="Provider calls that failed, and what the daily reconcile found.">
        Payments
      </PageTitle>
      {data.error && <p role="alert" class="mb-4 text-red-700">{data.error}</p>}
      <section aria-labelledby="failed-title" class="mb-10">
        <h2 id="failed-title" class="mb-3 text-xl font-semibold">Failed payouts and refunds</h2>
        {data.failed.length === 0
          ? <EmptyState title="Nothing failed">Every payout and refund went through.</EmptyState>
          : (
            <ul class="space-y-3" data-testid="failed-payouts">
              {data.failed.map((p) => (
                <li key={p.booking_id} class="rounded-lg border border-red-200 bg-white p-4">
                  <a
                    class="font-semibold text-indigo-700 underline"
                    href={`/admin/bookings/${p.booking_id}`}
                  >
                    {p.gig_title}
                  </a>
                  <p class="text-sm text-gray-600">
                    {p.musician_name} · {p.provider} ·{" "}
                    {formatMoney(Number(p.fee_minor), p.currency)} · attempt {p.work_attempts}
                    {p.work_gave_up_at ? ` · gave up ${at(p.work_gave_up_at)}` : ""}
                  </p>
                  {failure(p).map((t) => <p key={t} class="break-words text-red-800">{t}</p>)}
                  <form method="post" class="mt-2">
                    <CsrfField token={state.csrf} />
                    <input type="hidden" name="booking_id" value={p.booking_id} />
                    <Button variant="secondary">Retry now</Button>
                  </form>
                </li>
              ))}
            </ul>
          )}
      </section>
      <section aria-labelledby="drift-title">
        <h2 id="drift-title" class="mb-3 text-xl font-semibold">Reconcile</h2>
        <p class="mb-3 text-sm text-gray-600" data-testid="reconcile-run">
          {data.run
            ? data.run.finished_at
              ? `Last run ${data.run.day}: ${data.run.checked} objects compared, ${data.run.drifted} drifting, ${data.run.unchecked} not comparable.`
              : `The run of ${data.run.day} is queued.`
            : "No reconcile has run yet."}
        </p>
        {data.drift.length === 0
          ? <EmptyState title="No drift">The providers agree with the ledger.</EmptyState>
          : (
            <ul class="space-y-3" data-testid="payment-drift">
              {data.drift.map((p) => (
                <li
                  key={`${p.booking_id}-${p.drift_object}`}
                  class="rounded-lg border border-amber-300 bg-white p-4"
                >
                  <a
                    class="font-semibold text-indigo-700 underline"
                    href={`/admin/bookings/${p.booking_id}`}
                  >
                    {p.gig_title}
                  </a>
                  <p class="text-sm text-gray-600">
                    {p.provider} · seen {at(p.drift_seen_at)}
                  </p>
                  <p class="break-words">{p.drift_detail}</p>
                </li>
              ))}
            </ul>
          )}
      </section>
    </>
  );
});
