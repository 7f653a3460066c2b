/**
 * Sign-in, sign-up and reset-mail limits over HTTP, at every door (the sign-in page,
 * `POST /api/auth/token`, `/auth/v1`): keyed by account and by the address the edge resolved,
 * never by a header the client writes.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { listOutbox } from "../../lib/ports/mail/outbox.ts";

const PASSWORD = "the-right-password";
const CSRF = { cookie: "sc-csrf=tok" };

/** Posts the sign-in form (with the double-submit CSRF token) and reads the status. */
async function signInForm(
  app: TestApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const res = await app.fetch("/signin", {
    method: "POST",
    headers: { ...CSRF, ...headers },
    body: new URLSearchParams({ email, password, _csrf: "tok", next: "/profile" }),
  });
  await res.body?.cancel();
  return res;
}

/** A different made-up client address per attempt, in every header a proxy might set. */
const spoofed = (i: number) => ({
  "x-forwarded-for": `203.0.113.${i}`,
  "x-real-ip": `198.51.100.${i}`,
});

function assertLimited(res: Response, what: string): void {
  assertEquals(res.status, 429, what);
  const wait = Number(res.headers.get("retry-after"));
  assert(wait > 0 && wait <= 900, `${what}: Retry-After ${res.headers.get("retry-after")}`);
}

Deno.test("auth limits - rotating X-Forwarded-For / X-Real-IP does not escape the sign-in limit", async () => {
  // No TRUSTED_PROXIES: the forwarding headers are anyone's to write, so they are not believed.
  await using app = await startTestApp({ WORKER: "off" });
  await app.platform.auth.signUp({ email: "ann@example.com", password: PASSWORD, metadata: {} });
  const statuses: number[] = [];
  let limited: Response | null = null;
  for (let i = 1; i <= 15; i++) {
    const res = await signInForm(app, "ann@example.com", `wrong-${i}`, spoofed(i));
    statuses.push(res.status);
    limited ??= res.status === 429 ? res : null;
  }
  const first = statuses.indexOf(429);
  assert(first !== -1 && first <= 10, `limited by the 11th attempt: ${statuses.join(" ")}`);
  assert(statuses.slice(first).every((s) => s === 429), `stays limited: ${statuses.join(" ")}`);
  assertLimited(limited!, "the limited answer");
  // Locked means locked: even the right password waits (it is not even checked).
  assertLimited(await signInForm(app, "ann@example.com", PASSWORD, spoofed(99)), "right password");
});

Deno.test("auth limits - many accounts from one socket are limited per address whatever the headers say", async () => {
  await using app = await startTestApp({ WORKER: "off" });
  // Ten at a time: the order does not matter below the limit, and bcrypt is the slow part.
  const statuses: number[] = [];
  for (let batch = 0; batch < 10; batch++) {
    const guesses = Array.from({ length: 10 }, (_, j) => batch * 10 + j + 1);
    const answers = await Promise.all(
      guesses.map((i) => signInForm(app, `guess${i}@example.com`, "password", spoofed(i))),
    );
    statuses.push(...answers.map((r) => r.status));
  }
  statuses.push((await signInForm(app, "guess101@example.com", "password", spoofed(101))).status);
  assertEquals(statuses.slice(0, 100).filter((s) => s === 429).length, 0, "100 attempts pass");
  assertEquals(statuses[100], 429, "the 101st from the same socket is limited");
});

Deno.test("auth limits - failed sign-ins for one account from many (proxied) addresses are limited per account", async () => {
  // Behind a trusted proxy the forwarded address is the client: each attempt really comes from
  // another address, and only the per-account limit can stop them.
  await using app = await startTestApp({ WORKER: "off", TRUSTED_PROXIES: "127.0.0.1" });
  const { auth } = app.platform;
  await auth.signUp({ email: "bo@example.com", password: PASSWORD, metadata: {} });
  await auth.signUp({ email: "cy@example.com", password: PASSWORD, metadata: {} });
  await auth.signUp({ email: "di@example.com", password: PASSWORD, metadata: {} });

  const statuses: number[] = [];
  for (let i = 1; i <= 12; i++) {
    statuses.push((await signInForm(app, "bo@example.com", `wrong-${i}`, spoofed(i))).status);
  }
  assertEquals(statuses.slice(0, 10), Array(10).fill(400), "ten wrong passwords are answered");
  assertEquals(statuses.slice(10), [429, 429], "then the account is limited");
  assertLimited(await signInForm(app, "bo@example.com", PASSWORD, spoofed(50)), "bo, any address");

  // Another account from the very same addresses is not affected.
  const other = await signInForm(app, "cy@example.com", PASSWORD, spoofed(1));
  assertEquals([other.status, other.headers.get("location")], [303, "/profile"]);

  // A success resets the account's count: typos spread over time never add up.
  for (let i = 1; i <= 9; i++) await signInForm(app, "di@example.com", "typo", spoofed(i));
  assertEquals((await signInForm(app, "di@example.com", PASSWORD, spoofed(10))).status, 303);
  const after: number[] = [];
  for (let i = 1; i <= 10; i++) {
    after.push((await signInForm(app, "di@example.com", "typo", spoofed(20 + i))).status);
  }
  assertEquals(after, Array(10).fill(400), "a fresh window after the success");
});

