/**
 * `studio`: the song studio for API clients (supabase-js `functions.invoke("studio", { body })`),
 * calling the same domain functions as /api/studio (lib/domains/studio/service.ts). POST with
 * `Authorization: Bearer <access token>` and one of:
 *
 * - `{ action: "create", prompt, language? }` → 202 `{ song, quota }` (`queued`, then a `draft`)
 * - `{ action: "status", id }` → `{ song, quota }`
 * - `{ action: "cancel", id }` → `{ song, quota }` (409 unless it is being made)
 * - `{ action: "restyle", id, genre }` → 201 `{ song, quota }`: a new draft restyling a finished
 *   song or a draft as another genre (`pop`, `rock`, `hiphop`, `electronic`, `jazz`, `lofi`,
 *   `folk`, `rnb`, `latin`, `ambient`); nothing spent until it is generated
 * - `{ action: "list", status?, genre?, mood?, q?, limit?, cursor? }` → `{ items, nextCursor }`
 * - `{ action: "prompts" }` → `{ prompts }`: the caller's recent prompts, distinct, the most
 *   recently used first (up to 8)
 * - `{ action: "download", id, format: "wav" | "mp3" | "midi" | "stems", stem? }` → `{ url }`, a
 *   signed URL valid for 5 minutes
 * - `{ action: "share", id }` → `{ url, token, song, quota }`: a new share link of a finished song
 *   (the earlier one stops working); `{ action: "unshare", id }` → `{ song, quota }`
 * - `{ action: "catalogue", id, in_catalogue }` → `{ song, quota }`: whether the AI DJ may play
 *   the finished song in playlists (sharing is separate)
 *
 * - `{ action: "master", id, settings }` → 202 `{ master }`: masters a finished song (settings as
 *   POST /api/studio/songs/:id/master); `{ action: "masters", id }` → `{ items }`, newest first;
 *   `{ action: "master_status" | "master_cancel", id, master_id }` → `{ master }`;
 *   `{ action: "master_download", id, master_id, format: "wav" | "mp3" }` → `{ url }`;
 *   `{ action: "master_presets" }` → `{ genres, targets }`
 * - `{ action: "meter", id }` → 202 `{ meter }`: the hit meter's report of the song's current
 *   audio (reused when there is one); `{ action: "meter_status", id }` → `{ meter }` (or null)
 *
 * - multipart/form-data with `file` (and `title`): uploads the caller's own track → 202
 *   `{ song, quota }`, as POST /api/studio/uploads (50 MB, 10 minutes; no quota spent)
 *
 * Progress arrives on the private Realtime channels `song:<id>`, `master:<master id>` and
 * `meter:<report id>` (event `progress`). 400 naming the
 * field, 401 without a valid token, 404 for a song that is not the caller's, 429 over a limit.
 */
import { z } from "zod";
import { defineFunction, requireCaller } from "../_shared/serve.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { RestyleInput, restyleSong } from "../../lib/domains/studio/restyle.ts";
import { isForm, readJson } from "../../lib/web/body.ts";
import { readUpload, UPLOAD_BODY_LIMIT, uploadTrack } from "../../lib/domains/studio/uploads.ts";
import {
  CatalogueInput,
  CreateSongInput,
  DownloadQuery,
  SongListQuery,
} from "../../lib/domains/studio/types.ts";
import {
  cancelSong,
  createSong,
  downloadUrl,
  setInCatalogue,
  shareSong,
  songView,
  unshareSong,
} from "../../lib/domains/studio/service.ts";
import { shareUrl } from "../../lib/domains/studio/share_link.ts";
import { createSite } from "../../lib/web/site.ts";
import { songResponse, STUDIO_BODY_LIMIT, withQuota } from "../../lib/domains/studio/http.ts";
import { listSongs, recentPrompts } from "../../lib/domains/studio/store.ts";
import { MasterDownloadQuery, MasterInput } from "../../lib/domains/studio/master/types.ts";
import {
  cancelMaster,
  masterDownloadUrl,
  masterList,
  masterPresets,
  masterView,
  startMaster,
} from "../../lib/domains/studio/master/service.ts";
import { meterView, requestMeter } from "../../lib/domains/studio/meter/service.ts";

