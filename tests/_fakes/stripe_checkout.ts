/**
 * Checkout Sessions in the fake Stripe (payment, setup, subscription), completed as the customer
 * would on the hosted page, and the subscriptions they start.
 */
import { invalid, type Obj, type Param, Reader, StripeFail } from "./stripe_form.ts";
import type { CardOutcome, StripeState } from "./stripe_objects.ts";
import { providerId } from "./webhooks.ts";

const now = () => Math.floor(Date.now() / 1000);

export function createSession(st: StripeState, r: Reader): Obj {
  const mode = r.need("mode");
  if (!["payment", "setup", "subscription"].includes(mode)) {
    throw invalid(`Invalid mode: must be one of payment, setup, or subscription`, {
      param: "mode",
    });
  }
  const customer = r.str("customer");
  if (customer) st.get(customer, "customer", "customer", "customer");
  const lines = r.list("line_items").map((l, i) => line(st, l, i, mode));
  if (mode !== "setup" && !lines.length) {
    throw invalid("Missing required param: line_items.", {
      code: "parameter_missing",
      param: "line_items",
    });
  }
  const amount = lines.reduce((s, l) => s + l.amount, 0);
  const currency = lines[0]?.currency ?? r.str("currency")?.toLowerCase() ?? null;
  const s = st.put("cs_test_", "checkout.session", {
    mode,
    status: "open",
    payment_status: mode === "setup" ? "no_payment_required" : "unpaid",
    amount_subtotal: mode === "setup" ? null : amount,
    amount_total: mode === "setup" ? null : amount,
    currency,
    customer: customer ?? null,
    customer_email: r.str("customer_email") ?? null,
    client_reference_id: r.str("client_reference_id") ?? null,
    metadata: r.metadata(),
    payment_intent: null,
    setup_intent: null,
    subscription: null,
    success_url: r.str("success_url") ?? null,
    cancel_url: r.str("cancel_url") ?? null,
    expires_at: r.int("expires_at") ?? now() + 86400,
    url: "",
  });
  s.url = `${st.base()}/checkout/pay/${s.id}`;
  st.specs.set(s.id, r);
  return s;
}

function line(
  st: StripeState,
  l: Param,
  i: number,
  mode: string,
): { amount: number; currency: string } {
  const r = new Reader(typeof l === "object" && !Array.isArray(l) ? l : {});
  const priceId = r.str("price");
  const price = priceId
    ? st.get(priceId, "price", "price", `line_items[${i}][price]`)
    : st.createPrice(r.sub("price_data"));
  if (mode === "subscription" && !price.recurring) {
    throw invalid("You must provide at least one recurring price in `subscription` mode.");
  }
  const quantity = r.int("quantity") ?? 1;
  return { amount: (price.unit_amount as number) * quantity, currency: price.currency as string };
}

export function expireSession(st: StripeState, id: string): Obj {
  const s = st.get(id, "checkout.session", "checkout.session");
  if (s.status !== "open") {
    throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired.`);
  }
  s.status = "expired";
  st.emit("checkout.session.expired", s);
  return s;
}

/** The customer pays on the hosted page with a card behaving as `card`. */
export function completeSession(st: StripeState, id: string, card: CardOutcome): Obj {
  const s = st.get(id, "checkout.session", "checkout.session");
  if (s.status !== "open") throw invalid(`This Checkout Session is ${s.status}.`);
  const r = st.specs.get(id)!;
  const pid = r.sub("payment_intent_data");
  if (!s.customer && (s.mode !== "payment" || pid.str("setup_future_usage"))) {
    s.customer = st.createCustomer(new Reader({ email: String(s.customer_email ?? "") })).id;
  }
  const pm = st.paymentMethod(card, s.customer as string | null);
  if (s.mode === "payment") {
    const pi = st.intent(new Reader({}), {
      amount: s.amount_total as number,
      currency: s.currency as string,
      customer: s.customer,
      transfer_group: pid.str("transfer_group") ?? null,
      description: pid.str("description") ?? null,
      metadata: pid.metadata(),
      setup_future_usage: pid.str("setup_future_usage") ?? null,
    });
    s.payment_intent = pi.id;
    try {
      st.confirm(pi, pm, false);
    } catch (e) {
      if (e instanceof StripeFail) return s; // declined: the page shows it, the session stays open
      throw e;
    }
  } else if (card !== "succeeded" && s.mode !== "setup") {
    return s; // a subscription's first charge fails at once
  } else if (s.mode === "setup") {
    // Any card is saved (as Stripe's 4000000000000341 attaches): its outcome shows when charged.
    s.setup_intent = st.put("seti_", "setup_intent", {
      status: "succeeded",
      customer: s.customer,
      payment_method: pm,
      usage: "off_session",
      metadata: r.sub("setup_intent_data").metadata(),
    }).id;
  } else s.subscription = subscribe(st, s, r, pm).id;
  Object.assign(s, {
    status: "complete",
    payment_status: s.mode === "setup" ? s.payment_status : "paid",
  });
  st.emit("checkout.session.completed", s);
  return s;
}

function subscribe(st: StripeState, s: Obj, r: Reader, pm: string): Obj {
  const end = now() + 30 * 86400;
  const items = r.list("line_items").map((l) => {
    const lr = new Reader(l as Record<string, Param>);
    // Inline `price_data` makes a price of its own, as Stripe does.
    const price = lr.str("price")
      ? st.objects.get(lr.str("price")!)
      : st.createPrice(lr.sub("price_data"));
    return {
      id: providerId("si_", 14),
      object: "subscription_item",
      price,
      quantity: lr.int("quantity") ?? 1,
      current_period_end: end,
    };
  });
  const sub = st.put("sub_", "subscription", {
    customer: s.customer,
    status: "active",
    items: { object: "list", data: items },
    metadata: r.sub("subscription_data").metadata(),
    cancel_at_period_end: false,
    canceled_at: null,
    current_period_end: end,
    default_payment_method: pm,
  });
  st.emit("customer.subscription.created", sub);
  return sub;
}

export function updateSubscription(st: StripeState, id: string, patch: Obj): Obj {
  const sub = st.get(id, "subscription");
  const previous: Obj = {};
  for (const k of Object.keys(patch)) previous[k] = sub[k];
  Object.assign(sub, patch);
  const deleted = sub.status === "canceled";
  if (deleted) sub.canceled_at = now();
  st.emit(`customer.subscription.${deleted ? "deleted" : "updated"}`, sub, { previous });
  return sub;
}
