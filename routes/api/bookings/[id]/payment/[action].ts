/**
 * POST /api/bookings/:id/payment/{checkout|release|refund|dispute|resolve}: open the checkout
 * of the whole fee, a deposit or the balance (client), release held funds (client), refund
 * (musician), dispute (either party), decide a dispute (admin).
 */
import { define } from "../../../../../utils.ts";
import { HttpError, parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import { PaymentAction } from "../../../../../lib/web/api/payments.ts";
import {
  CheckoutInput,
  DisputeInput,
  openDispute,
  paymentDeps,
  RefundInput,
  refundPayment,
  releasePayment,
  resolveDispute,
  ResolveInput,
  startCheckout,
} from "../../../../../lib/domains/payments/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Booking");
    const action = PaymentAction.safeParse(ctx.params.action);
    if (!action.success) {
      throw new HttpError(
        404,
        "Unknown action: use checkout, release, refund, dispute or resolve",
        {
          field: "action",
        },
      );
    }
    const deps = paymentDeps(ctx.state.platform);
    switch (action.data) {
      case "checkout": {
        // The body is optional: none pays the whole fee, as before the choice existed.
        const none = ctx.req.body === null || ctx.req.headers.get("content-length") === "0";
        const { part } = none ? { part: "full" as const } : await readBody(ctx.req, CheckoutInput);
        return Response.json(await startCheckout(deps, user.claims, id, part), { status: 201 });
      }
      case "release":
        return Response.json(await releasePayment(deps, user.claims, id));
      case "refund": {
        const { amount_minor } = await readBody(ctx.req, RefundInput);
        return Response.json(await refundPayment(deps, user.claims, id, amount_minor));
      }
      case "dispute": {
        const { reason } = await readBody(ctx.req, DisputeInput);
        return Response.json(await openDispute(deps, user.claims, id, reason), { status: 201 });
      }
      case "resolve": {
        const input = await readBody(ctx.req, ResolveInput);
        return Response.json(await resolveDispute(deps, user.claims, id, input));
      }
    }
  },
});
