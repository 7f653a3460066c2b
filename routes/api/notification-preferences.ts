/** GET/PUT /api/notification-preferences: per type and channel, plus the SMS phone number. */
import { define } from "../../utils.ts";
import { readBody, requireUser } from "../../lib/web/api/http.ts";
import {
  getPreferences,
  PreferencesUpdate,
  savePreferences,
} from "../../lib/domains/notifications/preferences.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const prefs = await ctx.state.platform.db.asUser(user.claims, (tx) => getPreferences(tx));
    return Response.json(prefs, { headers: { "cache-control": "no-store" } });
  },
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const update = await readBody(ctx.req, PreferencesUpdate);
    const prefs = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => savePreferences(tx, update),
    );
    return Response.json(prefs);
  },
});
