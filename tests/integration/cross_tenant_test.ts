/**
 * Cross-tenant: a musician and a client own one of everything (profile drafts, a draft gig, a gig
 * with a pending application, a booking, conversations with a message and an attachment,
 * notifications, notification settings, a DJ run, a finished studio song). Then an anonymous
 * visitor, a stranger musician and a stranger client try every API operation of
 * /api/openapi.json with those ids (sharing the song among them), every page with them, and every
 * form the owners see. Reads of private data answer 401/403/404 and never
 * carry a private value; writes aimed at the owners' rows answer 4xx and change no row anywhere;
 * the strangers' other writes change none of the owners' rows.
 */
import { assert } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  apiCall,
  type ApiOperation,
  baselineBody,
  bearer,
  browser,
  changedTables,
  checksum,
  CSRF,
  fillPath,
  formEntries,
  FUZZ_ENV,
  gigBody,
  loadOperations,
  parseForms,
  type Person,
  rowsMentioning,
  seedWorld,
  signUpPerson,
  watchedTables,
  type World,
} from "../_helpers/fuzz.ts";

type Actor = { name: string; person: Person | null };

/** One way to aim an operation at the owners' data. */
interface Aim {
  ids: Record<string, string>;
  /** A body aimed at the owners (ids inside it), instead of the operation's own baseline. */
  body?: unknown;
  /** What it aims at, for the report. */
  what: string;
  /** Public data: a read may answer 200 (still without private values). */
  publicRead?: boolean;
  /** A write anyone of the role may do (it still must not change the owners' rows). */
  openWrite?: boolean;
}

