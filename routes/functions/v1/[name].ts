/**
 * `/functions/v1/<name>`: the Edge Functions mounted in the web server, behind the same edge as
 * every other route (on Supabase, functions/_shared/serve.ts gives them the same stages).
 */
import { define } from "../../../utils.ts";
import { HttpError } from "../../../lib/web/errors.ts";
import { functions } from "../../../functions/mod.ts";

export const handler = define.handlers((ctx) => {
  const fn = Object.hasOwn(functions, ctx.params.name) ? functions[ctx.params.name] : undefined;
  if (!fn) throw new HttpError(404, "No such function", { field: "name" });
  return fn.run({
    req: ctx.req,
    platform: ctx.state.platform,
    user: ctx.state.user,
  });
});
