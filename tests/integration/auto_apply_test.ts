/**
 * Auto-apply and auto-shortlist on the embedded database: publishing a gig queues the scout, which
 * applies for opted-in musicians whose rules the gig meets (template filled in, quote clamped into
 * the budget), never twice, never without an approved template, within the daily cap; every
 * action and skip is audited; the musician withdraws in one click; clients' auto-shortlist works
 * likewise. The audit trail is append-only and private.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { createUser, type FreshDb, freshDb, type TestUser } from "../_helpers/db.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { scoutingHandler } from "../../lib/domains/scout/queue.ts";
import {
  approveTemplate,
  type AutoApplyInput,
  AutoApplyInput as AutoApplyInputSchema,
  autoScoutKinds,
  draftTemplate,
  listAudit,
  saveAutoApply,
  saveAutoShortlist,
  setAutoApply,
} from "../../lib/domains/scout/auto/mod.ts";
import { withdraw } from "../../lib/domains/gigs/applications.ts";
import { createOfflineAi } from "../../lib/ports/ai/offline.ts";

const quiet = () => {};
const DAY = 86_400_000;
const LISBON = { lat: 38.7223, lng: -9.1393, city: "Lisbon" };
const PORTO = { lat: 41.1579, lng: -8.6291, city: "Porto" };
const TEMPLATE = "Hello! {stage_name} here, applying for {gig_title} on {date} at {venue} in " +
  "{city}. My quote is {fee}. Thanks!";

async function musician(
  f: FreshDb,
  name: string,
  o: {
    genres?: string[];
    instruments?: string[];
    blocked?: string[];
    at?: typeof LISBON;
    radius?: number;
    client?: boolean;
  } = {},
): Promise<TestUser> {
  const u = await createUser(f.driver, { display_name: name, is_client: o.client ?? false });
  const at = o.at ?? LISBON;
  await f.db.asUser(u.claims, (tx) =>
    tx.query(
      `insert into public.musician_profiles (id, stage_name, bio, instruments, genres, city, country,
         lat, lng, travel_radius_km, fee_min_minor, fee_max_minor, currency, blocked_dates, published)
       values ($1, $2, 'Working musician.', $3, $4, $5, 'PT', $6, $7, $9, 30000, 60000, 'EUR', $8,
               true)`,
      [
        u.id,
        name,
        o.instruments ?? ["guitar"],
        o.genres ?? ["jazz"],
        at.city,
        at.lat,
        at.lng,
        o.blocked ?? [],
        o.radius ?? 100,
      ],
    ));
  return u;
}

/** Saves the rules and the template, approves it and switches auto-apply on. */
async function optIn(f: FreshDb, u: TestUser, rules: Partial<AutoApplyInput> = {}) {
  await f.db.asUser(u.claims, async (tx) => {
    const s = await saveAutoApply(
      tx,
      AutoApplyInputSchema.parse({ template: TEMPLATE, ...rules }),
    );
    await approveTemplate(tx, s.template);
    await setAutoApply(tx, true);
  });
}

interface GigOpts {
  title?: string;
  inDays?: number;
  genres?: string[];
  instruments?: string[];
  budget?: [number | null, number | null];
  at?: typeof LISBON | { city: string; lat: null; lng: null };
  publish?: boolean;
}

function startsAt(inDays: number): Date {
  return new Date(Math.floor(Date.now() / DAY + inDays) * DAY + 20 * 3600_000);
}

