/**
 * Musicians' pages: the musician profile and the gigs matched to it. "Gigs for me" (/matches) is
 * where musicians start, so a client who follows an old link there is sent to their own home
 * instead of a refusal.
 */
import { define } from "../../../utils.ts";
import { requireRole } from "../../../lib/web/guards.ts";
import { HttpError } from "../../../lib/web/errors.ts";

const musiciansOnly = requireRole("musician");

export const handler = define.middleware(async function musicianPages(ctx) {
  try {
    return await musiciansOnly(ctx);
  } catch (err) {
    const wrongRole = err instanceof HttpError && err.code === "wrong_role";
    if (wrongRole && ctx.req.method === "GET" && ctx.url.pathname === "/matches") {
      return ctx.redirect("/", 303);
    }
    throw err;
  }
});
