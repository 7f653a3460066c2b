/** POST /dj/disconnect: deletes the user's stored Spotify tokens (after a confirm step on the page). */
import { define } from "../../../utils.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { disconnect } from "../../../lib/ports/spotify/connection.ts";
import { signedIn } from "../../../lib/web/guards.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = signedIn(ctx.state);
    await disconnect(ctx.state.platform.db, user.id);
    return seeOther("/dj", [
      flashCookie(
        { kind: "info", text: "Spotify disconnected: its tokens were deleted." },
        ctx.state.secure,
      ),
    ]);
  },
});
