/**
 * GET /api/artists: the artists you own or were invited to, newest first.
 * POST /api/artists `{ brief }`: 201 `{ artist }`, a persona written from the brief (AI, or the
 * offline writer) with its art; 422 naming the field and the reason when the guardrails refuse.
 */
import { define } from "../../../utils.ts";
import { readBody, requireUser } from "../../../lib/web/api/http.ts";
import { CreateArtistInput } from "../../../lib/domains/artists/api.ts";
import { createArtist } from "../../../lib/domains/artists/service.ts";
import { listArtists } from "../../../lib/domains/artists/store.ts";

const noStore = { "cache-control": "no-store" };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const artists = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => listArtists(tx, user.claims.sub),
    );
    return Response.json({ artists: artists.map(({ brief: _, ...a }) => a) }, { headers: noStore });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const { brief } = await readBody(ctx.req, CreateArtistInput);
    const artist = await createArtist(ctx.state.platform, user, brief);
    return Response.json({ artist }, { status: 201, headers: noStore });
  },
});
