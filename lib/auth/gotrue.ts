/**
 * Supabase Auth (GoTrue) on the wire: the request bodies, users, sessions and error codes of
 * `/auth/v1`, so the real supabase-js `auth` client works against the embedded server unchanged.
 * The shapes follow what supabase-js reads (`@supabase/auth-js` `lib/fetch.ts`, `lib/types.ts`).
 *
 * @module
 */
import { z } from "zod";
import { fromZod, HttpError } from "../http/errors.ts";
import { readBody } from "../api/http.ts";
import { currentPassword, email, newPassword } from "./schemas.ts";
import type { Session } from "./port.ts";

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

/** Which sessions `POST /auth/v1/logout` ends; GoTrue's default is every session of the user. */
export const SignOutScope = z.enum(
  ["local", "global", "others"],
  "Use scope=local, global or others",
);
export type SignOutScope = z.infer<typeof SignOutScope>;
export const LogoutQuery = z.object({ scope: SignOutScope.default("global") });

/** `POST /auth/v1/recover`. */
export const RecoverBody = z.object({ email });

// ---------------------------------------------------------------------------------------------
// Responses

/** An identity (embedded accounts have one: e-mail). */
export const GoTrueIdentity = z.object({
  identity_id: z.string(),
  id: z.string(),
  user_id: z.string(),
  identity_data: z.record(z.string(), z.unknown()),
  provider: z.string(),
  email: z.string().optional(),
  last_sign_in_at: z.string().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});

/** A user as `GET /auth/v1/user` answers it (timestamps ISO 8601; absent when not set). */
export const GoTrueUser = z.looseObject({
  id: z.string().uuid(),
  aud: z.string(),
  role: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  email_confirmed_at: z.string().optional(),
  confirmed_at: z.string().optional(),
  last_sign_in_at: z.string().optional(),
  app_metadata: z.record(z.string(), z.unknown()),
  user_metadata: z.record(z.string(), z.unknown()),
  identities: z.array(GoTrueIdentity).optional(),
  created_at: z.string(),
  updated_at: z.string().optional(),
  is_anonymous: z.boolean().optional(),
});
export type GoTrueUser = z.infer<typeof GoTrueUser>;

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

/** The `auth.users` columns a GoTrue user is made of. */
export interface AuthUserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date | null;
  is_anonymous: boolean | null;
}

/** The columns to select for `gotrueUser` (table alias `u`). */
export const AUTH_USER_COLUMNS = `u.id, u.aud, u.role, u.email, u.phone, u.email_confirmed_at,
  u.last_sign_in_at, u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at,
  u.is_anonymous`;

const iso = (d: Date | null | undefined) => d ? new Date(d).toISOString() : undefined;

/** An `auth.users` row as GoTrue serialises it, with the e-mail identity it would have. */
export function gotrueUser(row: AuthUserRow): GoTrueUser {
  const email = row.email ?? "";
  const confirmed = iso(row.email_confirmed_at);
  const created = iso(row.created_at)!;
  const updated = iso(row.updated_at) ?? created;
  const lastSignIn = iso(row.last_sign_in_at);
  return {
    id: row.id,
    aud: row.aud ?? "authenticated",
    role: row.role ?? "authenticated",
    email,
    phone: row.phone ?? "",
    ...(confirmed ? { email_confirmed_at: confirmed, confirmed_at: confirmed } : {}),
    ...(lastSignIn ? { last_sign_in_at: lastSignIn } : {}),
    app_metadata: row.raw_app_meta_data ?? { provider: "email", providers: ["email"] },
    user_metadata: row.raw_user_meta_data ?? {},
    // GoTrue keeps these in auth.identities; an embedded account has exactly one, its e-mail.
    // Apps read `identities.length === 0` as "already registered", so it must not be empty.
    identities: email
      ? [{
        identity_id: row.id,
        id: row.id,
        user_id: row.id,
        identity_data: {
          email,
          email_verified: Boolean(confirmed),
          phone_verified: false,
          sub: row.id,
        },
        provider: "email",
        email,
        ...(lastSignIn ? { last_sign_in_at: lastSignIn } : {}),
        created_at: created,
        updated_at: updated,
      }]
      : [],
    created_at: created,
    updated_at: updated,
    is_anonymous: row.is_anonymous ?? false,
  };
}

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
