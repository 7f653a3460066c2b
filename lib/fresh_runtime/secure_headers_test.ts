import { applySecureHeaders, csp, cspFor, generateNonce, requestIdFrom } from "./secure_headers.ts";
import { assert, assertEquals } from "./test_utils.ts";

Deno.test("secure_headers - nonces are fresh base64", () => {
  const a = generateNonce();
  assert(/^[A-Za-z0-9+/]{22}==$/.test(a), a);
  assert(a !== generateNonce());
  assert(csp(a).includes(`script-src 'self' 'nonce-${a}';`));
});

Deno.test("secure_headers - request ids: sane incoming kept, others replaced", () => {
  assertEquals(requestIdFrom("req-1.a:b_c"), "req-1.a:b_c");
  for (const bad of [null, undefined, "", "has space", "<x>", "x".repeat(129)]) {
    assert(/^[0-9a-f-]{36}$/.test(requestIdFrom(bad)), String(bad));
  }
});

Deno.test("secure_headers - immutable responses are copied; handler-set headers win", async () => {
  const redirect = Response.redirect("http://localhost/next", 302);
  const out = applySecureHeaders(redirect, "n", "rid");
  assertEquals(out.headers.get("location"), "http://localhost/next");
  assertEquals(out.headers.get("x-request-id"), "rid");
  const own = new Response("x", { headers: { "x-frame-options": "SAMEORIGIN" } });
  assertEquals(applySecureHeaders(own, "n", "rid").headers.get("x-frame-options"), "SAMEORIGIN");
  await own.body?.cancel();
});

Deno.test("secure_headers - an app's extra origins join connect-src and img-src only", () => {
  const policy = cspFor({
    connect: ["https://x.supabase.co", "wss://x.supabase.co"],
    img: ["http://files.local"],
  })("n0nce");
  const directive = (name: string) =>
    policy.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";
  assertEquals(
    directive("connect-src"),
    "connect-src 'self' https://x.supabase.co wss://x.supabase.co",
  );
  assertEquals(directive("img-src"), "img-src 'self' data: blob: https: http://files.local");
  assertEquals(directive("script-src"), "script-src 'self' 'nonce-n0nce'");
  assertEquals(directive("default-src"), "default-src 'self'");
  assertEquals(cspFor()("n0nce"), csp("n0nce"));
});

Deno.test("secure_headers - extra script and frame origins (a checkout script) join theirs", () => {
  const policy = cspFor({ script: ["https://checkout.example"], frame: ["https://api.example"] })(
    "n0nce",
  );
  assert(policy.includes("script-src 'self' https://checkout.example 'nonce-n0nce';"), policy);
  assert(policy.includes("frame-src https://open.spotify.com https://api.example;"), policy);
});

Deno.test("secure_headers - media origins get a media-src; none keeps the default", () => {
  const policy = cspFor({ media: ["https://x.supabase.co"] })("n0nce");
  assert(policy.includes("media-src 'self' https://x.supabase.co;"), policy);
  assert(!csp("n0nce").includes("media-src"), "default-src covers media without extra origins");
});
