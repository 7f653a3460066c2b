/**
 * A fake Stripe API on 127.0.0.1 for the real `stripe` SDK, covering the escrow flow: Connect
 * Express accounts and onboarding links, Checkout Sessions (payment, setup, subscription),
 * PaymentIntents charged off-session with a saved card, transfers grouped by `transfer_group`,
 * refunds, customers, prices and customer-portal sessions. Requests are form-decoded as
 * stripe-node encodes them; errors use Stripe's JSON shape (the SDK throws its typed errors);
 * `Idempotency-Key` is honoured (same key and parameters → the saved answer, replayed; same key,
 * other parameters or endpoint → 400 `idempotency_error`). Every change makes an Event, which
 * is signed exactly as Stripe signs (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")`)
 * and, if `webhookUrl` is set, delivered there. Zero latency; no rate limits; no API versions.
 *
 * ```ts
 * await using fake = new FakeStripe();
 * const stripe = new Stripe(fake.secretKey, fake.sdkConfig());
 * fake.webhookUrl = "http://127.0.0.1:…/functions/v1/payments-webhook/stripe";
 * const s = await stripe.checkout.sessions.create({ mode: "payment", … });
 * await fake.completeCheckout(s.id); // → checkout.session.completed, payment_intent.succeeded
 * ```
 */
import type Stripe from "stripe";
import { canonical, decodeForm, invalid, type Obj, Reader, StripeFail } from "./stripe_form.ts";
import { type CardOutcome, StripeState } from "./stripe_objects.ts";
import {
  completeSession,
  createSession,
  expireSession,
  updateSubscription,
} from "./stripe_checkout.ts";
import {
  closeDispute,
  openDispute,
  payout,
  payoutFailed,
  payoutPaid,
  portal,
  refund,
  transfer,
} from "./stripe_money.ts";
import { type Delivery, hmacHex, providerId, replay, type SignedRequest } from "./webhooks.ts";

export type { CardOutcome };
type Route = [string, RegExp, (m: string[], r: Reader) => Obj];

/** Stripe's path segment → object type, for retrieve and list. */
const KINDS: Record<string, string> = {
  accounts: "account",
  customers: "customer",
  prices: "price",
  "checkout/sessions": "checkout.session",
  payment_intents: "payment_intent",
  setup_intents: "setup_intent",
  payment_methods: "payment_method",
  charges: "charge",
  transfers: "transfer",
  payouts: "payout",
  refunds: "refund",
  disputes: "dispute",
  subscriptions: "subscription",
  events: "event",
};

export class FakeStripe implements AsyncDisposable {
  readonly secretKey = `sk_test_fake_${crypto.randomUUID().slice(0, 8)}`;
  readonly webhookSecret = `whsec_fake_${crypto.randomUUID().replaceAll("-", "")}`;
  /** Every request as `METHOD /path?query`, and every event made, in order. */
  readonly log: string[] = [];
  readonly events: Stripe.Event[] = [];
  readonly deliveries: Delivery[] = [];
  /** Where events are POSTed as they happen; unset, they are only recorded. */
  webhookUrl?: string;
  readonly state: StripeState;
  private idem = new Map<
    string,
    { path: string; params: string; status: number; body: string; requestId: string }
  >();
  private pending = new Set<Promise<unknown>>();
  private request?: { id: string; key: string | null; account: string | null };
  private server: Deno.HttpServer<Deno.NetAddr>;
  private routes: Route[];

