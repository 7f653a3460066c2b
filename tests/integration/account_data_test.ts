/**
 * People's data (issue 20, item 4). One world (tests/_helpers/fuzz.ts seedWorld): a musician and
 * a client sharing conversations and a booking, with one of everything.
 * - The export covers every table with a user column (read from the schema: a new table fails
 *   here until lib/domains/account/sections.ts exports it or says why not).
 * - Each person's zip holds their rows and files and nothing private of the other's.
 * - Deletion: money held blocks it (409); confirmed, it ends every session, hides the profile and
 *   withdraws open applications; a new sign-in reaches only the restore page; restoring works.
 * - The purge, 30 days on: files gone, no row still naming the person (table by table, every text
 *   and jsonb column searched for their e-mail, names and phone), the address free to sign up
 *   again, and the ledger still balanced.
 */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { drainJobs, startTestApp, type TestApp, TINY_PNG } from "../_helpers/app.ts";
import { apiCall, bearer, browser, FUZZ_ENV, postForm, seedWorld } from "../_helpers/fuzz.ts";
import { applyTo, publishedGig } from "../_helpers/booking.ts";
import {
  assertLedgerIntact,
  BUILTIN_SECRET,
  capture,
  openCheckout,
  releaseAs,
  serviceSql,
} from "../_helpers/payments.ts";
import { unzip } from "../../lib/domains/account/zip.ts";
import { NOT_EXPORTED, SECTIONS } from "../../lib/domains/account/sections.ts";
import { purgeAccount, removeExpiredExports } from "../../lib/domains/account/purge.ts";
import { ownerCaller } from "../../lib/ports/storage/port.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const DAY = 86_400_000;
const PASSWORD = "fuzz-password-123";

/** Columns that name a person: what the schema scan calls a user reference. */
const USER_COLUMN =
  /^(user_id|owner_id|owner|musician_id|client_id|sender_id|reporter_id|author_id|subject_id|actor_id|uploaded_by|opened_by|decided_by|added_by|created_by|reviewed_by|resolved_by|target_user_id)$/;

interface UserColumn {
  table: string;
  column: string;
  type: string;
}

/** Every (table, column) in public, private, storage and auth.users that refers to a person. */
async function userColumns(app: TestApp): Promise<UserColumn[]> {
  const rows = await app.platform.db.driver.query<UserColumn & { refs: string | null }>(
    `select c.table_schema || '.' || c.table_name as table, c.column_name as column,
            c.data_type as type,
            (select string_agg(r.confrelid::regclass::text, ',')
               from pg_constraint r
              where r.contype = 'f'
                and r.conrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
                and (select a.attname from pg_attribute a
                      where a.attrelid = r.conrelid and a.attnum = r.conkey[1]) = c.column_name
                and cardinality(r.conkey) = 1) as refs
       from information_schema.columns c
       join information_schema.tables t
         on t.table_schema = c.table_schema and t.table_name = c.table_name
        and t.table_type = 'BASE TABLE'
      where c.table_schema in ('public', 'private', 'storage')
         or (c.table_schema = 'auth' and c.table_name in ('users', 'refresh_tokens'))
      order by 1, 2`,
  );
  const people = /^(auth\.users|profiles|musician_profiles|client_profiles|public\.profiles)$/;
  return rows.filter((r) =>
    r.table === "auth.users" && r.column === "id" ||
    (r.refs ?? "").split(",").some((t) => people.test(t)) ||
    USER_COLUMN.test(r.column)
  );
}

Deno.test(
  { name: "account data - the export covers every table with a user column", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const covered = new Set([...SECTIONS.map((s) => s.table), ...Object.keys(NOT_EXPORTED)]);
    const missing = [...new Set((await userColumns(app)).map((c) => c.table))]
      .filter((t) => !covered.has(t));
    assertEquals(
      missing,
      [],
      "tables with a user column that lib/domains/account/sections.ts neither exports nor explains",
    );
  },
);

/** The zip of `who`'s newest ready export, downloaded through the page's link. */
async function downloadExport(app: TestApp, token: string): Promise<Map<string, Uint8Array>> {
  const page = await app.fetch("/account", { headers: browser(app, token) });
  const html = await page.text();
  assertEquals(page.status, 200);
  assert(html.includes("Download (expires in 7 days)"), "the page offers the download");
  const id = html.match(/href="\/account\/exports\/([0-9a-f-]{36})"/)?.[1];
  assert(id, "a download link");
  const res = await app.fetch(`/account/exports/${id}`, { headers: browser(app, token) });
  await res.body?.cancel();
  assertEquals(res.status, 303);
  const signed = new URL(res.headers.get("location")!, app.url);
  const file = await app.fetch(signed.pathname + signed.search);
  assertEquals(file.status, 200);
  return await unzip(new Uint8Array(await file.arrayBuffer()));
}

