/**
 * The payment providers this deployment has, by name: the built-in one (refused in production
 * unless PAYMENTS_BUILTIN=on), and Stripe and Razorpay when their keys are set. Each adapter is
 * built once per configuration, on first use; where a release goes (the musician's payout
 * account and share) is asked of the payments domain through `PayoutLookup`.
 */
import type { Config } from "../../platform/config.ts";
import { type BuiltinProvider, createBuiltinProvider } from "./builtin.ts";
import type { Checkout, CheckoutRequest, PaymentProvider, ProviderName } from "./port.ts";
import { selectProvider } from "./select.ts";
import { createStripeProvider, type StripeProvider } from "./stripe.ts";
import { createRazorpayProvider, type RazorpayProvider, type Route } from "./razorpay.ts";

export * from "./port.ts";
export { selectProvider } from "./select.ts";
export type { BuiltinProvider } from "./builtin.ts";
export type { StripeProvider } from "./stripe.ts";
export type { RazorpayProvider, Route } from "./razorpay.ts";

export type LiveProviderName = "stripe" | "razorpay";

/** Where a booking's release goes: the musician's enabled account on `provider` and their share. */
export interface PayoutLookup {
  /** `paymentId`: one part of a booking paid in two; else its full payment. */
  routeFor(
    provider: LiveProviderName,
    bookingId: string,
    paymentId?: string,
  ): Promise<Route | null>;
}

/** A provider this deployment does not have (not configured, or the built-in one in production). */
export class ProviderUnavailable extends Error {
  constructor(readonly provider: ProviderName, message: string) {
    super(message);
  }
}

export interface PaymentProviders {
  /** The provider a new checkout in `currency` goes to. */
  select(currency: string): ProviderName;
  /** Throws `ProviderUnavailable` for one this deployment does not have. */
  get(name: ProviderName): PaymentProvider;
  stripe(): StripeProvider;
  razorpay(): RazorpayProvider;
  /** Always present (its scheduled events and secret); `get("builtin")` may still refuse it. */
  builtin: BuiltinProvider;
}

/** One set per configuration: adapters keep SDK clients, the built-in one its scheduled events. */
const cache = new WeakMap<Config, PaymentProviders>();

/** Whether the built-in provider may take bookings' money here: never silently in production. */
export function builtinAllowed(config: Pick<Config, "APP_ENV" | "PAYMENTS_BUILTIN">): boolean {
  return config.PAYMENTS_BUILTIN === "on" ||
    (config.APP_ENV !== "prod" && config.PAYMENTS_BUILTIN !== "off");
}

export function paymentProviders(
  config: Config,
  siteUrl: string,
  payouts: PayoutLookup,
): PaymentProviders {
  const hit = cache.get(config);
  if (hit) return hit;
  const builtin = createBuiltinProvider({
    // A random secret still verifies what this process signs (the hosted page's webhooks).
    secret: config.PAYMENTS_BUILTIN_SECRET ?? crypto.randomUUID() + crypto.randomUUID(),
    siteUrl,
    payoutDelayMs: config.PAYMENTS_BUILTIN_PAYOUT_DELAY_S * 1000,
  });
  let stripe: StripeProvider | undefined;
  let razorpay: RazorpayProvider | undefined;
  const unavailable = (name: ProviderName, vars: string) =>
    new ProviderUnavailable(name, `Payments through ${name} are not configured (${vars})`);

  const made: PaymentProviders = {
    select: (currency) => selectProvider(config, currency),
    get(name) {
      if (name === "stripe") return made.stripe();
      if (name === "razorpay") return made.razorpay();
      if (!builtinAllowed(config)) {
        throw new ProviderUnavailable(
          "builtin",
          "Payments are not configured on this server: set the Stripe or Razorpay keys " +
            "(the built-in test provider takes no real money and is off in production)",
        );
      }
      return builtin;
    },
    stripe() {
      if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) {
        throw unavailable("stripe", "STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET");
      }
      stripe ??= withAbsoluteReturn(
        createStripeProvider({
          secretKey: config.STRIPE_SECRET_KEY,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET,
          connectWebhookSecret: config.STRIPE_CONNECT_WEBHOOK_SECRET,
          apiUrl: config.STRIPE_API_URL,
          destinationFor: async (booking) =>
            (await payouts.routeFor("stripe", booking))?.account ?? null,
        }),
        siteUrl,
      );
      return stripe;
    },
    razorpay() {
      const { RAZORPAY_KEY_ID: keyId, RAZORPAY_KEY_SECRET: keySecret } = config;
      if (!keyId || !keySecret || !config.RAZORPAY_WEBHOOK_SECRET) {
        throw unavailable(
          "razorpay",
          "RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET",
        );
      }
      razorpay ??= withAbsoluteReturn(
        createRazorpayProvider({
          keyId,
          keySecret,
          webhookSecret: config.RAZORPAY_WEBHOOK_SECRET,
          apiUrl: config.RAZORPAY_API_URL,
          checkoutPageUrl: (booking, order) =>
            `${siteUrl}/pay/${booking}/razorpay?order=${encodeURIComponent(order)}`,
          routeFor: (booking, payment) => payouts.routeFor("razorpay", booking, payment),
        }),
        siteUrl,
      );
      return razorpay;
    },
    builtin,
  };
  cache.set(config, made);
  return made;
}

/** The domain passes app paths (`/bookings/…`); a hosted checkout needs absolute return URLs. */
function withAbsoluteReturn<P extends PaymentProvider>(provider: P, siteUrl: string): P {
  const open = provider.openCheckout.bind(provider);
  return Object.assign(provider, {
    openCheckout: (req: CheckoutRequest): Promise<Checkout> =>
      open({ ...req, returnUrl: new URL(req.returnUrl, siteUrl).href }),
  });
}
