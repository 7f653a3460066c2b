/**
 * A user as Supabase Auth (GoTrue) shapes it, built from an `auth.users` row: what the auth port
 * answers for `getUser` and what /auth/v1 sends. No HTTP here: the adapters import it.
 */
import { z } from "zod";
import { Uuid } from "../../shared/schemas.ts";

/** Which sessions `POST /auth/v1/logout` ends; GoTrue's default is every session of the user. */
export const SignOutScope = z.enum(
  ["local", "global", "others"],
  "Use scope=local, global or others",
);
export type SignOutScope = z.infer<typeof SignOutScope>;

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
  id: Uuid(),
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
