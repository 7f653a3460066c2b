/**
 * A fake Spotify on 127.0.0.1 for integration and browser tests: the accounts service (authorize
 * with auto-consent, token endpoint with PKCE S256 checks, refresh, revocation) and the Web API
 * parts the DJ uses (`/v1/me`, `/v1/search` capped at 10 with offset paging, playlist creation and
 * items capped at 100) and artist search (`type=artist`, from `artists`: spotify_artists.ts). Faults on demand: 429 with Retry-After, 403 (development mode), expired
 * access tokens (401), revoked refresh tokens (invalid_grant). Zero latency.
 *
 * ```ts
 * await using spotify = new FakeSpotify();
 * const app = await startTestApp(spotify.env());
 * ```
 */
import { catalogue } from "../../lib/domains/dj/catalogue.ts";
import { fold } from "../../lib/domains/dj/lexicon.ts";
import {
  artistObject,
  catalogueArtists,
  type FakeArtist,
  matchArtists,
} from "./spotify_artists.ts";

export type { FakeArtist } from "./spotify_artists.ts";

export interface FakeTrack {
  id: string;
  name: string;
  artists: { name: string }[];
  album: { name: string };
  explicit: boolean;
  duration_ms: number;
  uri: string;
  external_urls: { spotify: string };
  /** Searchable words: title, artists, album, genres and moods (folded). */
  words: Set<string>;
  genres: string[];
}

export interface FakePlaylist {
  id: string;
  owner: string;
  name: string;
  description: string;
  public: boolean;
  uris: string[];
}

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A 22-character base62 id, deterministic per key (Spotify ids look like this). */
export function fakeId(key: string): string {
  let h1 = 0x811c9dc5, h2 = 0x1b873593;
  for (let i = 0; i < key.length; i++) {
    h1 = Math.imul(h1 ^ key.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ key.charCodeAt(i), 2246822507) >>> 0;
  }
  let out = "";
  for (let i = 0; i < 22; i++) {
    const x = i % 2 ? h1 : h2;
    out += B62[(x >>> (i % 5) * 5) % 62];
    h1 = Math.imul(h1 ^ (h1 >>> 13), 0x5bd1e995) >>> 0;
    h2 = Math.imul(h2 ^ (h2 >>> 15), 0x27d4eb2f) >>> 0;
  }
  return out;
}

function track(key: string, name: string, artist: string, album: string, extra: {
  explicit: boolean;
  duration_ms: number;
  genres: string[];
  moods: string[];
}): FakeTrack {
  const id = fakeId(key);
  return {
    id,
    name,
    artists: artist.split(" & ").map((name) => ({ name })),
    album: { name: album },
    explicit: extra.explicit,
    duration_ms: extra.duration_ms,
    uri: `spotify:track:${id}`,
    external_urls: { spotify: `https://open.spotify.com/track/${id}` },
    words: new Set(
      fold([name, artist, album, ...extra.genres, ...extra.moods].join(" ")).split(" "),
    ),
    genres: extra.genres.map((g) => g.toLowerCase()),
  };
}

/** The catalogue as Spotify would hold it, plus remasters (duplicates by title and artist). */
function library(): FakeTrack[] {
  const out: FakeTrack[] = [];
  catalogue().forEach((t, i) => {
    const extra = {
      explicit: t.explicit,
      duration_ms: t.duration_ms ?? 200_000,
      genres: t.genres,
      moods: t.moods,
    };
    out.push(track(t.external_id!, t.title, t.artist, t.album ?? t.title, extra));
    if (i % 4 === 0) {
      out.push(
        track(
          `${t.external_id}#remaster`,
          `${t.title} - Remastered 2011`,
          t.artist,
          `${t.album ?? t.title} (Deluxe)`,
          extra,
        ),
      );
    }
  });
  return out;
}

export class FakeSpotify implements AsyncDisposable {
  readonly clientId = "fake-client-id";
  readonly tracks: FakeTrack[] = library();
  /** What `type=artist` searches find: the catalogue's artists; tests may replace the list. */
  artists: FakeArtist[] = catalogueArtists(fakeId);
  readonly playlists = new Map<string, FakePlaylist>();
  /** Every request as `METHOD /path?query`, and every search's limit. */
  readonly log: string[] = [];
  readonly searchLimits: number[] = [];
  /** How many Web API requests were answered 401. */
  unauthorized = 0;
  /** Who consents at /authorize; `deny` makes the user decline. */
  user = { id: "fakeuser", display_name: "Fake Listener" };
  deny = false;
  /** Seconds an access token lives (the DJ refreshes a minute before expiry). */
  accessTtlS = 3600;
  /** The next `n` search requests answer 429 with this Retry-After. */
  private limited = { n: 0, retryAfter: 0 };
  /** Playlist creation answers 403 (a development-mode app, user not on the allow-list). */
  forbidPlaylists = false;
  /** The Web API answers 401 to every token, even a freshly refreshed one. */
  rejectAccess = false;

