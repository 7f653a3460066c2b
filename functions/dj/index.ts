/**
 * `dj`: the AI DJ for a signed-in user (lib/dj/run.ts): a prompt in any language becomes a
 * playlist, in the user's Spotify account when connected, else a draft from the offline catalogue.
 *
 * POST `{ prompt, length?: 10–50, no_explicit?, parent_id? }` with `Authorization: Bearer <access
 * token>`; 201 `{ run }` (tracks with reasons, playlist URL, timings), or with
 * `Accept: application/x-ndjson` progress lines ending in `{"stage":"done","run":…}`. 400 naming
 * the field, 401 without a valid token, 404 for an unknown parent_id, 429 over the daily limit.
 */
import { defineFunction, requireCaller } from "../_shared/serve.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { readRunBody, RUN_BODY_LIMIT, runResponse, wantsStream } from "../../lib/dj/http.ts";
import { djDeps } from "../../lib/dj/service.ts";

export const dj = defineFunction(async ({ req, platform, user }) => {
  if (req.method !== "POST") {
    throw new HttpError(405, "Use POST", { field: "method", headers: { allow: "POST" } });
  }
  const caller = requireCaller(user);
  const input = await readRunBody(req);
  return await runResponse(await djDeps(platform), caller.claims, input, wantsStream(req));
}, { bodyLimit: RUN_BODY_LIMIT });

if (import.meta.main) Deno.serve(dj.handler);
