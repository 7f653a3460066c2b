/**
 * The built-in provider's hosted checkout for a booking (/pay/<booking id>): its client enters a
 * test card (lib/ports/payments/builtin.ts) and the outcome reaches the app as a signed webhook
 * through the same endpoint as any provider's (functions/payments-webhook), not as a shortcut.
 */
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../lib/web/guards.ts";
import { readForm } from "../../lib/web/body.ts";
import { notFound, parseId } from "../../lib/web/params.ts";
import { seeOther } from "../../lib/web/respond.ts";
import type { Platform } from "../../lib/platform/mod.ts";
import {
  getPayment,
  milestones,
  PART_LABEL,
  paymentDeps,
  type PaymentRow,
  type PaymentView,
} from "../../lib/domains/payments/mod.ts";
import { type BookingWithParties, getBooking } from "../../lib/domains/gigs/mod.ts";
import {
  type BuiltinWebhookBody,
  cardOutcome,
  SIGNATURE_HEADER,
  signBuiltin,
} from "../../lib/ports/payments/builtin.ts";
import { paymentsWebhook } from "../../functions/payments-webhook/index.ts";
import { formatDay, formatMoney } from "../../lib/shared/format.ts";
import { FeeBreakdown } from "../../components/PaymentTimeline.tsx";
import { CsrfField } from "../../components/Field.tsx";
import { Button } from "../../components/Button.tsx";
import { PageTitle } from "../../components/Page.tsx";
import { TestCardField } from "../../components/TestCardField.tsx";

interface Data {
  view: PaymentView;
  booking: BookingWithParties;
  step: "card" | "confirm";
  card?: string;
  error?: string;
}

/** Signs the event with the provider's secret and posts it to the webhook function in-process. */
async function deliver(platform: Platform, body: BuiltinWebhookBody): Promise<void> {
  const raw = JSON.stringify(body);
  const secret = paymentDeps(platform).providers.builtin.secret;
  const res = await paymentsWebhook.run({
    req: new Request("http://internal/functions/v1/payments-webhook", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: await signBuiltin(secret, raw),
      },
      body: raw,
    }),
    platform,
    user: null,
  });
  if (!res.ok) throw new Error(`built-in webhook refused: ${res.status}`);
}

/** The part being paid (the one whose checkout is open) and its booking; the client's only. */
async function load(platform: Platform, user: ReturnType<typeof signedIn>, id: string) {
  const booking = await platform.db.asUser(user.claims, (tx) => getBooking(tx, id));
  if (!booking || booking.client_id !== user.id) throw notFound("Checkout");
  const view = await getPayment(paymentDeps(platform), user.claims, id);
  const p = view.payment;
  if (!p || p.provider !== "builtin") throw notFound("Checkout");
  return { view, booking };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const loaded = await load(ctx.state.platform, user, parseId(ctx.params.id, "Booking"));
    return page({ ...loaded, step: "card" });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const { platform } = ctx.state;
    const loaded = await load(platform, user, id);
    const p = loaded.view.payment!;
    if (p.state !== "checkout_open") return seeOther(`/bookings/${id}`);
    const form = await readForm(ctx.req);
    const card = String(form.get("card") ?? "");
    const outcome = cardOutcome(card);
    const confirmed = form.get("intent") === "confirm";
    const data = { payment_id: p.id, amount_minor: p.total_minor, currency: p.currency };
    switch (outcome) {
      case "unknown":
        return page({ ...loaded, step: "card", error: "Use one of the test cards" }, {
          status: 400,
        });
      case "decline":
        await deliver(platform, {
          id: `evt_${p.id}_failed_${crypto.randomUUID()}`,
          type: "charge.failed",
          data,
        });
        return page({ ...loaded, step: "card", error: "The card was declined" }, { status: 402 });
      case "confirm":
        if (!confirmed) return page({ ...loaded, step: "confirm", card });
    }
    await deliver(platform, {
      id: `evt_${p.id}_succeeded`,
      type: "charge.succeeded",
      data: { ...data, ref: `bi_ch_${p.id}` },
    });
    if (outcome === "dispute_later") {
      paymentDeps(platform).providers.builtin.schedule({
        id: `evt_${p.id}_dispute`,
        type: "charge.dispute.created",
        data: { payment_id: p.id, ref: `bi_dp_${p.id}` },
      }, Date.now());
    }
    return seeOther(`/bookings/${id}`);
  },
});

/** "Pay the deposit: €105", or for the whole fee "Pay for the booking: €420". */
function title(p: PaymentRow): string {
  const what = p.part === "full" ? "for the booking" : `the ${PART_LABEL[p.part].toLowerCase()}`;
  return `Pay ${what}: ${formatMoney(p.total_minor, p.currency)}`;
}

/** What this payment covers, and for a part what comes before or after it. */
function Summary({ view, b }: { view: PaymentView; b: BookingWithParties }) {
  const p = view.payment!;
  const fee = formatMoney(b.fee_minor, b.currency);
  const balance = milestones(view)?.balance;
  const who = `${b.gig_title} with ${b.musician_name}, ${formatDay(b.starts_at, b.timezone)}`;
  return (
    <p class="mb-4 max-w-md" data-testid="pay-summary">
      {p.part === "full"
        ? `${who}: the whole fee of ${fee}, held in escrow until after the gig.`
        : p.part === "deposit"
        ? `${who}: the deposit of ${formatMoney(p.fee_minor, p.currency)} of the ${fee} fee. ` +
          (balance?.due_at
            ? `The balance of ${formatMoney(balance.fee_minor, balance.currency)} is due on ${
              formatDay(balance.due_at, b.timezone)
            }.`
            : "")
        : `${who}: the balance of ${
          formatMoney(p.fee_minor, p.currency)
        } of the ${fee} fee; the deposit is already held.`}
    </p>
  );
}

const STATE_TEXT: Record<PaymentRow["state"], string> = {
  unpaid: "is not open for payment yet",
  checkout_open: "is open for payment",
  held: "is paid and held in escrow",
  disputed: "is paid and frozen by a dispute",
  released: "is paid and released to the musician",
  refunded: "was refunded",
  partially_refunded: "was partly refunded",
  resolved: "is paid and a dispute about it was decided",
};

export default define.page<typeof handler>(function PayPage({ data, state }) {
  const p = data.view.payment!;
  const what = p.part === "full" ? "This booking" : `The ${PART_LABEL[p.part].toLowerCase()}`;
  return (
    <>
      <PageTitle sub="Soundcheck test payments: no real money moves">{title(p)}</PageTitle>
      <Summary view={data.view} b={data.booking} />
      <div class="mb-4">
        <FeeBreakdown p={p} />
      </div>
      {data.error && <p role="alert" class="text-red-700">{data.error}</p>}
      {p.state !== "checkout_open"
        ? <p>{what} {STATE_TEXT[p.state]}.</p>
        : data.step === "confirm"
        ? (
          <form method="post">
            <CsrfField token={state.csrf} />
            <input type="hidden" name="card" value={data.card} />
            <p>Your bank asks you to confirm this payment.</p>
            <Button name="intent" value="confirm">Confirm payment</Button>
          </form>
        )
        : (
          <form method="post" class="max-w-md space-y-3">
            <CsrfField token={state.csrf} />
            <TestCardField />
            <Button name="intent" value="pay">Pay {formatMoney(p.total_minor, p.currency)}</Button>
          </form>
        )}
    </>
  );
});
