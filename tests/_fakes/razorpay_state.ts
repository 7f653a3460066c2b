/**
 * The fake Razorpay's entities and rules: orders, payments (auto or manual capture), refunds,
 * Route transfers (on hold, released by edit, reversed) and disputes. Amounts are integer paise.
 * Methods are synchronous, so each request applies atomically. Messages follow Razorpay's.
 */
import { providerId } from "./webhooks.ts";

export type Obj = Record<string, unknown>;
type Emit = (event: string, payload: Record<string, Obj>) => void;

export class RazorpayFail extends Error {
  readonly body: Obj;
  constructor(readonly status: number, description: string, extra: Obj = {}) {
    super(description);
    this.body = {
      code: "BAD_REQUEST_ERROR",
      description,
      source: "business",
      step: "payment_initiation",
      reason: "input_validation_failed",
      metadata: {},
      ...extra,
    };
  }
}

const now = () => Math.floor(Date.now() / 1000);
const bad = (description: string, field?: string) =>
  new RazorpayFail(400, description, field ? { field } : {});
const truthy = (v: unknown) => v === true || v === 1 || v === "1" || v === "true";

export class RazorpayState {
  readonly platformAccount = providerId("acc_", 14);
  readonly entities = new Map<string, Obj>();
  private accounts = new Set<string>();
  /** Per order: capture mode and Route transfers to make on capture (not part of the entity). */
  private specs = new Map<string, { manual: boolean; transfers?: unknown }>();

  constructor(private emit: Emit) {}

  linkedAccount(): string {
    const id = providerId("acc_", 14);
    this.accounts.add(id);
    return id;
  }

  get(id: string, entity: string): Obj {
    const o = this.entities.get(id);
    if (!o || o.entity !== entity) throw bad("The id provided does not exist", "id");
    return o;
  }

  private put(prefix: string, entity: string, fields: Obj): Obj & { id: string } {
    const o = { id: providerId(prefix, 14), entity, ...fields, created_at: now() };
    this.entities.set(o.id, o);
    return o;
  }

  route(method: string, path: string, b: Obj): Obj {
    const m = path.match(/^\/v1\/([a-z_]+)(?:\/([A-Za-z0-9_]+))?(?:\/([a-z_]+))?\/?$/);
    const [, kind, id, action] = m ?? [];
    const key = `${method} ${kind}${id ? "/:id" : ""}${action ? `/${action}` : ""}`;
    switch (key) {
      case "POST orders":
        return this.createOrder(b);
      case "GET orders/:id":
        return this.get(id, "order");
      case "GET orders/:id/payments":
        return this.collection((o) => o.entity === "payment" && o.order_id === id);
      case "GET payments/:id":
        return this.get(id, "payment");
      case "POST payments/:id/capture":
        return this.capture(this.get(id, "payment"), b);
      case "POST payments/:id/refund":
        return this.refund(this.get(id, "payment"), b);
      case "GET payments/:id/refunds":
        return this.collection((o) => o.entity === "refund" && o.payment_id === id);
      case "POST payments/:id/transfers":
        return this.transfer(this.get(id, "payment"), b.transfers);
      case "GET payments/:id/transfers":
        return this.collection((o) => o.entity === "transfer" && o.source === id);
      case "GET refunds/:id":
        return this.get(id, "refund");
      case "GET transfers/:id":
        return this.get(id, "transfer");
      case "PATCH transfers/:id":
        return this.editTransfer(this.get(id, "transfer"), b);
      case "POST transfers/:id/reversals":
        return this.reverse(this.get(id, "transfer"), b.amount as number | undefined);
      case "GET disputes/:id":
        return this.get(id, "dispute");
    }
    throw new RazorpayFail(404, "The requested URL was not found on the server.");
  }

  private collection(pick: (o: Obj) => boolean): Obj {
    const items = [...this.entities.values()].filter(pick);
    return { entity: "collection", count: items.length, items };
  }

