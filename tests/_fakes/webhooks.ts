/**
 * Webhook plumbing shared by the payment-provider fakes: HMAC-SHA256 hex signatures (what Stripe
 * and Razorpay both sign with), ids that look like the providers', and delivery of signed requests
 * once or many times concurrently in a shuffled order (providers retry, duplicate and reorder).
 */

/** A webhook request as the provider would send it: the exact raw body and its headers. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface Delivery {
  url: string;
  status: number;
  /** The event id (Stripe `evt_…`, Razorpay `X-Razorpay-Event-Id`). */
  event: string;
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** Hex HMAC-SHA256 of `data` under `secret`. */
export async function hmacHex(secret: string, data: string): Promise<string> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keys.set(secret, key);
  }
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key, encoder.encode(data)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `prefix` + `n` random base62 characters (`pay_` + 14 is a Razorpay id; Stripe's are longer). */
export function providerId(prefix: string, n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return prefix + Array.from(bytes, (b) => B62[b % 62]).join("");
}

/** A seeded shuffle (mulberry32), so an "out of order" run can be reproduced from its seed. */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** POSTs one signed request; answers the receiver's status (the body is drained). */
export async function post(url: string, req: SignedRequest, event: string): Promise<Delivery> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...req.headers },
    body: req.body,
  });
  await res.body?.cancel();
  return { url, status: res.status, event };
}

/**
 * Sends every request `times` times, all at once, started in a shuffled order. `sign` is called
 * per copy, as providers re-sign each attempt. Answers one Delivery per copy, in the order sent.
 */
export async function replay(
  url: string,
  items: { event: string; sign: () => Promise<SignedRequest> }[],
  opts: { times?: number; seed?: number } = {},
): Promise<Delivery[]> {
  const copies = items.flatMap((item) => Array.from({ length: opts.times ?? 1 }, () => item));
  const order = shuffle(copies, opts.seed ?? Date.now());
  const signed = await Promise.all(order.map((item) => item.sign()));
  return await Promise.all(signed.map((req, i) => post(url, req, order[i].event)));
}
