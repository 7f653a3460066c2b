/**
 * The fake Stripe's objects and their state changes: Connect accounts, customers, prices,
 * Checkout Sessions (payment, setup, subscription), PaymentIntents with saved cards charged
 * off-session, charges, transfers against the platform balance, refunds, disputes and
 * subscriptions. Every change that Stripe would announce calls `emit`. All methods are
 * synchronous, so a request is atomic with respect to other requests (idempotency relies on it).
 */
import { invalid, missing, type Obj, Reader, StripeFail } from "./stripe_form.ts";
import { providerId } from "./webhooks.ts";

/** How a card behaves when charged (Stripe's test cards 4242…, 0002 and 3155). */
export type CardOutcome = "succeeded" | "declined" | "authentication_required";
export type Emit = (
  type: string,
  object: Obj,
  extra?: { previous?: Obj; account?: string },
) => void;

const MAGIC_CARDS: Record<string, CardOutcome> = {
  pm_card_visa: "succeeded",
  pm_card_chargeDeclined: "declined",
  pm_card_authenticationRequired: "authentication_required",
};

const now = () => Math.floor(Date.now() / 1000);

export class StripeState {
  readonly objects = new Map<string, Obj>();
  /** The platform's available balance per currency (charges add, transfers and refunds take). */
  readonly balance = new Map<string, number>();
  private cards = new Map<string, CardOutcome>();
  /** Each Checkout Session's creation parameters, read again on completion. */
  readonly specs = new Map<string, Reader>();

  constructor(readonly emit: Emit, readonly base: () => string) {}

  get(id: string, object: string, what = object, param?: string): Obj {
    const o = this.objects.get(id);
    if (!o || o.object !== object) throw missing(what, id, param);
    return o;
  }

  put<T extends Obj>(prefix: string, object: string, fields: T): T & { id: string } {
    const id = providerId(prefix, prefix.startsWith("cs_") ? 40 : 24);
    const o = { id, object, created: now(), livemode: false, ...fields };
    this.objects.set(id, o);
    return o;
  }

  credit(currency: string, amount: number): void {
    this.balance.set(currency, (this.balance.get(currency) ?? 0) + amount);
  }

  createAccount(r: Reader): Obj {
    return this.put("acct_", "account", {
      type: r.str("type") ?? "express",
      country: r.str("country") ?? "US",
      email: r.str("email") ?? null,
      business_type: r.str("business_type") ?? null,
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { card_payments: "inactive", transfers: "inactive" },
      requirements: {
        currently_due: ["external_account", "tos_acceptance.date"],
        past_due: [],
        disabled_reason: "requirements.past_due",
      },
      metadata: r.metadata(),
      settings: {
        payouts: {
          schedule: {
            interval: r.sub("settings").sub("payouts").sub("schedule").str("interval") ?? "daily",
          },
        },
      },
    });
  }

  /** Changes an account's status as onboarding would and announces `account.updated`. */
  updateAccount(id: string, patch: Partial<Record<Flag, boolean>>): Obj {
    const a = this.get(id, "account");
    const previous: Obj = {};
    for (const [k, v] of Object.entries(patch)) {
      if (a[k] !== v) [previous[k], a[k]] = [a[k], v];
    }
    const state = a.charges_enabled && a.payouts_enabled ? "active" : "inactive";
    a.capabilities = { card_payments: state, transfers: state };
    const done = a.details_submitted && state === "active";
    a.requirements = done
      ? { currently_due: [], past_due: [], disabled_reason: null }
      : (a.requirements as Obj);
    this.emit("account.updated", a, { previous, account: id });
    return a;
  }

  accountLink(r: Reader): Obj {
    const account = this.get(r.need("account"), "account", "account", "account").id as string;
    const type = r.need("type");
    if (type !== "account_onboarding" && type !== "account_update") {
      throw invalid(`Invalid type: ${type}`, { param: "type" });
    }
    const back = new URLSearchParams({
      return_url: r.need("return_url"),
      refresh_url: r.need("refresh_url"),
    });
    return {
      object: "account_link",
      created: now(),
      expires_at: now() + 300,
      url: `${this.base()}/connect/onboard/${account}?${back}`,
    };
  }

  createCustomer(r: Reader): Obj {
    return this.put("cus_", "customer", {
      email: r.str("email") ?? null,
      name: r.str("name") ?? null,
      metadata: r.metadata(),
      invoice_settings: { default_payment_method: null },
    });
  }

  createPrice(r: Reader): Obj {
    const recurring = r.sub("recurring");
    const interval = recurring.str("interval");
    return this.put("price_", "price", {
      currency: r.need("currency").toLowerCase(),
      unit_amount: r.int("unit_amount") ?? 0,
      product: r.str("product") ?? providerId("prod_", 14),
      type: interval ? "recurring" : "one_time",
      recurring: interval
        ? { interval, interval_count: recurring.int("interval_count") ?? 1 }
        : null,
      active: true,
      metadata: r.metadata(),
    });
  }

