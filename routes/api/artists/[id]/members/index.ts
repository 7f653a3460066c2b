/**
 * GET /api/artists/:id/members: who was invited to read the artist.
 * POST `{ email }`: invites that Soundcheck user, read-only (404 `email` when nobody has it).
 */
import { define } from "../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import { MemberInput } from "../../../../../lib/domains/artists/api.ts";
import { addMember, readArtist } from "../../../../../lib/domains/artists/service.ts";
import { listMembers } from "../../../../../lib/domains/artists/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const members = await readArtist(ctx.state.platform, user, id, listMembers);
    return Response.json({ members }, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const { email } = await readBody(ctx.req, MemberInput);
    const p = ctx.state.platform;
    await addMember(p, user, id, email);
    const members = await p.db.asUser(user.claims, (tx) => listMembers(tx, id));
    return Response.json({ members }, { status: 201, headers: { "cache-control": "no-store" } });
  },
});
