/** The song studio's plans: the API operations for the OpenAPI document. */
import type { Operation } from "./openapi.ts";
import {
  PlanCheckoutInput,
  PlanCheckoutResult,
  PlanView,
  PortalResult,
} from "../../domains/plans/mod.ts";

export const planOperations: Operation[] = [
  {
    method: "get",
    path: "/api/plan",
    summary: "The caller's plan and its quotas, their subscription, and every plan's prices",
    tag: "plans",
    auth: true,
    response: PlanView,
  },
  {
    method: "post",
    path: "/api/plan/checkout",
    summary: "Start an upgrade: answers where to pay (Stripe Checkout or the built-in page) " +
      "and the monthly price; the plan changes when the provider confirms the payment",
    tag: "plans",
    auth: true,
    body: PlanCheckoutInput,
    response: PlanCheckoutResult,
    status: 201,
    errors: [409, 415],
  },
  {
    method: "post",
    path: "/api/plan/cancel",
    summary: "Cancel at the end of the paid period (the plan stays until then)",
    tag: "plans",
    auth: true,
    response: PlanView,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/plan/resume",
    summary: "Keep the plan after all: undo a cancellation before the period ends",
    tag: "plans",
    auth: true,
    response: PlanView,
    errors: [409],
  },
  {
    method: "post",
    path: "/api/plan/portal",
    summary: "A Stripe customer-portal link (card, invoices, cancel) for a Stripe subscription",
    tag: "plans",
    auth: true,
    response: PortalResult,
    status: 201,
    errors: [409],
  },
];
