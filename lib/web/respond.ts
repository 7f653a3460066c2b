/** Small response helpers shared by routes: redirects that carry cookies and flash messages. */
import { COOKIE, serializeCookie } from "./cookies.ts";

export interface FlashMessage {
  kind: "success" | "error" | "info";
  text: string;
}

export function flashCookie(flash: FlashMessage, secure: boolean): string {
  return serializeCookie(COOKIE.flash, JSON.stringify(flash), { secure, maxAge: 60 });
}

export function readFlash(raw: string | undefined): FlashMessage | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw);
    if (
      v && typeof v.text === "string" && ["success", "error", "info"].includes(v.kind)
    ) return { kind: v.kind, text: v.text.slice(0, 300) };
  } catch {
    // ignore a tampered flash cookie
  }
  return null;
}

/** 303 See Other (the right answer to a form POST) with any Set-Cookie values. */
export function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}

/** Appends Set-Cookie values even to responses whose headers are immutable. */
export function withCookies(res: Response, cookies: string[]): Response {
  if (cookies.length === 0) return res;
  try {
    for (const c of cookies) res.headers.append("set-cookie", c);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    for (const c of cookies) copy.headers.append("set-cookie", c);
    return copy;
  }
}
