import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import { authorizeUrl, challengeOf, exchangeCode, pkcePair, refreshTokens } from "./oauth.ts";
import type { SpotifyConfig } from "./config.ts";
import { SpotifyError, SpotifyReconnectError } from "./errors.ts";

const cfg: SpotifyConfig = {
  clientId: "cid",
  redirectUrl: null,
  accountsUrl: "https://accounts.example",
  apiUrl: "https://api.example/v1",
};

Deno.test("pkce - S256 challenge matches RFC 7636's example", async () => {
  assertEquals(
    await challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
  const p = await pkcePair();
  assertMatch(p.verifier, /^[A-Za-z0-9_-]{43,128}$/);
  assertEquals(p.challenge, await challengeOf(p.verifier));
});

Deno.test("oauth - the authorize URL asks for playlist writing with PKCE and state", () => {
  const u = new URL(
    authorizeUrl(cfg, { state: "st", challenge: "ch", redirectUri: "http://x/cb" }),
  );
  assertEquals(u.origin + u.pathname, "https://accounts.example/authorize");
  assertEquals(Object.fromEntries(u.searchParams), {
    response_type: "code",
    client_id: "cid",
    scope: "playlist-modify-private playlist-modify-public playlist-read-private",
    redirect_uri: "http://x/cb",
    state: "st",
    code_challenge_method: "S256",
    code_challenge: "ch",
  });
});

function stub(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return (input, init) => {
    seen.push(new Request(input, init));
    return Promise.resolve(Response.json(body, { status }));
  };
}

Deno.test("oauth - code exchange sends the verifier; invalid_grant means reconnect", async () => {
  const seen: Request[] = [];
  const t = await exchangeCode(
    cfg,
    { code: "c", verifier: "v", redirectUri: "http://x/cb" },
    stub(200, {
      access_token: "a",
      refresh_token: "r",
      expires_in: 3600,
      token_type: "Bearer",
    }, seen),
  );
  assertEquals([t.access_token, t.refresh_token, t.expires_in], ["a", "r", 3600]);
  const form = new URLSearchParams(await seen[0].text());
  assertEquals(Object.fromEntries(form), {
    grant_type: "authorization_code",
    code: "c",
    redirect_uri: "http://x/cb",
    code_verifier: "v",
    client_id: "cid",
  });
  assertEquals(seen[0].headers.get("authorization"), null, "PKCE needs no secret");
  const withSecret: typeof cfg = { ...cfg, clientSecret: "sec" };
  await refreshTokens(withSecret, "r", stub(200, { access_token: "a2", expires_in: 60 }, seen));
  assertEquals(seen[1].headers.get("authorization"), `Basic ${btoa("cid:sec")}`);

  let err: unknown;
  await refreshTokens(cfg, "r", stub(400, { error: "invalid_grant" })).catch((e) => err = e);
  assert(err instanceof SpotifyReconnectError, "revoked refresh token → reconnect");
  await refreshTokens(cfg, "r", stub(200, { nope: 1 })).catch((e) => err = e);
  assert(err instanceof SpotifyError && !(err instanceof SpotifyReconnectError), "bad answer");
});
