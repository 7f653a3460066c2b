/**
 * Password recovery with Supabase Auth's e-mails, against a fake GoTrue on 127.0.0.1 and the real
 * supabase-js: the project's recovery template (supabase/templates/recovery.html, loaded by the
 * real Supabase CLI from config.toml) links to `/reset-password/confirm?token_hash=…`, verified
 * with verifyOtp; Auth's default link (`/verify` → `?code=`) is redeemed with the PKCE verifier
 * the requesting browser kept. The embedded `?token=` link keeps working beside them.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { fakeGoTrue } from "../_helpers/fake_gotrue.ts";
import { createSupabaseAuth } from "../../lib/ports/auth/supabase.ts";
import { AuthError } from "../../lib/ports/auth/port.ts";
import { loadConfig } from "../../lib/platform/config.ts";
import { type Platform, startPlatform } from "../../lib/platform/mod.ts";
import { soundcheckJobs } from "../../jobs.ts";
import { createServer } from "../../server.ts";
import { listOutbox } from "../../lib/ports/mail/outbox.ts";

const KEY = "sb_publishable_recovery-test-key";
const SITE = "http://127.0.0.1:8000";
const ROOT = new URL("../../", import.meta.url);
const TEMPLATE = new URL("supabase/templates/recovery.html", ROOT);

/** Renders Auth's Go template the way GoTrue fills it (only the fields ours uses). */
function renderTemplate(html: string, data: Record<string, string>): string {
  return html.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`the template uses {{ .${name} }}, unknown to this test`);
    return data[name];
  });
}

/** The reset link a user gets from the project's template for `tokenHash`. */
async function templateLink(tokenHash: string): Promise<URL> {
  const body = renderTemplate(await Deno.readTextFile(TEMPLATE), {
    SiteURL: SITE,
    TokenHash: tokenHash,
    Email: "someone@example.com",
  });
  const links = [...body.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]));
  assertEquals(links.length, 1, "the e-mail has one link");
  return links[0];
}

