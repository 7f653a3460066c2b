/**
 * POST /auth/v1/recover `{ email }` → 200 `{}` whether or not the account exists, as Supabase
 * Auth answers (supabase-js `resetPasswordForEmail`). The link leads to this site's
 * `/reset-password/confirm` whatever `redirect_to` says. Limited per recipient and per address.
 * Embedded mode only.
 */
import { define } from "../../../utils.ts";
import { embeddedOnly, readGoTrueBody, RecoverBody } from "../../../lib/web/gotrue.ts";
import { requestPasswordReset } from "../../../lib/web/sign_in.ts";

export const handler = define.handlers({
  async POST(ctx) {
    embeddedOnly(ctx.state.platform.mode);
    const { email } = await readGoTrueBody(ctx.req, RecoverBody);
    await requestPasswordReset(ctx.state, email);
    return Response.json({}, { headers: { "cache-control": "no-store" } });
  },
});
