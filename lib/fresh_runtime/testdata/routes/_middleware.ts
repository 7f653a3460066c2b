import { define } from "../utils.ts";

export const handler = define.middleware(async (ctx) => {
  ctx.state.trail.push("root");
  const res = await ctx.next();
  res.headers.set("x-root-middleware", "1");
  res.headers.set("x-route", ctx.route ?? "(none)");
  return res;
});