  constructor() {
    this.state = new StripeState(
      (type, object, extra) => this.emit(type, object, extra),
      () => this.url,
    );
    const s = this.state;
    this.routes = [
      ["POST", /^accounts$/, (_, r) => s.createAccount(r)],
      ["POST", /^account_links$/, (_, r) => s.accountLink(r)],
      ["POST", /^customers$/, (_, r) => s.createCustomer(r)],
      ["POST", /^prices$/, (_, r) => s.createPrice(r)],
      ["POST", /^checkout\/sessions$/, (_, r) => createSession(s, r)],
      ["POST", /^checkout\/sessions\/([^/]+)\/expire$/, (m) => expireSession(s, m[1])],
      ["POST", /^payment_intents$/, (_, r) => s.createIntent(r)],
      ["POST", /^payment_intents\/([^/]+)\/confirm$/, (m, r) => s.confirmIntent(m[1], r)],
      ["POST", /^transfers$/, (_, r) => transfer(s, r)],
      ["POST", /^refunds$/, (_, r) => refund(s, r)],
      ["POST", /^payouts$/, (_, r) => payout(s, r, this.request?.account ?? null)],
      ["POST", /^billing_portal\/sessions$/, (_, r) => portal(s, r, this.url)],
      ["POST", /^subscriptions\/([^/]+)$/, (m, r) => this.patchSubscription(m[1], r)],
      [
        "DELETE",
        /^subscriptions\/([^/]+)$/,
        (m) => this.cancelSubscription(m[1]) as unknown as Obj,
      ],
      ["GET", /^balance$/, () => this.balanceObject()],
      [
        "GET",
        /^customers\/([^/]+)\/payment_methods$/,
        (m, r) => this.list("payment_method", new Reader({ ...r.p, customer: m[1] })),
      ],
      ["GET", /^(checkout\/sessions|[a-z_]+)\/([^/]+)$/, (m) => this.retrieve(m[1], m[2])],
      ["GET", /^(checkout\/sessions|[a-z_]+)$/, (m, r) => this.list(KINDS[m[1]] ?? "?", r)],
    ];
    this.server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.handle(req),
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.addr.port}`;
  }

  /** `new Stripe(fake.secretKey, fake.sdkConfig())`: the SDK's own host/port/protocol options. */
  sdkConfig(): { host: string; port: number; protocol: "http"; maxNetworkRetries: number } {
    return {
      host: "127.0.0.1",
      port: this.server.addr.port,
      protocol: "http",
      maxNetworkRetries: 0,
    };
  }

  /** Env for `startTestApp`, if the adapter reads these names (adjust to the adapter's config). */
  env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: this.secretKey,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_API_URL: this.url,
    };
  }

  // ---- test helpers: what the customer, the musician and the card network do ----

  /** The customer finishes Checkout with a card behaving as `card` (declined: stays open). */
  async completeCheckout(id: string, card: CardOutcome = "succeeded") {
    return await this.act(() =>
      completeSession(this.state, id, card) as unknown as Stripe.Checkout.Session
    );
  }

  async expireCheckout(id: string) {
    return await this.act(() =>
      expireSession(this.state, id) as unknown as Stripe.Checkout.Session
    );
  }

  /** The musician finishes (or loses) Express onboarding: `account.updated`. */
  async setAccount(id: string, flags: { charges?: boolean; payouts?: boolean; details?: boolean }) {
    return await this.act(() =>
      this.state.updateAccount(id, {
        ...(flags.charges === undefined ? {} : { charges_enabled: flags.charges }),
        ...(flags.payouts === undefined ? {} : { payouts_enabled: flags.payouts }),
        ...(flags.details === undefined ? {} : { details_submitted: flags.details }),
      }) as unknown as Stripe.Account
    );
  }

  async completeOnboarding(id: string) {
    return await this.setAccount(id, { charges: true, payouts: true, details: true });
  }

  /** A saved card for off-session tests (`pm_card_visa` etc. also work as in test mode). */
  card(customer: string, outcome: CardOutcome = "succeeded"): string {
    return this.state.paymentMethod(outcome, customer);
  }

  /** The bank disputes the charge of a PaymentIntent (or charge): `charge.dispute.created`. */
  async dispute(paymentIntentOrCharge: string, opts: { amount?: number; reason?: string } = {}) {
    return await this.act(() =>
      openDispute(this.state, paymentIntentOrCharge, opts) as unknown as Stripe.Dispute
    );
  }

  async closeDispute(id: string, status: "won" | "lost") {
    return await this.act(() => closeDispute(this.state, id, status) as unknown as Stripe.Dispute);
  }

  /** The musician's bank receives a payout: `payout.paid` on their connected account. */
  async payoutPaid(id: string) {
    return await this.act(() => payoutPaid(this.state, id) as unknown as Stripe.Payout);
  }

  /** The musician's bank refuses the payout: `payout.failed` on their connected account. */
  async payoutFailed(
    id: string,
    code = "account_closed",
    message = "The bank account has been closed.",
  ) {
    return await this.act(() =>
      payoutFailed(this.state, id, code, message) as unknown as Stripe.Payout
    );
  }

  /** Changes a subscription (`customer.subscription.updated`; status canceled → `.deleted`). */
  async updateSubscription(id: string, patch: Partial<Stripe.Subscription>) {
    return await this.act(() =>
      updateSubscription(this.state, id, patch as Obj) as unknown as Stripe.Subscription
    );
  }

  cancelSubscription(id: string): Stripe.Subscription {
    const sub = this.state.get(id, "subscription", "subscription");
    if (sub.status === "canceled") {
      throw invalid(
        "A canceled subscription can only update its cancellation_details and metadata.",
      );
    }
    return updateSubscription(this.state, id, {
      status: "canceled",
    }) as unknown as Stripe.Subscription;
  }

  /** `POST /v1/subscriptions/:id`: cancel at period end (or undo), as the customer portal does. */
  private patchSubscription(id: string, r: Reader): Obj {
    const sub = this.state.get(id, "subscription", "subscription");
    if (sub.status === "canceled") {
      throw invalid(
        "A canceled subscription can only update its cancellation_details and metadata.",
      );
    }
    const cancel = r.bool("cancel_at_period_end");
    return updateSubscription(
      this.state,
      id,
      cancel === undefined ? {} : { cancel_at_period_end: cancel },
    );
  }

  /** Sets the platform's available balance (transfers beyond it fail `balance_insufficient`). */
  setBalance(currency: string, amount: number): void {
    this.state.balance.set(currency, amount);
  }

  /** Events of `type` made so far (all, if no type). */
  eventsOf(type?: string): Stripe.Event[] {
    return this.events.filter((e) => !type || e.type === type);
  }

  // ---- webhooks ----

  /** The exact request Stripe would send for `event` (or a raw body), signed at `timestamp`. */
  async sign(
    event: Stripe.Event | string,
    opts: { timestamp?: number; secret?: string } = {},
  ): Promise<SignedRequest> {
    const body = typeof event === "string" ? event : JSON.stringify(event, null, 2);
    const t = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const v1 = await hmacHex(opts.secret ?? this.webhookSecret, `${t}.${body}`);
    return {
      body,
      headers: {
        "stripe-signature": `t=${t},v1=${v1}`,
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
    };
  }

  /** Delivers each event `times` times, all concurrently, started in a shuffled order. */
  async deliver(
    events: Stripe.Event | Stripe.Event[],
    opts: { url?: string; times?: number; seed?: number } = {},
  ): Promise<Delivery[]> {
    const url = opts.url ?? this.webhookUrl;
    if (!url) throw new Error("FakeStripe.deliver: no url and no webhookUrl");
    const list = Array.isArray(events) ? events : [events];
    const items = list.map((e) => ({ event: e.id, sign: () => this.sign(e) }));
    const out = await replay(url, items, opts);
    this.deliveries.push(...out);
    return out;
  }

  /** Waits for automatic deliveries still in flight. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private emit(type: string, object: Obj, extra: { previous?: Obj; account?: string } = {}) {
    const event = {
      id: providerId("evt_", 24),
      object: "event",
      api_version: "2026-11-18.endive",
      created: Math.floor(Date.now() / 1000),
      data: {
        object: structuredClone(object),
        ...(extra.previous ? { previous_attributes: extra.previous } : {}),
      },
      livemode: false,
      pending_webhooks: this.webhookUrl ? 1 : 0,
      request: { id: this.request?.id ?? null, idempotency_key: this.request?.key ?? null },
      type,
      ...(extra.account ? { account: extra.account } : {}),
    } as unknown as Stripe.Event;
    this.events.push(event);
    if (this.webhookUrl) {
      const p = this.deliver(event).catch(() => {}).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  /** Runs a helper; answers its result and the events it made, delivered if `webhookUrl`. */
  private async act<T>(fn: () => T): Promise<T & { events: Stripe.Event[] }> {
    const before = this.events.length;
    const result = structuredClone(fn());
    await this.flush();
    return Object.assign(result as T & object, { events: this.events.slice(before) }) as
      & T
      & { events: Stripe.Event[] };
  }

  // ---- HTTP ----

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.log.push(`${req.method} ${url.pathname}${url.search}`);
    if (!url.pathname.startsWith("/v1/")) return await this.hosted(url);
    if (req.headers.get("authorization") !== `Bearer ${this.secretKey}`) {
      return stripeJson(401, {
        error: { type: "invalid_request_error", message: "Invalid API Key provided: sk_****" },
      });
    }
    const raw = req.method === "POST" ? await req.text() : url.search.slice(1);
    const params = decodeForm(raw);
    const path = `${req.method} ${url.pathname}`;
    const key = req.method === "POST" ? req.headers.get("idempotency-key") : null;
    const fingerprint = canonical(params);
    const prior = key ? this.idem.get(key) : undefined;
    if (key && prior) {
      const sameEndpoint = prior.path === path;
      if (!sameEndpoint || prior.params !== fingerprint) {
        const what = sameEndpoint
          ? "with the same parameters they were first used with"
          : `for the same endpoint they were first used for ('${prior.path}' vs '${path}')`;
        return stripeJson(400, {
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used ${what}. Try using a key ` +
              `other than '${key}' if you meant to execute a different request.`,
          },
        });
      }
      return stripeJson(prior.status, prior.body, {
        "idempotent-replayed": "true",
        "request-id": prior.requestId,
      });
    }
    // From here to the answer there is no await: a request is applied atomically.
    const requestId = providerId("req_", 14);
    this.request = { id: requestId, key, account: req.headers.get("stripe-account") };
    let status = 200, out: Obj;
    try {
      out = this.route(req.method, url.pathname.slice(4), new Reader(params));
    } catch (e) {
      if (!(e instanceof StripeFail)) throw e;
      status = e.status;
      out = { error: e.body };
    } finally {
      this.request = undefined;
    }
    const body = JSON.stringify(out, null, 2);
    // Stripe saves the result once the endpoint ran (success or card error), not a validation 400.
    if (key && (status === 200 || status === 402)) {
      this.idem.set(key, { path, params: fingerprint, status, body, requestId });
    }
    return stripeJson(status, body, { "request-id": requestId });
  }

  private route(method: string, path: string, r: Reader): Obj {
    for (const [m, re, fn] of this.routes) {
      const match = m === method ? path.match(re) : null;
      if (match) return expand(this.state, structuredClone(fn(match, r)), r);
    }
    throw new StripeFail(404, {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: /v1/${path}).`,
    });
  }

  private retrieve(kind: string, id: string): Obj {
    if (kind === "events") {
      const e = this.events.find((e) => e.id === id);
      if (e) return e as unknown as Obj;
    }
    return this.state.get(id, KINDS[kind] ?? "?", (KINDS[kind] ?? kind).replace(".", " "));
  }

  private list(object: string, r: Reader): Obj {
    const filters = Object.entries(r.p).filter(([k, v]) =>
      typeof v === "string" && !["limit", "starting_after", "ending_before"].includes(k)
    );
    const all = object === "event"
      ? this.events as unknown as Obj[]
      : [...this.state.objects.values()].filter((o) => o.object === object);
    const data = all.filter((o) => filters.every(([k, v]) => o[k] === v)).reverse();
    const limit = r.int("limit") ?? 10;
    return { object: "list", data: data.slice(0, limit), has_more: data.length > limit, url: "" };
  }

  private balanceObject(): Obj {
    const available = [...this.state.balance].map(([currency, amount]) => ({ currency, amount }));
    return { object: "balance", available, pending: [], livemode: false };
  }

  /** The hosted pages a browser test follows: Checkout, Express onboarding, the portal. */
  private async hosted(url: URL): Promise<Response> {
    const [, page, sub, id] = url.pathname.split("/");
    const back = (to: unknown) =>
      new Response(null, { status: 303, headers: { location: String(to) } });
    try {
      if (page === "checkout" && sub === "pay") {
        const card = (url.searchParams.get("card") ?? "succeeded") as CardOutcome;
        const s = await this.completeCheckout(id, card);
        const to = s.status === "complete" ? s.success_url : s.cancel_url;
        return back(String(to ?? "/").replace("{CHECKOUT_SESSION_ID}", s.id));
      }
      if (page === "connect" && sub === "onboard") {
        await this.completeOnboarding(id);
        return back(url.searchParams.get("return_url"));
      }
      if (page === "billing" && sub === "portal") {
        return back(this.state.get(id, "billing_portal.session").return_url);
      }
    } catch (e) {
      if (e instanceof StripeFail) return new Response(e.message, { status: e.status });
      throw e;
    }
    return new Response("not found", { status: 404 });
  }

  async [Symbol.asyncDispose]() {
    await this.flush();
    await this.server.shutdown();
  }
}

/** Inlines the ids named by `expand[]` (dotted paths for nested fields), as Stripe does. */
function expand(state: StripeState, o: Obj, r: Reader): Obj {
  for (const path of r.list("expand")) {
    if (typeof path !== "string") continue;
    let node: Obj = o;
    for (const field of path.split(".")) {
      const v = node[field];
      if (typeof v === "string" && state.objects.has(v)) {
        node[field] = structuredClone(state.objects.get(v));
      }
      if (!node[field] || typeof node[field] !== "object") break;
      node = node[field] as Obj;
    }
  }
  return o;
}

function stripeJson(status: number, body: Obj | string, headers: Record<string, string> = {}) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json",
      "stripe-version": "2026-11-18.endive",
      ...headers,
    },
  });
}
