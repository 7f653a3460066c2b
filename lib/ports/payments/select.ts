/**
 * Which provider takes a booking's money: INR goes to Razorpay when it is configured, anything
 * else to Stripe when configured, and the built-in provider otherwise (which mod.ts refuses in
 * production unless PAYMENTS_BUILTIN=on). Config makes each provider's variables all-or-none.
 */
import type { ProviderName } from "./port.ts";

export interface ProviderConfig {
  STRIPE_SECRET_KEY?: string;
  RAZORPAY_KEY_ID?: string;
  RAZORPAY_KEY_SECRET?: string;
}

export function selectProvider(config: ProviderConfig, currency: string): ProviderName {
  const razorpay = Boolean(config.RAZORPAY_KEY_ID && config.RAZORPAY_KEY_SECRET);
  if (currency.toUpperCase() === "INR" && razorpay) return "razorpay";
  if (config.STRIPE_SECRET_KEY) return "stripe";
  return "builtin";
}
