/**
 * The payment providers this deployment has, by name. Only the built-in one is implemented;
 * `selectProvider` may name Stripe or Razorpay once configured, and asking for them here fails
 * clearly until their adapters land.
 */
import type { Config } from "../../platform/config.ts";
import { type BuiltinProvider, createBuiltinProvider } from "./builtin.ts";
import type { PaymentProvider, ProviderName } from "./port.ts";
import { selectProvider } from "./select.ts";

export * from "./port.ts";
export { selectProvider } from "./select.ts";
export type { BuiltinProvider } from "./builtin.ts";

export interface PaymentProviders {
  /** The provider a new checkout in `currency` goes to. */
  select(currency: string): ProviderName;
  get(name: ProviderName): PaymentProvider;
  builtin: BuiltinProvider;
}

/** One set per configuration: the built-in provider keeps its scheduled events in memory. */
const cache = new WeakMap<Config, PaymentProviders>();

export function paymentProviders(config: Config, siteUrl: string): PaymentProviders {
  const hit = cache.get(config);
  if (hit) return hit;
  const builtin = createBuiltinProvider({
    // A random secret still verifies what this process signs (the hosted page's webhooks).
    secret: config.PAYMENTS_BUILTIN_SECRET ?? crypto.randomUUID() + crypto.randomUUID(),
    siteUrl,
    payoutDelayMs: config.PAYMENTS_BUILTIN_PAYOUT_DELAY_S * 1000,
  });
  const made: PaymentProviders = {
    select: (currency) => selectProvider(config, currency),
    get(name) {
      if (name === "builtin") return builtin;
      throw new Error(`The ${name} payment adapter is not built yet`);
    },
    builtin,
  };
  cache.set(config, made);
  return made;
}