  /** A saved card; `pm_card_*` magic ids create one as Stripe's test mode does. */
  paymentMethod(card: CardOutcome, customer: string | null): string {
    const last4 = { succeeded: "4242", declined: "0002", authentication_required: "3155" }[card];
    const pm = this.put("pm_", "payment_method", {
      type: "card",
      customer,
      card: { brand: "visa", last4, exp_month: 12, exp_year: 2034, country: "US" },
    });
    this.cards.set(pm.id, card);
    return pm.id;
  }

  createIntent(r: Reader): Obj {
    r.need("amount");
    const amount = r.int("amount")!;
    if (amount <= 0) {
      throw invalid("This value must be greater than or equal to 1.", { param: "amount" });
    }
    const customer = r.str("customer") ?? null;
    if (customer) this.get(customer, "customer", "customer", "customer");
    const offSession = r.str("off_session");
    if (offSession && offSession !== "false" && r.bool("confirm") !== true) {
      throw invalid("off_session can only be used when confirm=true.", { param: "off_session" });
    }
    const pi = this.intent(r, {
      amount,
      currency: r.need("currency").toLowerCase(),
      customer,
      transfer_group: r.str("transfer_group") ?? null,
      description: r.str("description") ?? null,
      metadata: r.metadata(),
      setup_future_usage: r.str("setup_future_usage") ?? null,
    });
    if (r.bool("confirm")) {
      this.confirm(pi, this.resolvePm(pi, r), !!offSession && offSession !== "false");
    }
    return pi;
  }

  intent(r: Reader, fields: Obj): Obj {
    return this.put("pi_", "payment_intent", {
      ...fields,
      amount_received: 0,
      status: r.str("payment_method") ? "requires_confirmation" : "requires_payment_method",
      payment_method: r.str("payment_method") ?? null,
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      client_secret: `pi_secret_${crypto.randomUUID()}`,
    });
  }

  confirmIntent(id: string, r: Reader): Obj {
    const pi = this.get(id, "payment_intent");
    if (
      !["requires_payment_method", "requires_confirmation", "requires_action"].includes(
        String(pi.status),
      )
    ) {
      throw invalid(
        `You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`,
        { code: "payment_intent_unexpected_state" },
      );
    }
    const off = r.str("off_session");
    this.confirm(pi, this.resolvePm(pi, r), !!off && off !== "false");
    return pi;
  }

  private resolvePm(pi: Obj, r: Reader): string {
    const id = r.str("payment_method") ?? pi.payment_method as string | null;
    if (!id) {
      throw invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method.",
        { code: "payment_intent_unexpected_state" },
      );
    }
    if (MAGIC_CARDS[id]) return this.paymentMethod(MAGIC_CARDS[id], pi.customer as string | null);
    const pm = this.get(id, "payment_method", "PaymentMethod", "payment_method");
    if (pm.customer && pm.customer !== pi.customer) {
      throw invalid(
        `The provided PaymentMethod belongs to a different Customer (${pm.customer}).`,
        { param: "payment_method" },
      );
    }
    return id;
  }

  confirm(pi: Obj, pm: string, offSession: boolean): void {
    const outcome = this.cards.get(pm) ?? "succeeded";
    pi.payment_method = pm;
    if (outcome === "authentication_required" && !offSession) {
      Object.assign(pi, { status: "requires_action", next_action: { type: "use_stripe_sdk" } });
      this.emit("payment_intent.requires_action", pi);
      return;
    }
    const charge = this.put("ch_", "charge", {
      amount: pi.amount,
      amount_captured: 0,
      amount_refunded: 0,
      currency: pi.currency,
      customer: pi.customer,
      payment_intent: pi.id,
      payment_method: pm,
      transfer_group: pi.transfer_group,
      status: "failed",
      paid: false,
      refunded: false,
      disputed: false,
      metadata: pi.metadata,
      balance_transaction: null,
    });
    pi.latest_charge = charge.id;
    if (outcome !== "succeeded") {
      const code = outcome === "declined" ? "card_declined" : "authentication_required";
      const error = {
        type: "card_error",
        code,
        decline_code: outcome === "declined" ? "generic_decline" : code,
        message: outcome === "declined"
          ? "Your card was declined."
          : "Your card was declined. This transaction requires authentication.",
        charge: charge.id,
        payment_method: { id: pm, object: "payment_method" },
      };
      Object.assign(pi, { status: "requires_payment_method", last_payment_error: error });
      this.emit("payment_intent.payment_failed", pi);
      throw new StripeFail(402, { ...error, payment_intent: structuredClone(pi) });
    }
    Object.assign(charge, {
      status: "succeeded",
      paid: true,
      amount_captured: pi.amount,
      balance_transaction: providerId("txn_", 24),
    });
    Object.assign(pi, {
      status: "succeeded",
      amount_received: pi.amount,
      last_payment_error: null,
      next_action: null,
    });
    if (pi.setup_future_usage && pi.customer) this.get(pm, "payment_method").customer = pi.customer;
    this.credit(pi.currency as string, pi.amount as number);
    this.emit("payment_intent.succeeded", pi);
  }
}

type Flag = "charges_enabled" | "payouts_enabled" | "details_submitted";
