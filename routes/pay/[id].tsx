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
import { getPayment, paymentDeps, type PaymentView } from "../../lib/domains/payments/mod.ts";
import {
  type BuiltinWebhookBody,
  cardOutcome,
  SIGNATURE_HEADER,
  signBuiltin,
} from "../../lib/ports/payments/builtin.ts";
import { paymentsWebhook } from "../../functions/payments-webhook/index.ts";
import { formatMoney } from "../../lib/domains/gigs/facts.ts";
import { CsrfField } from "../../components/Field.tsx";
import { Button } from "../../components/Button.tsx";
import { PageTitle } from "../../components/Page.tsx";
import { TestCardField } from "../../components/TestCardField.tsx";

interface Data {
  view: PaymentView;
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

async function load(platform: Platform, claims: Parameters<typeof getPayment>[1], id: string) {
  const view = await getPayment(paymentDeps(platform), claims, id);
  const p = view.payment;
  if (!p || p.provider !== "builtin") throw notFound("Checkout");
  return view;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const view = await load(ctx.state.platform, user.claims, parseId(ctx.params.id, "Booking"));
    return page({ view, step: "card" });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const { platform } = ctx.state;
    const view = await load(platform, user.claims, id);
    const p = view.payment!;
    if (p.state !== "checkout_open") return seeOther(`/bookings/${id}`);
    const form = await readForm(ctx.req);
    const card = String(form.get("card") ?? "");
    const outcome = cardOutcome(card);
    const confirmed = form.get("intent") === "confirm";
    const data = { payment_id: p.id, amount_minor: p.total_minor, currency: p.currency };
    switch (outcome) {
      case "unknown":
        return page({ view, step: "card", error: "Use one of the test cards" }, { status: 400 });
      case "decline":
        await deliver(platform, {
          id: `evt_${p.id}_failed_${crypto.randomUUID()}`,
          type: "charge.failed",
          data,
        });
        return page({ view, step: "card", error: "The card was declined" }, { status: 402 });
      case "confirm":
        if (!confirmed) return page({ view, step: "confirm", card });
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

export default define.page<typeof handler>(function PayPage({ data, state }) {
  const p = data.view.payment!;
  return (
    <>
      <PageTitle sub="Soundcheck test payments: no real money moves">Pay for the booking</PageTitle>
      <dl class="grid grid-cols-2 gap-2 max-w-md" data-testid="fee-breakdown">
        <dt>Fee</dt>
        <dd>{formatMoney(p.fee_minor, p.currency)}</dd>
        <dt>Platform fee</dt>
        <dd>{formatMoney(p.platform_fee_minor, p.currency)}</dd>
        <dt>Provider fee</dt>
        <dd>{formatMoney(p.provider_fee_minor, p.currency)}</dd>
        <dt class="font-semibold">Total</dt>
        <dd class="font-semibold">{formatMoney(p.total_minor, p.currency)}</dd>
      </dl>
      {data.error && <p role="alert" class="text-red-700">{data.error}</p>}
      {p.state !== "checkout_open"
        ? <p>This booking is {p.state.replace("_", " ")}.</p>
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
