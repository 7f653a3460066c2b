/**
 * GET /api/studio/songs: the caller's songs, newest first (filters status, genre, mood; `q` in
 * the title or prompt; keyset pages).
 * POST /api/studio/songs `{ prompt, language? }`: 202 `{ song, quota }`, `queued` to be planned;
 * it becomes a `draft` with its plan (follow GET /api/studio/songs/<id> or `song:<id>`).
 */
import { define } from "../../../../utils.ts";
import { readBody, readQuery, requireUser } from "../../../../lib/web/api/http.ts";
import { CreateSongInput, SongListQuery } from "../../../../lib/domains/studio/types.ts";
import { listSongs } from "../../../../lib/domains/studio/store.ts";
import { createSong } from "../../../../lib/domains/studio/service.ts";
import { songResponse, STUDIO_BODY_LIMIT } from "../../../../lib/domains/studio/http.ts";
import type { RouteConfig } from "../../../../lib/fresh_runtime/mod.ts";

export const config: RouteConfig = { bodyLimit: STUDIO_BODY_LIMIT };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const q = readQuery(ctx.url, SongListQuery);
    const page = await ctx.state.platform.db.asUser(user.claims, (tx) => listSongs(tx, q));
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readBody(ctx.req, CreateSongInput);
    return songResponse(await createSong(ctx.state.platform, user.claims, input), 202);
  },
});