Deno.test("recovery template - links to the app's reset page with the token hash, and the CLI loads it", async () => {
  const link = await templateLink("pkce_0123abcd");
  assertEquals(link.origin + link.pathname, `${SITE}/reset-password/confirm`);
  assertEquals(link.searchParams.get("token_hash"), "pkce_0123abcd");
  assertEquals(link.searchParams.get("type"), "recovery");

  const toml = await Deno.readTextFile(new URL("supabase/config.toml", ROOT));
  const section = toml.match(/^\[auth\.email\.template\.recovery\]\n((?:[^[\n].*\n|\n)*)/m)?.[1];
  assert(section, "config.toml has [auth.email.template.recovery]");
  assertMatch(section, /^content_path = "\.\/supabase\/templates\/recovery\.html"$/m);

  // The real CLI validates config.toml (it reads content_path) before it touches a database.
  const cli = async (configText: string) => {
    const dir = await Deno.makeTempDir({ prefix: "soundcheck-cli-" });
    try {
      await Deno.mkdir(`${dir}/supabase/templates`, { recursive: true });
      await Deno.writeTextFile(`${dir}/supabase/config.toml`, configText);
      await Deno.copyFile(TEMPLATE, `${dir}/supabase/templates/recovery.html`);
      const out = await new Deno.Command(new URL("node_modules/.bin/supabase", ROOT), {
        args: [
          "db",
          "push",
          "--dry-run",
          "--workdir",
          dir,
          "--remote=postgresql://x:y@127.0.0.1:1/x",
        ],
        env: { DO_NOT_TRACK: "1", SUPABASE_TELEMETRY_DISABLED: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      return new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  };
  const ok = await cli(toml);
  assert(!/Invalid config/.test(ok), `the CLI accepts config.toml:\n${ok}`);
  assertMatch(ok, /failed to connect/, "it got as far as the database");
  const broken = await cli(toml.replace("templates/recovery.html", "templates/missing.html"));
  assertMatch(broken, /Invalid config for auth\.email\.template\.recovery\.content_path/);
});

Deno.test("supabase auth - reset by token hash (template link) and by code (Auth's link), once each", async () => {
  const fake = fakeGoTrue(KEY);
  try {
    const auth = createSupabaseAuth({ url: fake.url, anonKey: KEY });
    await auth.signUp({ email: "rae@example.com", password: "password-one", metadata: {} });
    const confirm = `${SITE}/reset-password/confirm`;

    // The template link: any browser, no verifier needed.
    const first = await auth.requestPasswordReset("rae@example.com", confirm);
    assert(first.codeVerifier, "the request started a PKCE flow");
    const mail = fake.mails.at(-1)!;
    assertEquals(mail.redirectTo, confirm);
    assertMatch(mail.tokenHash, /^pkce_/, "GoTrue prefixes a PKCE flow's token hash");
    const tokenHash = (await templateLink(mail.tokenHash)).searchParams.get("token_hash")!;
    const s1 = await auth.resetPassword(tokenHash, "password-two");
    assertEquals(s1.user.email, "rae@example.com");
    assert(fake.calls.includes("POST /auth/v1/logout?scope=others"), "other sessions end");
    await auth.signIn({ email: "rae@example.com", password: "password-two" });
    const used = await assertRejects(() => auth.resetPassword(tokenHash, "password-three"));
    assert(used instanceof AuthError && used.status === 400 && used.field === "token");

    // Auth's own link: /verify redirects with ?code=, which needs this request's verifier.
    const second = await auth.requestPasswordReset("rae@example.com", confirm);
    const third = await auth.requestPasswordReset("rae@example.com", confirm);
    const code = async (confirmationUrl: string) => {
      const res = await fetch(confirmationUrl, { redirect: "manual" });
      await res.body?.cancel();
      const back = new URL(res.headers.get("location")!);
      assertEquals(back.origin + back.pathname, confirm);
      return back.searchParams.get("code")!;
    };
    const c3 = await code(fake.mails.at(-1)!.confirmationUrl);
    const wrong = await assertRejects(() =>
      auth.resetPassword({ code: c3, codeVerifier: second.codeVerifier! }, "password-three")
    );
    assert(
      wrong instanceof AuthError && wrong.field === "token",
      "another request's verifier fails",
    );
    const c2 = await code(fake.mails.at(-2)!.confirmationUrl);
    await auth.resetPassword({ code: c2, codeVerifier: second.codeVerifier! }, "password-three");
    await auth.signIn({ email: "rae@example.com", password: "password-three" });
    assert(third.codeVerifier && third.codeVerifier !== second.codeVerifier);
    const garbage = await assertRejects(() =>
      auth.resetPassword({ code: c3, codeVerifier: "not a verifier" }, "password-four")
    );
    assert(garbage instanceof AuthError && garbage.field === "token");

    // A publishable key is no JWT: a bearer equal to it is never decoded nor sent to Auth.
    const asked = fake.calls.length;
    assertEquals(await auth.verify(KEY), null);
    assertEquals(fake.calls.length, asked);

    // Unknown addresses: silent, nothing mailed.
    const before = fake.mails.length;
    await auth.requestPasswordReset("nobody@example.com", confirm);
    assertEquals(fake.mails.length, before);
  } finally {
    await fake.server.shutdown();
  }
});

interface PageApp extends AsyncDisposable {
  platform: Platform;
  call(path: string, init?: RequestInit): Promise<Response>;
}

/** The web server; `supabaseUrl` swaps its auth port for the Supabase adapter on that fake. */
async function pageApp(supabaseUrl?: string): Promise<PageApp> {
  const dataDir = await Deno.makeTempDir({ prefix: "soundcheck-recovery-" });
  const platform = await startPlatform(
    loadConfig({ APP_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "error", WORKER: "off" }),
    soundcheckJobs,
  );
  const server = await createServer(
    supabaseUrl
      ? {
        ...platform,
        auth: { ...createSupabaseAuth({ url: supabaseUrl, anonKey: KEY }), anonKey: KEY },
      }
      : platform,
  );
  return {
    platform,
    call: (path, init = {}) =>
      server.fetch(new Request(`${SITE}${path}`, { redirect: "manual", ...init }), {
        remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 40000 },
        completed: Promise.resolve(),
      }),
    async [Symbol.asyncDispose]() {
      await platform.close();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}

const CSRF = { cookie: "sc-csrf=tok", origin: SITE };
const form = (fields: Record<string, string>) => new URLSearchParams({ _csrf: "tok", ...fields });
const hidden = (html: string, name: string) =>
  html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ??
    html.match(new RegExp(`value="([^"]*)" name="${name}"`))?.[1];

Deno.test("reset pages on Supabase - the template link and Auth's ?code= link both set a new password", async () => {
  const fake = fakeGoTrue(KEY);
  try {
    await using app = await pageApp(fake.url);
    const auth = createSupabaseAuth({ url: fake.url, anonKey: KEY });
    await auth.signUp({ email: "pia@example.com", password: "password-one", metadata: {} });
    const account = [...fake.users.values()].find((u) => u.email === "pia@example.com")!;

    const asked = await app.call("/reset-password", {
      method: "POST",
      headers: CSRF,
      body: form({ email: "pia@example.com" }),
    });
    assertEquals(asked.status, 200);
    await asked.body?.cancel();
    const setCookie = asked.headers.get("set-cookie") ?? "";
    const verifier = setCookie.match(/sc-reset-verifier=([^;]+)/)?.[1];
    assert(verifier, "the browser keeps the PKCE verifier");
    assertMatch(setCookie, /HttpOnly/);
    assertEquals(fake.mails.at(-1)!.redirectTo, `${SITE}/reset-password/confirm`);

    // The template's link, opened anywhere (no cookie).
    const link = await templateLink(fake.mails.at(-1)!.tokenHash);
    const shown = await app.call(link.pathname + link.search);
    assertEquals(shown.status, 200);
    const html = await shown.text();
    assertEquals(hidden(html, "token"), fake.mails.at(-1)!.tokenHash);
    const saved = await app.call("/reset-password/confirm", {
      method: "POST",
      headers: CSRF,
      body: form({ token: hidden(html, "token")!, code: "", password: "password-two" }),
    });
    assertEquals(saved.status, 303);
    assertEquals(saved.headers.get("location"), "/profile");
    assertMatch(saved.headers.get("set-cookie") ?? "", /sc-access=/);
    assertEquals(account.password, "password-two");

    // Auth's default e-mail: /verify redirects here with ?code=.
    const again = await app.call("/reset-password", {
      method: "POST",
      headers: CSRF,
      body: form({ email: "pia@example.com" }),
    });
    await again.body?.cancel();
    const cookie = again.headers.get("set-cookie")!.match(/sc-reset-verifier=[^;]+/)![0];
    const verified = await fetch(fake.mails.at(-1)!.confirmationUrl, { redirect: "manual" });
    await verified.body?.cancel();
    const back = new URL(verified.headers.get("location")!);
    const page = await (await app.call(back.pathname + back.search)).text();
    const code = hidden(page, "code");
    assertEquals(code, back.searchParams.get("code"));
    const elsewhere = await app.call("/reset-password/confirm", {
      method: "POST",
      headers: CSRF,
      body: form({ token: "", code: code!, password: "password-three" }),
    });
    assertEquals(elsewhere.status, 400, "another browser has no verifier");
    assertMatch(await elsewhere.text(), /browser you asked for it from/);
    const done = await app.call("/reset-password/confirm", {
      method: "POST",
      headers: { ...CSRF, cookie: `sc-csrf=tok; ${cookie}` },
      body: form({ token: "", code: code!, password: "password-three" }),
    });
    assertEquals(done.status, 303);
    assertMatch(done.headers.get("set-cookie") ?? "", /sc-reset-verifier=; .*Max-Age=0/);
    assertEquals(account.password, "password-three");

    // A used or expired link comes back from /verify with an error: the page says so.
    const spent = await fetch(fake.mails.at(-1)!.confirmationUrl, { redirect: "manual" });
    await spent.body?.cancel();
    const failed = new URL(spent.headers.get("location")!);
    const told = await app.call(failed.pathname + failed.search);
    assertEquals(told.status, 400);
    assertMatch(await told.text(), /invalid or has expired/);
  } finally {
    await fake.server.shutdown();
  }
});

Deno.test("reset pages on the embedded platform - the ?token= link still works", async () => {
  await using app = await pageApp();
  await app.platform.auth.signUp({
    email: "eli@example.com",
    password: "password-one",
    metadata: {},
  });
  const asked = await app.call("/reset-password", {
    method: "POST",
    headers: CSRF,
    body: form({ email: "eli@example.com" }),
  });
  assertEquals(asked.status, 200);
  await asked.body?.cancel();
  assert(!asked.headers.get("set-cookie")?.includes("sc-reset-verifier"), "no PKCE here");
  const [mail] = await app.platform.db.asService((tx) => listOutbox(tx, 1));
  const link = new URL(mail.body.match(/https?:\/\/\S+/)![0]);
  const html = await (await app.call(link.pathname + link.search)).text();
  const saved = await app.call("/reset-password/confirm", {
    method: "POST",
    headers: CSRF,
    body: form({ token: hidden(html, "token")!, code: "", password: "password-two" }),
  });
  assertEquals(saved.status, 303);
  await app.platform.auth.signIn({ email: "eli@example.com", password: "password-two" });
});
