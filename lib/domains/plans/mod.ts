/**
 * The song studio's plans (free, pro) and subscriptions: Stripe Billing or the built-in provider.
 * The studio reads a user's quotas from SQL: `public.current_plan(user)`.
 */
export * from "./schemas.ts";
export {
  getPlanView,
  PLAN_PATH,
  type PlanProvider,
  planProvider,
  planState,
  priceOf,
} from "./view.ts";
export { planPortal, setPlanCancel, startPlanCheckout } from "./service.ts";
export { previewPlanCancel } from "./confirm.ts";
export {
  addMonth,
  BuiltinPayInput,
  type BuiltinPayOutcome,
  payBuiltinPlan,
  renewBuiltinPlans,
} from "./builtin.ts";
export { applySubscriptionEvent, subscriptionFromEvent } from "./events.ts";
