/**
 * A musician's earnings: held, releasing and paid per currency, each payment (each part of a
 * booking paid in two, a balance not paid yet as "due"), a monthly chart. Replacing the Razorpay
 * payout account answers with a confirmation step first (428 until its `confirm=yes`).
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import {
  amountOf,
  balanceOutlook,
  type Bucket,
  bucketOf,
  type Earning,
  failedWorkText,
  listEarnings,
  type MonthBar,
  monthlyPaid,
  type Totals,
  totalsByCurrency,
} from "../../../lib/domains/payments/views.ts";
import { formatDay, formatMoney } from "../../../lib/shared/format.ts";
import { PART_LABEL } from "../../../lib/domains/payments/milestones.ts";
import { EmptyState, PageTitle } from "../../../components/Page.tsx";
import { EarningsChart } from "../../../components/EarningsChart.tsx";
import { signedIn } from "../../../lib/web/guards.ts";
import {
  paymentDeps,
  type PayoutSetup,
  payoutSetup,
  previewRazorpayChange,
  RazorpayAccountInput,
  registerRazorpayAccount,
  startStripeOnboarding,
} from "../../../lib/domains/payments/mod.ts";
import { PayoutSetupPanel } from "../../../components/PayoutSetup.tsx";
import { ConfirmStep } from "../../../components/ConfirmStep.tsx";
import type { Consequences } from "../../../lib/shared/consequences.ts";
import { type FreshContext } from "../../../lib/fresh_runtime/mod.ts";
import { readForm } from "../../../lib/web/body.ts";
import { parseForm } from "../../../lib/web/forms.ts";
import { toHttpError } from "../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import type { State } from "../../../utils.ts";

interface Data {
  items: Earning[];
  totals: Totals[];
  charts: { currency: string; bars: MonthBar[] }[];
  setup: PayoutSetup;
  stripeUrl?: string;
  errors?: Record<string, string>;
  /** Replacing the payout account: what changes, shown before anything does. */
  payoutStep?: { preview: Consequences; accountId: string };
}

async function load(ctx: FreshContext<State>, extra: Partial<Data> = {}, status = 200) {
  const user = signedIn(ctx.state);
  const items = await ctx.state.platform.db.asUser(user.claims, (tx) => listEarnings(tx));
  const setup = await payoutSetup(paymentDeps(ctx.state.platform), user.claims);
  return page({
    items,
    totals: totalsByCurrency(items),
    charts: monthlyPaid(items, new Date()),
    setup,
    ...extra,
  }, { status });
}

export const handler = define.handlers<Data>({
  GET(ctx) {
    return load(ctx);
  },
  /** Payout setup: Stripe's onboarding link (a link, as a form may not redirect off-site), or a
   * Razorpay linked account. */
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const deps = paymentDeps(ctx.state.platform);
    const form = await readForm(ctx.req);
    try {
      if (form.get("intent") === "stripe") {
        const { url } = await startStripeOnboarding(deps, user.claims);
        return await load(ctx, { stripeUrl: url });
      }
      const fields = new FormData();
      fields.set("account_id", String(form.get("account_id") ?? ""));
      const parsed = parseForm(RazorpayAccountInput, fields);
      if (!parsed.ok) return await load(ctx, { errors: parsed.errors }, 400);
      const accountId = parsed.data.account_id;
      const step = previewRazorpayChange(await payoutSetup(deps, user.claims), accountId);
      if (step && form.get("confirm") !== "yes") {
        ctx.state.head = { title: step.title };
        return await load(ctx, { payoutStep: { preview: step, accountId } }, 428);
      }
      await registerRazorpayAccount(deps, user.claims, parsed.data);
      return seeOther("/earnings", [
        flashCookie({ kind: "success", text: "Razorpay account saved." }, ctx.state.secure),
      ]);
    } catch (err) {
      const http = toHttpError(err);
      if (!http || http.status >= 500) throw err;
      // Only the account id is a field of these forms; anything else is the page's own error.
      const field = http.field === "account_id" ? "account_id" : "_form";
      return await load(ctx, { errors: { [field]: http.message } }, http.status);
    }
  },
});

const BUCKET_TEXT: Record<Bucket, string> = {
  due: "Not paid yet",
  held: "Held in escrow",
  releasing: "Released: payout on its way",
  paid: "Paid out",
  refunded: "Refunded to the client",
};

const OUTLOOK_TEXT = {
  on_hold: "on hold while the dispute is open",
  not_paid: "not paid by the client",
  cancelled: "not needed: the booking was cancelled",
} as const;

