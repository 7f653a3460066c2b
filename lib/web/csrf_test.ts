import { assertEquals } from "../../tests/_helpers/assert.ts";
import { checkCsrf } from "./csrf.ts";

const url = new URL("http://127.0.0.1:8000/profile");

function form(token: string | null, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(token ? { _csrf: token, a: "1" } : { a: "1" });
  return new Request(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

Deno.test("csrf - truth table", async (t) => {
  const cases: [string, Request, string | undefined, boolean][] = [
    ["GET is always allowed", new Request(url), undefined, true],
    ["form post with matching token", form("tok"), "tok", true],
    ["form post with wrong token", form("bad"), "tok", false],
    ["form post without token", form(null), "tok", false],
    ["form post without cookie", form("tok"), undefined, false],
    ["cross-origin form post", form("tok", { origin: "https://evil.example" }), "tok", false],
    ["same-origin form post", form("tok", { origin: url.origin }), "tok", true],
    ["cross-site fetch metadata", form("tok", { "sec-fetch-site": "cross-site" }), "tok", false],
    [
      "header token for fetch()",
      new Request(url, { method: "POST", headers: { "x-csrf-token": "tok" } }),
      "tok",
      true,
    ],
    [
      "bearer-authenticated API call",
      new Request(url, { method: "POST", headers: { authorization: "Bearer x" } }),
      undefined,
      true,
    ],
  ];
  for (const [name, req, cookie, ok] of cases) {
    await t.step(name, async () => assertEquals((await checkCsrf(req, url, cookie)).ok, ok));
  }
});
