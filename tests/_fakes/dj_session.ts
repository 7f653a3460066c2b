/**
 * Test helpers for the AI DJ over HTTP: a signed-in browser-like session (cookies + CSRF) and
 * connecting Spotify through the real OAuth redirects against tests/_fakes/spotify.ts.
 */
import type { TestApp } from "../_helpers/app.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

export interface Session {
  userId: string;
  cookie: string;
  /** Headers for a JSON API call with the session cookie and CSRF token. */
  json: Record<string, string>;
  accessToken: string;
}

const CSRF = "csrf-token-for-dj-tests-0123456789";

export async function signIn(app: TestApp, email: string, name = "DJ Tester"): Promise<Session> {
  const s = await app.platform.auth.signUp({
    email,
    password: "dj-password-123",
    metadata: { display_name: name },
  });
  const claims = await app.platform.auth.verify(s.accessToken);
  const cookie = `${COOKIE.access}=${s.accessToken}; ${COOKIE.csrf}=${CSRF}`;
  return {
    userId: claims!.sub,
    cookie,
    accessToken: s.accessToken,
    json: { cookie, "x-csrf-token": CSRF, "content-type": "application/json" },
  };
}

/** Follows /dj/connect → fake authorize → /dj/callback; returns the final redirect and flash. */
export async function connectSpotify(
  app: TestApp,
  session: Session,
  next = "/dj",
): Promise<{ location: string; flash: string; setCookies: string[] }> {
  const start = await app.fetch(`/dj/connect?next=${encodeURIComponent(next)}`, {
    headers: { cookie: session.cookie },
  });
  if (start.status !== 303) throw new Error(`connect answered ${start.status}`);
  const oauthCookie = start.headers.getSetCookie().find((c) => c.startsWith("sc-spotify-oauth="))!
    .split(";")[0];
  const consent = await fetch(start.headers.get("location")!, { redirect: "manual" });
  await consent.body?.cancel();
  const back = new URL(consent.headers.get("location")!);
  const done = await app.fetch(`${back.pathname}${back.search}`, {
    headers: { cookie: `${session.cookie}; ${oauthCookie}` },
  });
  await done.body?.cancel();
  const setCookies = done.headers.getSetCookie();
  const flash = decodeURIComponent(
    setCookies.find((c) => c.startsWith(`${COOKIE.flash}=`))?.split(";")[0].split("=")[1] ?? "",
  );
  return { location: done.headers.get("location") ?? "", flash, setCookies };
}
