/** GET /api/musicians: the directory of published musicians (anyone), filtered, in keyset pages. */
import { define } from "../../../utils.ts";
import { readQuery } from "../../../lib/web/api/http.ts";
import { MusicianSearchQuery, searchMusicians } from "../../../lib/domains/directory/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const query = readQuery(ctx.url, MusicianSearchQuery);
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const page = await ctx.state.platform.db.asUser(claims, (tx) => searchMusicians(tx, query));
    return Response.json(page);
  },
});
