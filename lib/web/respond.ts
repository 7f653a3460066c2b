/** Small response helpers shared by routes: redirects that carry cookies and flash messages. */
import { COOKIE, serializeCookie } from "./cookies.ts";

export interface FlashMessage {
  kind: "success" | "error" | "info";
  text: string;
  /** An Undo button beside the text: a form posting `fields` to `action` (a path on this site). */
  undo?: FlashUndo;
}

export interface FlashUndo {
  action: string;
  fields: Record<string, string>;
}

/** A same-site path (no scheme, no `//host`) and a few short string fields, else nothing. */
function readUndo(v: unknown): FlashUndo | undefined {
  if (!v || typeof v !== "object") return undefined;
  const { action, fields } = v as Record<string, unknown>;
  if (typeof action !== "string" || !/^\/[A-Za-z0-9/_-]{0,200}$/.test(action)) return undefined;
  if (action.startsWith("//") || !fields || typeof fields !== "object") return undefined;
  const entries = Object.entries(fields as Record<string, unknown>);
  if (entries.length > 4) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of entries) {
    if (!/^[a-z_]{1,32}$/.test(k) || typeof x !== "string" || x.length > 100) return undefined;
    out[k] = x;
  }
  return { action, fields: out };
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
    ) {
      const undo = readUndo(v.undo);
      return { kind: v.kind, text: v.text.slice(0, 300), ...(undo ? { undo } : {}) };
    }
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
