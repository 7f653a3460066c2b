/** POST /dj/disconnect: deletes the user's stored Spotify tokens (after a confirm step on the page). */
import { define } from "../../utils.ts";
import { isSecure } from "../../lib/web/cookies.ts";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";
import { disconnect } from "../../lib/spotify/connection.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = ctx.state.user;
    if (!user) return ctx.redirect("/signin?next=/dj", 303);
    await disconnect(ctx.state.platform.db, user.id);
    return seeOther("/dj", [
      flashCookie(
        { kind: "info", text: "Spotify disconnected: its tokens were deleted." },
        isSecure(ctx.url),
      ),
    ]);
  },
});
