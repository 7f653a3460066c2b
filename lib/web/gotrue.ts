/**
 * Supabase Auth (GoTrue) on the wire: the request bodies, users, sessions and error codes of
 * `/auth/v1`, so the real supabase-js `auth` client works against the embedded server unchanged.
 * The shapes follow what supabase-js reads (`@supabase/auth-js` `lib/fetch.ts`, `lib/types.ts`).
 *
 * @module
 */
import { z } from "zod";
import { fromZod, HttpError } from "./errors.ts";
import { readBody } from "./api/http.ts";
import { currentPassword, email, newPassword } from "../ports/auth/schemas.ts";
import type { Session } from "../ports/auth/port.ts";
import { GoTrueUser, SignOutScope } from "../ports/auth/user.ts";

// ---------------------------------------------------------------------------------------------
// Requests

/** User metadata is copied into every access token: keep it small. */
const MAX_METADATA_BYTES = 4096;

/** `POST /auth/v1/signup`. supabase-js also sends `gotrue_meta_security`, `code_challenge`…: ignored. */
export const SignUpBody = z.object({
  email,
  password: newPassword,
  data: z.record(z.string(), z.json()).default({}).refine(
    (d) => new TextEncoder().encode(JSON.stringify(d)).byteLength <= MAX_METADATA_BYTES,
    `At most ${MAX_METADATA_BYTES} bytes of user metadata`,
  ),
});

/** `POST /auth/v1/token?grant_type=password`. */
export const PasswordGrant = z.object({ email, password: currentPassword });

/** `POST /auth/v1/token?grant_type=refresh_token`. */
export const RefreshGrant = z.object({
  refresh_token: z.string().min(1, "Send the refresh_token"),
});

export const TokenQuery = z.object({
  grant_type: z.enum(
    ["password", "refresh_token"],
    "Use grant_type=password or grant_type=refresh_token",
  ),
});

export const LogoutQuery = z.object({ scope: SignOutScope.default("global") });

/** `POST /auth/v1/recover`. */
export const RecoverBody = z.object({ email });

// ---------------------------------------------------------------------------------------------
// Responses

/** The session `/signup` and `/token` answer with (supabase-js stores it as is). */
export const GoTrueSession = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_in: z.number().int().positive(),
  expires_at: z.number().int(),
  refresh_token: z.string(),
  user: GoTrueUser,
});
export type GoTrueSession = z.infer<typeof GoTrueSession>;

/** A port session plus its user record → the body of `/signup` and `/token`. */
export function gotrueSession(session: Session, user: GoTrueUser): GoTrueSession {
  return {
    access_token: session.accessToken,
    token_type: "bearer",
    expires_in: Math.max(1, session.expiresAt - Math.floor(Date.now() / 1000)),
    expires_at: session.expiresAt,
    refresh_token: session.refreshToken,
    user,
  };
}

// ---------------------------------------------------------------------------------------------
// Errors (the edge renders an HttpError under /auth/v1 as `{ code, error_code, msg }`)

/**
 * Reads and checks a body as GoTrue does: a 400 `validation_failed` naming the field; a
 * password too short is GoTrue's 422 `weak_password` (supabase-js: `AuthWeakPasswordError`).
 */
export async function readGoTrueBody<S extends z.ZodType>(
  req: Request,
  schema: S,
): Promise<z.output<S>> {
  try {
    return await readBody(req, schema);
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err;
    const e = fromZod(err);
    const weak = err.issues.some((i) => i.path[0] === "password" && i.code === "too_small");
    throw new HttpError(weak ? 422 : 400, e.message, {
      code: weak ? "weak_password" : "validation_failed",
      field: e.field,
      issues: e.issues,
      cause: err,
    });
  }
}

/** Parses a query string with the same error shape as `readGoTrueBody`. */
export function parseGoTrueQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return parsed.data;
  const e = fromZod(parsed.error);
  throw new HttpError(400, e.message, { code: "validation_failed", field: e.field });
}

/** What failed, for GoTrue's error code. */
export type GoTrueAction = "signup" | "password" | "refresh_token";

/**
 * A port's `AuthError` with GoTrue's status and `error_code` (`invalid_credentials`,
 * `refresh_token_not_found`, `user_already_exists`, `user_banned`); anything else unchanged.
 */
export function gotrueError(err: unknown, action: GoTrueAction): unknown {
  if (!(err instanceof HttpError) || err.status >= 500 || err.status === 429) return err;
  const as = (status: number, code: string) =>
    new HttpError(status, err.message, { code, field: err.field, cause: err });
  if (err.status === 403) return as(400, "user_banned");
  if (action === "password" && err.status === 400) return as(400, "invalid_credentials");
  if (action === "refresh_token" && err.status === 401) return as(400, "refresh_token_not_found");
  if (action === "signup" && err.status === 409) return as(422, "user_already_exists");
  return err;
}

/** Supabase Auth serves `/auth/v1` itself in Supabase mode: the embedded routes answer 404. */
export function embeddedOnly(mode: "embedded" | "supabase"): void {
  if (mode !== "embedded") {
    throw new HttpError(404, "Supabase Auth serves this: use SUPABASE_URL/auth/v1", {
      code: "not_found",
    });
  }
}

/** `GET /user`, `/logout`: GoTrue reads the user from the bearer token only, never cookies. */
export function bearerUser<U extends { accessToken: string }>(
  credentials: "bearer" | "cookie" | "none",
  user: U | null,
): U {
  if (credentials === "bearer" && user) return user;
  throw new HttpError(401, "This endpoint requires a valid Bearer token", {
    code: credentials === "bearer" ? "bad_jwt" : "no_authorization",
    field: "authorization",
  });
}