Deno.test("auth limits - password reset mails are limited per recipient and per address", async () => {
  await using app = await startTestApp({ WORKER: "off", TRUSTED_PROXIES: "127.0.0.1" });
  await app.platform.auth.signUp({ email: "ed@example.com", password: PASSWORD, metadata: {} });
  const reset = async (email: string, headers: Record<string, string>) => {
    const res = await app.fetch("/reset-password", {
      method: "POST",
      headers: { ...CSRF, ...headers },
      body: new URLSearchParams({ email, _csrf: "tok" }),
    });
    await res.body?.cancel();
    return res;
  };

  // One recipient, each request from another address: three mails, then 429 at both doors.
  const statuses: number[] = [];
  for (let i = 1; i <= 3; i++) statuses.push((await reset("ed@example.com", spoofed(i))).status);
  assertEquals(statuses, [200, 200, 200]);
  assertLimited(await reset("ED@example.com", spoofed(4)), "fourth mail to ed, new address");
  const api = await app.fetch("/auth/v1/recover", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${app.platform.auth.anonKey}`,
      ...spoofed(5),
    },
    body: JSON.stringify({ email: "ed@example.com" }),
  });
  assertLimited(api, "the API door shares the limit");
  assertEquals((await api.json()).error_code, "over_email_send_rate_limit");
  const mails = (await app.platform.db.asService((tx) => listOutbox(tx)))
    .filter((m) => m.recipient === "ed@example.com" && /password/i.test(m.subject ?? ""));
  assertEquals(mails.length, 3, "only three reset mails were written");

  // One address, many recipients: twenty requests, then 429 (the address counted 2 above).
  const from = spoofed(77);
  const sprayed: number[] = [];
  for (let i = 1; i <= 21; i++) sprayed.push((await reset(`user${i}@example.com`, from)).status);
  assertEquals(sprayed.slice(0, 20), Array(20).fill(200));
  assertEquals(sprayed[20], 429, "the 21st request from one address is limited");
});

Deno.test("auth limits - POST /auth/v1/token answers 429 with Retry-After after ten wrong passwords, at every door", async () => {
  await using app = await startTestApp({ WORKER: "off" });
  await app.platform.auth.signUp({ email: "fi@example.com", password: PASSWORD, metadata: {} });
  const json = { "content-type": "application/json" };
  const token = () =>
    app.fetch("/auth/v1/token?grant_type=password", {
      method: "POST",
      headers: { ...json, apikey: "x", authorization: `Bearer ${app.platform.auth.anonKey}` },
      body: JSON.stringify({ email: "fi@example.com", password: "wrong password" }),
    });
  for (let i = 1; i <= 10; i++) {
    const res = await token();
    const body = await res.json();
    assertEquals([res.status, body.error_code], [400, "invalid_credentials"], `attempt ${i}`);
  }
  const res = await token();
  assertLimited(res, "the 11th");
  const body = await res.json();
  assertEquals([body.code, body.error_code], [429, "over_request_rate_limit"]);
  assertMatch(body.msg, /^Too many sign-in attempts\. Try again in \d+ s\.$/);

  // The same account is limited at the other doors too (one sign-in function).
  const viaApi = await app.fetch("/api/auth/token", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ email: "fi@example.com", password: PASSWORD }),
  });
  assertLimited(viaApi, "POST /api/auth/token");
  await viaApi.body?.cancel();
  assertLimited(await signInForm(app, "fi@example.com", PASSWORD), "the sign-in page");
});

Deno.test("auth limits - sign-ups are limited per address; an over-long password is refused before hashing", async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const anon = {
    "content-type": "application/json",
    authorization: `Bearer ${app.platform.auth.anonKey}`,
  };
  const statuses: number[] = [];
  for (let i = 1; i <= 21; i++) {
    const res = await app.fetch("/auth/v1/signup", {
      method: "POST",
      headers: anon,
      body: JSON.stringify({ email: `new${i}@example.com`, password: PASSWORD }),
    });
    await res.body?.cancel();
    statuses.push(res.status);
  }
  assertEquals(statuses.slice(0, 20), Array(20).fill(200));
  assertEquals(statuses[20], 429, "the 21st sign-up from one address");

  const long = await app.fetch("/api/auth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "new1@example.com", password: "p".repeat(100_000) }),
  });
  assertEquals(long.status, 400);
  assertEquals((await long.json()).error.field, "password");
});
