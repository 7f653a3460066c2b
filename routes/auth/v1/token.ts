/**
 * POST /auth/v1/token?grant_type=password `{ email, password }` or
 * `?grant_type=refresh_token` `{ refresh_token }` → a session, as Supabase Auth answers
 * (supabase-js `signInWithPassword`, `refreshSession`). Embedded mode only. Sign-in goes through
 * the same limits as the sign-in page.
 */
import { define } from "../../../utils.ts";
import {
  embeddedOnly,
  gotrueError,
  gotrueSession,
  parseGoTrueQuery,
  PasswordGrant,
  readGoTrueBody,
  RefreshGrant,
  TokenQuery,
} from "../../../lib/web/gotrue.ts";
import { signIn } from "../../../lib/web/sign_in.ts";
import type { Session } from "../../../lib/ports/auth/port.ts";
import { HttpError } from "../../../lib/web/errors.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const { platform } = ctx.state;
    embeddedOnly(platform.mode);
    const { grant_type } = parseGoTrueQuery(ctx.url, TokenQuery);
    let session: Session;
    try {
      if (grant_type === "password") {
        session = await signIn(ctx.state, await readGoTrueBody(ctx.req, PasswordGrant));
      } else {
        const body = await readGoTrueBody(ctx.req, RefreshGrant);
        session = await platform.auth.refresh(body.refresh_token);
      }
    } catch (err) {
      throw gotrueError(err, grant_type);
    }
    const user = await platform.auth.getUser(session.accessToken);
    if (!user) throw new HttpError(500, "The session's user could not be read back");
    return Response.json(gotrueSession(session, user), {
      headers: { "cache-control": "no-store" },
    });
  },
});
