/**
 * `/functions/v1/<name>`: the Edge Functions mounted in the web server, behind the same edge as
 * every other route (on Supabase, functions/_shared/serve.ts gives them the same stages).
 */
import { define } from "../../../utils.ts";
import { HttpError } from "../../../lib/web/errors.ts";
import { functions } from "../../../functions/mod.ts";
import type { RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import { DEFAULT_BODY_LIMIT } from "../../../lib/web/body.ts";

/** Each function's own body cap, as it has on the Edge Runtime. */
export const config: RouteConfig = {
  bodyLimit(req) {
    const name = new URL(req.url).pathname.split("/")[3] ?? "";
    const limit = Object.hasOwn(functions, name) ? functions[name].bodyLimit : undefined;
    return (typeof limit === "function" ? limit(req) : limit) ?? DEFAULT_BODY_LIMIT;
  },
};

export const handler = define.handlers((ctx) => {
  const fn = Object.hasOwn(functions, ctx.params.name) ? functions[ctx.params.name] : undefined;
  if (!fn) throw new HttpError(404, "No such function", { field: "name" });
  return fn.run({
    req: ctx.req,
    platform: ctx.state.platform,
    user: ctx.state.user,
  });
});
