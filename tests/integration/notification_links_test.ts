/**
 * Every notification kind leads somewhere: each kind the SQL functions and the domains create is
 * produced for real (through the API, the pages, the domain functions, the SQL functions the
 * workers call and the queues), then its recipient opens it (`/notifications/:id`, which follows
 * the link) and the link's page answers 200. The e-mail and SMS outbox carries the same links
 * (`{{site}}/…`): each of those answers 200 to its recipient too.
 *
 * The first test keeps the list honest: a new kind in a migration or a domain fails it until it
 * is produced here.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { drainJobs, startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  adminPerson,
  apiCall,
  browser,
  FUZZ_ENV,
  gigBody,
  type Person,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { applyTo, gigPlayed, publishedGig, publishedMusician } from "../_helpers/booking.ts";
import {
  BUILTIN_SECRET,
  depositBooking,
  heldBooking,
  makeBooking,
  openCheckout,
  serviceSql,
} from "../_helpers/payments.ts";
import { BRIEF } from "../_helpers/artist_pages.ts";
import { inviteMusician } from "../../lib/domains/gigs/mod.ts";
import { seedArtistData } from "../../lib/domains/artists/learn/seed.ts";

const DAY = 86_400_000;

/** Every kind, as the sources name it (`payment_` + the states its trigger fires on). */
const KINDS = [
  "welcome",
  "match",
  "invite",
  "application",
  "shortlisted",
  "declined",
  "decision_undone",
  "withdrawn",
  "accepted",
  "booking_completed",
  "booking_cancelled",
  "review",
  "message",
  "payment_held",
  "payment_released",
  "payment_refunded",
  "payment_partially_refunded",
  "payment_disputed",
  "dispute_evidence",
  "dispute_resolved",
  "payment_action_needed",
  "payout_failed",
  "refund_failed",
  "balance_due",
  "artist_plan",
  "auto_applied",
  "auto_shortlisted",
  "gig_digest",
  "report_resolved",
].sort();

/** `'payment_' || new.state`: the states private.payment_settled_notify fires on. */
const PAYMENT_STATES = ["released", "refunded", "partially_refunded"];

