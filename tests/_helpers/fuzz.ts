/**
 * The attacker's toolkit for the fuzz and cross-tenant suites: people and their tokens (real,
 * forged, expired), a seeded world with every kind of row and the private values in it, a cheap
 * checksum of every table, the OpenAPI document as operations with sample bodies, HTML forms
 * parsed from pages, malformed inputs, and a runner that counts answers by class, collects 5xx and
 * names the refused request that changed a row (by replaying and bisecting a batch).
 *
 * @module
 */
import { decodeJwt, type JWTPayload, SignJWT } from "jose";
import { type TestApp, TINY_PNG } from "./app.ts";
import { COOKIE } from "../../lib/web/cookies.ts";
import { UUID_SOURCE } from "../../lib/shared/ids.ts";
import { MasterSettings } from "../../lib/domains/studio/master/schemas.ts";
import { makeAdmin } from "../../scripts/make_admin.ts";

/** The app's JWT secret in these suites: expired tokens are signed with it. */
export const JWT_SECRET = "fuzz-suite-jwt-secret-".padEnd(48, "q");
/** The environment both suites start the app with. */
export const FUZZ_ENV: Record<string, string> = {
  API_RATE_LIMIT: "0",
  WORKER: "off",
  JWT_SECRET,
};
/** The double-submit CSRF token the test browser uses (cookie `sc-csrf` and `_csrf`/header). */
export const CSRF = "fuzz-csrf-token-0123456789abcdefghij";
const PASSWORD = "fuzz-password-123";

// people ------------------------------------------------------------------------------------------

export type Role = "musician" | "client";

export interface Person {
  name: string;
  role: Role;
  id: string;
  email: string;
  /** A valid access token (bearer for the API, `sc-access` cookie for pages). */
  token: string;
}

/** Signs a person up through the app's auth port: a musician only or a client only. */
export async function signUpPerson(app: TestApp, name: string, role: Role): Promise<Person> {
  const email = `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@fuzz.test`;
  const s = await app.platform.auth.signUp({
    email,
    password: PASSWORD,
    metadata: {
      display_name: name,
      is_musician: role === "musician",
      is_client: role === "client",
    },
  });
  const claims = await app.platform.auth.verify(s.accessToken);
  if (!claims) throw new Error(`no claims for ${name}`);
  return { name, role, id: claims.sub, email, token: s.accessToken };
}

/** A person made an admin (scripts/make_admin.ts), signed in again so the token carries the role. */
export async function adminPerson(app: TestApp, name: string): Promise<Person> {
  const p = await signUpPerson(app, name, "client");
  if (!await makeAdmin(app.platform.db, p.email)) throw new Error(`${name} was not made an admin`);
  const s = await app.platform.auth.signIn({ email: p.email, password: PASSWORD });
  return { ...p, token: s.accessToken };
}

/** The person's claims, signed with another secret: a forged token. */
export async function forgedToken(p: Person): Promise<string> {
  const claims: JWTPayload = decodeJwt(p.token);
  return await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode("not-the-apps-secret-".padEnd(48, "x")));
}

