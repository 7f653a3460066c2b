/**
 * `dj`: starts an AI DJ run for a signed-in user (lib/domains/dj/run.ts): a prompt in any language
 * becomes a playlist, in the user's Spotify account when connected, else a draft from the offline
 * catalogue. The run goes on as staged jobs on the `ai` queue (interpret → search → build).
 *
 * POST `{ prompt, length?: 10–50, no_explicit?, parent_id? }` with `Authorization: Bearer <access
 * token>`; 201 `{ run }` at once (`status: "queued"`). Follow it on the private Realtime channel
 * `dj_run:<id>` (event `progress`: `{ id, status, stage, progress, error }`), or read the row:
 * `dj_runs` is readable by its owner through the API (`status` becomes `draft`, `exported` or
 * `failed`, with its tracks and reasons). 400 naming the field, 401 without a valid token, 404
 * for an unknown parent_id, 429 over the daily limit.
 */
import { defineFunction, requireCaller } from "../_shared/serve.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { readRunBody, RUN_BODY_LIMIT, startedResponse } from "../../lib/domains/dj/http.ts";
import { startDjRun } from "../../lib/domains/dj/service.ts";

export const dj = defineFunction(async ({ req, platform, user }) => {
  if (req.method !== "POST") {
    throw new HttpError(405, "Use POST", { field: "method", headers: { allow: "POST" } });
  }
  const caller = requireCaller(user);
  const input = await readRunBody(req);
  return startedResponse(await startDjRun(platform, caller.claims, input));
}, { bodyLimit: RUN_BODY_LIMIT });

if (import.meta.main) Deno.serve(dj.handler);
