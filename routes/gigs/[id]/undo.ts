/**
 * POST /gigs/<id>/undo: the Undo button of the flash after a decline (the gig's owner, within
 * its window) or a withdrawal (the applicant, while the gig is open). Back to the page it came
 * from, saying what happened; too late or superseded → back with the reason.
 */
import { z } from "zod";
import { define } from "../../../utils.ts";
import {
  DECISION_BACKS,
  decisionBackHref,
  undoDecline,
  undoWithdraw,
} from "../../../lib/domains/gigs/mod.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { parseId } from "../../../lib/web/params.ts";
import { HttpError } from "../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";

const Intent = z.enum(["decline", "withdraw"]);
const Back = z.enum(DECISION_BACKS).catch("gig");

export const handler = define.handlers({
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const gigId = parseId(ctx.params.id, "Gig");
    const form = await readForm(ctx.req);
    const intent = Intent.safeParse(form.get("intent"));
    if (!intent.success) {
      throw new HttpError(400, "Choose decline or withdraw to undo", { field: "intent" });
    }
    const id = parseId(String(form.get("application_id") ?? ""), "Application", "application_id");
    const raw = form.get("back");
    const to = decisionBackHref(Back.parse(typeof raw === "string" ? raw : undefined), gigId, id);
    const flash = (kind: "success" | "error", text: string) =>
      seeOther(to, [flashCookie({ kind, text }, ctx.state.secure)]);
    try {
      await ctx.state.platform.db.asUser(
        user.claims,
        (tx) => intent.data === "decline" ? undoDecline(tx, id) : undoWithdraw(tx, id),
      );
    } catch (err) {
      const f = dbFailure(err);
      if (!f || f.status !== 409) throw err;
      return flash("error", f.message);
    }
    return flash(
      "success",
      intent.data === "decline"
        ? "Undone: the application is back on your list, and the musician knows."
        : "Undone: your application stands again, and the client knows.",
    );
  },
});
