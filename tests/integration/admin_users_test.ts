/**
 * /admin/users over HTTP, as a browser and an API client use it: a non-admin is refused; an admin
 * (scripts/make_admin.ts) searches, opens the user, suspends them after the confirmation step, and
 * that user's very next request with a still-valid access token is refused (page: cookies cleared,
 * sent to /account/suspended; API: 403 account_suspended), as are their refresh and sign-in; the
 * admin lifts it and they sign in again; verifying them as a musician shows the public badge.
 * Every action is in the audit log.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import {
  adminPerson,
  apiCall,
  bearer,
  FUZZ_ENV,
  getPage,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

const PASSWORD = "fuzz-password-123";

Deno.test("admin users - search, suspend ends sessions at once, lift lets them back", async () => {
  await using a = await startTestApp(FUZZ_ENV);
  const admin = await adminPerson(a, "Warden");
  const ana = await signUpPerson(a, "Anamaria", "musician");
  const session = await a.platform.auth.signIn({ email: ana.email, password: PASSWORD });
  const cookie =
    `${COOKIE.access}=${session.accessToken}; ${COOKIE.refresh}=${session.refreshToken}`;
  const asAna = () => a.fetch("/profile", { headers: { cookie } });
  const anaApi = () => a.fetch("/api/profile", { headers: bearer(session.accessToken) });

  // Non-admins: refused, the page and the user page alike.
  assertEquals((await getPage(a, ana.token, "/admin/users")).status, 403);
  assertEquals((await getPage(a, ana.token, `/admin/users/${admin.id}`)).status, 403);

  // Search: by the start of the e-mail, by part of the name; a miss shows the empty state.
  const byEmail = await getPage(a, admin.token, `/admin/users?q=${ana.email.slice(0, 12)}`);
  assertEquals(byEmail.status, 200);
  assert(byEmail.text.includes(`/admin/users/${ana.id}`), "the e-mail prefix finds her");
  const byName = await getPage(a, admin.token, "/admin/users?q=namar");
  assert(byName.text.includes(`/admin/users/${ana.id}`), "part of the name finds her");
  const miss = await getPage(a, admin.token, "/admin/users?q=nobody-zzqx");
  assert(miss.text.includes("No account matches"), "the empty state");
  assertEquals((await getPage(a, admin.token, `/admin/users?page=0`)).status, 400);
  const userPage = await getPage(a, admin.token, `/admin/users/${ana.id}`);
  assertEquals(userPage.status, 200);
  assert(userPage.text.includes("Not suspended"));

  // Her session works, and the edge has kept her standing.
  assertEquals((await asAna()).status, 200);
  assertEquals((await anaApi()).status, 200);

  // Suspending: a reason is required; then the confirmation step; nothing changes before it.
  const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const form = { intent: "suspend", reason: "Spam in chat", length: "until", until };
  const noReason = await postForm(a, admin.token, `/admin/users/${ana.id}`, {
    ...form,
    reason: "",
  });
  assertEquals(noReason.status, 422);
  assert(noReason.text.includes("Give a reason"));
  const step = await postForm(a, admin.token, `/admin/users/${ana.id}`, form);
  assertEquals(step.status, 428);
  assert(step.text.includes("Suspend now"), "the confirmation step");
  assertEquals((await anaApi()).status, 200, "not suspended before the confirmation");
  const done = await postForm(a, admin.token, `/admin/users/${ana.id}`, {
    ...form,
    confirm: "yes",
  });
  assertEquals(done.status, 303);
  assertEquals(done.location, `/admin/users/${ana.id}`);

  // Her very next requests, with the same still-valid access token, are refused.
  const page = await asAna();
  await page.body?.cancel();
  assertEquals(page.status, 303);
  const location = page.headers.get("location") ?? "";
  assert(location.startsWith(`/account/suspended?until=${until}`), location);
  const cleared = page.headers.getSetCookie();
  assert(cleared.some((c) => c.startsWith(`${COOKIE.access}=;`)), "the access cookie is cleared");
  assert(cleared.some((c) => c.startsWith(`${COOKIE.refresh}=;`)), "the refresh cookie too");
  const api = await anaApi();
  assertEquals(api.status, 403);
  assertEquals((await api.json()).error.code, "account_suspended");
  const notice = await a.fetch(location);
  assertEquals(notice.status, 200);
  const noticeText = await notice.text();
  assert(noticeText.includes("Your account is suspended"));
  assert(!noticeText.includes("Spam in chat"), "the reason is not shown to them");
  const refresh = await a.fetch("/auth/v1/token?grant_type=refresh_token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ refresh_token: session.refreshToken }),
  });
  // Supabase Auth's answer: 400 with the reason as error_code (revoked, as every session ended).
  assertEquals(refresh.status, 400);
  assertEquals((await refresh.json()).error_code, "refresh_token_not_found");
  let signInRefused = false;
  await a.platform.auth.signIn({ email: ana.email, password: PASSWORD }).catch(() => {
    signInRefused = true;
  });
  assert(signInRefused, "she cannot sign in while suspended");

  // The admin sees the suspension with its reason; another admin cannot be suspended.
  const suspended = await getPage(a, admin.token, `/admin/users/${ana.id}`);
  assert(suspended.text.includes("Reason: Spam in chat"));
  const other = await adminPerson(a, "Deputy");
  const refused = await postForm(a, admin.token, `/admin/users/${other.id}`, {
    ...form,
    confirm: "yes",
  });
  assertEquals(refused.status, 403);

  // Lifted: she signs in again and her pages work.
  const lift = await postForm(a, admin.token, `/admin/users/${ana.id}`, {
    intent: "lift",
    reason: "Appeal accepted",
  });
  assertEquals(lift.status, 303);
  const again = await a.platform.auth.signIn({ email: ana.email, password: PASSWORD });
  const back = await a.fetch("/profile", {
    headers: { cookie: `${COOKIE.access}=${again.accessToken}` },
  });
  await back.body?.cancel();
  assertEquals(back.status, 200);

  // Verifying a musician: the public profile shows the badge.
  await apiCall(a, { ...ana, token: again.accessToken }, "PUT", "/api/profile", {
    musician: { stage_name: "Ana Strings", instruments: "cello", published: true },
  }, 200);
  assert(!(await getPage(a, null, `/musicians/${ana.id}`)).text.includes("verified-badge"));
  const verify = await postForm(a, admin.token, `/admin/users/${ana.id}`, {
    intent: "verify",
    verified: "yes",
  });
  assertEquals(verify.status, 303);
  assert((await getPage(a, null, `/musicians/${ana.id}`)).text.includes("verified-badge"));

  const audit = await a.platform.db.asService((tx) =>
    tx.query<{ action: string; actor_id: string }>(
      "select action, actor_id from public.admin_audit_log where target_id = $1 order by id",
      [ana.id],
    )
  );
  assertEquals(audit, [
    { action: "user.suspend", actor_id: admin.id },
    { action: "user.unsuspend", actor_id: admin.id },
    { action: "musician.verify", actor_id: admin.id },
  ]);
});
