/**
 * POST /auth/v1/signup `{ email, password, data? }` → a session, as Supabase Auth answers with
 * e-mail auto-confirmation on (supabase-js `auth.signUp`). Embedded mode only: on Supabase,
 * Supabase Auth serves it. Limited per client address.
 */
import { define } from "../../../utils.ts";
import {
  embeddedOnly,
  gotrueError,
  gotrueSession,
  readGoTrueBody,
  SignUpBody,
} from "../../../lib/web/gotrue.ts";
import { signUp } from "../../../lib/web/sign_in.ts";
import { HttpError } from "../../../lib/web/errors.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const { platform } = ctx.state;
    embeddedOnly(platform.mode);
    const body = await readGoTrueBody(ctx.req, SignUpBody);
    const session = await signUp(ctx.state, {
      email: body.email,
      password: body.password,
      metadata: body.data,
    }).catch((err) => {
      throw gotrueError(err, "signup");
    });
    const user = await platform.auth.getUser(session.accessToken);
    if (!user) throw new HttpError(500, "The new account could not be read back");
    return Response.json(gotrueSession(session, user), {
      headers: { "cache-control": "no-store" },
    });
  },
});
