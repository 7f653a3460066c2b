/**
 * The accounts side of the fake Spotify (tests/_fakes/spotify.ts), as strict as the real one:
 *
 * - `/authorize` refuses a redirect URI on `localhost` or on plain HTTP other than a loopback IP
 *   literal ("INVALID_CLIENT: Invalid redirect URI", no redirect, as Spotify since 2025), and one
 *   not registered when a list is set (loopback ports may vary);
 * - authorization codes work once and expire after ten minutes; the PKCE verifier must match;
 * - refresh tokens rotate: each refresh answers a new one and the old one gets `invalid_grant`;
 *   they expire six months after the user's sign-in (refreshing does not extend that);
 * - tokens carry the scopes the user granted.
 *
 * Time is the fake's own clock (`now()`), which tests move with `advance`.
 */

export const ALL_SCOPES = [
  "playlist-modify-private",
  "playlist-modify-public",
  "playlist-read-private",
];

export interface Grant {
  user: string;
  scopes: Set<string>;
  /** When the user signed in (fake clock, ms): refresh tokens die six months later. */
  authorizedAt: number;
}

interface Code extends Grant {
  challenge: string;
  redirect: string;
  issuedAt: number;
}

const LOOPBACK = new Set(["127.0.0.1", "[::1]"]);

/** Spotify's rule for redirect URIs (2025): HTTPS, or HTTP on a loopback IP literal. */
export function redirectProblem(redirect: string, registered: string[] | null): string | null {
  let u: URL;
  try {
    u = new URL(redirect);
  } catch {
    return "INVALID_CLIENT: Invalid redirect URI";
  }
  if (u.hostname === "localhost" || u.hostname.endsWith(".localhost")) {
    return "INVALID_CLIENT: Invalid redirect URI";
  }
  if (u.protocol !== "https:" && !(u.protocol === "http:" && LOOPBACK.has(u.hostname))) {
    return "INVALID_CLIENT: Insecure redirect URI";
  }
  if (registered) {
    // A loopback literal may come with any port; everything else must match exactly.
    const same = (r: string) => {
      const x = new URL(r);
      if (LOOPBACK.has(u.hostname) && x.hostname === u.hostname) {
        return x.protocol === u.protocol && x.pathname === u.pathname;
      }
      return r === redirect;
    };
    if (!registered.some(same)) return "INVALID_CLIENT: Invalid redirect URI";
  }
  return null;
}

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
  );
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

export class FakeAccounts {
  /** Seconds an access token lives. */
  accessTtlS = 3600;
  /** Seconds an authorization code lives (Spotify: minutes). */
  codeTtlS = 600;
  /** Seconds a refresh token lives from the user's sign-in: six months. */
  refreshLifetimeS = 182 * 86_400;
  /** Registered redirect URIs; null accepts any valid one. */
  registeredRedirects: string[] | null = null;
  /** Scopes the user grants at consent; null grants what was asked for. */
  grantScopes: string[] | null = null;
  /** How many refreshes were answered, and how many refused. */
  refreshes = 0;
  refusedRefreshes = 0;

  readonly access = new Map<string, Grant & { expiresAt: number }>();
  readonly refresh = new Map<string, Grant>();
  readonly issued = new Set<string>();
  private codes = new Map<string, Code>();
  private skewMs = 0;
  private n = 0;

  now(): number {
    return Date.now() + this.skewMs;
  }

  /** Moves the fake's clock forward. */
  advance(seconds: number): void {
    this.skewMs += seconds * 1000;
  }

  /** A code for `user` as /authorize would give it, or the text of the refusal. */
  authorize(
    q: URLSearchParams,
    user: string,
  ): { code: string } | { error: string } | { refused: string } {
    const problem = redirectProblem(q.get("redirect_uri") ?? "", this.registeredRedirects);
    if (problem) return { refused: problem };
    if (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge")) {
      return { error: "invalid_request" };
    }
    const asked = (q.get("scope") ?? "").split(" ").filter((s) => ALL_SCOPES.includes(s));
    if (q.get("scope") && asked.length !== (q.get("scope") ?? "").split(" ").length) {
      return { error: "invalid_scope" };
    }
    const code = `code-${crypto.randomUUID()}`;
    this.codes.set(code, {
      user,
      scopes: new Set(this.grantScopes ?? asked),
      authorizedAt: this.now(),
      challenge: q.get("code_challenge")!,
      redirect: q.get("redirect_uri")!,
      issuedAt: this.now(),
    });
    return { code };
  }

  /** POST /api/token. */
  async token(form: URLSearchParams): Promise<Response> {
    const grant = form.get("grant_type");
    if (grant === "authorization_code") {
      const code = form.get("code") ?? "";
      const pending = this.codes.get(code);
      // Single use: gone whatever happens next.
      this.codes.delete(code);
      if (!pending) return tokenError("invalid_grant", "Invalid authorization code");
      if (this.now() - pending.issuedAt > this.codeTtlS * 1000) {
        return tokenError("invalid_grant", "Authorization code expired");
      }
      if (pending.redirect !== form.get("redirect_uri")) {
        return tokenError("invalid_grant", "Invalid redirect URI");
      }
      if (await s256(form.get("code_verifier") ?? "") !== pending.challenge) {
        return tokenError("invalid_grant", "code_verifier was incorrect");
      }
      return this.tokens(pending);
    }
    if (grant === "refresh_token") {
      const old = form.get("refresh_token") ?? "";
      const g = this.refresh.get(old);
      if (!g) {
        this.refusedRefreshes++;
        return tokenError("invalid_grant", "Refresh token revoked");
      }
      if (this.now() - g.authorizedAt > this.refreshLifetimeS * 1000) {
        this.refresh.delete(old);
        this.refusedRefreshes++;
        return tokenError("invalid_grant", "Refresh token expired");
      }
      // Rotation: the old refresh token is spent.
      this.refresh.delete(old);
      this.refreshes++;
      return this.tokens(g);
    }
    return tokenError("unsupported_grant_type", "grant_type must be authorization_code");
  }

  /** A working access token without the OAuth dance (port-level tests). */
  accessToken(user: string): string {
    return this.mint("access", {
      user,
      scopes: new Set(ALL_SCOPES),
      authorizedAt: this.now(),
    });
  }

  /** Every access token stops working (401); refresh tokens still work. */
  expireAccessTokens(): void {
    this.access.clear();
  }

  /** The user removed the app's access: every token of theirs stops working. */
  revoke(): void {
    this.access.clear();
    this.refresh.clear();
  }

  private tokens(g: Grant): Response {
    return Response.json({
      access_token: this.mint("access", g),
      token_type: "Bearer",
      expires_in: this.accessTtlS,
      scope: [...g.scopes].join(" "),
      refresh_token: this.mint("refresh", g),
    });
  }

  private mint(kind: "access" | "refresh", g: Grant): string {
    const t = `fake-${kind}-${++this.n}-${crypto.randomUUID()}`;
    const grant = { user: g.user, scopes: g.scopes, authorizedAt: g.authorizedAt };
    if (kind === "access") {
      this.access.set(t, { ...grant, expiresAt: this.now() + this.accessTtlS * 1000 });
    } else this.refresh.set(t, grant);
    this.issued.add(t);
    return t;
  }
}

function tokenError(error: string, description: string): Response {
  return Response.json({ error, error_description: description }, { status: 400 });
}
