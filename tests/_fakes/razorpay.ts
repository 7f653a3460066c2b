/**
 * A fake Razorpay API on 127.0.0.1 for the real `razorpay` SDK: Orders, Checkout (`pay` returns
 * what the Checkout handler gets: `razorpay_payment_id`, `razorpay_order_id` and
 * `razorpay_signature` = hex HMAC-SHA256(key_secret, "order_id|payment_id")), payments with
 * automatic or manual capture, refunds, Route transfers to linked accounts created `on_hold` and
 * released by editing the transfer, reversals, and disputes. Errors use Razorpay's shape
 * (`{ error: { code, description, … } }`, 400 also for unknown ids), which the SDK rethrows as
 * `{ statusCode, error }`. Webhooks are signed as Razorpay signs them (`X-Razorpay-Signature` =
 * hex HMAC-SHA256(webhook_secret, raw body), event id in `X-Razorpay-Event-Id`) and, if
 * `webhookUrl` is set, delivered there. Razorpay has no idempotency key on these APIs, so neither
 * has the fake. Zero latency.
 *
 * The SDK hard-codes `https://api.razorpay.com` (no option); `pointSdkAt` sets the base URL of
 * its axios instance, the least invasive way in (the adapter needs the same one line).
 *
 * ```ts
 * await using fake = new FakeRazorpay();
 * const rzp = new Razorpay({ key_id: fake.keyId, key_secret: fake.keySecret });
 * pointSdkAt(rzp, fake.url);
 * const order = await rzp.orders.create({ amount: 500000, currency: "INR", receipt: "b1" });
 * const paid = await fake.pay(order.id); // → payment.authorized, payment.captured, order.paid
 * ```
 */
import type Razorpay from "razorpay";
import { type Delivery, hmacHex, providerId, replay, type SignedRequest } from "./webhooks.ts";
import { type Obj, RazorpayFail, RazorpayState } from "./razorpay_state.ts";

export { RazorpayFail };

/** A webhook as Razorpay sends it: the event id (header) and the exact raw JSON body. */
export interface RazorpayEvent {
  id: string;
  event: string;
  body: string;
}

export interface CheckoutSuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

