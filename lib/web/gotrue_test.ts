import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { HttpError } from "./errors.ts";
import { AuthError } from "../ports/auth/port.ts";
import { gotrueError, SignUpBody } from "./gotrue.ts";
import { GoTrueUser, gotrueUser } from "../ports/auth/user.ts";

const row = {
  id: "00000000-0000-4000-8000-000000000001",
  aud: "authenticated",
  role: "authenticated",
  email: "ann@example.com",
  phone: null,
  email_confirmed_at: new Date("2026-01-02T03:04:05Z"),
  last_sign_in_at: null,
  raw_app_meta_data: { provider: "email", providers: ["email"] },
  raw_user_meta_data: { display_name: "Ann" },
  created_at: new Date("2026-01-01T00:00:00Z"),
  updated_at: null,
  is_anonymous: false,
};

Deno.test("gotrueUser - a row becomes Supabase Auth's user with its e-mail identity", () => {
  const u = gotrueUser(row);
  GoTrueUser.parse(u);
  assertEquals(u.email_confirmed_at, "2026-01-02T03:04:05.000Z");
  assertEquals(u.confirmed_at, u.email_confirmed_at);
  assertEquals(u.updated_at, u.created_at, "never updated: updated_at is created_at");
  assert(!("last_sign_in_at" in u), "unset timestamps are left out, as GoTrue's omitempty");
  assertEquals(u.identities?.map((i) => [i.provider, i.user_id, i.identity_data.email]), [
    ["email", row.id, "ann@example.com"],
  ]);
});

Deno.test("gotrueError - port errors get GoTrue's status and error_code", () => {
  const cases: [unknown, "signup" | "password" | "refresh_token", number, string][] = [
    [
      new AuthError(400, "Wrong e-mail or password", "password"),
      "password",
      400,
      "invalid_credentials",
    ],
    [new AuthError(401, "Your session has ended"), "refresh_token", 400, "refresh_token_not_found"],
    [new AuthError(409, "Taken", "email"), "signup", 422, "user_already_exists"],
    [new AuthError(403, "This account is suspended"), "password", 400, "user_banned"],
  ];
  for (const [err, action, status, code] of cases) {
    const e = gotrueError(err, action) as HttpError;
    assertEquals([e.status, e.code], [status, code], `${action} ${(err as Error).message}`);
    assertEquals(e.message, (err as Error).message, "the readable message is kept");
  }
  const limited = new HttpError(429, "Too many", { headers: { "retry-after": "5" } });
  assert(gotrueError(limited, "password") === limited, "429 passes through with Retry-After");
  const crash = new Error("boom");
  assert(gotrueError(crash, "signup") === crash, "unknown errors stay 500s");
});

Deno.test("SignUpBody - metadata is optional, JSON only and small", () => {
  const base = { email: " Ann@Example.com ", password: "long enough" };
  assertEquals(SignUpBody.parse(base).data, {});
  assertEquals(SignUpBody.parse(base).email, "ann@example.com");
  assert(!SignUpBody.safeParse({ ...base, data: { big: "x".repeat(5000) } }).success);
  assert(!SignUpBody.safeParse({ ...base, password: "x".repeat(73) }).success);
});