  private codes = new Map<string, { challenge: string; redirect: string; user: string }>();
  private access = new Map<string, string>();
  private refresh = new Map<string, string>();
  private issued = new Set<string>();
  private server: Deno.HttpServer<Deno.NetAddr>;
  private n = 0;

  constructor() {
    this.server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.handle(req),
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.addr.port}`;
  }

  /** Env for `startTestApp` pointing the server at this fake. */
  env(): Record<string, string> {
    return {
      SPOTIFY_CLIENT_ID: this.clientId,
      SPOTIFY_ACCOUNTS_URL: this.url,
      SPOTIFY_API_URL: `${this.url}/v1`,
    };
  }

  rateLimitNext(n: number, retryAfterS: number): void {
    this.limited = { n, retryAfter: retryAfterS };
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

  /** A working access token for `user` without the OAuth dance (port-level tests). */
  accessToken(user = this.user.id): string {
    return this.token("access", user);
  }

  /** Every token issued so far (to check none reaches a page). */
  issuedTokens(): string[] {
    return [...this.issued];
  }

  private token(kind: "access" | "refresh", user: string): string {
    const t = `fake-${kind}-${++this.n}-${crypto.randomUUID()}`;
    (kind === "access" ? this.access : this.refresh).set(t, user);
    this.issued.add(t);
    return t;
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.log.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname === "/authorize") return this.authorize(url);
    if (url.pathname === "/api/token" && req.method === "POST") {
      return await this.tokenEndpoint(req);
    }
    if (!url.pathname.startsWith("/v1/")) return apiError(404, "Not found");
    const auth = req.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
    const user = auth ? this.access.get(auth) : undefined;
    if (!user || this.rejectAccess) {
      this.unauthorized++;
      return apiError(401, "The access token expired");
    }
    const path = url.pathname.slice(3);
    if (path === "/me" && req.method === "GET") {
      return Response.json({ id: user, display_name: this.user.display_name, type: "user" });
    }
    if (path === "/search" && req.method === "GET") return this.search(url);
    if (path === "/me/playlists" && req.method === "POST") {
      if (this.forbidPlaylists) {
        return apiError(
          403,
          "Check settings on developer.spotify.com/dashboard, the user may not be registered.",
        );
      }
      const body = await req.json() as { name?: string; description?: string; public?: boolean };
      if (!body.name) return apiError(400, "Missing required field: name");
      const id = fakeId(`playlist-${++this.n}`);
      this.playlists.set(id, {
        id,
        owner: user,
        name: body.name,
        description: body.description ?? "",
        public: body.public ?? true,
        uris: [],
      });
      return Response.json({
        id,
        name: body.name,
        uri: `spotify:playlist:${id}`,
        external_urls: { spotify: `https://open.spotify.com/playlist/${id}` },
      }, { status: 201 });
    }
    const items = path.match(/^\/playlists\/([A-Za-z0-9]+)\/items$/);
    if (items && req.method === "POST") {
      const p = this.playlists.get(items[1]);
      if (!p || p.owner !== user) return apiError(404, "Playlist not found");
      const body = await req.json() as { uris?: string[] };
      if (!Array.isArray(body.uris) || body.uris.length === 0) return apiError(400, "No uris");
      if (body.uris.length > 100) return apiError(400, "Too many ids requested");
      p.uris.push(...body.uris);
      return Response.json({ snapshot_id: `snap-${++this.n}` }, { status: 201 });
    }
    return apiError(404, "Service not found");
  }

  private authorize(url: URL): Response {
    const q = url.searchParams;
    const redirect = q.get("redirect_uri");
    if (q.get("client_id") !== this.clientId || !redirect) {
      return new Response("INVALID_CLIENT: Invalid client", { status: 400 });
    }
    const back = new URL(redirect);
    back.searchParams.set("state", q.get("state") ?? "");
    if (this.deny) back.searchParams.set("error", "access_denied");
    else if (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge")) {
      back.searchParams.set("error", "invalid_request");
    } else {
      const code = `code-${crypto.randomUUID()}`;
      this.codes.set(code, { challenge: q.get("code_challenge")!, redirect, user: this.user.id });
      back.searchParams.set("code", code);
    }
    return new Response(null, { status: 302, headers: { location: back.toString() } });
  }

  private async tokenEndpoint(req: Request): Promise<Response> {
    const form = new URLSearchParams(await req.text());
    if (form.get("client_id") !== this.clientId) return tokenError(400, "invalid_client");
    const grant = form.get("grant_type");
    if (grant === "authorization_code") {
      const pending = this.codes.get(form.get("code") ?? "");
      this.codes.delete(form.get("code") ?? "");
      if (!pending || pending.redirect !== form.get("redirect_uri")) {
        return tokenError(400, "invalid_grant");
      }
      const digest = new Uint8Array(
        await crypto.subtle.digest(
          "SHA-256",
          new TextEncoder().encode(form.get("code_verifier") ?? ""),
        ),
      );
      const challenge = btoa(String.fromCharCode(...digest)).replace(/\+/g, "-")
        .replace(/\//g, "_").replace(/=+$/, "");
      if (challenge !== pending.challenge) return tokenError(400, "invalid_grant");
      return this.tokens(pending.user, true);
    }
    if (grant === "refresh_token") {
      const user = this.refresh.get(form.get("refresh_token") ?? "");
      if (!user) return tokenError(400, "invalid_grant");
      return this.tokens(user, false);
    }
    return tokenError(400, "unsupported_grant_type");
  }

  private tokens(user: string, withRefresh: boolean): Response {
    return Response.json({
      access_token: this.token("access", user),
      token_type: "Bearer",
      expires_in: this.accessTtlS,
      scope: "playlist-modify-private playlist-modify-public",
      ...(withRefresh ? { refresh_token: this.token("refresh", user) } : {}),
    });
  }

  private search(url: URL): Response {
    const q = url.searchParams;
    const limit = Number(q.get("limit") ?? 20);
    const offset = Number(q.get("offset") ?? 0);
    this.searchLimits.push(limit);
    if (!Number.isInteger(limit) || limit < 0 || limit > 10) return apiError(400, "Invalid limit");
    if (!Number.isInteger(offset) || offset < 0 || offset > 1000) {
      return apiError(400, "Invalid offset");
    }
    const type = q.get("type");
    if (type !== "track" && type !== "artist") return apiError(400, "Unsupported type");
    if (this.limited.n > 0) {
      this.limited.n--;
      return new Response(
        JSON.stringify({ error: { status: 429, message: "API rate limit exceeded" } }),
        {
          status: 429,
          headers: {
            "retry-after": String(this.limited.retryAfter),
            "content-type": "application/json",
          },
        },
      );
    }
    if (type === "artist") {
      const artists = matchArtists(this.artists, q.get("q") ?? "");
      return Response.json({
        artists: {
          href: url.toString(),
          items: artists.slice(offset, offset + limit).map(artistObject),
          limit,
          offset,
          total: artists.length,
          next: offset + limit < artists.length ? "more" : null,
          previous: offset > 0 ? "less" : null,
        },
      });
    }
    const found = this.match(q.get("q") ?? "");
    return Response.json({
      tracks: {
        href: url.toString(),
        items: found.slice(offset, offset + limit).map(({ words: _w, genres: _g, ...t }) => t),
        limit,
        offset,
        total: found.length,
        next: offset + limit < found.length ? "more" : null,
        previous: offset > 0 ? "less" : null,
      },
    });
  }

  /** Field filters (`genre:"x"`, `track:"x"`, `artist:"x"`) must hold; free words rank. */
  private match(query: string): FakeTrack[] {
    const filters: [string, string][] = [];
    const free = query.replace(/(genre|track|artist):"([^"]*)"/g, (_, f: string, v: string) => {
      filters.push([f, fold(v)]);
      return " ";
    });
    const words = fold(free).split(" ").filter((w) => w.length > 1);
    const scored: [FakeTrack, number][] = [];
    for (const t of this.tracks) {
      const ok = filters.every(([f, v]) =>
        f === "genre"
          ? t.genres.includes(v)
          : f === "track"
          ? fold(t.name).includes(v)
          : t.artists.some((a) => fold(a.name).includes(v))
      );
      if (!ok) continue;
      const s = words.filter((w) => t.words.has(w)).length;
      if (words.length && s === 0) continue;
      scored.push([t, s]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0].id.localeCompare(b[0].id));
    return scored.map(([t]) => t);
  }

  async [Symbol.asyncDispose]() {
    await this.server.shutdown();
  }
}

function apiError(status: number, message: string): Response {
  return Response.json({ error: { status, message } }, { status });
}

function tokenError(status: number, error: string): Response {
  return Response.json({ error, error_description: error.replaceAll("_", " ") }, { status });
}
