/** Auth form schemas: one place for the rules and their messages. */
import { z } from "zod";
import { DISPLAY_NAME_MAX_CHARS } from "../../shared/limits.ts";
import { Uuid } from "../../shared/schemas.ts";

/** An e-mail address, trimmed and lower-cased (accounts are matched case-insensitively). */
export const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address"));
// bcrypt reads at most 72 bytes: longer passwords would be silently truncated.
/** A new password: what sign-up and reset accept. */
export const newPassword = z.string().min(8, "Use at least 8 characters").max(
  72,
  "Use at most 72 characters",
);
/**
 * A password to check: capped before it reaches the hash, so a megabyte "password" costs the
 * server nothing. Older accounts never had one longer than 72.
 */
export const currentPassword = z.string().min(1, "Enter your password").max(
  200,
  "Use at most 200 characters",
);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const SignUp = z.object({
  display_name: z.string().trim().min(1, "Enter your name or stage name")
    .max(DISPLAY_NAME_MAX_CHARS, `At most ${DISPLAY_NAME_MAX_CHARS} characters`),
  email,
  password: newPassword,
  is_musician: checkbox,
  is_client: checkbox,
}).refine((v) => v.is_musician || v.is_client, {
  message: "Choose musician, client, or both",
  path: ["is_musician"],
});

export const SignIn = z.object({ email, password: currentPassword });
export const ResetRequest = z.object({ email });
/** What a reset link carries: a token (or token hash), or Supabase Auth's code. */
const linkPart = z.string().trim().max(512, "This reset link is malformed").default("");
export const ResetConfirm = z.object({ token: linkPart, code: linkPart, password: newPassword })
  .refine((v) => v.token.length >= 10 || v.code.length >= 10, {
    message: "This reset link is incomplete: open the link from the e-mail again",
    path: ["_form"],
  });

/** POST /api/auth/token: password or refresh-token grant. */
export const TokenRequest = z.union([
  z.object({
    grant_type: z.literal("password").optional(),
    email,
    password: currentPassword,
  }),
  z.object({
    grant_type: z.literal("refresh_token"),
    refresh_token: z.string().min(10, "refresh_token is missing"),
  }),
]);

/** The bearer token API clients get back. */
export const TokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_at: z.number().int(),
  refresh_token: z.string(),
  user: z.object({ id: Uuid(), email: z.string() }),
});
