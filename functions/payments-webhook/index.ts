/**
 * `payments-webhook`: every payment provider's events, at one endpoint. The provider is named by
 * the `x-payment-provider` header, else recognised by its signature header (the built-in
 * provider's `x-soundcheck-signature`, Stripe's `stripe-signature`, Razorpay's
 * `x-razorpay-signature`; a provider not configured here is a 400). The signature is checked on the raw body
 * exactly as received (the edge buffers bytes and leaves them intact); a tampered or stale one is
 * a 400 with nothing stored. A verified event is stored by (provider, event id) and applied once,
 * in one transaction, and the answer is quick: slow provider calls are left to the sweep.
 */
import { defineFunction } from "../_shared/serve.ts";
import { json } from "../_shared/platform.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { applyEvent, paymentDeps } from "../../lib/domains/payments/mod.ts";
import { type ProviderName, WebhookRejected } from "../../lib/ports/payments/mod.ts";
import { SIGNATURE_HEADER } from "../../lib/ports/payments/builtin.ts";

function providerOf(headers: Headers): ProviderName | null {
  const named = headers.get("x-payment-provider");
  if (named === "builtin" || named === "stripe" || named === "razorpay") return named;
  if (named) return null;
  if (headers.has(SIGNATURE_HEADER)) return "builtin";
  if (headers.has("stripe-signature")) return "stripe";
  if (headers.has("x-razorpay-signature")) return "razorpay";
  return null;
}

export const paymentsWebhook = defineFunction(async ({ req, platform }) => {
  if (req.method !== "POST") {
    throw new HttpError(405, "POST a provider's event", { headers: { allow: "POST" } });
  }
  const name = providerOf(req.headers);
  if (!name) throw new HttpError(400, "Unknown payment provider", { field: "x-payment-provider" });
  const deps = paymentDeps(platform);
  let provider;
  try {
    provider = deps.providers.get(name);
  } catch {
    throw new HttpError(400, `The ${name} provider is not available`, { field: "provider" });
  }
  const raw = await req.text();
  let event;
  try {
    event = await provider.verifyWebhook(raw, req.headers);
  } catch (err) {
    if (err instanceof WebhookRejected) {
      throw new HttpError(400, err.message, { field: "signature" });
    }
    throw err;
  }
  const result = await applyEvent(deps, name, event);
  return json({ received: true, result });
});

if (import.meta.main) Deno.serve(paymentsWebhook.handler);
