/**
 * A fake Spotify on 127.0.0.1 for integration and browser tests, as strict as the real one (see
 * tests/_fakes/spotify_auth.ts for the accounts side: redirect URI rules, single-use expiring
 * codes, rotating and expiring refresh tokens, scopes). The Web API parts the DJ uses: `/v1/me`,
 * `/v1/search` capped at 10 with offset paging (and artist search, spotify_artists.ts), playlist
 * creation (`POST /me/playlists`), items (`POST`/`GET /playlists/{id}/items`, 100 a request to
 * add with an optional `position`, 50 a page to read). As Spotify does:
 *
 * - a development-mode allow-list (`allowList`): every call of a user not on it answers 403;
 * - scopes enforced: 403 "Insufficient client scope";
 * - endpoints withdrawn from new apps (recommendations, audio features, `/users/{id}/playlists`,
 *   `/playlists/{id}/tracks`) answer 403;
 * - faults on demand on any endpoint (`fail`): 429 with Retry-After, 5xx before or after doing
 *   the work; expired access tokens (401).
 *
 * ```ts
 * await using spotify = new FakeSpotify();
 * const app = await startTestApp(spotify.env());
 * ```
 */
import {
  artistObject,
  catalogueArtists,
  type FakeArtist,
  matchArtists,
} from "./spotify_artists.ts";
import { FakeAccounts, type Grant } from "./spotify_auth.ts";
import { fakeId, type FakeTrack, library, matchTracks } from "./spotify_catalogue.ts";

export type { FakeArtist } from "./spotify_artists.ts";
export { fakeId, type FakeTrack } from "./spotify_catalogue.ts";

export interface FakePlaylist {
  id: string;
  owner: string;
  name: string;
  description: string;
  public: boolean;
  uris: string[];
}

/** A fault the fake answers with, `times` times, on the requests `match` matches. */
export interface Fault {
  status: number;
  times: number;
  /** Matched against `METHOD /v1/path` (default: every Web API request). */
  match?: RegExp;
  /** 429: the Retry-After seconds. */
  retryAfterS?: number;
  /** 5xx: do the work first, then answer the error (the caller cannot know it happened). */
  afterCommit?: boolean;
  /** Let this many matching requests through first. */
  skip?: number;
}

const WITHDRAWN = [
  /^GET \/recommendations/,
  /^GET \/audio-features/,
  /^GET \/audio-analysis/,
  /^GET \/artists\/[^/]+\/related-artists/,
  /^POST \/users\/[^/]+\/playlists$/,
  /^(GET|POST|PUT|DELETE) \/playlists\/[^/]+\/tracks$/,
];

export class FakeSpotify implements AsyncDisposable {
  readonly clientId = "fake-client-id";
  readonly accounts = new FakeAccounts();
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
  /** Development mode: only these Spotify users may use the app (null: extended quota, all). */
  allowList: Set<string> | null = null;
  /** Playlist creation answers 403 (a development-mode app, user not on the allow-list). */
  forbidPlaylists = false;
  /** The Web API answers 401 to every token, even a freshly refreshed one. */
  rejectAccess = false;
  private faults: Fault[] = [];
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

  /** Seconds an access token lives (the DJ refreshes a minute before expiry). */
  get accessTtlS(): number {
    return this.accounts.accessTtlS;
  }
  set accessTtlS(s: number) {
    this.accounts.accessTtlS = s;
  }

  /** Env for `startTestApp` pointing the server at this fake. */
  env(): Record<string, string> {
    return {
      SPOTIFY_CLIENT_ID: this.clientId,
      SPOTIFY_ACCOUNTS_URL: this.url,
      SPOTIFY_API_URL: `${this.url}/v1`,
    };
  }

  /** Answers the next matching requests with a fault (see `Fault`). */
  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** No more faults. */
  heal(): void {
    this.faults = [];
  }

  /** The next `n` search requests answer 429 with this Retry-After (0 clears). */
  rateLimitNext(n: number, retryAfterS: number, match = /^GET \/v1\/search/): void {
    this.faults = this.faults.filter((f) => f.status !== 429);
    if (n > 0) this.fail({ status: 429, times: n, retryAfterS, match });
  }

  /** Every access token stops working (401); refresh tokens still work. */
  expireAccessTokens(): void {
    this.accounts.expireAccessTokens();
  }

  /** The user removed the app's access: every token of theirs stops working. */
  revoke(): void {
    this.accounts.revoke();
  }

  /** A working access token for `user` without the OAuth dance (port-level tests). */
  accessToken(user = this.user.id): string {
    return this.accounts.accessToken(user);
  }

  /** Every token issued so far (to check none reaches a page). */
  issuedTokens(): string[] {
    return [...this.accounts.issued];
  }