async function gig(f: FreshDb, client: TestUser, o: GigOpts = {}): Promise<string> {
  const at = o.at ?? LISBON;
  const [min, max] = o.budget ?? [20000, 50000];
  return await f.db.asUser(client.claims, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.gigs (client_id, title, description, kind, genres, instruments, starts_at,
         timezone, duration_minutes, remote, venue_name, city, country, lat, lng, budget_min_minor,
         budget_max_minor, currency)
       values ($1, $2, 'A night of music in the courtyard bar.', 'live_show', $3, $4, $5, 'UTC', 120, false,
               'Casa Azul', $6, 'PT', $7, $8, $9, $10, 'EUR') returning id`,
      [
        client.id,
        o.title ?? "Jazz night",
        o.genres ?? ["jazz"],
        o.instruments ?? ["guitar"],
        startsAt(o.inDays ?? 10).toISOString(),
        at.city,
        at.lat,
        at.lng,
        min,
        max,
      ],
    );
    if (o.publish !== false) await tx.query("select public.publish_gig($1)", [row.id]);
    return row.id;
  });
}

async function drain(f: FreshDb) {
  const worker = createWorker({
    db: f.db,
    handlers: { scouting: scoutingHandler(autoScoutKinds) },
    log: quiet,
  });
  for (let i = 0; i < 10; i++) {
    const r = await worker.runOnce();
    assertEquals(r.failed + r.deadLettered, 0, "no scouting job fails");
    if (r.processed + r.skipped === 0) break;
  }
}

function applications(f: FreshDb, u: TestUser) {
  return f.db.asUser(
    u.claims,
    (tx) =>
      tx.query<
        { id: string; gig_id: string; proposal: string; quoted_fee_minor: number; status: string }
      >(
        "select id, gig_id, proposal, quoted_fee_minor, status from public.applications where musician_id = $1 order by created_at",
        [u.id],
      ),
  );
}

function audit(f: FreshDb, u: TestUser) {
  return f.db.asUser(u.claims, (tx) => listAudit(tx, { limit: 100 }));
}

Deno.test("auto-apply - applies with the template filled in, notifies, never twice, withdraws in one click", async () => {
  await using f = await freshDb();
  const ella = await musician(f, "Ella Hart");
  const client = await createUser(f.driver, { display_name: "Casa Azul", is_client: true });
  await optIn(f, ella, { min_fee_minor: 25000 });
  const gigId = await gig(f, client, { title: "Friday jazz trio", budget: [30000, 45000] });
  await drain(f);
  const [app] = await applications(f, ella);
  assertEquals(app.gig_id, gigId);
  // The minimum fee (€250) clamped into the budget (€300–€450).
  assertEquals(app.quoted_fee_minor, 30000);
  assertMatch(
    app.proposal,
    /^Hello! Ella Hart here, applying for Friday jazz trio on \w+day \d+ \w+ at Casa Azul in Lisbon\. My quote is €300\. Thanks!$/,
  );
  const notes = await f.db.asUser(
    ella.claims,
    (tx) =>
      tx.query<{ kind: string; title: string; link: string }>(
        "select kind, title, link from public.notifications where kind = 'auto_applied'",
      ),
  );
  assertEquals(notes, [{
    kind: "auto_applied",
    title: "We applied for you: Friday jazz trio",
    link: `/my/applications/${app.id}`,
  }]);
  const applied = (await audit(f, ella)).filter((e) => e.action === "applied");
  assertEquals(applied.length, 1);
  assertEquals(applied[0].application_id, app.id);
  assert(typeof applied[0].details.reason === "string", "the matcher's reason is kept");

  // A redelivered job (or a second publish) never applies twice, even after a withdrawal.
  await f.db.asUser(ella.claims, (tx) => withdraw(tx, app.id));
  assertEquals((await audit(f, ella))[0].action, "withdrawn");
  await f.db.asService((tx) =>
    tx.query("select pgmq.send('scouting', $1::jsonb)", [
      JSON.stringify({ kind: "auto_apply_gig", gig_id: gigId, idempotency_key: "again" }),
    ])
  );
  await drain(f);
  assertEquals((await applications(f, ella)).length, 1);
});

Deno.test("auto-apply - each rule skips with its reason: fee, distance, genre, day, blocked", async () => {
  await using f = await freshDb();
  const inDays = 12;
  const isoDow = ((startsAt(inDays).getUTCDay() + 6) % 7) + 1;
  const blockedDay = startsAt(inDays + 1).toISOString().slice(0, 10);
  const fee = await musician(f, "Fee");
  // Willing to travel 400 km, but their own rule says 100: the rule is what skips.
  const far = await musician(f, "Far", { at: PORTO, radius: 400 });
  const genre = await musician(f, "Genre", { genres: ["jazz", "rock"] });
  const day = await musician(f, "Day");
  const blocked = await musician(f, "Blocked", { blocked: [blockedDay] });
  const client = await createUser(f.driver, { display_name: "Club", is_client: true });
  await optIn(f, fee, { min_fee_minor: 90000 });
  await optIn(f, far, { max_distance_km: 100 });
  await optIn(f, genre, { genres: ["rock"] });
  await optIn(f, day, { weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== isoDow) });
  await optIn(f, blocked);
  await gig(f, client, { inDays, budget: [20000, 50000] });
  await gig(f, client, { inDays: inDays + 1, title: "Blocked night", budget: [20000, 50000] });
  await drain(f);
  const why = async (u: TestUser) =>
    (await audit(f, u)).filter((e) => e.action === "skipped").map((e) => String(e.details.why));
  assertEquals(await why(fee), [
    "The budget is below your minimum fee",
    "The budget is below your minimum fee",
  ]);
  assertMatch((await why(far))[0], /^It is \d+ km away, beyond your 100 km$/);
  assertEquals((await why(genre))[0], "None of your chosen genres");
  assertMatch((await why(day))[0], /^Not on one of your days/);
  assertEquals(await why(blocked), ["You marked that day as unavailable"]);
  assertEquals((await applications(f, blocked)).length, 1, "the other night was applied to");
  for (const u of [fee, far, genre]) assertEquals((await applications(f, u)).length, 0);
});

Deno.test("auto-apply - a gig posted without coordinates: its city places it", async () => {
  await using f = await freshDb();
  const ella = await musician(f, "Ella");
  const client = await createUser(f.driver, { display_name: "Club", is_client: true });
  await optIn(f, ella, { max_distance_km: 50 });
  await gig(f, client, { title: "Lisbon, no pin", at: { city: "lisbon ", lat: null, lng: null } });
  await gig(f, client, { title: "Nowhere known", at: { city: "Atlantis", lat: null, lng: null } });
  await drain(f);
  assertEquals((await applications(f, ella)).length, 1, "the same city is 0 km away");
  const skipped = (await audit(f, ella)).filter((e) => e.action === "skipped");
  assertMatch(String(skipped[0]?.details.why), /^The distance is unknown/);
});

Deno.test("auto-apply - the daily cap: the cap-th + 1 gig is skipped as 'cap reached'", async () => {
  await using f = await freshDb();
  const ella = await musician(f, "Ella");
  const client = await createUser(f.driver, { display_name: "Club", is_client: true });
  await optIn(f, ella, { daily_cap: 2 });
  for (let i = 0; i < 3; i++) await gig(f, client, { title: `Night ${i + 1}`, inDays: 10 + i });
  await drain(f);
  assertEquals((await applications(f, ella)).length, 2);
  const skipped = (await audit(f, ella)).filter((e) => e.action === "skipped");
  assertEquals(skipped.map((e) => e.details.why), ["cap reached"]);
});

Deno.test("auto-apply - not without an approved template; an edit needs approving again", async () => {
  await using f = await freshDb();
  const ella = await musician(f, "Ella", { client: true });
  const client = await createUser(f.driver, { display_name: "Club", is_client: true });
  const s = await f.db.asUser(
    ella.claims,
    (tx) => saveAutoApply(tx, AutoApplyInputSchema.parse({ template: TEMPLATE })),
  );
  await assertRejects(() => f.db.asUser(ella.claims, (tx) => setAutoApply(tx, true)));
  await assertRejects(() => f.db.asUser(ella.claims, (tx) => approveTemplate(tx, "other text")));
  await f.db.asUser(ella.claims, async (tx) => {
    await approveTemplate(tx, s.template);
    await setAutoApply(tx, true);
    const edited = await saveAutoApply(
      tx,
      AutoApplyInputSchema.parse({ template: TEMPLATE + " See you there." }),
    );
    assertEquals(edited.enabled, false, "an edited template switches auto-apply off");
    assertEquals(edited.template_approved_at, null);
  });
  await gig(f, client);
  await drain(f);
  assertEquals((await applications(f, ella)).length, 0);
  const actions = (await audit(f, ella)).map((e) => e.action).reverse();
  assertEquals(actions, [
    "settings_changed",
    "template_approved",
    "enabled",
    "settings_changed",
    "disabled",
  ]);
  // Their own gig is never applied to (a musician who also posts gigs).
  await f.db.asUser(ella.claims, async (tx) => {
    await approveTemplate(tx, TEMPLATE + " See you there.");
    await setAutoApply(tx, true);
  });
  await gig(f, ella, { title: "My own night" });
  await drain(f);
  assertEquals((await applications(f, ella)).length, 0, "never to their own gig");
});

Deno.test("auto-apply - the offline AI drafts a template with the placeholders", async () => {
  const d = await draftTemplate(createOfflineAi(), {
    stage_name: "Ella Hart",
    bio: "",
    instruments: ["guitar"],
    genres: ["jazz"],
    skills: [],
    languages: ["English"],
    city: "Lisbon",
    country: "PT",
    travel_radius_km: 50,
    fee_min_minor: 30000,
    fee_max_minor: 60000,
    currency: "EUR",
  });
  assertEquals(d.source, "offline");
  for (const p of ["{gig_title}", "{date}", "{fee}", "{stage_name}"]) {
    assert(d.template.includes(p), `${p} in: ${d.template}`);
  }
});

Deno.test("auto-shortlist - shortlists applicants meeting the rules, tells both, audits skips and the cap", async () => {
  await using f = await freshDb();
  const client = await createUser(f.driver, { display_name: "Club", is_client: true });
  await f.db.asUser(client.claims, (tx) =>
    saveAutoShortlist(tx, {
      enabled: true,
      within_budget: true,
      max_distance_km: 50,
      genres: ["jazz"],
      instruments: [],
      min_rating: null,
      daily_cap: 1,
    }));
  const a = await musician(f, "A");
  const b = await musician(f, "B");
  // Willing to travel 400 km, but their own rule says 100: the rule is what skips.
  const far = await musician(f, "Far", { at: PORTO, radius: 400 });
  const gigId = await gig(f, client, { budget: [20000, 50000] });
  const apply = (u: TestUser, fee: number) =>
    f.db.asUser(u.claims, (tx) =>
      tx.query("select public.apply_to_gig($1, $2, $3::int)", [
        gigId,
        "I would love to play this gig with my trio.",
        fee,
      ]));
  await apply(far, 30000);
  await apply(a, 60000);
  await apply(b, 30000);
  await drain(f);
  const trail = (await audit(f, client)).reverse();
  assertMatch(String(trail.find((e) => e.details.stage_name === "Far")?.details.why), /km away/);
  assertEquals(
    trail.find((e) => e.details.stage_name === "A")?.details.why,
    "The quote is above the budget",
  );
  assertEquals(trail.find((e) => e.details.stage_name === "B")?.action, "shortlisted");
  const [bApp] = await applications(f, b);
  assertEquals(bApp.status, "shortlisted");
  const told = await f.db.asUser(
    b.claims,
    (tx) => tx.query("select 1 from public.notifications where kind = 'shortlisted'"),
  );
  assertEquals(told.length, 1, "the musician is told");
  // The cap (1 a day) is reached: a fourth, fitting applicant is skipped.
  const c = await musician(f, "C");
  await apply(c, 30000);
  await drain(f);
  assertEquals((await audit(f, client))[0].details.why, "cap reached");
});

Deno.test("audit trail - private to its person and append-only", async () => {
  await using f = await freshDb();
  const ella = await musician(f, "Ella");
  const eve = await musician(f, "Eve");
  await optIn(f, ella);
  assertEquals((await audit(f, eve)).length, 0);
  for (
    const sql of [
      "update public.scout_audit set action = 'applied'",
      "delete from public.scout_audit",
    ]
  ) {
    await assertRejects(() => f.db.asUser(ella.claims, (tx) => tx.query(sql)));
    await assertRejects(() => f.db.asService((tx) => tx.query(sql)));
  }
  assertEquals((await audit(f, ella)).length, 3);
});