/** The person's claims signed with the app's secret, but expired a minute ago. */
export async function expiredToken(p: Person): Promise<string> {
  const claims: JWTPayload = decodeJwt(p.token);
  const now = Math.floor(Date.now() / 1000);
  return await new SignJWT({ ...claims, iat: now - 7200 })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setExpirationTime(now - 60)
    .sign(new TextEncoder().encode(JWT_SECRET));
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A browser's session: access cookie, CSRF cookie and header, same-site Origin. */
export function browser(app: TestApp, token: string | null): Record<string, string> {
  const cookie = token
    ? `${COOKIE.access}=${token}; ${COOKIE.csrf}=${CSRF}`
    : `${COOKIE.csrf}=${CSRF}`;
  return { cookie, origin: app.url, "x-csrf-token": CSRF };
}

export interface PageAnswer {
  status: number;
  /** The redirect's target, when the answer is one (redirects are not followed). */
  location: string | null;
  text: string;
}

/** A form posted from a page of the app as `token`'s browser, the CSRF field included. */
export async function postForm(
  app: TestApp,
  token: string | null,
  path: string,
  fields: Record<string, string>,
): Promise<PageAnswer> {
  const res = await app.fetch(path, {
    method: "POST",
    headers: { ...browser(app, token), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: CSRF, ...fields }),
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

/** A page as `token`'s browser loads it. */
export async function getPage(app: TestApp, token: string | null, path: string) {
  const res = await app.fetch(path, { headers: browser(app, token) });
  return { status: res.status, text: await res.text() };
}

// a seeded world ----------------------------------------------------------------------------------

/** The ids of everything the musician and the client own. */
export interface WorldIds {
  musician: string;
  client: string;
  /** The client's unpublished gig. */
  gigDraft: string;
  /** A published gig the musician applied to (application pending). */
  gigOpen: string;
  /** A published gig the musician is booked for. */
  gigBooked: string;
  /** The musician's pending application to `gigOpen`. */
  application: string;
  /** The musician's accepted application to `gigBooked`. */
  applicationBooked: string;
  booking: string;
  /** The conversation of the booked application. */
  conversation: string;
  /** The conversation of the pending application. */
  conversationOpen: string;
  /** The musician's text message (numeric id, as text). */
  message: string;
  /** The client's message with an attachment. */
  attachmentMessage: string;
  notificationMusician: string;
  notificationClient: string;
  run: string;
  /** The musician's studio song (a draft being planned). */
  song: string;
  /** A master of that song (a failed one: the song is no finished song to master yet). */
  master: string;
  /** The run's public link token ("" when the world was seeded without sharing). */
  shareToken: string;
  /** The musician's virtual artist, with a figure, a calendar release, an import and a plan. */
  artist: string;
  artistEntry: string;
  artistImport: string;
  artistPlan: string;
  artistItem: string;
  /** The musician's portfolio photo (public media). */
  media: string;
  /** The musician's private gig-scout source (a CSV list) and a gig it found. */
  scoutSource: string;
  externalGig: string;
  /** A published gig of the client's whose confirmation pages the fuzz posts (H7). */
  gigDecide: string;
  /** The musician's pending application to `gigDecide`. */
  applicationDecide: string;
  /** A published gig the musician applied to and withdrew from: the withdrawal can be undone. */
  gigUndo: string;
  applicationUndo: string;
}

export interface World {
  musician: Person;
  client: Person;
  ids: WorldIds;
  /** Values only their owners (and the other party) may ever see. */
  secrets: string[];
  /** The notification kinds the app knows (for preference bodies). */
  kinds: string[];
  /** The random part of every secret (searching for it must find nothing private). */
  nonce: string;
}

export interface WorldOptions {
  /** Publish the musician's profile (the fuzz world: public pages to fuzz) or keep it a draft. */
  publishMusician: boolean;
  /** A prefix for names, so two worlds in one database do not collide. */
  tag: string;
  /** Share the DJ run (its public link shows the prompt to anyone who has it). */
  share: boolean;
}

const DAY = 86_400_000;

/** A valid gig body starting `days` from now. */
export function gigBody(title: string, days: number): Record<string, unknown> {
  return {
    title,
    description: `${title}: two sets for a listening crowd, grand piano and PA on site.`,
    genres: "jazz",
    instruments: "piano,bass",
    starts_at: new Date(Date.now() + days * DAY).toISOString(),
    timezone: "Europe/Lisbon",
    duration_minutes: 150,
    venue_name: "The Blue Door",
    city: "Lisbon",
    country: "PT",
    lat: 38.71,
    lng: -9.13,
    budget_min_minor: 30000,
    budget_max_minor: 50000,
  };
}

/** A JSON API call that must answer `expect`; returns the parsed body. */
export async function apiCall(
  app: TestApp,
  who: Person,
  method: string,
  path: string,
  body: unknown,
  expect: number,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = bearer(who.token);
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const res = await app.fetch(path, { method, headers, body: payload });
  const text = await res.text();
  if (res.status !== expect) {
    throw new Error(`${method} ${path} as ${who.name}: ${res.status} ${text.slice(0, 400)}`);
  }
  return text ? JSON.parse(text) : {};
}

function str(v: unknown, what: string): string {
  if (typeof v === "string" || typeof v === "number") return String(v);
  throw new Error(`${what}: expected an id, got ${JSON.stringify(v)}`);
}

/**
 * A musician and a client with one of everything: profiles, a draft gig, a gig with a pending
 * application, a gig with a booking, a conversation with a text message and an attachment,
 * notifications, notification settings, a DJ run with a share link. Through the API, as they
 * would do it; notifications are inserted as the service (the worker is off).
 */
export async function seedWorld(app: TestApp, opts: WorldOptions): Promise<World> {
  const { tag } = opts;
  const nonce = crypto.randomUUID().slice(0, 8);
  const secret = (what: string) => `${tag}-private-${what}-${nonce}`;
  const musician = await signUpPerson(app, `${tag}Mira`, "musician");
  const client = await signUpPerson(app, `${tag}Bruno`, "client");
  const secrets = [musician.email, client.email];
  const keep = (s: string) => {
    secrets.push(s);
    return s;
  };

  const bio = opts.publishMusician ? "Piano and voice, standards." : keep(secret("bio"));
  await apiCall(app, musician, "PUT", "/api/profile", {
    musician: {
      stage_name: opts.publishMusician ? `${tag} Mira Trio` : keep(secret("stage")),
      bio,
      genres: "jazz, soul",
      instruments: "piano",
      city: "Lisbon",
      country: "PT",
      lat: 38.72,
      lng: -9.14,
      fee_min_minor: 20000,
      fee_max_minor: 60000,
      published: opts.publishMusician,
    },
  }, 200);
  await apiCall(app, client, "PUT", "/api/profile", {
    client: {
      organisation: keep(secret("organisation")),
      venue_type: "jazz club",
      published: false,
    },
  }, 200);
  await apiCall(app, musician, "PUT", "/api/notification-preferences", {
    phone: "+351912345678",
  }, 200);
  secrets.push("+351912345678", "912345678");

  const draft = await apiCall(app, client, "POST", "/api/gigs", {
    ...gigBody(keep(secret("draft-title")), 40),
    description: keep(secret("draft-description")) + " with a grand piano on site.",
  }, 201);
  const open = await apiCall(
    app,
    client,
    "POST",
    "/api/gigs?publish=true",
    gigBody(`${tag} open jazz night`, 30),
    201,
  );
  const booked = await apiCall(
    app,
    client,
    "POST",
    "/api/gigs?publish=true",
    gigBody(`${tag} booked soul evening`, 20),
    201,
  );
  const gigOpen = str(open.id, "gig");
  const gigBooked = str(booked.id, "gig");
  const application = await apiCall(app, musician, "POST", `/api/gigs/${gigOpen}/applications`, {
    proposal: keep(secret("proposal-open")) + " I would love to play with my trio.",
    quoted_fee_minor: 41234,
  }, 201);
  const applicationBooked = await apiCall(
    app,
    musician,
    "POST",
    `/api/gigs/${gigBooked}/applications`,
    {
      proposal: keep(secret("proposal-booked")) + " Soul standards, two sets.",
      quoted_fee_minor: 45678,
    },
    201,
  );
  const booking = await apiCall(
    app,
    client,
    "POST",
    `/api/applications/${str(applicationBooked.id, "application")}/accept`,
    undefined,
    201,
  );
  // Two more gigs for the confirmation and undo forms: acting on them changes nothing above.
  const gigFor = async (title: string) =>
    str(
      (await apiCall(app, client, "POST", "/api/gigs?publish=true", gigBody(title, 25), 201)).id,
      "gig",
    );
  const applyTo = async (gig: string) =>
    str(
      (await apiCall(app, musician, "POST", `/api/gigs/${gig}/applications`, {
        proposal: "Happy to play this one too, trio or duo as you prefer.",
        quoted_fee_minor: 30000,
      }, 201)).id,
      "application",
    );
  const gigDecide = await gigFor(`${tag} decide matinee`);
  const applicationDecide = await applyTo(gigDecide);
  const gigUndo = await gigFor(`${tag} undo brunch`);
  const applicationUndo = await applyTo(gigUndo);
  await apiCall(
    app,
    musician,
    "POST",
    `/api/applications/${applicationUndo}/withdraw`,
    undefined,
    200,
  );

  const db = app.platform.db.driver;
  const conv = async (appId: string) => {
    const [row] = await db.query<{ id: string }>(
      "select id from public.conversations where application_id = $1",
      [appId],
    );
    if (!row) throw new Error(`no conversation for application ${appId}`);
    return row.id;
  };
  const conversation = await conv(str(applicationBooked.id, "application"));
  const conversationOpen = await conv(str(application.id, "application"));
  const text = await apiCall(
    app,
    musician,
    "POST",
    `/api/conversations/${conversation}/messages`,
    { body: keep(secret("message")) },
    201,
  );
  const form = new FormData();
  form.set("body", keep(secret("caption")));
  form.set(
    "file",
    new File([TINY_PNG as BlobPart], keep(`${tag}-private-rider-${nonce}.png`), {
      type: "image/png",
    }),
  );
  const attached = await apiCall(
    app,
    client,
    "POST",
    `/api/conversations/${conversation}/messages`,
    form,
    201,
  );
  await apiCall(
    app,
    musician,
    "POST",
    `/api/conversations/${conversationOpen}/messages`,
    { body: keep(secret("message-open")) },
    201,
  );

  const note = async (user: Person, what: string) => {
    const rows = await app.platform.db.asService((tx) =>
      tx.query<{ id: string }>(
        `insert into public.notifications (user_id, kind, title, body, link)
         values ($1, 'booking_confirmed', $2, $3, $4) returning id`,
        [user.id, keep(secret(`${what}-title`)), keep(secret(`${what}-body`)), "/bookings"],
      )
    );
    return rows[0].id;
  };
  const notificationMusician = await note(musician, "note-musician");
  const notificationClient = await note(client, "note-client");

  const run = await apiCall(app, musician, "POST", "/api/dj/runs", {
    prompt: keep(secret("prompt")) + " calm jazz for a dinner",
    length: 10,
  }, 201);
  const runObj = run.run as Record<string, unknown>;
  const runId = str(runObj.id, "run");
  let shareToken = "";
  if (opts.share) {
    const share = await apiCall(
      app,
      musician,
      "POST",
      `/api/dj/runs/${runId}/share`,
      undefined,
      200,
    );
    shareToken = str(String(share.url).split("/").at(-1), "share token");
  }
  const song = await apiCall(app, musician, "POST", "/api/studio/songs", {
    prompt: keep(secret("song")) + " a warm lo-fi piano song",
  }, 202);
  const songId = str((song.song as Record<string, unknown>).id, "song");
  // Masters and meter reports are written only by SQL functions for finished songs; the world's
  // song is a draft, so its master is the row a failed job leaves.
  const [{ id: masterId }] = await db.query<{ id: string }>(
    `insert into public.song_masters (song_id, owner_id, audio_version, settings, status, stage,
                                      error)
     values ($1, $2, 1, $3::jsonb, 'failed', null, 'The song could not be read.')
     returning id`,
    [songId, musician.id, JSON.stringify(MasterSettings.parse({}))],
  );

  const artist = await apiCall(app, musician, "POST", "/api/artists", {
    brief: {
      genre: "lo-fi",
      market: "PT",
      audience: keep(secret("audience")),
      tone: "calm and warm",
    },
  }, 201);
  const artistId = str((artist.artist as Record<string, unknown>).id, "artist");
  await apiCall(app, musician, "POST", `/api/artists/${artistId}/metrics`, {
    rows: [{
      date: "2026-11-02",
      track: keep(secret("track")),
      country: "PT",
      streams: 120,
      listeners: 90,
      saves: 8,
      skips: 20,
      followers: 400,
    }],
  }, 200);
  const calendar = await apiCall(app, musician, "POST", `/api/artists/${artistId}/calendar`, {
    start: "2027-01-04",
    weeks: 2,
  }, 201);
  const entries = calendar.entries as { id: string; kind: string }[];
  const artistEntry = str(entries.find((e) => e.kind === "release")?.id, "release");
  // The plan and the import as their jobs leave them (the worker is off).
  const [{ id: artistImport }] = await db.query<{ id: string }>(
    `insert into public.artist_imports (artist_id, owner_id, kind, filename, status, stage, total,
                                        inserted, updated, unchanged)
     values ($1, $2, 'metrics', 'export.csv', 'done', null, 1, 1, 0, 0) returning id`,
    [artistId, musician.id],
  );
  const [{ id: artistPlan }] = await db.query<{ id: string }>(
    `insert into public.artist_plans (artist_id, owner_id, based_on_version, trigger, status,
                                      stage, analysis)
     values ($1, $2, 1, 'person', 'ready', null, '{"notes": []}') returning id`,
    [artistId, musician.id],
  );
  const [{ id: artistItem }] = await db.query<{ id: string }>(
    `insert into public.artist_plan_items (plan_id, artist_id, position, kind, title, change,
                                           evidence, confidence)
     values ($1, $2, 0, 'tempo', 'Lean faster', '{"tempo_range": {"min": 100, "max": 120}}',
             '[]', 'high') returning id`,
    [artistPlan, artistId],
  );

  const photo = new FormData();
  photo.set("file", new File([TINY_PNG as BlobPart], "stage.png", { type: "image/png" }));
  photo.set("caption", `${tag} on stage`);
  const media = await apiCall(app, musician, "POST", "/api/media", photo, 201);

  // The scout: a private CSV source of the musician's and a gig in it (written as the worker does).
  const scout = await apiCall(app, musician, "POST", "/api/scout/sources", {
    kind: "csv",
    name: keep(secret("scout-source")),
  }, 201);
  const scoutSource = str((scout.source as Record<string, unknown>).id, "scout source");
  const [{ id: externalGig }] = await db.query<{ id: string }>(
    `insert into public.external_gigs (source_id, source_uid, title, starts_at, venue_name, city)
     values ($1, 'world-1', $2, now() + interval '20 days', 'The Blue Door', 'Lisbon')
     returning id`,
    [scoutSource, keep(secret("scout-gig"))],
  );

  const kinds = (await db.query<{ kind: string }>(
    "select kind from public.notification_kinds order by kind",
  )).map((k) => k.kind);

  return {
    musician,
    client,
    secrets,
    kinds,
    nonce,
    ids: {
      musician: musician.id,
      client: client.id,
      gigDraft: str(draft.id, "gig"),
      gigOpen,
      gigBooked,
      application: str(application.id, "application"),
      applicationBooked: str(applicationBooked.id, "application"),
      booking: str(booking.id, "booking"),
      conversation,
      conversationOpen,
      message: str(text.id, "message"),
      attachmentMessage: str(attached.id, "message"),
      notificationMusician,
      notificationClient,
      run: runId,
      song: songId,
      master: masterId,
      shareToken,
      artist: artistId,
      artistEntry,
      artistImport,
      artistPlan,
      artistItem,
      media: str(media.id, "media"),
      scoutSource,
      externalGig,
      gigDecide,
      applicationDecide,
      gigUndo,
      applicationUndo,
    },
  };
}

// checksums ---------------------------------------------------------------------------------------

/** Per table: an order-independent hash of its rows and their count. */
export type Checksum = Map<string, string>;

/** Every table in `public`, plus `auth.users` and `storage.objects`. */
export async function watchedTables(app: TestApp): Promise<string[]> {
  const rows = await app.platform.db.driver.query<{ name: string }>(
    `select schemaname || '.' || tablename as name from pg_tables
      where schemaname = 'public' or (schemaname, tablename) in (('auth', 'users'), ('storage', 'objects'))
      order by 1`,
  );
  return rows.map((r) => r.name);
}

/**
 * One query over all `tables`: the sum of a 64-bit hash of each row's text (order-independent, so
 * no sort) and the row count. ~10× cheaper than md5 over sorted rows on PGlite.
 */
export async function checksum(app: TestApp, tables: string[]): Promise<Checksum> {
  const sql = tables.map((t) =>
    `select '${t}' as t, (select coalesce(sum(hashtextextended(r::text, 0)), 0)::text || ':' ||
       count(*) from ${t} r) as h`
  ).join(" union all ");
  const rows = await app.platform.db.driver.query<{ t: string; h: string }>(sql);
  return new Map(rows.map((r) => [r.t, r.h]));
}

export function changedTables(a: Checksum, b: Checksum): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((t) => a.get(t) !== b.get(t));
}

/**
 * A hash of every row that mentions one of `ids` (in any column): what a stranger must never
 * change even with a request that succeeds for their own rows.
 */
export async function rowsMentioning(
  app: TestApp,
  tables: string[],
  ids: string[],
): Promise<Checksum> {
  const pattern = ids.map((i) => i.replace(/[^A-Za-z0-9-]/g, "")).join("|");
  const sql = tables.map((t) =>
    `select '${t}' as t, (select coalesce(sum(hashtextextended(r::text, 0)), 0)::text || ':' ||
       count(*) from ${t} r where r::text ~ $1) as h`
  ).join(" union all ");
  const rows = await app.platform.db.driver.query<{ t: string; h: string }>(sql, [pattern]);
  return new Map(rows.map((r) => [r.t, r.h]));
}

// the OpenAPI document ------------------------------------------------------------------------------

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface ApiParam {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

export interface ApiOperation {
  method: string;
  /** The template, `/api/gigs/{id}`. */
  path: string;
  auth: boolean;
  params: ApiParam[];
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** `GET /api/gigs/{id}`. */
  name: string;
}

interface RawOperation {
  security?: unknown[];
  parameters?: ApiParam[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

/** Every operation of the running app's `/api/openapi.json`, in document order. */
export async function loadOperations(app: TestApp): Promise<ApiOperation[]> {
  const res = await app.fetch("/api/openapi.json");
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
  const doc = await res.json() as { paths: Record<string, Record<string, RawOperation>> };
  const ops: ApiOperation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const body = op.requestBody?.content?.["application/json"]?.schema ?? null;
      ops.push({
        method: method.toUpperCase(),
        path,
        auth: Boolean(op.security?.length),
        params: op.parameters ?? [],
        body,
        bodyRequired: op.requestBody?.required ?? false,
        name: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return ops;
}

/**
 * A valid body for the operation as its usual caller sends it (the schema's sample otherwise):
 * mutating one field of it at a time reaches that field's checks.
 */
export function baselineBody(op: ApiOperation, w: World): unknown {
  switch (op.name) {
    case "POST /api/auth/token":
      return { grant_type: "password", email: w.musician.email, password: "wrong-password-1" };
    case "PUT /api/profile":
      return {
        display_name: "Mira",
        musician: {
          stage_name: "Mira Trio",
          genres: "jazz",
          instruments: "piano",
          published: true,
        },
      };
    case "POST /api/gigs":
      return gigBody("Fuzzed gig", 25);
    case "PATCH /api/gigs/{id}":
      return { title: "Fuzzed draft title" };
    case "POST /api/gigs/{id}/applications":
      return { proposal: "A fuzzed proposal, twenty characters or more.", quoted_fee_minor: 40000 };
    case "POST /api/bookings/{id}/cancel":
      return { reason: "Fuzzed reason" };
    case "POST /api/bookings/{id}/reviews":
      return { rating: 5, body: "Fuzzed review" };
    case "POST /api/ai/write":
      return { task: "bio" };
    case "POST /api/conversations/{id}/messages":
      return { body: "Fuzzed hello", client_token: crypto.randomUUID() };
    case "POST /api/conversations/{id}/read":
      return { active: false };
    case "POST /api/conversations/{id}/typing":
      return { typing: true };
    case "PATCH /api/messages/{id}":
      return { body: "Fuzzed edit" };
    case "PUT /api/notification-preferences":
      return {
        phone: "+351911111111",
        preferences: [{ kind: w.kinds[0] ?? "welcome", in_app: true, email: false, sms: false }],
      };
    case "POST /api/dj/runs":
      return { prompt: "calm jazz for a dinner", length: 10 };
  }
  return op.body ? sample(op.body) : undefined;
}

/** The concrete path of `op` with its path parameters filled from `values`. */
export function fillPath(op: ApiOperation, values: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${op.name}: no value for {${name}}`);
    return v;
  });
}

/** The schema's alternatives (anyOf/oneOf flattened), `null` included. */
export function alternatives(s: JsonSchema): JsonSchema[] {
  const alts = s.anyOf ?? s.oneOf;
  return alts ? alts.flatMap(alternatives) : [s];
}

function typesOf(s: JsonSchema): Set<string> {
  const out = new Set<string>();
  for (const a of alternatives(s)) {
    if (a.const !== undefined) out.add(typeof a.const === "string" ? "string" : typeof a.const);
    else if (a.enum) out.add("enum");
    else if (Array.isArray(a.type)) a.type.forEach((t) => out.add(t));
    else if (a.type) out.add(a.type);
    else out.add("unknown");
  }
  return out;
}

/** A plausible valid value for `s` (`name` helps with the schema-less ones, such as dates). */
export function sample(s: JsonSchema, name = ""): unknown {
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const pick = alternatives(s).find((a) => a.type !== "null" && a.const !== "") ?? alts[0];
    return sample(pick, name);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "string": {
      if (s.format === "uuid") return crypto.randomUUID();
      if (s.format === "date") return "2027-03-14";
      if (s.format === "date-time") return new Date(Date.now() + 30 * DAY).toISOString();
      if (s.pattern === "^[A-Z]{2}$") return "PT";
      if (s.pattern === "^[A-Z]{3}$") return "EUR";
      const text = "A fuzzing sample value, long enough for most fields.";
      const min = s.minLength ?? 1;
      const padded = text.padEnd(min, "x");
      return s.maxLength !== undefined ? padded.slice(0, Math.max(min, s.maxLength)) : padded;
    }
    case "integer":
    case "number": {
      const lo = s.minimum ?? 1;
      return s.maximum !== undefined ? Math.min(Math.max(lo, 1), s.maximum) : Math.max(lo, 1);
    }
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}, name));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, key);
      return out;
    }
    case "null":
      return null;
    default:
      // zod types JSON Schema cannot describe (dates): by name.
      if (/(_at|_by|date|from|to)$/.test(name)) {
        return new Date(Date.now() + 30 * DAY).toISOString();
      }
      return "x";
  }
}

// malformed input -----------------------------------------------------------------------------------

/** A JSON value, or raw JSON text for what JSON.stringify cannot write (1e400). */
export type Mutant = { label: string; value: unknown } | { label: string; raw: string };

export const MEGA = 1_000_000;
const big = "x".repeat(MEGA);
const SPECIALS = {
  nul: "nul\u0000byte",
  surrogate: "lone\uD800surrogate",
  lowSurrogate: "lone\uDC00low",
};

/**
 * A representative set of bad values for a field of schema `s`: wrong types, null, empty, NUL,
 * lone surrogates, a 1 MB string, huge, negative and fractional numbers, bad and unknown ids,
 * dates out of range, huge arrays and objects. Not the cross product: one of each kind that
 * applies.
 */
export function mutantsFor(s: JsonSchema): Mutant[] {
  const types = typesOf(s);
  const alts = alternatives(s);
  const out: Mutant[] = [
    { label: "null", value: null },
    { label: "empty string", value: "" },
    { label: "NUL", value: SPECIALS.nul },
    { label: "lone surrogate", value: SPECIALS.surrogate },
    { label: "1 MB string", value: big },
    { label: "object", value: { nested: { deeper: [1, "two", null] } } },
    { label: "huge number", raw: "1e400" },
    { label: "negative", value: -1 },
  ];
  const numeric = types.has("integer") || types.has("number");
  if (numeric) {
    out.push(
      { label: "2^63", raw: "9223372036854775808" },
      { label: "-2^63-1", raw: "-9223372036854775809" },
      { label: "max safe + 2", raw: "9007199254740993" },
      { label: "fraction", value: 1.5 },
      { label: "numeric string", value: "12" },
      { label: "numeric string huge", value: "99999999999999999999999" },
      { label: "NaN string", value: "NaN" },
      { label: "negative zero", raw: "-0" },
      { label: "exponent", value: 1e21 },
    );
  }
  if (types.has("string") || types.has("enum") || types.has("unknown")) {
    out.push(
      { label: "number for text", value: 12345 },
      { label: "boolean for text", value: true },
      { label: "array for text", value: ["a", "b"] },
      { label: "long word", value: "w".repeat(5000) },
      { label: "whitespace only", value: " \t\n " },
      { label: "html", value: "<script>alert(1)</script>" },
      { label: "sql", value: "'; drop table public.gigs; --" },
      { label: "emoji", value: "🎹🎷🥁".repeat(50) },
    );
  }
  if (alts.some((a) => a.format === "uuid")) {
    out.push(
      { label: "bad uuid", value: "not-a-uuid" },
      { label: "unknown uuid", value: crypto.randomUUID() },
      { label: "nil uuid", value: "00000000-0000-0000-0000-000000000000" },
      { label: "uuid with NUL", value: `${crypto.randomUUID()}\u0000` },
    );
  }
  if (types.has("unknown") || alts.some((a) => a.format === "date" || a.format === "date-time")) {
    out.push(
      { label: "bad date", value: "2026-13-45T25:61:00Z" },
      { label: "far future", value: "+275760-09-13T00:00:00.000Z" },
      { label: "far past", value: "-271821-04-20T00:00:00.000Z" },
      { label: "year 0", value: "0000-01-01T00:00:00Z" },
      { label: "epoch number", value: 8.64e15 },
      { label: "infinity", value: "infinity" },
    );
  }
  if (types.has("boolean")) out.push({ label: "bool as text", value: "maybe" });
  if (types.has("array")) {
    const item = alts.find((a) => a.type === "array")?.items ?? {};
    out.push(
      { label: "10k items", value: Array.from({ length: 10_000 }, () => sample(item)) },
      { label: "items of wrong type", value: [{}, [], null, 7] },
      { label: "items with NUL", value: [SPECIALS.nul] },
    );
  }
  if (types.has("object")) out.push({ label: "array for object", value: [1, 2, 3] });
  return out;
}

/** The JSON text of `body` with `path` set to the mutant (raw mutants spliced in as text). */
export function withMutant(body: unknown, path: string[], m: Mutant): string {
  const marker = `__fuzz_${crypto.randomUUID()}__`;
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (!next || typeof next !== "object" || Array.isArray(next)) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]] = "raw" in m ? marker : m.value;
  const text = JSON.stringify(copy);
  return "raw" in m ? text.replace(JSON.stringify(marker), m.raw) : text;
}

/** Fields of an object schema (all its object alternatives), nested objects one level deep. */
export function fieldPaths(s: JsonSchema, depth = 1): { path: string[]; schema: JsonSchema }[] {
  const props = new Map<string, JsonSchema>();
  for (const a of alternatives(s)) {
    if (a.type !== "object" || !a.properties) continue;
    for (const [k, v] of Object.entries(a.properties)) if (!props.has(k)) props.set(k, v);
  }
  const out: { path: string[]; schema: JsonSchema }[] = [];
  for (const [key, child] of props) {
    out.push({ path: [key], schema: child });
    if (depth > 0) {
      for (const sub of fieldPaths(child, depth - 1)) {
        out.push({ path: [key, ...sub.path], schema: sub.schema });
      }
    }
  }
  return out;
}

/** Bad values for a path parameter (and for ids in forms): in path-safe spelling. */
export function badIds(kind: "uuid" | "integer" | "token", valid: string, other: string): {
  label: string;
  value: string;
}[] {
  const common = [
    { label: "not an id", value: "not-an-id" },
    { label: "NUL", value: "%00" },
    { label: "encoded surrogate", value: "%ED%A0%80" },
    { label: "bad percent", value: "%E0%A4%A" },
    { label: "negative", value: "-1" },
    { label: "huge", value: "99999999999999999999999" },
    { label: "exponent", value: "1e400" },
    { label: "long", value: "a".repeat(4000) },
    { label: "sql", value: "%27%20or%201%3D1--" },
    { label: "dot segments", value: "..%2F..%2Fapi%2Fprofile" },
    { label: "another kind's id", value: other },
  ];
  if (kind === "uuid") {
    return [
      ...common,
      { label: "unknown uuid", value: crypto.randomUUID() },
      { label: "nil uuid", value: "00000000-0000-0000-0000-000000000000" },
      { label: "upper case", value: valid.toUpperCase() },
      { label: "braced", value: `%7B${valid}%7D` },
      { label: "trailing NUL", value: `${valid}%00` },
    ];
  }
  if (kind === "integer") {
    return [
      ...common,
      { label: "zero", value: "0" },
      { label: "2^63", value: "9223372036854775808" },
      { label: "fraction", value: "1.5" },
      { label: "hex", value: "0x10" },
      { label: "unknown", value: "987654321" },
      { label: "padded", value: `000${valid}` },
    ];
  }
  return [...common, { label: "short", value: "abc" }, { label: "unknown", value: "A".repeat(24) }];
}

/** Bad values for a query parameter (already URL-encoded). */
export const BAD_QUERY_VALUES: { label: string; value: string }[] = [
  { label: "empty", value: "" },
  { label: "NUL", value: "%00" },
  { label: "encoded surrogate", value: "%ED%A0%80" },
  { label: "bad percent", value: "%E0%A4%A" },
  { label: "huge", value: "1e400" },
  { label: "huge integer", value: "99999999999999999999999" },
  { label: "negative", value: "-1" },
  { label: "fraction", value: "1.5" },
  { label: "NaN", value: "NaN" },
  { label: "words", value: "not%20a%20value" },
  { label: "16 KB", value: "q".repeat(16 * 1024) },
  { label: "unknown uuid", value: crypto.randomUUID() },
  { label: "far date", value: "-271821-04-20T00%3A00%3A00Z" },
];

/** Malformed bodies, each with its content type (absent: none sent). */
export function badBodies(valid: string): { label: string; type?: string; body: BodyInit }[] {
  const deep = 100_000;
  return [
    { label: "empty JSON", type: "application/json", body: "" },
    { label: "truncated JSON", type: "application/json", body: valid.slice(0, -1) || "{" },
    { label: "JSON null", type: "application/json", body: "null" },
    { label: "JSON array", type: "application/json", body: "[1,2,3]" },
    { label: "JSON string", type: "application/json", body: '"text"' },
    { label: "JSON number", type: "application/json", body: "1e400" },
    { label: "empty object", type: "application/json", body: "{}" },
    {
      label: "unknown field",
      type: "application/json",
      body: valid.replace(/^\{/, '{"__proto__":{"admin":true},"constructor":1,"zz_unknown":1,'),
    },
    { label: "NUL in key", type: "application/json", body: '{"a\\u0000b":1}' },
    { label: "surrogate in key", type: "application/json", body: '{"\\udc00":1}' },
    {
      label: "invalid UTF-8",
      type: "application/json",
      body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    },
    { label: "BOM", type: "application/json", body: `\uFEFF${valid}` },
    {
      label: "deep nesting",
      type: "application/json",
      body: "[".repeat(deep) + "]".repeat(deep),
    },
    {
      label: "deep object",
      type: "application/json",
      body: '{"a":'.repeat(deep / 2) + "1" + "}".repeat(deep / 2),
    },
    { label: "over the cap", type: "application/json", body: `{"x":"${"y".repeat(MEGA + 64)}"}` },
    { label: "no content type", body: valid },
    { label: "text/plain", type: "text/plain", body: valid },
    { label: "xml", type: "application/xml", body: "<a>1</a>" },
    { label: "json charset utf-16", type: "application/json; charset=utf-16", body: valid },
    { label: "urlencoded", type: "application/x-www-form-urlencoded", body: "a=1&b=%00&c" },
    { label: "multipart without boundary", type: "multipart/form-data", body: "--x\r\n\r\n" },
    {
      label: "garbage multipart",
      type: "multipart/form-data; boundary=fuzz",
      body: "--fuzz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--fuzz-garbage",
    },
    {
      label: "multipart, boundary never closed",
      type: "multipart/form-data; boundary=fuzz",
      body: '--fuzz\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello',
    },
  ];
}

// forms -------------------------------------------------------------------------------------------

export interface FormField {
  name: string;
  /** input type (text, hidden, file, checkbox…), "textarea" or "select". */
  type: string;
  value: string;
  options: string[];
}

export interface HtmlForm {
  /** The page it was found on. */
  page: string;
  /** Resolved path (and query) it posts to. */
  action: string;
  enctype: string;
  fields: FormField[];
  /** Named submit buttons: each is one way to submit the form. */
  buttons: { name: string; value: string }[];
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos" || k === "#39") return "'";
    if (k.startsWith("#x")) return String.fromCodePoint(parseInt(k.slice(2), 16));
    return String.fromCodePoint(parseInt(k.slice(1), 10));
  });
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/** Every `<form method="post">` of a page, with its inputs, textareas, selects and buttons. */
export function parseForms(html: string, page: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const a = attrs(m[1]);
    if ((a.method ?? "get").toLowerCase() !== "post") continue;
    const url = new URL(a.action || page, `http://x${page}`);
    const inner = m[2];
    const fields: FormField[] = [];
    const buttons: { name: string; value: string }[] = [];
    for (const i of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const ia = attrs(i[1]);
      const type = (ia.type ?? "text").toLowerCase();
      if (!ia.name) continue;
      if (type === "submit") buttons.push({ name: ia.name, value: ia.value ?? "" });
      else if (type === "radio" && fields.some((f) => f.name === ia.name)) {
        fields.find((f) => f.name === ia.name)?.options.push(ia.value ?? "");
      } else {
        const on = type === "checkbox" || type === "radio";
        fields.push({
          name: ia.name,
          type,
          value: on ? ("checked" in ia ? ia.value || "on" : "") : ia.value ?? "",
          options: on ? [ia.value || "on"] : [],
        });
      }
    }
    for (const t of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const ta = attrs(t[1]);
      if (ta.name) {
        fields.push({ name: ta.name, type: "textarea", value: decodeEntities(t[2]), options: [] });
      }
    }
    for (const s of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const sa = attrs(s[1]);
      if (!sa.name) continue;
      const options = [...s[2].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((o) => {
        const oa = attrs(o[1]);
        return { value: oa.value ?? decodeEntities(o[2]).trim(), selected: "selected" in oa };
      });
      const chosen = options.find((o) => o.selected) ?? options[0];
      fields.push({
        name: sa.name,
        type: "select",
        value: chosen?.value ?? "",
        options: options.map((o) => o.value),
      });
    }
    for (const b of inner.matchAll(/<button\b([^>]*)>/gi)) {
      const ba = attrs(b[1]);
      if (ba.name && (ba.type ?? "submit") === "submit") {
        buttons.push({ name: ba.name, value: ba.value ?? "" });
      }
    }
    forms.push({
      page,
      action: url.pathname + url.search,
      enctype: (a.enctype ?? "application/x-www-form-urlencoded").toLowerCase(),
      fields,
      buttons,
    });
  }
  return forms;
}

/** A stable key for a form: where it posts and what it sends. */
export function formKey(f: HtmlForm): string {
  const names = f.fields.map((x) => x.name).sort().join(",");
  const buttons = f.buttons.map((b) => `${b.name}=${b.value}`).sort().join(",");
  return `${f.action} [${names}] {${buttons}}`;
}

/** A plausible value for an empty form field, by its name. */
export function fillValue(field: FormField, known: Record<string, string> = {}): string {
  if (known[field.name] !== undefined) return known[field.name];
  if (field.value) return field.value;
  if (field.options.length) return field.options[0];
  const n = field.name;
  if (/email/.test(n)) return "nobody-fuzz@example.test";
  if (/password/.test(n)) return "wrong-password-123";
  if (/(_at|_by)$/.test(n)) return "2027-06-01T20:00";
  if (/date/.test(n)) return "2027-06-01";
  if (/(fee|budget|minor|capacity|radius|lat|lng|minutes|length|rating)/.test(n)) return "3";
  if (/country/.test(n)) return "PT";
  if (/currency/.test(n)) return "EUR";
  if (/phone/.test(n)) return "+351912345678";
  if (/(proposal|bio|description|reason|body|prompt)/.test(n)) {
    return "A fuzzed but well-formed text of some length for this field.";
  }
  return "fuzz value";
}

/** The form's fields as entries to submit, with `button` (one named submit) added. */
export function formEntries(
  f: HtmlForm,
  button: { name: string; value: string } | undefined,
  known: Record<string, string> = {},
): [string, string | File][] {
  const out: [string, string | File][] = [];
  for (const field of f.fields) {
    if (field.type === "file") continue;
    if ((field.type === "checkbox" || field.type === "radio") && !field.value) continue;
    out.push([field.name, fillValue(field, known)]);
  }
  if (button) out.push([button.name, button.value]);
  return out;
}

/** Encodes entries as the form's enctype would (a file field gets `file` if given). */
export function encodeForm(
  f: HtmlForm,
  entries: [string, string | File][],
): { body: BodyInit; type?: string } {
  if (f.enctype.startsWith("multipart/")) {
    const fd = new FormData();
    for (const [k, v] of entries) fd.append(k, v);
    return { body: fd };
  }
  const params = new URLSearchParams();
  for (const [k, v] of entries) params.append(k, typeof v === "string" ? v : v.name);
  return { body: params.toString(), type: "application/x-www-form-urlencoded" };
}

/** Raw urlencoded text: `pairs` already encoded (so invalid encodings go through). */
export function rawUrlencoded(entries: [string, string | File][], extra: string): string {
  const base = new URLSearchParams();
  for (const [k, v] of entries) base.append(k, typeof v === "string" ? v : v.name);
  const s = base.toString();
  return s ? `${s}&${extra}` : extra;
}

/** A bad value for a form field: encoded for urlencoded bodies, and as text for multipart. */
export interface FormMutant {
  label: string;
  encoded: string;
  /** The value for a multipart body (null: only expressible urlencoded). */
  value: string | null;
}

const M = (label: string, encoded: string, value: string | null = encoded): FormMutant => ({
  label,
  encoded,
  value,
});

/**
 * A representative set of bad values for one form field, by its kind: every field gets empty,
 * NUL, an invalid UTF-8 sequence and 1 MB; text also huge, negative and out-of-range dates; ids
 * unknown and malformed ones; numbers fractions and NaN; checkboxes and selects unknown choices.
 */
export function formMutants(field: FormField): FormMutant[] {
  const common = [
    M("empty", ""),
    M("NUL", "a%00b", "a\u0000b"),
    M("encoded surrogate", "a%ED%A0%80b", null),
    M("1 MB", "m".repeat(MEGA)),
  ];
  if (field.type === "checkbox" || field.type === "radio" || field.type === "select") {
    return [M("empty", ""), M("NUL", "a%00b", "a\u0000b"), M("unknown choice", "bogus-choice")];
  }
  const out = [
    ...common,
    M("huge number", "1e400"),
    M("negative", "-1"),
    M("far date", "-271821-04-20T00%3A00", "-271821-04-20T00:00"),
  ];
  const n = field.name;
  if (/(^|_)(id|token)$/.test(n)) {
    out.push(M("unknown id", "00000000-0000-4000-8000-000000000000"), M("not an id", "x%27--"));
  }
  if (/(fee|budget|minor|capacity|radius|lat|lng|minutes|length|rating|limit)/.test(n)) {
    out.push(M("huge integer", "99999999999999999999999"), M("NaN", "NaN"), M("fraction", "1.5"));
  }
  return out;
}

// the runner --------------------------------------------------------------------------------------

export interface Probe {
  /** What this request is (an operation, a form, a page). */
  group: string;
  /** What is wrong with it. */
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
}

export interface Outcome {
  probe: Probe;
  status: number;
  location: string | null;
  text: string;
}

/** Refused: a 4xx/5xx, or a redirect to the sign-in page. */
export function refused(o: Outcome): boolean {
  return o.status >= 400 ||
    (o.status >= 300 && o.status < 400 && (o.location ?? "").startsWith("/signin"));
}

export type StatusClass = "2xx" | "3xx" | "4xx" | "5xx";

export interface Finding {
  kind: "5xx" | "no answer" | "row changed by a refused request" | "rows changed";
  probe: Probe;
  status: number;
  /** The start of the answer (JSON errors say the most; pages only their status). */
  text: string;
  tables: string[];
}

function short(s: string, n = 300): string {
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
}

const UUIDS = new RegExp(UUID_SOURCE, "g");

/** A path with its ids and numbers replaced, for grouping. */
export function routeOf(path: string): string {
  return path.split("?")[0]
    .replace(UUIDS, "{id}")
    .replace(/\/\d+(?=\/|$)/g, "/{n}");
}

/**
 * Sends probes in order, counts answers by class, records every 5xx, and checks per batch that
 * no refused request changed a row: a batch whose checksum moved is replayed (refused requests
 * only), halving until the single culprits are found.
 */
export class Fuzzer {
  readonly counts: Record<StatusClass, number> = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  requests = 0;
  replays = 0;
  batches = 0;
  readonly findings: Finding[] = [];
  /** Milliseconds per batch (`FUZZ_TIMING=1` prints the slowest). */
  readonly timing = new Map<string, number>();

  /** Every answer as a line (status, group, label, request) when asked for, for debugging. */
  readonly trace: string[] | null;

  constructor(readonly app: TestApp, readonly tables: string[], trace = false) {
    this.trace = trace ? [] : null;
  }

  async send(p: Probe, count = true): Promise<Outcome> {
    let res: Response;
    try {
      res = await this.app.fetch(p.path, {
        method: p.method,
        headers: p.headers,
        body: p.body ?? undefined,
      });
    } catch (err) {
      // The connection failed: as bad as a 5xx for whoever sent it.
      this.findings.push({ kind: "no answer", probe: p, status: 0, text: String(err), tables: [] });
      return { probe: p, status: 599, location: null, text: String(err) };
    }
    const text = await res.text();
    const o: Outcome = {
      probe: p,
      status: res.status,
      location: res.headers.get("location"),
      text,
    };
    if (count) {
      this.requests++;
      this.trace?.push(`${res.status}\t${p.group}\t${p.label}\t${p.method} ${short(p.path, 120)}`);
      const cls = `${Math.min(5, Math.floor(res.status / 100))}xx` as StatusClass;
      if (cls in this.counts) this.counts[cls]++;
      if (res.status >= 500) {
        this.findings.push({ kind: "5xx", probe: p, status: res.status, text, tables: [] });
      }
    } else this.replays++;
    return o;
  }

  /** Sends the probes in order; then checks that the refused ones changed no row. */
  async batch(name: string, probes: Probe[]): Promise<Outcome[]> {
    const started = performance.now();
    try {
      return await this.runBatch(probes);
    } finally {
      this.timing.set(name, (this.timing.get(name) ?? 0) + performance.now() - started);
    }
  }

  private async runBatch(probes: Probe[]): Promise<Outcome[]> {
    this.batches++;
    const before = await checksum(this.app, this.tables);
    const outcomes: Outcome[] = [];
    for (const p of probes) outcomes.push(await this.send(p));
    const moved = changedTables(before, await checksum(this.app, this.tables));
    if (moved.length === 0) return outcomes;
    const suspects = outcomes.filter(refused).map((o) => o.probe);
    const culprits = await this.bisect(suspects);
    this.findings.push(...culprits);
    if (culprits.length === 0 && suspects.length === outcomes.length) {
      this.findings.push({
        kind: "rows changed",
        probe: probes[0],
        status: 0,
        text: "every request of the batch was refused, and no replay changes the rows again",
        tables: moved,
      });
    }
    return outcomes;
  }

  private async bisect(probes: Probe[]): Promise<Finding[]> {
    if (probes.length === 0) return [];
    const before = await checksum(this.app, this.tables);
    const outs: Outcome[] = [];
    for (const p of probes) outs.push(await this.send(p, false));
    const moved = changedTables(before, await checksum(this.app, this.tables));
    if (moved.length === 0) return [];
    if (probes.length === 1) {
      const o = outs[0];
      return refused(o)
        ? [{
          kind: "row changed by a refused request",
          probe: o.probe,
          status: o.status,
          text: o.text,
          tables: moved,
        }]
        : [];
    }
    const half = Math.ceil(probes.length / 2);
    return [
      ...await this.bisect(probes.slice(0, half)),
      ...await this.bisect(probes.slice(half)),
    ];
  }

  /** The `n` slowest batches, for tuning. */
  slowest(n = 15): string {
    return [...this.timing].sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([k, ms]) => `${Math.round(ms)} ms ${k}`).join("\n");
  }

  /**
   * The findings grouped by kind, status and input (which is mostly the cause): one line per
   * group with the requests that failed so and one example answer.
   */
  report(): string {
    const groups = new Map<string, Finding[]>();
    for (const f of this.findings) {
      const key = `${f.kind} → ${f.status || "-"}` +
        (f.tables.length ? ` [${f.tables.join(", ")}]` : "") + `: ${f.probe.label}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const lines: string[] = [];
    for (const [key, fs] of groups) {
      const routes = [...new Set(fs.map((f) => `${f.probe.method} ${routeOf(f.probe.path)}`))];
      const json = fs.find((f) => f.text.startsWith("{"))?.text;
      lines.push(
        `- ${key} (×${fs.length})\n    ${routes.join(", ")}` +
          (json ? `\n    answer: ${short(json, 200)}` : ""),
      );
    }
    return lines.join("\n");
  }

  /** The closing summary the suites print. */
  summary(title: string): string {
    const c = this.counts;
    return `${title}: ${this.requests} requests (${this.batches} batches, ${this.replays} ` +
      `replayed) — 2xx ${c["2xx"]}, 3xx ${c["3xx"]}, 4xx ${c["4xx"]}, 5xx ${c["5xx"]}; ` +
      `${this.findings.length} finding(s)`;
  }
}
