/** POST /dj/disconnect: deletes the user's stored Spotify tokens (after a confirm step on the page). */
import { define } from "../../../utils.ts";
import { flashCookie, seeOther } from "../../../lib/http/respond.ts";
import { disconnect } from "../../../lib/spotify/connection.ts";
import { signedIn } from "../../../lib/http/guards.ts";

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
