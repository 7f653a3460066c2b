/** Every Edge Function by name: the web server mounts each at /functions/v1/<name>. */
import type { EdgeFunction } from "./_shared/serve.ts";
import { aiWrite } from "./ai-write/index.ts";
import { dj } from "./dj/index.ts";
import { health } from "./health/index.ts";
import { paymentsWebhook } from "./payments-webhook/index.ts";
import { studio } from "./studio/index.ts";
import { worker } from "./worker/index.ts";

export const functions: Record<string, EdgeFunction> = {
  "ai-write": aiWrite,
  dj,
  health,
  "payments-webhook": paymentsWebhook,
  studio,
  worker,
};