  private amount(v: unknown, field = "amount"): number {
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw bad(`The ${field} must be an integer.`, field);
    }
    if (v < 100) throw bad("The amount must be atleast INR 1.00", field);
    return v;
  }

  createOrder(b: Obj): Obj {
    const amount = this.amount(b.amount);
    if (typeof b.receipt === "string" && b.receipt.length > 40) {
      throw bad("The receipt may not be greater than 40 characters.", "receipt");
    }
    const capture = (b.payment as Obj | undefined)?.capture;
    const order = this.put("order_", "order", {
      amount,
      amount_paid: 0,
      amount_due: amount,
      currency: b.currency ?? "INR",
      receipt: b.receipt ?? null,
      offer_id: null,
      status: "created",
      attempts: 0,
      notes: b.notes ?? [],
    });
    const manual = capture === "manual" || b.payment_capture === false || b.payment_capture === 0;
    this.specs.set(order.id, { manual, transfers: b.transfers });
    return order;
  }

  pay(
    orderId: string,
    opts: { fail?: boolean; method?: string; email?: string; authorizeOnly?: boolean },
  ): Obj & { id: string } {
    const order = this.get(orderId, "order");
    if (order.status === "paid") throw bad("Order has already been paid");
    order.attempts = (order.attempts as number) + 1;
    order.status = "attempted";
    const fee = Math.round((order.amount as number) * 0.02);
    const p = this.put("pay_", "payment", {
      amount: order.amount,
      currency: order.currency,
      status: opts.fail ? "failed" : "authorized",
      order_id: order.id,
      method: opts.method ?? "card",
      captured: false,
      amount_refunded: 0,
      refund_status: null,
      international: false,
      email: opts.email ?? "buyer@example.test",
      contact: "+919000090000",
      notes: order.notes,
      fee: 0,
      tax: 0,
      error_code: opts.fail ? "BAD_REQUEST_ERROR" : null,
      error_description: opts.fail ? "Payment failed" : null,
      error_reason: opts.fail ? "payment_failed" : null,
    });
    if (opts.fail) {
      this.emit("payment.failed", { payment: p });
      return p;
    }
    Object.assign(p, { fee, tax: Math.round(fee * 0.18) });
    this.emit("payment.authorized", { payment: p });
    // `authorizeOnly`: the account's auto-capture is off, so the merchant must capture.
    if (!this.specs.get(order.id as string)?.manual && !opts.authorizeOnly) {
      this.capture(p, { amount: p.amount, currency: p.currency });
    }
    return p;
  }

  capture(p: Obj, b: Obj): Obj {
    if (p.status === "captured" || p.captured) throw bad("This payment has already been captured");
    if (p.status !== "authorized") {
      throw bad("Only payments which have been authorized can be captured");
    }
    if (b.amount !== p.amount) {
      throw bad("Capture amount must be equal to the amount authorized", "amount");
    }
    if (b.currency !== undefined && b.currency !== p.currency) {
      throw bad("Currency should be same as payment currency", "currency");
    }
    Object.assign(p, { status: "captured", captured: true });
    const order = this.get(p.order_id as string, "order");
    Object.assign(order, { status: "paid", amount_paid: order.amount, amount_due: 0 });
    this.emit("payment.captured", { payment: p });
    this.emit("order.paid", { payment: p, order });
    const transfers = this.specs.get(order.id as string)?.transfers;
    if (transfers) this.transfer(p, transfers);
    return p;
  }

  refund(p: Obj, b: Obj): Obj {
    if (p.status !== "captured" && p.status !== "refunded") {
      throw bad("Only captured payments can be refunded");
    }
    const left = (p.amount as number) - (p.amount_refunded as number);
    if (left === 0) throw bad("The payment has been fully refunded already");
    const amount = b.amount === undefined ? left : this.amount(b.amount);
    if (amount > left) {
      throw bad("The refund amount provided is greater than amount captured", "amount");
    }
    p.amount_refunded = (p.amount_refunded as number) + amount;
    p.refund_status = p.amount_refunded === p.amount ? "full" : "partial";
    if (p.refund_status === "full") p.status = "refunded";
    if (truthy(b.reverse_all)) {
      for (const t of this.entities.values()) {
        if (t.entity === "transfer" && t.source === p.id) this.reverse(t, undefined);
      }
    }
    const r = this.put("rfnd_", "refund", {
      amount,
      currency: p.currency,
      payment_id: p.id,
      notes: b.notes ?? [],
      receipt: b.receipt ?? null,
      status: "processed",
      speed_requested: b.speed ?? "normal",
      speed_processed: "normal",
      batch_id: null,
    });
    this.emit("refund.created", { refund: r, payment: p });
    this.emit("refund.processed", { refund: r, payment: p });
    return r;
  }

  transfer(p: Obj, list: unknown): Obj {
    if (!Array.isArray(list) || !list.length) {
      throw bad("The transfers field is required.", "transfers");
    }
    if (p.status !== "captured") throw bad("Transfers can only be created for captured payments");
    const already = [...this.entities.values()]
      .filter((t) => t.entity === "transfer" && t.source === p.id)
      .reduce((s, t) => s + (t.amount as number) - (t.amount_reversed as number), 0);
    const asked = list.reduce((s: number, t: Obj) => s + this.amount(t.amount), 0);
    if (already + asked > (p.amount as number) - (p.amount_refunded as number)) {
      throw bad("The sum of amount requested for transfer is greater than the captured amount");
    }
    for (const t of list as Obj[]) {
      if (!this.accounts.has(t.account as string)) {
        throw bad(`Invalid account id: ${t.account}`, "account");
      }
    }
    const items = (list as Obj[]).map((t) => {
      const onHold = truthy(t.on_hold);
      const tr = this.put("trf_", "transfer", {
        status: "processed",
        source: p.id,
        recipient: t.account,
        amount: t.amount,
        currency: t.currency ?? p.currency,
        amount_reversed: 0,
        fees: 0,
        tax: 0,
        notes: t.notes ?? [],
        linked_account_notes: t.linked_account_notes ?? [],
        on_hold: onHold,
        on_hold_until: t.on_hold_until ?? null,
        settlement_status: onHold ? "on_hold" : "pending",
        recipient_settlement_id: null,
        processed_at: now(),
        error: {
          code: null,
          description: null,
          field: null,
          source: null,
          step: null,
          reason: null,
        },
      });
      this.emit("transfer.processed", { transfer: tr });
      return tr;
    });
    return { entity: "collection", count: items.length, items };
  }

  editTransfer(t: Obj, b: Obj): Obj {
    if (t.settlement_status === "settled") throw bad("Transfer has already been settled");
    if ("on_hold" in b) {
      t.on_hold = truthy(b.on_hold);
      t.settlement_status = t.on_hold ? "on_hold" : "pending";
    }
    if ("on_hold_until" in b) t.on_hold_until = b.on_hold_until;
    return t;
  }

  reverse(t: Obj, amount: number | undefined): Obj {
    const left = (t.amount as number) - (t.amount_reversed as number);
    const a = amount ?? left;
    if (a <= 0 || a > left) {
      throw bad("The reversal amount is greater than the transfer amount", "amount");
    }
    t.amount_reversed = (t.amount_reversed as number) + a;
    const r = this.put("rvrsl_", "reversal", {
      transfer_id: t.id,
      amount: a,
      currency: t.currency,
      notes: [],
    });
    this.emit("transfer.reversed", { transfer: t });
    return r;
  }

  dispute(paymentId: string, opts: { amount?: number; reason_code?: string }): Obj {
    const p = this.get(paymentId, "payment");
    if (p.status !== "captured" && p.status !== "refunded") throw bad("Payment is not captured");
    const d = this.put("disp_", "dispute", {
      payment_id: p.id,
      amount: opts.amount ?? p.amount,
      currency: p.currency,
      amount_deducted: 0,
      reason_code: opts.reason_code ?? "chargeback",
      respond_by: now() + 7 * 86400,
      status: "open",
      phase: "chargeback",
    });
    this.emit("payment.dispute.created", { payment: p, dispute: d });
    return d;
  }
}
