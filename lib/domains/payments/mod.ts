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
  attemptProviderWork,
  backoffSeconds,
  paymentsQueueHandler,
  RETRY,
  retryPaymentWork,
  type RetryPolicy,
} from "./jobs.ts";
export { reconcilePayments, type ReconcileSummary } from "./reconcile.ts";
export { failedWorkText } from "./work_text.ts";
export {
  listPayoutAccounts,
  livePayoutProviders,
  OnboardingResult,
  PayoutAccount,
  PayoutAccounts,
  type PayoutSetup,
  payoutSetup,
  RazorpayAccountInput,
  registerRazorpayAccount,
  startStripeOnboarding,
} from "./payouts.ts";
export { previewRazorpayChange } from "./payout_confirm.ts";
export { CHARGE_DAYS_BEFORE, chargeSavedCards } from "./off_session.ts";
export {
  balanceDueAt,
  depositOffered,
  depositSplit,
  focusPart,
  inPartOrder,
  milestones,
  overallState,
  PART_LABEL,
  partsOf,
  payableBalance,
} from "./milestones.ts";
