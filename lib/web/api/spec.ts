/**
 * Every JSON API operation under /api, described from the zod schemas the routes parse with.
 * tests/integration/openapi_drift_test.ts fails when a route and this list disagree.
 */
import { z } from "zod";
import { buildOpenApi, type Operation } from "./openapi.ts";
import { TokenRequest, TokenResponse } from "../../ports/auth/schemas.ts";
import { marketplaceOperations } from "./spec_marketplace.ts";
import { chatOperations } from "./spec_chat.ts";
import { notificationOperations } from "./spec_notifications.ts";
import { djOperations } from "./spec_dj.ts";
import { paymentOperations } from "./spec_payments.ts";
import { planOperations } from "./spec_plans.ts";
import { studioOperations } from "./spec_studio.ts";
import { masterOperations } from "./spec_master.ts";
import { artistOperations } from "./spec_artists.ts";
import { scoutOperations } from "./spec_scout.ts";
import { mediaOperations } from "./spec_media.ts";
import { directoryOperations } from "./spec_directory.ts";
import { autoOperations } from "./spec_auto.ts";
import { placeOperations } from "./spec_places.ts";

const operations: Operation[] = [
  {
    method: "post",
    path: "/api/auth/token",
    summary: "Get a bearer token (password or refresh-token grant)",
    tag: "auth",
    auth: false,
    body: TokenRequest,
    response: TokenResponse,
    errors: [403, 415, 429],
  },
  {
    method: "get",
    path: "/api/notifications/unread",
    summary: "Count of the caller's unread notifications",
    tag: "notifications",
    auth: true,
    response: z.object({ unread: z.number().int() }),
  },
  ...marketplaceOperations,
  ...chatOperations,
  ...notificationOperations,
  ...djOperations,
  ...paymentOperations,
  ...planOperations,
  ...studioOperations,
  ...masterOperations,
  ...artistOperations,
  ...mediaOperations,
  ...directoryOperations,
  ...scoutOperations,
  ...autoOperations,
  ...placeOperations,
];

/** Lets domain modules add their operations (marketplace, chat, DJ…). */
export function registerOperations(ops: Operation[]): void {
  operations.push(...ops);
}

/** The operations, in document order. */
export function listOperations(): readonly Operation[] {
  return operations;
}

let cached: Record<string, unknown> | null = null;

/** The OpenAPI 3.1 document served at /api/openapi.json (built once). */
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApi(operations, {
    title: "Soundcheck API",
    version: "1.0.0",
    description:
      "Gigs, applications, bookings, matching and AI writing for musicians and the people " +
      "who hire them. Authenticate with `POST /api/auth/token`, then send `Authorization: Bearer <token>`. " +
      "Errors are `{ error: { status, code, message, field?, issues? } }` (`components.schemas.Error`).",
  });
  return cached;
}
