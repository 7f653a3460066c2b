/**
 * POST /api/auth/token: sign-in for API clients. `{ email, password }` or
 * `{ grant_type: "refresh_token", refresh_token }` → a bearer token and its refresh token.
 * Sign-in goes through the same limits as the sign-in page (lib/ports/auth/sign_in.ts).
 */
import type { z } from "zod";
import { define } from "../../../utils.ts";
import { readBody } from "../../../lib/web/api/http.ts";
import { TokenRequest, type TokenResponse } from "../../../lib/ports/auth/schemas.ts";
import { signIn } from "../../../lib/web/sign_in.ts";
import type { Session } from "../../../lib/ports/auth/port.ts";

const toBody = (s: Session): z.infer<typeof TokenResponse> => ({
  access_token: s.accessToken,
  token_type: "bearer",
  expires_at: s.expiresAt,
  refresh_token: s.refreshToken,
  user: { id: s.user.id, email: s.user.email },
});

export const handler = define.handlers({
  async POST(ctx) {
    const body = await readBody(ctx.req, TokenRequest);
    if ("refresh_token" in body) {
      return Response.json(toBody(await ctx.state.platform.auth.refresh(body.refresh_token)));
    }
    return Response.json(toBody(await signIn(ctx.state, body)));
  },
});
