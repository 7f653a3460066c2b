/** Auth form schemas: one place for the rules and their messages. */
import { z } from "zod";
import { createRateLimiter } from "./rate_limit.ts";

const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address"));
// bcrypt reads at most 72 bytes: longer passwords would be silently truncated.
const password = z.string().min(8, "Use at least 8 characters").max(
  72,
  "Use at most 72 characters",
);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const SignUp = z.object({
  display_name: z.string().trim().min(1, "Enter your name or stage name").max(
    80,
    "At most 80 characters",
  ),
  email,
  password,
  is_musician: checkbox,
  is_client: checkbox,
}).refine((v) => v.is_musician || v.is_client, {
  message: "Choose musician, client, or both",
  path: ["is_musician"],
});

export const SignIn = z.object({ email, password: z.string().min(1, "Enter your password") });
export const ResetRequest = z.object({ email });
export const ResetConfirm = z.object({
  token: z.string().min(10, "This reset link is incomplete"),
  password,
});

/** POST /api/auth/token: password or refresh-token grant. */
export const TokenRequest = z.union([
  z.object({
    grant_type: z.literal("password").optional(),
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address")),
    password: z.string().min(1, "Enter your password"),
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
  user: z.object({ id: z.string().uuid(), email: z.string() }),
});

/** Per-process limits; the key combines client address and e-mail where it helps. */
export const limits = {
  signIn: createRateLimiter(10, 300),
  signInPerIp: createRateLimiter(100, 300),
  signUp: createRateLimiter(20, 600),
  reset: createRateLimiter(5, 900),
};

/** The client's address as the reverse proxy reports it, else the direct peer's. */
export function clientKey(req: Request, peer?: string): string {
  const fwd = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return fwd || req.headers.get("x-real-ip") || peer || "direct";
}
