/**
 * POST /dj/disconnect: deletes the user's stored Spotify tokens, only from the page's confirmation
 * (DjSpotifyCard's disclosure carries `confirm=yes`); without it, 428 and nothing changes.
 */
import { define } from "../../../utils.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { disconnect } from "../../../lib/ports/spotify/connection.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { requireConfirmed } from "../../../lib/web/confirm.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = signedIn(ctx.state);
    requireConfirmed(await readForm(ctx.req), "Disconnect");
    await disconnect(ctx.state.platform.db, user.id);
    return seeOther("/dj", [
      flashCookie(
        {
          kind: "info",
          text:
            "Spotify disconnected: its tokens were deleted. Playlists already in Spotify stay there.",
        },
        ctx.state.secure,
      ),
    ]);
  },
});
