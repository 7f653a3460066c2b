/**
 * POST /api/payouts/onboarding: a musician starts or resumes Stripe Connect Express onboarding;
 * answers Stripe's one-time onboarding URL. The status arrives later by `account.updated`.
 */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { paymentDeps, startStripeOnboarding } from "../../../lib/domains/payments/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const deps = paymentDeps(ctx.state.platform);
    return Response.json(await startStripeOnboarding(deps, user.claims), { status: 201 });
  },
});
