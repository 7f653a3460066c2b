/**
 * POST /api/auth/token: sign-in for API clients. `{ email, password }` or
 * `{ grant_type: "refresh_token", refresh_token }` → a bearer token and its refresh token.
 */
import type { z } from "zod";
import { define } from "../../../utils.ts";
import { readBody } from "../../../lib/api/http.ts";
import { clientKey, limits, TokenRequest, type TokenResponse } from "../../../lib/auth/schemas.ts";
import { ApiError } from "../../../lib/api/http.ts";
import type { Session } from "../../../lib/auth/port.ts";

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
    const { auth } = ctx.state.platform;
    if ("refresh_token" in body) {
      return Response.json(toBody(await auth.refresh(body.refresh_token)));
    }
    const ip = clientKey(ctx.req);
    const wait = Math.max(limits.signIn.hit(`${ip}|${body.email}`), limits.signInPerIp.hit(ip));
    if (wait) throw new ApiError(429, `Too many attempts. Try again in ${wait} s.`, "email");
    return Response.json(toBody(await auth.signIn({ email: body.email, password: body.password })));
  },
});
