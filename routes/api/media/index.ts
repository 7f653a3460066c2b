/**
 * GET /api/media?owner=…: a musician's portfolio in its order (public). POST: upload one photo,
 * audio or video as the signed-in musician (multipart/form-data: `file`, optional `caption` and
 * `kind`); the kind is read from the bytes. A refused file stores nothing.
 */
import { define } from "../../../utils.ts";
import { readQuery, requireUser } from "../../../lib/web/api/http.ts";
import type { RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import {
  listPortfolio,
  MEDIA_BODY_LIMIT,
  MEDIA_MAX_ITEMS,
  MediaListQuery,
  readMediaUpload,
  uploadMedia,
} from "../../../lib/domains/media/mod.ts";

export const config: RouteConfig = { bodyLimit: MEDIA_BODY_LIMIT };

export const handler = define.handlers({
  async GET(ctx) {
    const q = readQuery(ctx.url, MediaListQuery);
    const { platform } = ctx.state;
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const items = await platform.db.asUser(
      claims,
      (tx) => listPortfolio(platform, tx, q.owner, q.kind),
    );
    return Response.json({ items, limit: MEDIA_MAX_ITEMS });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readMediaUpload(ctx.req);
    return Response.json(await uploadMedia(ctx.state.platform, user, input), { status: 201 });
  },
});
