/**
 * Razorpay's two signatures and its events in the port's terms. Checkout hands the return route
 * `razorpay_signature` = hex HMAC-SHA256(key_secret, "order_id|payment_id"); webhooks carry
 * `X-Razorpay-Signature` = hex HMAC-SHA256(webhook_secret, raw body) and their id in
 * `X-Razorpay-Event-Id`. Razorpay signs no timestamp, so replays are stopped by the event id.
 */
import { z } from "zod";
import { PaymentEvent, WebhookRejected } from "./port.ts";

const enc = new TextEncoder();

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares without an early exit, so timing does not reveal how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = enc.encode(a), y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** What Razorpay Checkout posts to the return route after a payment. */
export const CheckoutReturn = z.object({
  razorpay_payment_id: z.string().regex(/^pay_[A-Za-z0-9]+$/),
  razorpay_order_id: z.string().regex(/^order_[A-Za-z0-9]+$/),
  razorpay_signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CheckoutReturn = z.infer<typeof CheckoutReturn>;

/** Whether Checkout's answer is genuine: the return route calls this before trusting it. */
export async function verifyCheckoutSignature(
  keySecret: string,
  ret: CheckoutReturn,
): Promise<boolean> {
  const expected = await hmacSha256Hex(
    keySecret,
    `${ret.razorpay_order_id}|${ret.razorpay_payment_id}`,
  );
  return constantTimeEqual(expected, ret.razorpay_signature);
}

type Entity = Record<string, unknown>;
interface RazorpayBody {
  event?: unknown;
  payload?: Record<string, { entity?: Entity } | undefined>;
}

const uuid = z.string().uuid();
const str = (v: unknown) => (typeof v === "string" ? v : null);
const int = (v: unknown) => (Number.isInteger(v) ? v as number : null);
const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : null);

function paymentIdOf(entity: Entity | undefined): string | null {
  const notes = entity?.notes;
  const id = notes && typeof notes === "object" ? (notes as Entity).payment : undefined;
  return uuid.safeParse(id).success ? id as string : null;
}

/** Verifies a webhook and normalises it; throws `WebhookRejected` when it is not genuine. */
export async function verifyRazorpayWebhook(
  webhookSecret: string,
  rawBody: string,
  headers: Headers,
): Promise<PaymentEvent> {
  const sig = headers.get("x-razorpay-signature") ?? "";
  if (!/^[0-9a-f]{64}$/.test(sig)) throw new WebhookRejected("Missing X-Razorpay-Signature");
  if (!constantTimeEqual(await hmacSha256Hex(webhookSecret, rawBody), sig)) {
    throw new WebhookRejected("Bad signature");
  }
  let body: RazorpayBody;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new WebhookRejected("The body is not JSON");
  }
  if (!body || typeof body !== "object" || typeof body.event !== "string") {
    throw new WebhookRejected("Unexpected Razorpay event shape");
  }
  // Razorpay always sends the id; a body hash keeps a signed event without one deduplicated.
  const id = headers.get("x-razorpay-event-id") ??
    `sha256:${(await hmacSha256Hex("razorpay-event", rawBody)).slice(0, 40)}`;
  const payment = body.payload?.payment?.entity;
  const of = (e: Entity | undefined) => ({
    amountMinor: int(e?.amount),
    currency: upper(e?.currency),
    providerRef: str(e?.id),
  });
  let fields: Omit<PaymentEvent, "id" | "providerType" | "payload"> = {
    type: "unknown",
    paymentId: null,
    amountMinor: null,
    currency: null,
    providerRef: null,
  };
  switch (body.event) {
    case "payment.captured":
      fields = { type: "payment.succeeded", paymentId: paymentIdOf(payment), ...of(payment) };
      break;
    case "payment.failed":
      fields = { type: "payment.failed", paymentId: paymentIdOf(payment), ...of(payment) };
      break;
    case "payment.dispute.created": {
      const dispute = body.payload?.dispute?.entity;
      fields = {
        type: "dispute.created",
        paymentId: paymentIdOf(payment),
        ...of(dispute),
        // The payment is what the booking knows, not the dispute.
        providerRef: str(dispute?.payment_id) ?? str(payment?.id),
      };
      break;
    }
    // The port has no refund or transfer types yet: kept as unknown, with what they carry.
    case "refund.processed":
    case "transfer.processed": {
      const e = body.payload?.[body.event.split(".")[0]]?.entity;
      fields = { ...fields, paymentId: paymentIdOf(payment ?? e), ...of(e) };
      break;
    }
  }
  const parsed = PaymentEvent.safeParse({
    id,
    providerType: body.event.slice(0, 100),
    payload: body as Record<string, unknown>,
    ...fields,
  });
  if (!parsed.success) throw new WebhookRejected("Unexpected Razorpay event shape");
  return parsed.data;
}
