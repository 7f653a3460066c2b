/**
 * POST /api/studio/uploads: the caller's own track (multipart/form-data: `file`, optional
 * `title`), WAV, MP3, FLAC or Ogg (Vorbis, Opus) of at most 50 MB and 10 minutes. 202
 * `{ song, quota }`, the song `queued` at `encoding`: follow it as any song until `done`. A file
 * refused (400/422/413 naming `file`) stores nothing. Uploads spend no song quota.
 */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import type { RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import { songResponse } from "../../../lib/domains/studio/http.ts";
import { readUpload, UPLOAD_BODY_LIMIT, uploadTrack } from "../../../lib/domains/studio/uploads.ts";

export const config: RouteConfig = { bodyLimit: UPLOAD_BODY_LIMIT };

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readUpload(ctx.req);
    return songResponse(await uploadTrack(ctx.state.platform, user, input), 202);
  },
});