function aims(op: ApiOperation, w: World): Aim[] {
  const i = w.ids;
  const p = op.path;
  const gig = p === "/api/gigs/{id}" && op.method === "GET";
  if (p.startsWith("/api/gigs/{id}")) {
    return [
      { ids: { id: i.gigDraft }, what: "draft gig" },
      { ids: { id: i.gigOpen }, what: "open gig", publicRead: gig },
      { ids: { id: i.gigBooked }, what: "booked gig", publicRead: gig },
    ];
  }
  if (p.startsWith("/api/applications/{id}")) {
    return [
      { ids: { id: i.application }, what: "pending application" },
      { ids: { id: i.applicationBooked }, what: "accepted application" },
    ];
  }
  if (p === "/api/bookings/{id}/evidence/{file}") {
    // The world's booking has no dispute; real evidence is tried in payments_admin_test.ts.
    return [{ ids: { id: i.booking, file: crypto.randomUUID() }, what: "booking's evidence" }];
  }
  if (p.startsWith("/api/bookings/{id}")) return [{ ids: { id: i.booking }, what: "booking" }];
  if (p.startsWith("/api/conversations/{id}")) {
    return [
      { ids: { id: i.conversation }, what: "booking conversation" },
      { ids: { id: i.conversationOpen }, what: "application conversation" },
    ];
  }
  if (p.startsWith("/api/messages/{id}")) {
    return [
      { ids: { id: i.message }, what: "text message" },
      { ids: { id: i.attachmentMessage }, what: "message with attachment" },
    ];
  }
  if (p.startsWith("/api/notifications/{id}")) {
    return [
      { ids: { id: i.notificationMusician }, what: "musician's notification" },
      { ids: { id: i.notificationClient }, what: "client's notification" },
    ];
  }
  if (p.startsWith("/api/dj/runs/{id}")) return [{ ids: { id: i.run }, what: "DJ run" }];
  if (p.startsWith("/api/dj/share/{token}")) {
    // The run was never shared: no token opens it.
    return [{ ids: { token: "A".repeat(24) }, what: "unshared run" }];
  }
  if (p.startsWith("/api/musicians/{id}")) {
    return [
      { ids: { id: i.musician }, what: "draft musician profile" },
      { ids: { id: i.client }, what: "client (no musician profile)" },
    ];
  }
  if (p.startsWith("/api/studio/songs/{id}/masters/{mid}")) {
    return [{ ids: { id: i.song, mid: i.master }, what: "studio song's master" }];
  }
  if (p.startsWith("/api/studio/songs/{id}")) return [{ ids: { id: i.song }, what: "studio song" }];
  if (p.startsWith("/api/media/{id}")) return [{ ids: { id: i.media }, what: "portfolio photo" }];
  if (p.startsWith("/api/scout/sources/{id}")) {
    return [{ ids: { id: i.scoutSource }, what: "musician's scout source" }];
  }
  if (p.startsWith("/api/scout/external-gigs/{id}")) {
    return [{ ids: { id: i.externalGig }, what: "gig of a private scout source" }];
  }
  if (p.startsWith("/api/favourites/")) {
    // The caller's own list: removing is always allowed and touches nobody else's rows; saving
    // what the caller cannot see (a draft gig, a draft profile, a client) is refused.
    const remove = op.method === "DELETE";
    return p.includes("/gigs/")
      ? [{ ids: { id: i.gigDraft }, what: "draft gig", openWrite: remove }]
      : [
        { ids: { id: i.musician }, what: "draft musician profile", openWrite: remove },
        { ids: { id: i.client }, what: "client (no musician profile)", openWrite: remove },
      ];
  }
  if (p.startsWith("/api/artists/{id}/plans/{plan}/items/{item}")) {
    return [{
      ids: { id: i.artist, plan: i.artistPlan, item: i.artistItem },
      body: { decision: "approved" },
      what: "artist's proposal",
    }];
  }
  if (p.startsWith("/api/artists/{id}/plans/{plan}")) {
    return [{ ids: { id: i.artist, plan: i.artistPlan }, what: "artist's plan" }];
  }
  if (p.startsWith("/api/artists/{id}/imports/{import}")) {
    return [{ ids: { id: i.artist, import: i.artistImport }, what: "artist's import" }];
  }
  if (p.startsWith("/api/artists/{id}/calendar/{entry}")) {
    return [{ ids: { id: i.artist, entry: i.artistEntry }, what: "artist's release" }];
  }
  if (p.startsWith("/api/artists/{id}/members/{user}")) {
    return [{ ids: { id: i.artist, user: i.musician }, what: "artist's member" }];
  }
  if (p.startsWith("/api/artists/{id}")) return [{ ids: { id: i.artist }, what: "virtual artist" }];
  if (/\{\w+\}/.test(p)) throw new Error(`${op.name}: say which ids it takes (aims)`);
  switch (op.name) {
    case "POST /api/ai/write":
      return [
        { ids: {}, body: { task: "proposal", gig_id: i.gigDraft }, what: "draft gig" },
        { ids: {}, body: { task: "announcement", gig_id: i.gigDraft }, what: "draft gig" },
        { ids: {}, body: { task: "bio", musician_id: i.musician }, what: "the musician's bio" },
        {
          ids: {},
          body: { task: "proposal", gig_id: i.gigOpen },
          what: "open gig",
          openWrite: true,
          publicRead: true,
        },
        {
          ids: {},
          body: { task: "social_post", gig_id: i.gigBooked },
          what: "booked gig",
          openWrite: true,
          publicRead: true,
        },
      ];
    case "POST /api/dj/runs":
      return [
        { ids: {}, body: { prompt: "refine it", length: 10, parent_id: i.run }, what: "DJ run" },
        { ids: {}, what: "own run", openWrite: true },
      ];
    case "POST /api/auth/token":
      return [{
        ids: {},
        body: { grant_type: "password", email: w.musician.email, password: "guessing-123" },
        what: "the musician's account",
      }];
  }
  // Lists and the caller's own things: allowed, but nothing of the owners may show or change.
  return [{ ids: {}, what: "own data", openWrite: true, publicRead: true }];
}

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The world's song as if its stages had run (file paths named, no files): the strangers then try
 * to share, unshare and catalogue a song its owner could.
 */