const text = (zip: Map<string, Uint8Array>) =>
  [...zip.entries()].map(([k, v]) => k + "\n" + new TextDecoder().decode(v)).join("\n");

Deno.test({ name: "account data - export, deletion, restore and purge", ...opts }, async () => {
  await using app = await startTestApp({
    ...FUZZ_ENV,
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
  });
  const w = await seedWorld(app, { tag: "Zed", publishMusician: true, share: false });
  const { musician: mira, client: bruno } = w;
  const own = (what: string) => w.secrets.find((s) => s.includes(`-private-${what}-`))!;
  const miraClaims = (await app.platform.auth.verify(mira.token))!;
  await app.platform.storage.upload(
    { claims: miraClaims },
    "avatars",
    `${mira.id}/me.png`,
    TINY_PNG,
    "image/png",
  );

  // --- export: each person's zip, made by the queued job -------------------------------------------
  for (const who of [mira, bruno]) {
    const r = await postForm(app, who.token, "/account", { intent: "export" });
    assertEquals(r.status, 303, r.text.slice(0, 300));
  }
  await drainJobs(app);
  const miraZip = await downloadExport(app, mira.token);
  const brunoZip = await downloadExport(app, bruno.token);
  const miraText = text(miraZip);
  const brunoText = text(brunoZip);
  // Notifications quote the messages each received: those quotes are the recipient's.
  const holders = (zip: Map<string, Uint8Array>, needle: string) =>
    [...zip.entries()].filter(([k, v]) =>
      !(k === "data/public.notifications.json" && /message|caption/.test(needle)) &&
      new TextDecoder().decode(v).includes(needle)
    ).map(([k]) => k);
  for (const s of ["message", "message-open", "proposal-open", "prompt", "song", "audience"]) {
    assert(miraText.includes(own(s)), `Mira's export holds her ${s}`);
    assertEquals(holders(brunoZip, own(s)), [], `Bruno's export does not hold Mira's ${s}`);
  }
  for (const s of ["organisation", "draft-title", "caption", "note-client-title"]) {
    assert(brunoText.includes(own(s)), `Bruno's export holds his ${s}`);
    assertEquals(holders(miraZip, own(s)), [], `Mira's export does not hold Bruno's ${s}`);
  }
  assert(miraText.includes(own("note-musician-body")), "her notifications");
  assert(miraText.includes("+351912345678"), "her phone");
  assert(!miraText.includes(bruno.email) && !brunoText.includes(mira.email), "no other e-mail");
  assert(!miraText.includes("encrypted_password"), "no password hash");
  const convs = JSON.parse(new TextDecoder().decode(miraZip.get("data/public.conversations.json")));
  assertEquals(convs[0].other_party, bruno.name, "the other party by display name");
  const miraFiles = [...miraZip.keys()].filter((k) => k.startsWith("files/"));
  assert(miraFiles.includes(`files/avatars/${mira.id}/me.png`), "her avatar");
  assert(miraFiles.some((k) => k.startsWith(`files/media/${mira.id}/`)), "her portfolio photo");
  assert(!miraFiles.some((k) => k.startsWith("files/attachments/")), "not Bruno's attachment");
  assert(
    [...brunoZip.keys()].some((k) => k.startsWith("files/attachments/")),
    "Bruno's attachment is in his",
  );
  assertEquals(miraZip.get(`files/avatars/${mira.id}/me.png`), TINY_PNG);

  // Seven days on, the zips are gone and the page offers no download.
  const sweepDeps = {
    db: app.platform.db,
    storage: app.platform.storage,
    asOwner: ownerCaller("embedded", undefined),
  };
  assertEquals(await removeExpiredExports(sweepDeps, new Date(Date.now() + 6 * DAY)), 0);
  assertEquals(await removeExpiredExports(sweepDeps, new Date(Date.now() + 8 * DAY)), 2);
  const [zips] = await serviceSql<{ n: number }>(
    app,
    "select count(*)::int as n from storage.objects where bucket_id = 'exports'",
  );
  assertEquals(zips.n, 0);
  const expired = await app.fetch("/account", { headers: browser(app, bruno.token) });
  assert(!(await expired.text()).includes("Download (expires"), "no download once expired");

  // --- deletion: money held blocks it ----------------------------------------------------------------
  const gig = await publishedGig(app, bruno, "Zed paid night", new Date(Date.now() + 30 * DAY));
  const appId = await applyTo(app, mira, gig);
  const booking = await apiCall(app, bruno, "POST", `/api/applications/${appId}/accept`, {}, 201);
  const booked = { client: bruno, musician: mira, bookingId: String(booking.id) };
  assertEquals(await capture(app, await openCheckout(app, booked)), "applied");
  const step = await app.fetch("/account?confirm=delete", { headers: browser(app, mira.token) });
  const stepText = await step.text();
  assertEquals(step.status, 409);
  assert(stepText.includes("Money is still held on 1 of your bookings"), stepText.slice(0, 200));
  const refused = await postForm(app, mira.token, "/account", { intent: "delete", confirm: "yes" });
  assertEquals(refused.status, 409);

  await releaseAs(app, booked);
  await sweepPayments(paymentDeps(app.platform));
  const ready = await app.fetch("/account?confirm=delete", { headers: browser(app, mira.token) });
  const readyText = await ready.text();
  assertEquals(ready.status, 200);
  assert(readyText.includes("open applications are withdrawn"), "names the consequences");
  const unconfirmed = await postForm(app, mira.token, "/account", { intent: "delete" });
  assertEquals(unconfirmed.status, 428, "nothing happens without the confirmation step");

  // --- deletion: sessions end, profile hidden, applications withdrawn ------------------------------
  const session = await app.platform.auth.signIn({ email: mira.email, password: PASSWORD });
  const del = await postForm(app, mira.token, "/account", { intent: "delete", confirm: "yes" });
  assertEquals([del.status, del.location], [303, "/"]);
  await assertRejects(() => app.platform.auth.refresh(session.refreshToken));
  const old = await app.fetch("/api/profile", { headers: bearer(mira.token) });
  await old.body?.cancel();
  assertEquals(old.status, 401, "a token from before the request is refused");
  const oldPage = await app.fetch("/account", { headers: browser(app, mira.token) });
  await oldPage.body?.cancel();
  assertEquals(oldPage.status, 303);
  assert(oldPage.headers.get("location")!.startsWith("/signin"));
  const [hidden] = await serviceSql<{ published: boolean; open: number }>(
    app,
    `select m.published, (select count(*)::int from public.applications a
                            where a.musician_id = m.id and a.status in ('submitted', 'shortlisted')) as open
       from public.musician_profiles m where m.id = $1`,
    [mira.id],
  );
  assertEquals(hidden, { published: false, open: 0 });
  const anonSees = await app.platform.db.queryAsUser<{ n: number }>(
    { role: "anon" },
    "select count(*)::int as n from public.musician_profiles where id = $1",
    [mira.id],
  );
  assertEquals(anonSees[0].n, 0, "the profile is hidden");

  // --- a new sign-in may only restore ---------------------------------------------------------------
  await new Promise((r) => setTimeout(r, 1100)); // a token of a later second than the request
  const back = await app.platform.auth.signIn({ email: mira.email, password: PASSWORD });
  const api = await app.fetch("/api/profile", { headers: bearer(back.accessToken) });
  assertEquals([api.status, (await api.json()).error.code], [403, "account_deletion_pending"]);
  const home = await app.fetch("/account", { headers: browser(app, back.accessToken) });
  await home.body?.cancel();
  assertEquals([home.status, home.headers.get("location")], [303, "/account/restore"]);
  const restorePage = await app.fetch("/account/restore", {
    headers: browser(app, back.accessToken),
  });
  assert((await restorePage.text()).includes("Restore my account"));
  const restored = await postForm(app, back.accessToken, "/account/restore", {});
  assertEquals([restored.status, restored.location], [303, "/account"]);
  const again = await app.fetch("/account", { headers: browser(app, back.accessToken) });
  await again.body?.cancel();
  assertEquals(again.status, 200, "restored: the account works again");
  const [republished] = await serviceSql<{ published: boolean }>(
    app,
    "select published from public.musician_profiles where id = $1",
    [mira.id],
  );
  assertEquals(republished.published, true);

  // --- the purge, 30 days on -------------------------------------------------------------------------
  const del2 = await postForm(app, back.accessToken, "/account", {
    intent: "delete",
    confirm: "yes",
  });
  assertEquals(del2.status, 303);
  const deps = sweepDeps;
  await assertRejects(() => purgeAccount(deps, mira.id, new Date(Date.now() + 29 * DAY)));
  const needles = [mira.email, mira.name, "Zed Mira Trio", "+351912345678"];
  const purged = await purgeAccount(deps, mira.id, new Date(Date.now() + 31 * DAY));
  assertEquals(
    [purged.purged, purged.files_left],
    [true, 0],
    JSON.stringify(
      await serviceSql(app, "select * from private.account_purge_files($1)", [mira.id]),
    ),
  );
  assert(purged.files_removed >= 2, "avatar and portfolio photo removed");
  assertEquals(
    (await purgeAccount(deps, mira.id, new Date(Date.now() + 32 * DAY))).purged,
    false,
    "a second purge changes nothing",
  );

  const [files] = await serviceSql<{ n: number }>(
    app,
    "select count(*)::int as n from private.account_purge_files($1)",
    [mira.id],
  );
  assertEquals(files.n, 0, "no file of hers is left in storage");
  assertEquals(
    await app.platform.storage.download({ claims: miraClaims }, "avatars", `${mira.id}/me.png`),
    null,
  );

  // Table by table: what still points at her holds no personal text.
  const RETAINED = new Set([
    "auth.users",
    "public.profiles",
    "public.bookings",
    "public.gigs",
    "public.applications",
    "public.conversations",
    "public.conversation_participants",
    "public.messages",
    "public.reviews",
    "public.disputes",
    "public.payout_accounts",
    "public.subscriptions",
    "public.scout_audit",
    "public.artist_versions",
    "public.artist_plan_items",
    "public.artist_members",
    "private.match_signals",
    "private.account_deletions",
    // The admins' search mirror of auth.users (their triggers keep it): the tombstone now.
    "private.admin_user_index",
  ]);
  for (const c of await userColumns(app)) {
    const cast = c.type === "uuid" ? "$1::uuid" : "$1::text";
    const [{ n }] = await serviceSql<{ n: number }>(
      app,
      `select count(*)::int as n from ${c.table} where ${c.column} = ${cast}`,
      [mira.id],
    ).catch(async () =>
      await app.platform.db.driver.query<{ n: number }>(
        `select count(*)::int as n from ${c.table} where ${c.column} = ${cast}`,
        [mira.id],
      )
    );
    if (!RETAINED.has(c.table)) assertEquals(n, 0, `${c.table}.${c.column} still has her rows`);
  }
  const hits = await mentions(app, needles);
  assertEquals(hits, [], "no text or jsonb column names her");
  const [msg] = await serviceSql<{ body: string }>(
    app,
    "select body from public.messages where id = $1",
    [Number(w.ids.message)],
  );
  assertEquals(msg.body, "(deleted)");

  // The address is free again; the old password opens nothing.
  await assertRejects(() => app.platform.auth.signIn({ email: mira.email, password: PASSWORD }));
  const fresh = await app.platform.auth.signUp({
    email: mira.email,
    password: PASSWORD,
    metadata: { display_name: "New Mira", is_musician: true, is_client: false },
  });
  assert(fresh.user.id !== mira.id);

  // Money records kept, each booking's ledger still summing to zero.
  const [kept] = await serviceSql<{ n: number }>(
    app,
    "select count(*)::int as n from public.ledger_entries where booking_id = $1",
    [booked.bookingId],
  );
  assert(kept.n > 0, "the paid booking's ledger is kept");
  await assertLedgerIntact(app);
  const unbalanced = await serviceSql<{ booking_id: string }>(
    app,
    `select booking_id from public.ledger_entries group by booking_id, currency
      having sum(amount_minor) <> 0`,
  );
  assertEquals(unbalanced, []);
});

/** `table.column: needle` for every text, varchar, array or jsonb value holding a needle. */
async function mentions(app: TestApp, needles: string[]): Promise<string[]> {
  const cols = await app.platform.db.driver.query<{ t: string; c: string }>(
    `select quote_ident(table_schema) || '.' || quote_ident(table_name) as t,
            quote_ident(column_name) as c
       from information_schema.columns
      where table_schema in ('public', 'private', 'auth', 'storage')
        and (data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY'))
        and (table_schema, table_name) in (select table_schema, table_name
                                             from information_schema.tables
                                            where table_type = 'BASE TABLE')`,
  );
  const found: string[] = [];
  for (const { t, c } of cols) {
    const rows = await app.platform.db.driver.query<{ needle: string }>(
      `select n as needle from unnest($1::text[]) n
        where exists (select 1 from ${t} x where strpos(lower(x.${c}::text), lower(n)) > 0)`,
      [needles],
    );
    for (const r of rows) found.push(`${t}.${c}: ${r.needle}`);
  }
  return found;
}