async function sourceKinds(): Promise<string[]> {
  const kinds = new Set<string>();
  const root = new URL("../../", import.meta.url);
  for await (const f of Deno.readDir(new URL("supabase/migrations/", root))) {
    const sql = await Deno.readTextFile(new URL(`supabase/migrations/${f.name}`, root));
    // `perform private.notify(<recipient>, '<kind>'…`: the recipient is a name or a case … end.
    const calls = /perform private\.notify\(\s*(?:case\b[\s\S]*?\bend|[\w.]+)\s*,\s*'([a-z_]+)'/g;
    for (const m of sql.matchAll(calls)) {
      if (m[1] === "payment_") PAYMENT_STATES.forEach((s) => kinds.add(`payment_${s}`));
      else kinds.add(m[1]);
    }
  }
  const walk = async (dir: URL) => {
    for await (const e of Deno.readDir(dir)) {
      const url = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
      if (e.isDirectory) await walk(url);
      else if (e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) {
        const ts = await Deno.readTextFile(url);
        for (const m of ts.matchAll(/insert into public\.notifications[^']*'([a-z_]+)'/g)) {
          kinds.add(m[1]);
        }
      }
    }
  };
  await walk(new URL("lib/", root));
  return [...kinds].sort();
}

Deno.test("notification links - the kinds here are every kind the SQL and the domains create", async () => {
  assertEquals(await sourceKinds(), KINDS);
});

/** One JSON call as `who` that must answer `expect`. */
const call = (
  app: TestApp,
  who: Person,
  method: string,
  path: string,
  body: unknown,
  expect: number,
) => apiCall(app, who, method, path, body, expect);

/** Produces every kind; returns everyone who may have been told something. */
async function world(app: TestApp): Promise<Person[]> {
  const people: Person[] = [];
  const keep = <T extends Person>(p: T) => (people.push(p), p);

  // The marketplace: application, accepted (and match, welcome from the queues).
  const booked = await makeBooking(app, "Ana");
  keep(booked.client);
  keep(booked.musician);
  const client = booked.client;
  const bea = keep(await publishedMusician(app, "Bea", "Bea Quartet"));
  const cai = keep(await publishedMusician(app, "Cai", "Cai Duo"));
  const gig2 = await publishedGig(app, client, "Second night", new Date(Date.now() + 20 * DAY));
  const beaApp = await applyTo(app, bea, gig2);
  await call(app, client, "POST", `/api/applications/${beaApp}/shortlist`, undefined, 200);
  await call(app, client, "POST", `/api/applications/${beaApp}/decline`, undefined, 200);
  // Bea had read the decline when the client took it back: she gets a correction.
  await serviceSql(
    app,
    "update public.notifications set read_at = now() where user_id = $1 and kind = 'declined'",
    [bea.id],
  );
  const clientClaims = (await app.platform.auth.verify(client.token))!;
  await app.platform.db.asUser(
    clientClaims,
    (tx) => tx.query("select public.undo_decline($1::uuid)", [beaApp]),
  );
  const caiApp = await applyTo(app, cai, gig2);
  await call(app, cai, "POST", `/api/applications/${caiApp}/withdraw`, undefined, 200);
  await app.platform.db.asUser(clientClaims, (tx) => inviteMusician(tx, gig2, cai.id));

  // A gig cancelled with an applicant: declined (the gig's page).
  const gig3 = await publishedGig(app, client, "Third night", new Date(Date.now() + 25 * DAY));
  await applyTo(app, cai, gig3);
  await call(app, client, "PATCH", `/api/gigs/${gig3}`, { status: "cancelled" }, 200);

  // Bookings: cancelled by the musician; another played, completed and reviewed by both.
  const cancelled = await makeBooking(app, "Bo");
  keep(cancelled.client);
  keep(cancelled.musician);
  await call(app, cancelled.musician, "POST", `/api/bookings/${cancelled.bookingId}/cancel`, {
    reason: "My van broke down.",
  }, 200);
  await gigPlayed(app, booked.bookingId);
  await call(app, client, "POST", `/api/bookings/${booked.bookingId}/complete`, undefined, 200);
  for (const who of [client, booked.musician]) {
    await call(app, who, "POST", `/api/bookings/${booked.bookingId}/reviews`, {
      rating: 5,
      body: "A pleasure.",
    }, 201);
  }
  await serviceSql(app, "select private.release_due_reviews()");

  // A chat message (the notify queue's job body: private.notify_message).
  const { conversations } = await call(
    app,
    client,
    "GET",
    "/api/conversations",
    undefined,
    200,
  ) as {
    conversations: { id: string; booking_id: string | null }[];
  };
  const chat = conversations.find((c) => c.booking_id === booked.bookingId)!;
  const sent = await call(
    app,
    client,
    "POST",
    `/api/conversations/${chat.id}/messages`,
    {
      body: "See you at eight?",
    },
    201,
  );
  await serviceSql(app, "select private.notify_message($1::bigint)", [sent.id]);

  // Payments: held and released; refunded by the musician; disputed, evidence, decided.
  const released = await heldBooking(app, "Cy");
  keep(released.client);
  keep(released.musician);
  await call(
    app,
    released.client,
    "POST",
    `/api/bookings/${released.bookingId}/payment/release`,
    undefined,
    200,
  );
  const refunded = await heldBooking(app, "Di");
  keep(refunded.client);
  keep(refunded.musician);
  await call(
    app,
    refunded.musician,
    "POST",
    `/api/bookings/${refunded.bookingId}/payment/refund`,
    {},
    200,
  );
  const partly = await heldBooking(app, "Eli");
  keep(partly.client);
  keep(partly.musician);
  await call(app, partly.musician, "POST", `/api/bookings/${partly.bookingId}/payment/refund`, {
    amount_minor: 5000,
  }, 200);
  const disputed = await heldBooking(app, "Ed");
  keep(disputed.client);
  keep(disputed.musician);
  await call(app, disputed.client, "POST", `/api/bookings/${disputed.bookingId}/payment/dispute`, {
    reason: "The set was short.",
  }, 201);
  const evidence = new FormData();
  evidence.append(
    "file",
    new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "rider.pdf", {
      type: "application/pdf",
    }),
  );
  await call(
    app,
    disputed.musician,
    "POST",
    `/api/bookings/${disputed.bookingId}/evidence`,
    evidence,
    201,
  );
  const admin = keep(await adminPerson(app, "Ada"));
  await call(app, admin, "POST", `/api/bookings/${disputed.bookingId}/payment/resolve`, {
    decision: "split",
    musician_share_minor: 20000,
    note: "Half the set was played.",
  }, 200);

  // A report decided by an admin (dismissed: the gig stays up for the other links).
  const beaClaims = (await app.platform.auth.verify(bea.token))!;
  const [report] = await app.platform.db.asUser(
    beaClaims,
    (tx) =>
      tx.query<{ id: string }>("select id from public.report_content('gig', $1, 'spam', '')", [
        gig2,
      ]),
  );
  const adminClaims = (await app.platform.auth.verify(admin.token))!;
  await app.platform.db.asUser(
    adminClaims,
    (tx) => tx.query("select public.admin_resolve_report($1::uuid, 'dismiss', null)", [report.id]),
  );

  // A payout and a refund the payments queue gave up on (its trigger tells each side).
  await serviceSql(
    app,
    `update public.payments set payout_state = 'failed', payout_error = 'account closed',
            work_gave_up_at = now() where booking_id = $1::uuid`,
    [released.bookingId],
  );
  await serviceSql(
    app,
    `update public.payments set refund_state = 'failed', refund_error = 'card expired',
            work_gave_up_at = now() where booking_id = $1::uuid`,
    [refunded.bookingId],
  );

  // A saved card the sweep could not charge; a balance falling due unpaid.
  const unpaid = await makeBooking(app, "Fa");
  keep(unpaid.client);
  keep(unpaid.musician);
  const checkout = await openCheckout(app, unpaid);
  await serviceSql(
    app,
    "select private.record_off_session_charge($1::uuid, false, 'card_declined')",
    [
      checkout.id,
    ],
  );
  const split = await depositBooking(app, "Gu", { days: 40 });
  keep(split.client);
  keep(split.musician);
  await serviceSql(
    app,
    "update public.payments set due_at = now() - interval '1 minute' where id = $1::uuid",
    [
      split.balance.id,
    ],
  );
  await serviceSql(app, "select private.remind_balances_due()");

  // The scout: auto-apply, auto-shortlist, the daily digest.
  const hal = keep(await publishedMusician(app, "Hal", "Hal Trio"));
  const template = "Hello, {stage_name} here: I'd love to play {gig_title} on {date}.";
  await call(app, hal, "PUT", "/api/auto-apply", { template, daily_cap: 5 }, 200);
  await call(app, hal, "POST", "/api/auto-apply/approve", { template }, 200);
  await call(app, hal, "POST", "/api/auto-apply/enabled", { enabled: true }, 200);
  const ivy = keep(await signUpPerson(app, "Ivy", "client"));
  await call(app, ivy, "PUT", "/api/auto-shortlist", { enabled: true, within_budget: false }, 200);
  const ivyGig = await call(
    app,
    ivy,
    "POST",
    "/api/gigs?publish=true",
    gigBody("Courtyard jazz", 12),
    201,
  );
  await drainJobs(app, 30);
  const jo = keep(await publishedMusician(app, "Jo", "Jo Solo"));
  await applyTo(app, jo, String(ivyGig.id));
  await serviceSql(
    app,
    "select private.send_scout_digest($1::uuid, array[$2::uuid], '{}', 'New gigs for you', 'One new gig.')",
    [hal.id, String(ivyGig.id)],
  );

  // A virtual artist's weekly plan (pg_cron on Supabase; called here as the worker would).
  const kim = keep(await signUpPerson(app, "Kim", "client"));
  const { artist } = await call(app, kim, "POST", "/api/artists", { brief: BRIEF }, 201) as {
    artist: { id: string };
  };
  const data = seedArtistData({ tracks: 24, days: 60, countries: 3, effect: "tempo", seed: 7 });
  for (const t of data.tracks) {
    await call(app, kim, "POST", `/api/artists/${artist.id}/tracks`, t, 201);
  }
  for (let i = 0; i < data.rows.length; i += 5000) {
    await call(app, kim, "POST", `/api/artists/${artist.id}/metrics`, {
      rows: data.rows.slice(i, i + 5000),
    }, 200);
  }
  await serviceSql(app, "select private.enqueue_artist_analyses()");
  await drainJobs(app, 30);
  return people;
}

Deno.test({
  name:
    "notification links - every kind's link, and every e-mail link, answers 200 to its recipient",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({
    ...FUZZ_ENV,
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
  });
  const people = await world(app);
  const byId = new Map(people.map((p) => [p.id, p]));
  const rows = await serviceSql<{ id: string; user_id: string; kind: string; link: string | null }>(
    app,
    "select id, user_id, kind, link from public.notifications order by created_at, id",
  );
  const seen = [...new Set(rows.map((r) => r.kind))].sort();
  assertEquals(seen, KINDS, "every kind was produced");

  const broken: string[] = [];
  for (const n of rows) {
    const who = byId.get(n.user_id);
    assert(who, `a notification (${n.kind}) for someone the test did not make`);
    assert(n.link?.startsWith("/"), `${n.kind}: a same-site link, not ${n.link}`);
    const opened = await app.fetch(`/notifications/${n.id}`, { headers: browser(app, who.token) });
    await opened.body?.cancel();
    const location = opened.headers.get("location");
    if (opened.status !== 303 || !location || location !== n.link) {
      broken.push(`${n.kind}: /notifications/:id answered ${opened.status} → ${location}`);
      continue;
    }
    const res = await app.fetch(location.split("#")[0], { headers: browser(app, who.token) });
    await res.body?.cancel();
    if (res.status !== 200) {
      broken.push(`${n.kind} (${who.name}): ${n.link} answered ${res.status}`);
    }
  }
  assertEquals(broken, [], "every notification's link opens");

  // The outbox: e-mail and SMS texts link with {{site}}; each such path opens for its recipient.
  const outbox = await serviceSql<{ user_id: string; kind: string; body: string }>(
    app,
    "select user_id, kind, body from public.outbox",
  );
  assert(outbox.length > 0, "the outbox carries texts with links");
  const mailBroken: string[] = [];
  for (const o of outbox) {
    const who = byId.get(o.user_id);
    if (!who) continue;
    for (const [, path] of o.body.matchAll(/\{\{site\}\}(\/[^\s)"'<>]*)/g)) {
      const res = await app.fetch(path.split("#")[0], { headers: browser(app, who.token) });
      await res.body?.cancel();
      if (res.status !== 200) mailBroken.push(`${o.kind}: ${path} answered ${res.status}`);
    }
  }
  assertEquals(mailBroken, [], "every e-mail and SMS link opens");
});
