import { assertEquals } from "../../tests/_helpers/assert.ts";
import { checkCsrf, needsCsrf } from "./csrf.ts";

const url = new URL("http://127.0.0.1:8000/profile");
const sameOrigin = (o: string) => o === url.origin;

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
  ];
  for (const [name, req, cookie, ok] of cases) {
    await t.step(name, async () => assertEquals((await checkCsrf(req, sameOrigin, cookie)).ok, ok));
  }
});

Deno.test("csrf - which writes are checked", async (t) => {
  const json = (headers: Record<string, string> = {}) =>
    new Request(url, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", ...headers },
    });
  const cases: [string, Request, Record<string, string>, boolean, boolean][] = [
    ["GET never", new Request(url), { "sc-access": "x" }, false, false],
    ["a write carrying session cookies", json(), { "sc-access": "x" }, false, true],
    ["a bearer write carrying session cookies", json(), { "sc-refresh": "x" }, true, true],
    ["a bearer write without cookies", json(), {}, true, false],
    ["an anonymous JSON write without cookies", json(), {}, false, false],
    ["an anonymous form post without cookies", form("t"), {}, false, true],
    ["a bearer form post without cookies", form("t"), {}, true, false],
  ];
  for (const [name, req, cookies, bearer, checked] of cases) {
    await t.step(name, () => assertEquals(needsCsrf(req, cookies, bearer), checked));
  }
});