  private takeFault(line: string): Fault | null {
    const f = this.faults.find((f) => f.times > 0 && (!f.match || f.match.test(line)));
    if (!f) return null;
    if (f.skip) {
      f.skip--;
      return null;
    }
    f.times--;
    return f;
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.log.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname === "/authorize") return this.authorize(url);
    if (url.pathname === "/api/token" && req.method === "POST") {
      const form = new URLSearchParams(await req.text());
      if (form.get("client_id") !== this.clientId) {
        return Response.json({ error: "invalid_client" }, { status: 400 });
      }
      return await this.accounts.token(form);
    }
    if (!url.pathname.startsWith("/v1/")) return apiError(404, "Not found");
    const line = `${req.method} ${url.pathname}`;
    const fault = this.takeFault(line);
    if (fault && !fault.afterCommit) return faultAnswer(fault);
    const auth = req.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
    const grant = auth ? this.accounts.access.get(auth) : undefined;
    if (!grant || grant.expiresAt < this.accounts.now() || this.rejectAccess) {
      this.unauthorized++;
      return apiError(401, "The access token expired");
    }
    if (this.allowList && !this.allowList.has(grant.user)) {
      return apiError(
        403,
        "Check settings on developer.spotify.com/dashboard, the user may not be registered.",
      );
    }
    const path = url.pathname.slice(3);
    if (WITHDRAWN.some((w) => w.test(`${req.method} ${path}`))) return apiError(403, "Forbidden");
    const res = await this.api(req, url, path, grant);
    return fault ? faultAnswer(fault) : res;
  }

  private async api(req: Request, url: URL, path: string, grant: Grant): Promise<Response> {
    const user = grant.user;
    const can = (scope: string) => grant.scopes.has(scope);
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
      const isPublic = body.public ?? true;
      if (!can(isPublic ? "playlist-modify-public" : "playlist-modify-private")) {
        return apiError(403, "Insufficient client scope");
      }
      if (!body.name) return apiError(400, "Missing required field: name");
      const id = fakeId(`playlist-${++this.n}-${crypto.randomUUID()}`);
      this.playlists.set(id, {
        id,
        owner: user,
        name: body.name,
        description: body.description ?? "",
        public: isPublic,
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
    if (items) {
      const p = this.playlists.get(items[1]);
      if (!p) return apiError(404, "Resource not found");
      if (req.method === "GET") {
        if (p.owner !== user && !p.public) return apiError(404, "Resource not found");
        if (!p.public && !can("playlist-read-private")) {
          return apiError(403, "Insufficient client scope");
        }
        const limit = Number(url.searchParams.get("limit") ?? 20);
        const offset = Number(url.searchParams.get("offset") ?? 0);
        if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
          return apiError(400, "Invalid limit");
        }
        const entry = (uri: string) => ({ item: { uri }, track: { uri } });
        return Response.json({
          items: p.uris.slice(offset, offset + limit).map(entry),
          total: p.uris.length,
          limit,
          offset,
        });
      }
      if (req.method !== "POST") return apiError(405, "Method not allowed");
      if (p.owner !== user) {
        return apiError(403, "You cannot add tracks to a playlist you don't own.");
      }
      if (!can("playlist-modify-private") && !can("playlist-modify-public")) {
        return apiError(403, "Insufficient client scope");
      }
      const body = await req.json() as { uris?: string[]; position?: number };
      if (!Array.isArray(body.uris) || body.uris.length === 0) return apiError(400, "No uris");
      if (body.uris.length > 100) return apiError(400, "Too many ids requested");
      const at = body.position ?? p.uris.length;
      if (!Number.isInteger(at) || at < 0 || at > p.uris.length) {
        return apiError(400, "Index out of bounds");
      }
      p.uris.splice(at, 0, ...body.uris);
      return Response.json({ snapshot_id: `snap-${++this.n}` }, { status: 201 });
    }
    return apiError(404, "Service not found");
  }

  private authorize(url: URL): Response {
    const q = url.searchParams;
    if (q.get("client_id") !== this.clientId || !q.get("redirect_uri")) {
      return new Response("INVALID_CLIENT: Invalid client", { status: 400 });
    }
    const answer = this.accounts.authorize(q, this.user.id);
    // Spotify shows its own error page for a bad redirect URI: it never redirects there.
    if ("refused" in answer) return new Response(answer.refused, { status: 400 });
    const back = new URL(q.get("redirect_uri")!);
    back.searchParams.set("state", q.get("state") ?? "");
    if (this.deny) back.searchParams.set("error", "access_denied");
    else if ("error" in answer) back.searchParams.set("error", answer.error);
    else back.searchParams.set("code", answer.code);
    return new Response(null, { status: 302, headers: { location: back.toString() } });
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
    const found = matchTracks(this.tracks, q.get("q") ?? "");
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

  async [Symbol.asyncDispose]() {
    await this.server.shutdown();
  }
}

function apiError(status: number, message: string): Response {
  return Response.json({ error: { status, message } }, { status });
}

function faultAnswer(f: Fault): Response {
  if (f.status === 429) {
    return Response.json({ error: { status: 429, message: "API rate limit exceeded" } }, {
      status: 429,
      headers: { "retry-after": String(f.retryAfterS ?? 1) },
    });
  }
  return apiError(f.status, f.status >= 500 ? "Server error" : "Refused");
}
