/** Cookie names and attributes in one place. */
export const COOKIE = {
  access: "sc-access",
  refresh: "sc-refresh",
  csrf: "sc-csrf",
  flash: "sc-flash",
} as const;

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!name) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie is ignored rather than failing the request.
    }
  }
  return out;
}

export interface CookieOptions {
  maxAge?: number;
  httpOnly?: boolean;
  secure: boolean;
}

/** HttpOnly SameSite=Lax by default; Secure when the site is served over https. */
export function serializeCookie(name: string, value: string, opts: CookieOptions): string {
  let s = `${name}=${encodeURIComponent(value)}; Path=/; SameSite=Lax`;
  if (opts.httpOnly !== false) s += "; HttpOnly";
  if (opts.secure) s += "; Secure";
  if (opts.maxAge !== undefined) s += `; Max-Age=${opts.maxAge}`;
  return s;
}
