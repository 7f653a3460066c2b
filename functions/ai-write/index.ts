/**
 * `ai-write`: an AI draft for the signed-in user (lib/domains/writing/write_request.ts).
 *
 * POST `{ task, gig_id?, musician_id?, language? }` with `Authorization: Bearer <access token>`;
 * task is one of bio, setlist, proposal, announcement, social_post (all but bio need gig_id);
 * language is en, es, fr, de or pt (else the user's own text, else Accept-Language, decides).
 * 200 `{ task, draft, value, source: "live" | "offline", model, language, language_reason,
 * remaining }`; 400 naming the field,
 * 401 without a valid token, 403/404 for someone else's profile or an unknown gig, 429 over the
 * daily limit (AI_DAILY_LIMIT per task). The draft is never saved: the user edits it first.
 */
import { defineFunction } from "../_shared/serve.ts";
import { handleAiWriteRequest } from "../../lib/domains/writing/write_request.ts";

export const aiWrite = defineFunction(({ req, platform, user }) =>
  handleAiWriteRequest(
    {
      db: platform.db,
      ai: platform.ai,
      dailyLimit: platform.config.AI_DAILY_LIMIT,
      log: platform.log,
    },
    user?.claims ?? null,
    req,
  ), { bodyLimit: 8 * 1024 });

if (import.meta.main) Deno.serve(aiWrite.handler);