/** Points the SDK at `url` (Razorpay has no host option; its axios instance takes a baseURL). */
export function pointSdkAt(rzp: Razorpay, url: string): void {
  (rzp.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = url;
}

export class FakeRazorpay implements AsyncDisposable {
  readonly keyId = `rzp_test_${providerId("", 14)}`;
  readonly keySecret = providerId("", 24);
  readonly webhookSecret = `whsec_${providerId("", 20)}`;
  readonly log: string[] = [];
  /** While true, the API answers 503 as during an outage (Checkout's script still loads). */
  outage = false;
  readonly events: RazorpayEvent[] = [];
  readonly deliveries: Delivery[] = [];
  webhookUrl?: string;
  readonly state: RazorpayState;
  private pending = new Set<Promise<unknown>>();
  private server: Deno.HttpServer<Deno.NetAddr>;

  constructor() {
    this.state = new RazorpayState((event, payload) => this.emit(event, payload));
    this.server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.handle(req),
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.addr.port}`;
  }

  /** A configured SDK client talking to this fake. */
  sdk(RazorpayClass: typeof Razorpay): Razorpay {
    const rzp = new RazorpayClass({ key_id: this.keyId, key_secret: this.keySecret });
    pointSdkAt(rzp, this.url);
    return rzp;
  }

  env(): Record<string, string> {
    return {
      RAZORPAY_KEY_ID: this.keyId,
      RAZORPAY_KEY_SECRET: this.keySecret,
      RAZORPAY_WEBHOOK_SECRET: this.webhookSecret,
      RAZORPAY_API_URL: this.url,
    };
  }

  /** A Route linked account (made on the dashboard in real life): `acc_…`. */
  linkedAccount(): string {
    return this.state.linkedAccount();
  }

  /**
   * The customer pays the order in Checkout. Success answers what the Checkout handler receives;
   * `fail` answers Checkout's error (a `payment.failed` event, the order stays `attempted`).
   */
  async pay(
    orderId: string,
    opts: { fail?: boolean; method?: string; email?: string; authorizeOnly?: boolean } = {},
  ): Promise<CheckoutSuccess & { events: RazorpayEvent[] }> {
    const before = this.events.length;
    const payment = this.state.pay(orderId, opts);
    await this.flush();
    const events = this.events.slice(before);
    if (opts.fail) {
      throw new RazorpayFail(400, "Payment failed", {
        reason: "payment_failed",
        metadata: { payment_id: payment.id, order_id: orderId },
      });
    }
    const signature = await hmacHex(this.keySecret, `${orderId}|${payment.id}`);
    return {
      razorpay_payment_id: payment.id,
      razorpay_order_id: orderId,
      razorpay_signature: signature,
      events,
    };
  }

  /** The customer's bank raises a chargeback: `payment.dispute.created`. */
  async dispute(paymentId: string, opts: { amount?: number; reason_code?: string } = {}) {
    const before = this.events.length;
    const d = this.state.dispute(paymentId, opts);
    await this.flush();
    return { dispute: d, events: this.events.slice(before) };
  }

  eventsOf(event?: string): RazorpayEvent[] {
    return this.events.filter((e) => !event || e.event === event);
  }

  async sign(e: RazorpayEvent, secret = this.webhookSecret): Promise<SignedRequest> {
    return {
      body: e.body,
      headers: {
        "x-razorpay-signature": await hmacHex(secret, e.body),
        "x-razorpay-event-id": e.id,
        "user-agent": "Razorpay-Webhook/v1",
      },
    };
  }

  /** Delivers each event `times` times, all concurrently, started in a shuffled order. */
  async deliver(
    events: RazorpayEvent | RazorpayEvent[],
    opts: { url?: string; times?: number; seed?: number } = {},
  ): Promise<Delivery[]> {
    const url = opts.url ?? this.webhookUrl;
    if (!url) throw new Error("FakeRazorpay.deliver: no url and no webhookUrl");
    const list = Array.isArray(events) ? events : [events];
    const out = await replay(
      url,
      list.map((e) => ({ event: e.id, sign: () => this.sign(e) })),
      opts,
    );
    this.deliveries.push(...out);
    return out;
  }

  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private emit(event: string, payload: Record<string, Obj>): void {
    const body = JSON.stringify({
      entity: "event",
      account_id: this.state.platformAccount,
      event,
      contains: Object.keys(payload),
      payload: Object.fromEntries(
        Object.entries(payload).map(([k, v]) => [k, { entity: structuredClone(v) }]),
      ),
      created_at: Math.floor(Date.now() / 1000),
    });
    const e = { id: providerId("", 14), event, body };
    this.events.push(e);
    if (this.webhookUrl) {
      const p = this.deliver(e).catch(() => {}).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.log.push(`${req.method} ${url.pathname}${url.search}`);
    // Checkout's public script and the payment it makes (no API key: the browser calls these).
    if (req.method === "GET" && url.pathname === "/v1/checkout.js") {
      return script(checkoutJs(this.url));
    }
    if (req.method === "GET" && url.pathname === "/v1/checkout/pay.js") {
      return await this.checkoutPay(url.searchParams);
    }
    if (this.outage) {
      return Response.json({ error: { code: "SERVER_ERROR", description: "Outage" } }, {
        status: 503,
      });
    }
    if (req.headers.get("authorization") !== `Basic ${btoa(`${this.keyId}:${this.keySecret}`)}`) {
      return Response.json(
        { error: new RazorpayFail(401, "Authentication failed").body },
        { status: 401 },
      );
    }
    const body = req.method === "GET" ? {} : await req.json().catch(() => ({})) as Obj;
    try {
      return Response.json(this.state.route(req.method, url.pathname, body));
    } catch (e) {
      if (!(e instanceof RazorpayFail)) throw e;
      return Response.json({ error: e.body }, { status: e.status });
    }
  }

  /**
   * What the fake Checkout's "payment" answers: a script calling back the page with what the
   * real Checkout hands its `handler` (or `error` when the key or order is wrong).
   */
  private async checkoutPay(q: URLSearchParams): Promise<Response> {
    const callback = q.get("callback") ?? "";
    if (!/^__rzpFake[A-Za-z0-9]{1,40}$/.test(callback)) {
      return new Response("bad callback", { status: 400 });
    }
    let answer: Record<string, unknown>;
    try {
      if (q.get("key") !== this.keyId) throw new RazorpayFail(401, "Authentication failed");
      const { events: _events, ...paid } = await this.pay(q.get("order_id") ?? "", {
        ...(q.get("email") ? { email: q.get("email")! } : {}),
      });
      answer = paid;
    } catch (e) {
      if (!(e instanceof RazorpayFail)) throw e;
      answer = { error: e.body };
    }
    return script(`window[${JSON.stringify(callback)}](${JSON.stringify(answer)});`);
  }

  async [Symbol.asyncDispose]() {
    await this.flush();
    await this.server.shutdown();
  }
}

function script(body: string): Response {
  return new Response(body, { headers: { "content-type": "application/javascript" } });
}

/**
 * A stand-in for `checkout.js`: `new Razorpay(options).open()` "pays" the order at the fake (a
 * script element, so the page's CSP script-src for this origin is all it needs) and calls
 * `options.handler` with `razorpay_payment_id`, `razorpay_order_id` and `razorpay_signature`.
 */
function checkoutJs(base: string): string {
  return `(() => {
  const base = ${JSON.stringify(base)};
  function Razorpay(options) { this.options = options; }
  Razorpay.prototype.open = function () {
    const o = this.options;
    const cb = "__rzpFake" + Math.random().toString(36).slice(2);
    window[cb] = (r) => {
      delete window[cb];
      if (r.error) { if (o.modal && o.modal.ondismiss) o.modal.ondismiss(r.error); return; }
      o.handler(r);
    };
    const q = new URLSearchParams({ key: o.key, order_id: o.order_id, callback: cb });
    if (o.prefill && o.prefill.email) q.set("email", o.prefill.email);
    const s = document.createElement("script");
    s.src = base + "/v1/checkout/pay.js?" + q;
    document.head.appendChild(s);
  };
  window.Razorpay = Razorpay;
})();`;
}
