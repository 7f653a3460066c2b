/**
 * `ai-write`: an AI draft for the signed-in user (lib/ai/write_request.ts).
 *
 * POST `{ task, gig_id?, musician_id? }` with `Authorization: Bearer <access token>`;
 * task is one of bio, setlist, proposal, announcement, social_post (all but bio need gig_id).
 * 200 `{ task, draft, value, source: "live" | "offline", model, remaining }`; 400 naming the field,
 * 401 without a valid token, 403/404 for someone else's profile or an unknown gig, 429 over the
 * daily limit (AI_DAILY_LIMIT per task). The draft is never saved: the user edits it first.
 */
import { getPlatform } from "../_shared/platform.ts";
import { handleAiWriteRequest } from "../../lib/ai/write_request.ts";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, apikey, x-client-info",
  "access-control-allow-methods": "POST, OPTIONS",
};

export async function handler(req: Request): Promise<Response> {
  if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  const platform = await getPlatform();
  const auth = req.headers.get("authorization") ?? "";
  const token = auth.match(/^Bearer\s+(\S+)$/i)?.[1];
  const claims = token ? await platform.auth.verify(token) : null;
  const res = await handleAiWriteRequest(
    {
      db: platform.db,
      ai: platform.ai,
      dailyLimit: platform.config.AI_DAILY_LIMIT,
      log: platform.log,
    },
    claims,
    req,
  );
  for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
  return res;
}

if (import.meta.main) Deno.serve(handler);
