/**
 * The Supabase auth adapter driven through the real supabase-js against a fake Supabase Auth
 * (GoTrue) on 127.0.0.1: sign-up, sign-in, refresh, token verification, sign-out, reset.
 */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { createSupabaseAuth } from "../../lib/ports/auth/supabase.ts";
import { AuthError } from "../../lib/ports/auth/port.ts";
import { fakeGoTrue } from "../_helpers/fake_gotrue.ts";

const ANON_KEY = "anon-key-for-tests";

Deno.test("supabase auth - sign up, sign in, verify, refresh, sign out, reset through supabase-js", async () => {
  const fake = fakeGoTrue(ANON_KEY);
  try {
    const auth = createSupabaseAuth({ url: fake.url, anonKey: ANON_KEY });
    const s = await auth.signUp({
      email: "ann@example.com",
      password: "password1",
      metadata: { display_name: "Ann" },
    });
    assertEquals(s.user.email, "ann@example.com");
    const dup = await assertRejects(() =>
      auth.signUp({ email: "ann@example.com", password: "password1", metadata: {} })
    );
    assert(dup instanceof AuthError && dup.field === "email", "duplicate e-mail names the field");

    const signedIn = await auth.signIn({ email: "ann@example.com", password: "password1" });
    const claims = await auth.verify(signedIn.accessToken);
    assertEquals([claims?.sub, claims?.role, claims?.email], [
      s.user.id,
      "authenticated",
      "ann@example.com",
    ]);
    const wrong = await assertRejects(() =>
      auth.signIn({ email: "ann@example.com", password: "nope" })
    );
    assertEquals(wrong.message, "Wrong e-mail or password");

    assertEquals(await auth.verify("garbage.token.here"), null);
    const refreshed = await auth.refresh(signedIn.refreshToken);
    assert(refreshed.refreshToken !== signedIn.refreshToken);
    await assertRejects(() => auth.refresh(signedIn.refreshToken), /session has ended/);

    await auth.signOut(refreshed.refreshToken);
    await auth.requestPasswordReset(
      "ann@example.com",
      "http://127.0.0.1:8000/reset-password/confirm",
    );
    assert(
      fake.calls.some((c) => c.startsWith("POST /auth/v1/recover")),
      "reset asked Supabase Auth to mail",
    );
    assert(
      fake.calls.some((c) => c === "POST /auth/v1/token?grant_type=password"),
      "password grant used",
    );
  } finally {
    await fake.server.shutdown();
  }
});