const Id = z.object({ id: z.uuid() });
const MasterId = Id.extend({ master_id: z.uuid() });
const Request = z.discriminatedUnion("action", [
  CreateSongInput.extend({ action: z.literal("create") }),
  Id.extend({ action: z.literal("status") }).strict(),
  Id.extend({ action: z.literal("cancel") }).strict(),
  Id.extend(RestyleInput.shape).extend({ action: z.literal("restyle") }).strict(),
  SongListQuery.extend({ action: z.literal("list") }),
  z.object({ action: z.literal("prompts") }).strict(),
  Id.extend({
    action: z.literal("download"),
    format: DownloadQuery.shape.format,
    stem: DownloadQuery.shape.stem,
  }).strict(),
  Id.extend({ action: z.literal("share") }).strict(),
  Id.extend({ action: z.literal("unshare") }).strict(),
  Id.extend(CatalogueInput.shape).extend({ action: z.literal("catalogue") }).strict(),
  Id.extend(MasterInput.shape).extend({ action: z.literal("master") }).strict(),
  Id.extend({ action: z.literal("masters") }).strict(),
  MasterId.extend({ action: z.literal("master_status") }).strict(),
  MasterId.extend({ action: z.literal("master_cancel") }).strict(),
  MasterId.extend(MasterDownloadQuery.shape).extend({ action: z.literal("master_download") })
    .strict(),
  z.object({ action: z.literal("master_presets") }).strict(),
  Id.extend({ action: z.literal("meter") }).strict(),
  Id.extend({ action: z.literal("meter_status") }).strict(),
]);

const NO_STORE = { "cache-control": "no-store" };

export const studio = defineFunction(async ({ req, platform, user }) => {
  if (req.method !== "POST") {
    throw new HttpError(405, "Use POST", { field: "method", headers: { allow: "POST" } });
  }
  const caller = requireCaller(user);
  if (isMultipart(req)) {
    return songResponse(await uploadTrack(platform, caller, await readUpload(req)), 202);
  }
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
    case "restyle":
      return songResponse(
        await restyleSong(platform, caller.claims, input.id, input.genre),
        201,
      );
    case "list": {
      const { action: _, ...q } = input;
      const page = await platform.db.asUser(caller.claims, (tx) => listSongs(tx, q));
      return Response.json(page, { headers: { "cache-control": "no-store" } });
    }
    case "prompts": {
      const prompts = await platform.db.asUser(caller.claims, (tx) => recentPrompts(tx));
      return Response.json({ prompts }, { headers: { "cache-control": "no-store" } });
    }
    case "download": {
      if (input.format === "stems" && !input.stem) {
        throw new HttpError(400, "Name the stem to download", { field: "stem" });
      }
      const url = await downloadUrl(platform, caller, input.id, input.format, input.stem);
      return Response.json({ url }, { headers: { "cache-control": "no-store" } });
    }
    case "share": {
      const { token, ...view } = await shareSong(platform, caller.claims, input.id);
      const origin = createSite(platform.config).origin(new URL(req.url));
      return Response.json({ url: shareUrl(origin, token), token, ...view }, {
        headers: { "cache-control": "no-store" },
      });
    }
    case "unshare":
      return songResponse(await unshareSong(platform, caller.claims, input.id));
    case "catalogue":
      return songResponse(
        await setInCatalogue(platform, caller.claims, input.id, input.in_catalogue),
      );
    case "master":
      return await withQuota(async () =>
        Response.json({
          master: await startMaster(platform, caller.claims, input.id, input.settings),
        }, { status: 202, headers: NO_STORE })
      );
    case "masters":
      return Response.json({ items: await masterList(platform, caller.claims, input.id) }, {
        headers: NO_STORE,
      });
    case "master_status":
      return Response.json({
        master: await masterView(platform, caller.claims, input.id, input.master_id),
      }, { headers: NO_STORE });
    case "master_cancel":
      return Response.json({
        master: await cancelMaster(platform, caller.claims, input.id, input.master_id),
      }, { headers: NO_STORE });
    case "master_download": {
      const url = await masterDownloadUrl(
        platform,
        caller,
        input.id,
        input.master_id,
        input.format,
      );
      return Response.json({ url }, { headers: NO_STORE });
    }
    case "master_presets":
      return Response.json(masterPresets(), { headers: NO_STORE });
    case "meter":
      return Response.json({ meter: await requestMeter(platform, caller.claims, input.id) }, {
        status: 202,
        headers: NO_STORE,
      });
    case "meter_status":
      return Response.json({ meter: await meterView(platform, caller.claims, input.id) }, {
        headers: NO_STORE,
      });
  }
}, {
  // Only an upload may be large: JSON actions keep the small cap.
  bodyLimit: (req) => isMultipart(req) ? UPLOAD_BODY_LIMIT : STUDIO_BODY_LIMIT,
});

function isMultipart(req: Request): boolean {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  return isForm(type) && type.startsWith("multipart/");
}

if (import.meta.main) Deno.serve(studio.handler);
