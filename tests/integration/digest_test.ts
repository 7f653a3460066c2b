/**
 * The scout's daily digest on the embedded database: once a day per musician who wants it (their
 * notification preferences), the best new platform gigs (the matcher) and external gigs (same
 * score, semantic 0), in one notification linking to /matches; nothing sent twice, nothing when
 * nothing is new, nothing when the preference is off.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { createUser, type FreshDb, freshDb, type TestUser } from "../_helpers/db.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { scoutingHandler } from "../../lib/domains/scout/queue.ts";
import {
  autoScoutKinds,
  enqueueDigests,
  externalMatches,
} from "../../lib/domains/scout/auto/mod.ts";
import { createMatchingHandler } from "../../lib/domains/matching/handler.ts";
import { createOfflineAi } from "../../lib/ports/ai/offline.ts";

const quiet = () => {};
const DAY = 86_400_000;
const LISBON = { lat: 38.7223, lng: -9.1393 };

async function musician(f: FreshDb, name: string): Promise<TestUser> {
  const u = await createUser(f.driver, { display_name: name });
  await f.db.asUser(u.claims, (tx) =>
    tx.query(
      `insert into public.musician_profiles (id, stage_name, bio, instruments, genres, city, country,
         lat, lng, travel_radius_km, fee_min_minor, currency, published)
       values ($1, $2, 'Jazz guitarist: standards and bossa nova for clubs.', '{guitar}', '{jazz}',
               'Lisbon', 'PT', $3, $4, 50, 30000, 'EUR', true)`,
      [u.id, name, LISBON.lat, LISBON.lng],
    ));
  return u;
}

async function gig(f: FreshDb, client: TestUser, title: string, inDays: number): Promise<string> {
  return await f.db.asUser(client.claims, async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.gigs (client_id, title, description, kind, genres, instruments, starts_at,
         timezone, city, country, lat, lng, budget_min_minor, budget_max_minor, currency)
       values ($1, $2, 'We want a jazz guitarist for standards in the courtyard bar.', 'live_show',
               '{jazz}', '{guitar}', $3, 'Europe/Lisbon', 'Lisbon', 'PT', $4, $5, 20000, 50000, 'EUR')
       returning id`,
      [
        client.id,
        title,
        new Date(Math.floor(Date.now() / DAY + inDays) * DAY + 20 * 3600_000).toISOString(),
        LISBON.lat,
        LISBON.lng,
      ],
    );
    await tx.query("select public.publish_gig($1)", [row.id]);
    return row.id;
  });
}

async function externalGig(f: FreshDb, owner: TestUser, title: string, genres: string[]) {
  await f.db.asService(async (tx) => {
    const [s] = await tx.query<{ id: string }>(
      `insert into public.scout_sources (owner_id, is_public, kind, name, url)
       values ($1, true, 'ical', 'City listings', 'https://listings.example/feed.ics') returning id`,
      [owner.id],
    );
    await tx.query(
      `insert into public.external_gigs (source_id, source_uid, title, starts_at, timezone, city,
         country, lat, lng, genres, url)
       values ($1, $2, $2, now() + interval '8 days', 'Europe/Lisbon', 'Lisbon', 'PT', $3, $4, $5,
               'https://listings.example/e/1')`,
      [s.id, title, LISBON.lat + 0.01, LISBON.lng, genres],
    );
  });
}

async function drain(f: FreshDb) {
  const worker = createWorker({
    db: f.db,
    handlers: {
      matching: createMatchingHandler({ ai: createOfflineAi(), log: quiet }),
      scouting: scoutingHandler(autoScoutKinds),
    },
    log: quiet,
  });
  for (let i = 0; i < 20; i++) {
    const r = await worker.runOnce();
    assertEquals(r.failed + r.deadLettered, 0, "no job fails");
    if (r.processed + r.skipped === 0) break;
  }
}

function digests(f: FreshDb, u: TestUser) {
  return f.db.asUser(u.claims, (tx) =>
    tx.query<{ title: string; body: string; link: string }>(
      "select title, body, link from public.notifications where kind = 'gig_digest' order by created_at",
    ));
}

/** Queues the digests of `days` days from now. */
function enqueueOn(f: FreshDb, days: number) {
  return f.db.asService((tx) => enqueueDigests(tx, new Date(Date.now() + days * DAY)));
}

Deno.test("digest - once a day, platform and external gigs, none twice, nothing when nothing is new", async () => {
  await using f = await freshDb();
  const ella = await musician(f, "Ella Hart");
  const client = await createUser(f.driver, { display_name: "Casa Azul", is_client: true });
  await gig(f, client, "Jazz guitar trio night", 10);
  await externalGig(f, client, "Jazz jam at the harbour", ["jazz"]);
  await externalGig(f, client, "Techno all-nighter", ["techno"]);
  await drain(f);

  const external = await f.db.asUser(ella.claims, (tx) => externalMatches(tx, ella.id));
  assertEquals(external.map((e) => e.title), ["Jazz jam at the harbour"]);
  assertMatch(external[0].reason, /^Live show · jazz · you're free that night/);

  assertEquals(await enqueueOn(f, 0), 1, "one musician profile");
  assertEquals(await enqueueOn(f, 0), 0, "once a day");
  await drain(f);
  const first = await digests(f, ella);
  assertEquals(first.length, 1);
  assertEquals(first[0].title, "2 new gigs for you today");
  assertEquals(first[0].link, "/matches");
  assertMatch(
    first[0].body,
    /On Soundcheck: “Jazz guitar trio night”\. Elsewhere: “Jazz jam at the harbour”\./,
  );

  // The next day, nothing new: nothing is sent.
  assertEquals(await enqueueOn(f, 1), 1);
  await drain(f);
  assertEquals((await digests(f, ella)).length, 1);

  // A new gig: only it is in the next digest.
  await gig(f, client, "Bossa nova dinner set", 14);
  await drain(f);
  assertEquals(await enqueueOn(f, 2), 1);
  await drain(f);
  const all = await digests(f, ella);
  assertEquals(all.length, 2);
  assertEquals(all[1].title, "1 new gig for you today");
  assert(!all[1].body.includes("Jazz guitar trio night"), "never sent twice");
});

Deno.test("digest - respects the notification preference when it is off", async () => {
  await using f = await freshDb();
  const ella = await musician(f, "Ella Hart");
  const client = await createUser(f.driver, { display_name: "Casa Azul", is_client: true });
  await gig(f, client, "Jazz guitar trio night", 10);
  await f.db.asUser(
    ella.claims,
    (tx) =>
      tx.query("select public.save_notification_preferences($1::jsonb)", [
        JSON.stringify([{ kind: "gig_digest", in_app: false, email: false }]),
      ]),
  );
  await drain(f);
  assertEquals(await enqueueOn(f, 0), 0, "the one musician said no");
  await drain(f);
  assertEquals((await digests(f, ella)).length, 0);
  const mail = await f.db.asService((tx) =>
    tx.query("select 1 from public.outbox where user_id = $1 and kind = 'gig_digest'", [ella.id])
  );
  assertEquals(mail.length, 0, "no e-mail either");
});
