/**
 * `dj`: the AI DJ for a signed-in user (lib/dj/run.ts): a prompt in any language becomes a
 * playlist, in the user's Spotify account when connected, else a draft from the offline catalogue.
 *
 * POST `{ prompt, length?: 10–50, no_explicit?, parent_id? }` with `Authorization: Bearer <access
 * token>`; 201 `{ run }` (tracks with reasons, playlist URL, timings), or with
 * `Accept: application/x-ndjson` progress lines ending in `{"stage":"done","run":…}`. 400 naming
 * the field, 401 without a valid token, 404 for an unknown parent_id, 429 over the daily limit.
 */
import { getPlatform } from "../_shared/platform.ts";
import { errorOf, readRunBody, runResponse, wantsStream } from "../../lib/dj/http.ts";
import { djDeps } from "../../lib/dj/service.ts";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, accept, apikey, x-client-info",
  "access-control-allow-methods": "POST, OPTIONS",
};

function error(status: number, message: string, field?: string): Response {
  return Response.json({ error: { status, message, ...(field ? { field } : {}) } }, { status });
}

export async function handler(req: Request): Promise<Response> {
  if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  let res: Response;
  if (req.method !== "POST") res = error(405, "Use POST", "method");
  else {
    const platform = await getPlatform();
    const token = (req.headers.get("authorization") ?? "").match(/^Bearer\s+(\S+)$/i)?.[1];
    const claims = token ? await platform.auth.verify(token) : null;
    if (!claims) res = error(401, "Sign in first", "authorization");
    else {
      try {
        const input = await readRunBody(req);
        res = await runResponse(await djDeps(platform), claims, input, wantsStream(req));
      } catch (err) {
        const e = errorOf(err);
        if (e.status >= 500) platform.log({ level: "error", msg: "dj failed", error: String(err) });
        res = error(e.status, e.message, e.field);
      }
    }
  }
  for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
  return res;
}

if (import.meta.main) Deno.serve(handler);
