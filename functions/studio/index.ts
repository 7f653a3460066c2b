/**
 * `studio`: the song studio for API clients (supabase-js `functions.invoke("studio", { body })`),
 * calling the same domain functions as /api/studio (lib/domains/studio/service.ts). POST with
 * `Authorization: Bearer <access token>` and one of:
 *
 * - `{ action: "create", prompt, language? }` → 202 `{ song, quota }` (`queued`, then a `draft`)
 * - `{ action: "status", id }` → `{ song, quota }`
 * - `{ action: "cancel", id }` → `{ song, quota }` (409 unless it is being made)
 * - `{ action: "list", status?, genre?, mood?, q?, limit?, cursor? }` → `{ items, nextCursor }`
 * - `{ action: "download", id, format: "wav" | "mp3" | "midi" | "stems", stem? }` → `{ url }`, a
 *   signed URL valid for 5 minutes
 *
 * Progress arrives on the private Realtime channel `song:<id>` (event `progress`). 400 naming the
 * field, 401 without a valid token, 404 for a song that is not the caller's, 429 over a limit.
 */
import { z } from "zod";
import { defineFunction, requireCaller } from "../_shared/serve.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { readJson } from "../../lib/web/body.ts";
import { CreateSongInput, DownloadQuery, SongListQuery } from "../../lib/domains/studio/types.ts";
import { cancelSong, createSong, downloadUrl, songView } from "../../lib/domains/studio/service.ts";
import { songResponse, STUDIO_BODY_LIMIT, withQuota } from "../../lib/domains/studio/http.ts";
import { listSongs } from "../../lib/domains/studio/store.ts";

const Id = z.object({ id: z.uuid() });
const Request = z.discriminatedUnion("action", [
  CreateSongInput.extend({ action: z.literal("create") }),
  Id.extend({ action: z.literal("status") }).strict(),
  Id.extend({ action: z.literal("cancel") }).strict(),
  SongListQuery.extend({ action: z.literal("list") }),
  Id.extend({
    action: z.literal("download"),
    format: DownloadQuery.shape.format,
    stem: DownloadQuery.shape.stem,
  }).strict(),
]);

export const studio = defineFunction(async ({ req, platform, user }) => {
  if (req.method !== "POST") {
    throw new HttpError(405, "Use POST", { field: "method", headers: { allow: "POST" } });
  }
  const caller = requireCaller(user);
  const body = await readJson(req);
  if (body === undefined) throw new HttpError(400, "Send a JSON body", { field: "body" });
  const input = Request.parse(body);
  switch (input.action) {
    case "create": {
      const { action: _, ...rest } = input;
      return await withQuota(async () =>
        songResponse(await createSong(platform, caller.claims, rest), 202)
      );
    }
    case "status":
      return songResponse(await songView(platform, caller.claims, input.id));
    case "cancel":
      return songResponse(await cancelSong(platform, caller.claims, input.id));
    case "list": {
      const { action: _, ...q } = input;
      const page = await platform.db.asUser(caller.claims, (tx) => listSongs(tx, q));
      return Response.json(page, { headers: { "cache-control": "no-store" } });
    }
    case "download": {
      if (input.format === "stems" && !input.stem) {
        throw new HttpError(400, "Name the stem to download", { field: "stem" });
      }
      const url = await downloadUrl(platform, caller, input.id, input.format, input.stem);
      return Response.json({ url }, { headers: { "cache-control": "no-store" } });
    }
  }
}, { bodyLimit: STUDIO_BODY_LIMIT });

if (import.meta.main) Deno.serve(studio.handler);
