/**
 * The built-in provider: offline and deterministic, for development, tests and demos. The client
 * pays on a hosted page inside the app (routes/pay/[id].tsx); outcomes follow the card number:
 *
 * - 4242424242424242 succeeds; 4000000000000002 is declined;
 * - 4000000000003220 asks for a 3-D-Secure-like confirmation first;
 * - 4000000000000259 succeeds, then a dispute arrives later (on the next payments sweep).
 *
 * Its webhooks are signed like Stripe's: header `x-soundcheck-signature: t=<unix s>,v1=<hex>`,
 * the hex being HMAC-SHA256(secret, `<t>.<raw body>`), refused outside 5 minutes. Payouts settle
 * `payoutDelayMs` after a release. The scheduled disputes live in memory: a restart forgets them,
 * and so does its record of charges, refunds and transfers (`retrieve`, for the reconcile).
 */
import {
  type Checkout,
  type CheckoutRequest,
  PaymentEvent,
  type PaymentProvider,
  type ProviderObject,
  type Transfer,
  type TransferRequest,
  WebhookRejected,
} from "./port.ts";

export const SIGNATURE_HEADER = "x-soundcheck-signature";
const TOLERANCE_S = 300;

export const TEST_CARDS = {
  success: "4242424242424242",
  decline: "4000000000000002",
  confirm: "4000000000003220",
  disputeLater: "4000000000000259",
} as const;

export type CardOutcome = "success" | "decline" | "confirm" | "dispute_later" | "unknown";

export function cardOutcome(number: string): CardOutcome {
  switch (number.replace(/[\s-]/g, "")) {
    case TEST_CARDS.success:
      return "success";
    case TEST_CARDS.decline:
      return "decline";
    case TEST_CARDS.confirm:
      return "confirm";
    case TEST_CARDS.disputeLater:
      return "dispute_later";
    default:
      return "unknown";
  }
}

/** The built-in provider's own event names, as its webhook bodies carry them. */
const TYPES: Record<string, PaymentEvent["type"]> = {
  "charge.succeeded": "payment.succeeded",
  "charge.failed": "payment.failed",
  "charge.dispute.created": "dispute.created",
  "payout.paid": "payout.paid",
};

export interface BuiltinWebhookBody {
  id: string;
  type: string;
  data: { payment_id?: string; amount_minor?: number; currency?: string; ref?: string };
}

const enc = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    {
      name: "HMAC",
      hash: "SHA-256",
    },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The signature header for a raw body at `now` (the hosted page and tests send webhooks so). */
export async function signBuiltin(
  secret: string,
  rawBody: string,
  now = Date.now(),
): Promise<string> {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${await hmacHex(secret, `${t}.${rawBody}`)}`;
}

export interface BuiltinOptions {
  secret: string;
  siteUrl: string;
  payoutDelayMs: number;
  now?: () => number;
}

export interface BuiltinProvider extends PaymentProvider {
  readonly name: "builtin";
  readonly secret: string;
  /** Schedules a webhook body for later (the "dispute later" card). */
  schedule(body: BuiltinWebhookBody, atMs: number): void;
  /** Takes the scheduled bodies that are due. */
  takeDue(): BuiltinWebhookBody[];
  /** Sets what the provider holds about an object (tests make it disagree with the ledger). */
  record(obj: ProviderObject & { settlesAt?: number }): void;
}

export function createBuiltinProvider(opts: BuiltinOptions): BuiltinProvider {
  const now = opts.now ?? Date.now;
  const scheduled: { at: number; body: BuiltinWebhookBody }[] = [];
  // Its own record, by ref: what `retrieve` answers. A transfer is pending until it settles.
  const objects = new Map<string, ProviderObject & { settlesAt?: number }>();
  return {
    name: "builtin",
    secret: opts.secret,
    openCheckout(req: CheckoutRequest): Promise<Checkout> {
      return Promise.resolve({
        ref: `bi_co_${req.paymentId}`,
        url: `${opts.siteUrl}/pay/${req.bookingId}`,
      });
    },
    async verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent> {
      const header = headers.get(SIGNATURE_HEADER) ?? "";
      const parts = new Map(
        header.split(",").map((p) => p.trim().split("=", 2) as [string, string]),
      );
      const t = Number(parts.get("t"));
      const v1 = parts.get("v1") ?? "";
      if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) {
        throw new WebhookRejected("Missing or malformed signature");
      }
      if (Math.abs(now() / 1000 - t) > TOLERANCE_S) throw new WebhookRejected("Stale signature");
      if (!timingSafeEqual(await hmacHex(opts.secret, `${t}.${rawBody}`), v1)) {
        throw new WebhookRejected("Bad signature");
      }
      let body: BuiltinWebhookBody;
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new WebhookRejected("The body is not JSON");
      }
      const parsed = PaymentEvent.safeParse({
        id: body?.id,
        type: TYPES[body?.type] ?? "unknown",
        providerType: String(body?.type ?? "").slice(0, 100),
        paymentId: body?.data?.payment_id ?? null,
        amountMinor: body?.data?.amount_minor ?? null,
        currency: body?.data?.currency ?? null,
        providerRef: body?.data?.ref ?? null,
        payload: body && typeof body === "object" ? body : {},
      });
      if (!parsed.success) throw new WebhookRejected("Unexpected event shape");
      const ev = parsed.data;
      // Its hosted page charges the card and announces it through this signed webhook: the
      // charge enters its record here, once (a replay keeps what is recorded).
      if (ev.type === "payment.succeeded" && ev.providerRef && !objects.has(ev.providerRef)) {
        objects.set(ev.providerRef, {
          kind: "payment",
          ref: ev.providerRef,
          amountMinor: ev.amountMinor ?? 0,
          currency: ev.currency ?? "",
          status: "succeeded",
        });
      }
      return ev;
    },
    transfer(req: TransferRequest): Promise<Transfer> {
      const ref = `bi_tr_${req.paymentId}`;
      const settlesAt = objects.get(ref)?.settlesAt ?? now() + opts.payoutDelayMs;
      objects.set(ref, { ...objectOf("transfer", ref, req), status: "pending", settlesAt });
      return Promise.resolve({ ref, settlesAt: new Date(settlesAt) });
    },
    refund(req) {
      const ref = `bi_re_${req.paymentId}`;
      objects.set(ref, { ...objectOf("refund", ref, req), status: "succeeded" });
      return Promise.resolve({ ref });
    },
    retrieve(_kind, ref) {
      const o = objects.get(ref);
      if (!o) return Promise.resolve(null);
      const { settlesAt, ...obj } = o;
      const settled = obj.status === "pending" && settlesAt !== undefined && settlesAt <= now();
      return Promise.resolve(settled ? { ...obj, status: "succeeded" } : obj);
    },
    record(obj) {
      objects.set(obj.ref, obj);
    },
    schedule(body, atMs) {
      scheduled.push({ at: atMs, body });
    },
    takeDue() {
      const due = scheduled.filter((s) => s.at <= now());
      for (const d of due) scheduled.splice(scheduled.indexOf(d), 1);
      return due.map((d) => d.body);
    },
  };
}

function objectOf(
  kind: ProviderObject["kind"],
  ref: string,
  req: { amountMinor: number; currency: string },
): Omit<ProviderObject, "status"> {
  return { kind, ref, amountMinor: req.amountMinor, currency: req.currency };
}
