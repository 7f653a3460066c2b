import { define } from "../../utils.ts";

export const handler = define.handlers({
  GET(ctx) {
    return Response.json({ ok: true, q: ctx.url.searchParams.get("q"), requestId: ctx.requestId });
  },
  async POST(ctx) {
    return Response.json({ got: await ctx.req.json() }, { status: 201 });
  },
});
