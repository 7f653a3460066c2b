/** Escrow payments for bookings: checkout, provider events, release, refund, disputes, sweep. */
export * from "./schemas.ts";
export { type PaymentDeps, paymentDeps, payoutLookup } from "./deps.ts";
export {
  availableProvider,
  getPayment,
  openDispute,
  providerWork,
  refundPayment,
  releasePayment,
  resolveDispute,
  startCheckout,
} from "./actions.ts";
export { applyEvent, type ApplyResult } from "./events.ts";
export { sweepPayments } from "./sweep.ts";
export {
  listPayoutAccounts,
  OnboardingResult,
  PayoutAccount,
  PayoutAccounts,
  type PayoutSetup,
  payoutSetup,
  RazorpayAccountInput,
  registerRazorpayAccount,
  startStripeOnboarding,
} from "./payouts.ts";
