/**
 * Money leaving the fake Stripe platform: transfers to connected accounts (separate charges and
 * transfers, grouped by `transfer_group`, checked against the available balance and the
 * destination's `transfers` capability), refunds of a charge, disputes opened and closed by the
 * card network, and Billing customer-portal sessions.
 */
import { invalid, type Obj, type Reader } from "./stripe_form.ts";
import type { StripeState } from "./stripe_objects.ts";

const money = (amount: number, currency: string) =>
  `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;

export function transfer(s: StripeState, r: Reader): Obj {
  r.need("amount");
  const amount = r.int("amount")!;
  const currency = r.need("currency").toLowerCase();
  const destination = s.get(r.need("destination"), "account", "destination", "destination");
  if ((destination.capabilities as Obj).transfers !== "active") {
    throw invalid(
      "Your destination account needs to have at least one of the following capabilities " +
        "enabled: transfers, crypto_transfers, legacy_payments",
      { code: "insufficient_capabilities_for_transfer", param: "destination" },
    );
  }
  const source = r.str("source_transaction");
  if (source) {
    const charge = s.get(source, "charge", "charge", "source_transaction");
    if (charge.status !== "succeeded") throw invalid(`Charge ${source} has not succeeded.`);
  }
  const available = s.balance.get(currency) ?? 0;
  if (!source && available < amount) {
    throw invalid(
      "You have insufficient available funds in your Stripe account. Try adding funds directly " +
        "to your available balance by creating Charges using the 4000000000000077 test card.",
      { code: "balance_insufficient" },
    );
  }
  s.credit(currency, -amount);
  const to = destination.id as string;
  connected.set(`${to}:${currency}`, connectedBalance(to, currency) + amount);
  const tr = s.put("tr_", "transfer", {
    amount,
    amount_reversed: 0,
    currency,
    destination: destination.id,
    destination_payment: `py_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`,
    transfer_group: r.str("transfer_group") ?? null,
    source_transaction: source ?? null,
    description: r.str("description") ?? null,
    metadata: r.metadata(),
    reversed: false,
  });
  s.emit("transfer.created", tr);
  return tr;
}

/** The charge behind a PaymentIntent or charge id, as refunds and disputes address it. */
function chargeOf(s: StripeState, id: string, param?: string): Obj {
  if (id.startsWith("ch_")) return s.get(id, "charge", "charge", param);
  const pi = s.get(id, "payment_intent", "payment_intent", param);
  const charge = pi.latest_charge ? s.get(pi.latest_charge as string, "charge") : undefined;
  if (!charge || charge.status !== "succeeded") {
    throw invalid(`This PaymentIntent (${id}) does not have a successful charge to refund.`, {
      code: "charge_not_refundable",
    });
  }
  return charge;
}

export function refund(s: StripeState, r: Reader): Obj {
  const pi = r.str("payment_intent");
  const charge = chargeOf(s, pi ?? r.need("charge"), pi ? "payment_intent" : "charge");
  const left = (charge.amount as number) - (charge.amount_refunded as number);
  if (left === 0) {
    throw invalid(`Charge ${charge.id} has already been refunded.`, {
      code: "charge_already_refunded",
    });
  }
  const amount = r.int("amount") ?? left;
  if (amount <= 0 || amount > left) {
    const currency = charge.currency as string;
    throw invalid(
      `Refund amount (${money(amount, currency)}) is greater than unrefunded amount on charge ` +
        `(${money(left, currency)})`,
      { param: "amount" },
    );
  }
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded = (charge.amount_refunded as number) + amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  s.credit(charge.currency as string, -amount);
  const re = s.put("re_", "refund", {
    amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    status: "succeeded",
    reason: r.str("reason") ?? null,
    metadata: r.metadata(),
  });
  s.emit("refund.created", re);
  s.emit("charge.refunded", charge, { previous });
  return re;
}

/** The cardholder's bank disputes a charge: the amount leaves the balance at once. */
export function openDispute(
  s: StripeState,
  id: string,
  opts: { amount?: number; reason?: string } = {},
): Obj {
  const charge = chargeOf(s, id);
  const amount = opts.amount ?? (charge.amount as number);
  charge.disputed = true;
  s.credit(charge.currency as string, -amount);
  const dp = s.put("du_", "dispute", {
    amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    reason: opts.reason ?? "fraudulent",
    status: "needs_response",
    is_charge_refundable: false,
    evidence_details: { due_by: Math.floor(Date.now() / 1000) + 7 * 86400, submission_count: 0 },
  });
  s.emit("charge.dispute.created", dp);
  return dp;
}

export function closeDispute(s: StripeState, id: string, status: "won" | "lost"): Obj {
  const dp = s.get(id, "dispute");
  dp.status = status;
  if (status === "won") s.credit(dp.currency as string, dp.amount as number);
  s.emit("charge.dispute.closed", dp);
  return dp;
}

export function portal(s: StripeState, r: Reader, base: string): Obj {
  const customer = s.get(r.need("customer"), "customer", "customer", "customer").id;
  const ps = s.put("bps_", "billing_portal.session", {
    customer,
    return_url: r.str("return_url") ?? null,
    configuration: "bpc_fake",
    url: "",
  });
  ps.url = `${base}/billing/portal/${ps.id}`;
  return ps;
}

/**
 * A payout from a connected account's balance to its bank (`Stripe-Account` header), for
 * accounts on a manual payout schedule: pending until `payoutPaid`.
 */
export function payout(s: StripeState, r: Reader, account: string | null): Obj {
  if (!account) {
    throw invalid("This fake only pays out connected accounts: send the Stripe-Account header.");
  }
  s.get(account, "account", "account");
  r.need("amount");
  const amount = r.int("amount")!;
  const currency = r.need("currency").toLowerCase();
  const key = `${account}:${currency}`;
  if (connectedBalance(account, currency) < amount) {
    throw invalid("You have insufficient funds in your Stripe account for this transfer.", {
      code: "balance_insufficient",
    });
  }
  connected.set(key, connectedBalance(account, currency) - amount);
  const po = s.put("po_", "payout", {
    amount,
    currency,
    status: "pending",
    automatic: false,
    arrival_date: Math.floor(Date.now() / 1000) + 2 * 86400,
    destination: "ba_fake",
    failure_code: null,
    metadata: r.metadata(),
  });
  payoutAccounts.set(po.id, account);
  s.emit("payout.created", po, { account });
  return po;
}

/** Which connected account each payout left (Stripe does not put it on the object). */
const payoutAccounts = new Map<string, string>();
/** Connected accounts' balances by `account:currency` (account ids are random per fake). */
const connected = new Map<string, number>();
const connectedBalance = (account: string, currency: string) =>
  connected.get(`${account}:${currency}`) ?? 0;

/**
 * The musician's bank refuses a pending payout (a closed account…): `payout.failed` with Stripe's
 * failure code and message, and the money back in the connected account's balance.
 */
export function payoutFailed(s: StripeState, id: string, code: string, message: string): Obj {
  const po = s.get(id, "payout");
  if (po.status !== "pending") throw invalid(`Payout ${id} is ${po.status}.`);
  const account = payoutAccounts.get(id)!;
  const key = `${account}:${po.currency}`;
  connected.set(key, connectedBalance(account, String(po.currency)) + Number(po.amount));
  Object.assign(po, { status: "failed", failure_code: code, failure_message: message });
  s.emit("payout.failed", po, { account });
  return po;
}

export function payoutPaid(s: StripeState, id: string): Obj {
  const po = s.get(id, "payout");
  if (po.status !== "pending") throw invalid(`Payout ${id} is ${po.status}.`);
  po.status = "paid";
  s.emit("payout.paid", po, { account: payoutAccounts.get(id) });
  return po;
}