/** A balance not paid yet: when it is due, or why it no longer is. */
function dueText(e: Earning, all: Earning[]): string {
  const outlook = balanceOutlook(e, all);
  if (outlook !== "due") return OUTLOOK_TEXT[outlook];
  return e.due_at ? `due ${formatDay(e.due_at, e.timezone)}` : "due before the gig";
}

function bucketText(e: Earning, all: Earning[]): string {
  if (bucketOf(e) === "due") return dueText(e, all);
  if (e.state === "disputed") return "Frozen: in dispute";
  if (e.payout_state === "failed") {
    return `Payout ${
      failedWorkText(e.payout_error, e.work_retry_at ?? null, e.work_gave_up_at ?? null)
    }`;
  }
  return BUCKET_TEXT[bucketOf(e)];
}

/** "Held in escrow", or for a part "Deposit · Held in escrow", "Balance · due Friday 12 June". */
function status(e: Earning, all: Earning[]): string {
  const text = bucketText(e, all);
  return e.part === "full" ? text : `${PART_LABEL[e.part]} · ${text}`;
}

export default define.page<typeof handler>(function Earnings({ data, state, url }) {
  if (data.payoutStep) {
    return (
      <div class="mx-auto max-w-2xl">
        <ConfirmStep
          preview={data.payoutStep.preview}
          action="/earnings"
          fields={{ intent: "razorpay", account_id: data.payoutStep.accountId }}
          backHref="/earnings"
          csrf={state.csrf}
          reminder
        />
      </div>
    );
  }
  const setup = (
    <PayoutSetupPanel
      setup={data.setup}
      csrf={state.csrf}
      stripeUrl={data.stripeUrl}
      backFromStripe={url.searchParams.get("payouts") === "stripe"}
      errors={data.errors}
    />
  );
  return (
    <>
      <PageTitle sub="Money held for your gigs, on its way to you, and paid out.">
        Earnings
      </PageTitle>
      {data.errors?._form && (
        <p role="alert" class="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {data.errors._form}
        </p>
      )}
      <div class="mb-8">{setup}</div>
      {data.items.length === 0
        ? (
          <EmptyState title="No earnings yet">
            When a client pays a booking into escrow, it shows here: held until after the gig, then
            paid out to you. <a class="underline" href="/matches">Find gigs for you</a>.
          </EmptyState>
        )
        : (
          <div class="space-y-8">
            {data.totals.map((t) => (
              <dl
                key={t.currency}
                class="grid gap-3 sm:grid-cols-3"
                data-testid={`earnings-totals-${t.currency}`}
              >
                {([["Held", t.held], ["Releasing", t.releasing], ["Paid out", t.paid]] as const)
                  .map(([label, minor]) => (
                    <div key={label} class="rounded-lg border border-gray-200 bg-white p-4">
                      <dt class="text-sm text-gray-600">{label}</dt>
                      <dd class="text-2xl font-bold tabular-nums" data-testid={`total-${label}`}>
                        {formatMoney(minor, t.currency)}
                      </dd>
                    </div>
                  ))}
              </dl>
            ))}
            {data.charts.map((c) => <EarningsChart key={c.currency} {...c} />)}
            <section aria-labelledby="payments-title">
              <h2 id="payments-title" class="mb-3 text-lg font-semibold">Payments</h2>
              <ul class="grid gap-3" data-testid="earnings">
                {data.items.map((e) => (
                  <li
                    key={e.payment_id}
                    class="flex flex-wrap items-baseline justify-between gap-2 rounded-lg border border-gray-200 bg-white p-4"
                  >
                    <div class="min-w-0">
                      <a
                        class="font-semibold text-indigo-700 hover:underline"
                        href={`/bookings/${e.booking_id}`}
                      >
                        {e.gig_title}
                      </a>
                      <p class="text-sm text-gray-600">
                        {formatDay(e.starts_at, e.timezone)} · {e.client_name}
                      </p>
                    </div>
                    <div class="text-right">
                      <p
                        class={`tabular-nums ${
                          bucketOf(e) === "due" ? "text-gray-600" : "font-semibold"
                        }`}
                      >
                        {formatMoney(amountOf(e), e.currency)}
                      </p>
                      <p class="text-sm" data-testid="earning-status">
                        {status(e, data.items)}
                      </p>
                      {e.held_at && (
                        <a
                          class="text-sm text-indigo-700 underline"
                          href={`/bookings/${e.booking_id}/receipt`}
                        >
                          Receipt
                        </a>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        )}
    </>
  );
});
