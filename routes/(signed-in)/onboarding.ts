/**
 * POST /onboarding: hides (`dismissed=true`) or brings back (`dismissed=false`) the set-up
 * list on the home. A plain form post, then back home.
 */
import { z } from "zod";
import { define } from "../../utils.ts";
import { setOnboardingDismissed } from "../../lib/domains/home/mod.ts";
import { signedIn } from "../../lib/web/guards.ts";
import { readForm } from "../../lib/web/body.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";

const Dismiss = z.object({ dismissed: z.enum(["true", "false"]) });

export const handler = define.handlers({
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const parsed = Dismiss.safeParse(Object.fromEntries(await readForm(ctx.req)));
    if (!parsed.success) {
      throw new HttpError(400, "dismissed must be true or false", { field: "dismissed" });
    }
    const dismissed = parsed.data.dismissed === "true";
    await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => setOnboardingDismissed(tx, dismissed),
    );
    const text = dismissed
      ? "The set-up list is hidden. You can bring it back from your home."
      : "The set-up list is back.";
    return seeOther("/", [flashCookie({ kind: "info", text }, ctx.state.secure)]);
  },
});