async function finishSong(app: TestApp, id: string) {
  await app.platform.db.asService(async (tx) => {
    const [{ owner }] = await tx.query<{ owner: string }>(
      "select owner_id as owner from public.songs where id = $1",
      [id],
    );
    const path = (f: string) => `${owner}/${id}/${f}`;
    await tx.query("select private.studio_finish_song($1, $2::jsonb)", [
      id,
      JSON.stringify({ wav: path("song.wav"), mp3: path("song.mp3"), duration_ms: 1000 }),
    ]);
    await tx.query("update public.songs set status = 'done', stage = null where id = $1", [id]);
  });
}

interface Violation {
  who: string;
  request: string;
  problem: string;
}

Deno.test({
  name: "cross-tenant - strangers and anonymous visitors neither read nor change others' data",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const w = await seedWorld(app, { publishMusician: false, tag: "xt", share: false });
  await finishSong(app, w.ids.song);
  const mallory = await signUpPerson(app, "xtMallory", "musician");
  const carol = await signUpPerson(app, "xtCarol", "client");
  await apiCall(app, mallory, "PUT", "/api/profile", {
    musician: { stage_name: "Mallory", genres: "jazz", instruments: "piano", published: true },
  }, 200);
  await apiCall(app, carol, "PUT", "/api/profile", {
    client: { organisation: "Carol's Bar", published: true },
  }, 200);
  // Carol's own gig, so she has a gig page and matches of her own.
  await apiCall(
    app,
    carol,
    "POST",
    "/api/gigs?publish=true",
    gigBody("Carol's jazz brunch", 33),
    201,
  );

  const actors: Actor[] = [
    { name: "anonymous", person: null },
    { name: "stranger musician", person: mallory },
    { name: "stranger client", person: carol },
  ];
  const tables = await watchedTables(app);
  const ownerIds = Object.values(w.ids).filter((v) => /^[0-9a-f-]{36}$/.test(v));
  const violations: Violation[] = [];
  // CROSS_TRACE=<file> writes every answer there, for debugging.
  const tracePath = Deno.env.get("CROSS_TRACE");
  const trace: string[] | null = tracePath ? [] : null;
  let requests = 0;
  const statuses = new Map<number, number>();

  const leaks = (text: string) => w.secrets.filter((s) => text.includes(s));
  /**
   * Sends one request and checks it: no 5xx, no private value in the answer, the status
   * `expect` allows, and no row changed when refused (or, for writes that may succeed, none of
   * the owners' rows).
   */
  async function probe(
    who: Actor,
    request: {
      method: string;
      path: string;
      headers: Record<string, string>;
      body?: BodyInit;
      /** What the body says, for the report. */
      note?: string;
    },
    expect: (status: number, location: string | null, text: string) => string | null,
    mayChangeOwn: boolean,
  ) {
    const before = await checksum(app, tables);
    const owners = mayChangeOwn ? await rowsMentioning(app, tables, ownerIds) : null;
    const res = await app.fetch(request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    const text = await res.text();
    requests++;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const label = `${request.method} ${request.path}${request.note ? ` (${request.note})` : ""}`;
    trace?.push(`${res.status}\t${who.name}\t${label}`);
    const fail = (problem: string) => violations.push({ who: who.name, request: label, problem });
    if (res.status >= 500) fail(`${res.status}: ${text.slice(0, 200)}`);
    const leaked = leaks(text);
    if (leaked.length) fail(`answer ${res.status} carries private values: ${leaked.join(", ")}`);
    const wrong = expect(res.status, res.headers.get("location"), text);
    if (wrong) fail(`${wrong} (got ${res.status}: ${text.slice(0, 160)})`);
    const after = await checksum(app, tables);
    const refusedNow = res.status >= 400 ||
      (res.headers.get("location") ?? "").startsWith("/signin");
    if (refusedNow) {
      const moved = changedTables(before, after);
      if (moved.length) fail(`refused with ${res.status} but changed ${moved.join(", ")}`);
    } else if (owners) {
      const moved = changedTables(owners, await rowsMentioning(app, tables, ownerIds));
      if (moved.length) fail(`changed the owners' rows in ${moved.join(", ")}`);
    } else if (changedTables(before, after).length) {
      fail(`answered ${res.status} to a request aimed at others' rows and changed them`);
    }
  }

  const api4xx = (anon: boolean) => (s: number) =>
    s >= 400 && s < 500 && s !== 429
      ? (anon && s !== 401 && s !== 403 && s !== 404 ? `anonymous: expected 401` : null)
      : "expected a 4xx refusal";
  // A list filtered to what the caller may see (the applicants of a gig: none for a stranger)
  // may answer 200 with nothing in it.
  const emptyList = (text: string) => /^\[\]$|^\{"items":\[\]/.test(text);
  const privateRead = (s: number, _location: string | null, text: string) =>
    s === 401 || s === 403 || s === 404 || (s === 200 && emptyList(text))
      ? null
      : "a private read must answer 401, 403 or 404";

  // 1. Every API operation, aimed at the owners' data.
  const ops = await loadOperations(app);
  assert(ops.length >= 40, `the OpenAPI document lists ${ops.length} operations`);
  for (const op of ops) {
    for (const aim of aims(op, w)) {
      for (const who of actors) {
        // Applying to an open gig is what every musician may do: not another tenant's data.
        if (op.name === "POST /api/gigs/{id}/applications" && aim.ids.id === w.ids.gigOpen) {
          if (who.person?.role === "musician") continue;
        }
        const body = aim.body ?? baselineBody(op, w);
        const headers: Record<string, string> = who.person ? bearer(who.person.token) : {};
        if (body !== undefined && op.method !== "GET") headers["content-type"] = "application/json";
        const write = WRITE.has(op.method);
        const expect = write
          ? (aim.openWrite
            ? (s: number) => (s >= 500 ? "no 5xx" : null)
            : api4xx(!who.person && op.auth))
          : aim.publicRead
          ? (s: number) => (s >= 500 ? "no 5xx" : null)
          : privateRead;
        await probe(
          who,
          {
            method: op.method,
            path: fillPath(op, aim.ids),
            headers,
            body: body === undefined || op.method === "GET" ? undefined : JSON.stringify(body),
          },
          expect,
          Boolean(aim.openWrite),
        );
      }
    }
  }
  // Searching for the secrets' common part finds none of them.
  for (const who of actors) {
    const headers = who.person ? bearer(who.person.token) : {};
    for (const path of [`/api/gigs?q=${w.nonce}`, `/api/gigs?q=private`, "/api/gigs?sort=newest"]) {
      await probe(who, { method: "GET", path, headers }, () => null, false);
    }
  }

  // The attachment itself, straight from storage (private and public paths).
  const [{ path: attachment }] = await app.platform.db.driver.query<{ path: string }>(
    "select attachment_path as path from public.messages where id = $1",
    [w.ids.attachmentMessage],
  );
  for (const who of actors) {
    for (const kind of ["authenticated", "public"]) {
      await probe(
        who,
        {
          method: "GET",
          path: `/storage/v1/object/${kind}/attachments/${attachment}`,
          headers: who.person ? bearer(who.person.token) : {},
        },
        (s) => (s === 400 || s === 401 || s === 403 || s === 404 ? null : "expected a refusal"),
        false,
      );
    }
  }

  // 2. Pages with the owners' ids.
  const i = w.ids;
  const pages: { path: string; public?: boolean }[] = [
    { path: `/gigs/${i.gigDraft}` },
    { path: `/gigs/${i.gigOpen}`, public: true },
    { path: `/gigs/${i.gigBooked}`, public: true },
    { path: `/bookings/${i.booking}` },
    { path: `/messages/${i.conversation}` },
    { path: `/messages/${i.conversationOpen}` },
    { path: `/messages/application/${i.application}` },
    { path: `/messages/application/${i.applicationBooked}` },
    { path: `/messages/booking/${i.booking}` },
    { path: `/dj/runs/${i.run}` },
    { path: `/studio/songs/${i.song}` },
    { path: `/studio/songs/${i.song}/master` },
    { path: `/studio/songs/${i.song}/master?master=${i.master}` },
    { path: `/studio/songs/${i.song}/meter` },
    { path: `/s/${"A".repeat(32)}`, public: true },
    { path: `/musicians/${i.musician}` },
    { path: `/notifications/${i.notificationMusician}` },
    { path: `/notifications/${i.notificationClient}` },
    { path: `/dj?refine=${i.run}`, public: true },
    // Confirmation steps (H7): only the owner, resp. the applicant, sees what would happen.
    { path: `/gigs/${i.gigDecide}/confirm?intent=accept&application_id=${i.applicationDecide}` },
    { path: `/gigs/${i.gigDecide}/confirm?intent=cancel` },
    { path: `/gigs/${i.gigDecide}/confirm?intent=withdraw&application_id=${i.applicationDecide}` },
    { path: `/bookings/${i.booking}?confirm=cancel` },
    { path: `/gigs?q=${w.nonce}`, public: true },
    { path: "/gigs?sort=newest", public: true },
    { path: "/", public: true },
  ];
  for (const page of pages) {
    for (const who of actors) {
      const expect = (s: number, location: string | null) => {
        if (page.public) return s === 200 || s === 404 ? null : "expected the page or a 404";
        if (!who.person && s === 303 && (location ?? "").startsWith("/signin")) return null;
        return s === 403 || s === 404 ? null : "expected 403 or 404 (or sign-in)";
      };
      await probe(
        who,
        { method: "GET", path: page.path, headers: browser(app, who.person?.token ?? null) },
        expect,
        false,
      );
    }
  }

  // 3. The forms the owners see, posted by the others (each with their own session and token).
  const ownerPages: [Person, string][] = [
    [w.client, `/gigs/${i.gigOpen}`],
    [w.client, `/gigs/${i.gigDraft}`],
    [w.client, `/bookings/${i.booking}`],
    [w.client, `/messages/${i.conversation}`],
    [w.client, "/notifications"],
    [w.musician, `/gigs/${i.gigOpen}`],
    [w.musician, `/bookings/${i.booking}`],
    [w.musician, `/messages/${i.conversationOpen}`],
    [w.musician, `/dj/runs/${i.run}`],
    // Share, stop sharing, the DJ catalogue, rename, delete: a finished song's forms.
    [w.musician, `/studio/songs/${i.song}`],
    // Mastering settings (master, cancel) and the hit meter's "measure".
    [w.musician, `/studio/songs/${i.song}/master`],
    [w.musician, `/studio/songs/${i.song}/meter`],
    // Caption, move, delete: the portfolio's forms.
    [w.musician, "/profile/media"],
    // Check now, pause, delete, upload, settings: the scout's forms.
    [w.musician, "/scout"],
    [w.musician, `/scout/${i.scoutSource}`],
    [w.musician, "/notifications"],
    // Confirmed steps and undo (H7): decline, accept, cancel, withdraw, cancel a booking.
    [w.client, `/gigs/${i.gigDecide}/confirm?intent=decline&application_id=${i.applicationDecide}`],
    [w.client, `/gigs/${i.gigDecide}/confirm?intent=accept&application_id=${i.applicationDecide}`],
    [w.client, `/gigs/${i.gigDecide}/confirm?intent=cancel`],
    [w.client, `/bookings/${i.booking}?confirm=cancel`],
    [
      w.musician,
      `/gigs/${i.gigDecide}/confirm?intent=withdraw&application_id=${i.applicationDecide}`,
    ],
    [w.musician, `/gigs/${i.gigUndo}`],
  ];
  const seen = new Set<string>();
  let forms = 0;
  for (const [owner, page] of ownerPages) {
    const res = await app.fetch(page, { headers: browser(app, owner.token) });
    assert(res.status === 200, `GET ${page} as its owner: ${res.status}`);
    for (const form of parseForms(await res.text(), page)) {
      if (form.action === "/signout") continue;
      // Save buttons write the saver's own list (a stranger may save a public gig): that nobody
      // reads or writes another's favourites is tested in favourites_test.ts and pgTAP 97.
      if (form.action === "/favourites") continue;
      const buttons = form.buttons.length ? form.buttons : [undefined];
      for (const button of buttons) {
        const entries = formEntries(form, button, { _csrf: CSRF });
        const key = `${form.action} ${JSON.stringify(entries)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        forms++;
        // Aimed at the owners when an owner's id is in the action or in a field.
        const aimed = ownerIds.some((id) =>
          form.action.includes(id) || entries.some(([, v]) => typeof v === "string" && v === id)
        );
        for (const who of actors) {
          const fd = new FormData();
          for (const [k, v] of entries) fd.append(k, v);
          const body = form.enctype.startsWith("multipart/") ? fd : new URLSearchParams(
            entries.map(([k, v]): [string, string] => [k, typeof v === "string" ? v : v.name]),
          );
          const expect = (s: number, location: string | null) => {
            if (!who.person) {
              return s === 303 && (location ?? "").startsWith("/signin") || (s >= 400 && s < 500)
                ? null
                : "anonymous: expected sign-in or a 4xx";
            }
            if (!aimed) return null;
            return s >= 400 && s < 500 ? null : "a form aimed at others' data must answer 4xx";
          };
          await probe(
            who,
            {
              method: "POST",
              path: form.action,
              note: entries.filter(([k]) => k !== "_csrf").map(([k, v]) =>
                `${k}=${typeof v === "string" ? v.slice(0, 40) : "<file>"}`
              ).join("&"),
              headers: browser(app, who.person?.token ?? null),
              body,
            },
            expect,
            !aimed,
          );
        }
      }
    }
  }
  assert(forms >= 10, `only ${forms} owner forms were found`);

  // The owners still read what the others could not (so the private values are real ones).
  const own: [Person, string][] = [
    [w.musician, `/api/dj/runs/${i.run}`],
    [w.musician, `/api/conversations/${i.conversation}/messages`],
    [w.musician, "/api/notifications"],
    [w.musician, "/api/profile"],
    [w.client, `/api/gigs/${i.gigDraft}`],
    [w.client, `/api/gigs/${i.gigOpen}/applications`],
    [w.client, "/api/profile"],
  ];
  for (const [owner, path] of own) {
    const res = await app.fetch(path, { headers: bearer(owner.token) });
    const text = await res.text();
    assert(
      res.status === 200 && leaks(text).length > 0,
      `${owner.name} reads ${path}: ${res.status}`,
    );
  }
  const file = await app.fetch(`/api/messages/${i.attachmentMessage}/attachment`, {
    headers: bearer(w.musician.token),
  });
  await file.body?.cancel();
  assert(file.status === 200, `the musician downloads the attachment: ${file.status}`);

  if (tracePath && trace) await Deno.writeTextFile(tracePath, trace.join("\n") + "\n");
  const byStatus = [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`);
  console.log(
    `cross-tenant: ${requests} requests, ${forms} owner forms, statuses ${byStatus.join(", ")}; ` +
      `${violations.length} violation(s)`,
  );
  assert(
    violations.length === 0,
    `${violations.length} violation(s):\n` +
      violations.map((v) => `- ${v.who}: ${v.request}: ${v.problem}`).join("\n"),
  );
});
