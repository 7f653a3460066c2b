/**
 * Matching on the embedded database: the triggers queue embeddings, the worker embeds through the
 * AI port and derives match vectors, the candidate queries rank with facts and reasons, publishing
 * notifies matches once, a change of embedding model re-embeds everything, and a fee, budget or
 * layout change re-derives match vectors without embedding again.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { createUser, type FreshDb, freshDb, type TestUser } from "../_helpers/db.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { createMatchingHandler, queueReembedIfStale } from "../../lib/domains/matching/handler.ts";
import { gigsForMusician, musiciansForGig } from "../../lib/domains/matching/queries.ts";
import { STRONG_FIT } from "../../lib/domains/matching/score.ts";
import { MATCH_DIMS } from "../../lib/domains/matching/vector.ts";
import { createOfflineAi, OFFLINE_EMBEDDING_MODEL } from "../../lib/ports/ai/offline.ts";
import type { AiPort } from "../../lib/ports/ai/port.ts";
import { notifyHandler } from "../../lib/domains/notifications/mod.ts";

const quiet = () => {};
const DAY = 86_400_000;

interface MusicianInput {
  stage_name: string;
  bio: string;
  instruments: string[];
  genres: string[];
  skills?: string[];
  city: string;
  lat: number;
  lng: number;
  travel_radius_km?: number;
  fee_min_minor?: number;
  fee_max_minor?: number;
  blocked_dates?: string[];
  published?: boolean;
}

async function musician(f: FreshDb, m: MusicianInput): Promise<TestUser> {
  const u = await createUser(f.driver, { display_name: m.stage_name });
  await f.db.asUser(u.claims, (tx) =>
    tx.query(
      `insert into public.musician_profiles (id, stage_name, bio, instruments, genres, skills,
         languages, city, country, lat, lng, travel_radius_km, fee_min_minor, fee_max_minor,
         currency, blocked_dates, published)
       values ($1, $2, $3, $4, $5, $6, '{English}', $7, 'PT', $8, $9, $10, $11, $12, 'EUR', $13, $14)`,
      [
        u.id,
        m.stage_name,
        m.bio,
        m.instruments,
        m.genres,
        m.skills ?? [],
        m.city,
        m.lat,
        m.lng,
        m.travel_radius_km ?? 50,
        m.fee_min_minor ?? 30000,
        m.fee_max_minor ?? 60000,
        m.blocked_dates ?? [],
        m.published ?? true,
      ],
    ));
  return u;
}

interface GigInput {
  title: string;
  description: string;
  genres: string[];
  instruments: string[];
  startsInDays: number;
  city: string;
  lat: number;
  lng: number;
  budget_max_minor?: number;
}

async function gig(f: FreshDb, client: TestUser, g: GigInput, publish = true): Promise<string> {
  return await f.db.asUser(client.claims, async (tx) => {
    const starts = new Date(Math.floor(Date.now() / DAY + g.startsInDays) * DAY + 20 * 3600_000);
    const [row] = await tx.query<{ id: string }>(
      `insert into public.gigs (client_id, title, description, kind, genres, instruments, starts_at,
         timezone, duration_minutes, remote, venue_name, city, country, lat, lng, budget_min_minor,
         budget_max_minor, currency)
       values ($1, $2, $3, 'live_show', $4, $5, $6, 'Europe/Lisbon', 120, false, 'The Venue', $7,
               'PT', $8, $9, 20000, $10, 'EUR')
       returning id`,
      [
        client.id,
        g.title,
        g.description,
        g.genres,
        g.instruments,
        starts.toISOString(),
        g.city,
        g.lat,
        g.lng,
        g.budget_max_minor ?? 50000,
      ],
    );
    if (publish) await tx.query("select public.publish_gig($1)", [row.id]);
    return row.id;
  });
}

const LISBON = { city: "Lisbon", lat: 38.7223, lng: -9.1393 };
const CASCAIS = { city: "Cascais", lat: 38.6979, lng: -9.4215 };
const PORTO = { city: "Porto", lat: 41.1579, lng: -8.6291 };

/** Three musicians, one client with three published gigs, all embedded by the worker. */
async function world(f: FreshDb, ai: AiPort = createOfflineAi()) {
  const ella = await musician(f, {
    stage_name: "Ella Hart",
    bio: "Jazz guitarist leading a trio: standards, bossa nova and soul for clubs and dinners.",
    instruments: ["guitar"],
    genres: ["jazz", "soul"],
    skills: ["improvisation", "sight-reading"],
    ...LISBON,
  });
  const tom = await musician(f, {
    stage_name: "Tom Reyes",
    bio: "Hard-hitting rock drummer, covers and originals, festival stages.",
    instruments: ["drums"],
    genres: ["rock", "metal"],
    ...PORTO,
    travel_radius_km: 100,
  });
  const ana = await musician(f, {
    stage_name: "Ana Costa",
    bio: "Jazz pianist and singer; lounge sets and standards.",
    instruments: ["piano", "vocals"],
    genres: ["jazz"],
    ...CASCAIS,
  });
  const client = await createUser(f.driver, { display_name: "Casa Azul", is_client: true });
  const jazzGig = await gig(f, client, {
    title: "Jazz guitar trio night",
    description: "We want a jazz guitarist for standards in the courtyard bar on Friday night.",
    genres: ["jazz"],
    instruments: ["guitar"],
    startsInDays: 10,
    ...LISBON,
  });
  const rockGig = await gig(f, client, {
    title: "Rock covers party",
    description: "Loud rock covers band needs a drummer for a birthday party in the garden.",
    genres: ["rock"],
    instruments: ["drums"],
    startsInDays: 12,
    ...LISBON,
  });
  const popGig = await gig(f, client, {
    title: "Wedding pop duo",
    description: "Pop and soul covers for a wedding reception, singer and keys.",
    genres: ["pop", "soul"],
    instruments: ["vocals", "piano"],
    startsInDays: 20,
    ...CASCAIS,
  });
  const worker = createWorker({
    db: f.db,
    handlers: { matching: createMatchingHandler({ ai, log: quiet }), notify: notifyHandler },
    log: quiet,
  });
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const r = await worker.runOnce();
    total += r.processed + r.skipped;
    assertEquals(r.failed + r.deadLettered, 0, "no job fails");
    if (r.processed + r.skipped === 0) break;
  }
  return { ella, tom, ana, client, jazzGig, rockGig, popGig, worker, jobs: total };
}

Deno.test("matching - the queue embeds profiles and gigs with model and hash", async () => {
  await using f = await freshDb();
  const w = await world(f);
  const rows = await f.db.asService((tx) =>
    tx.query<{ n: number; models: string[] }>(
      `select count(*)::int as n, array_agg(distinct model) as models from (
         select model from public.musician_embeddings union all
         select model from public.gig_embeddings) x`,
    )
  );
  assertEquals(rows[0], { n: 6, models: [OFFLINE_EMBEDDING_MODEL] });
  assert(w.jobs >= 9, `3 musicians + 3 gigs + 3 publishes (got ${w.jobs} jobs)`);
  // An edit that does not touch the text queues nothing; one that does re-embeds.
  const before = await f.db.asService((tx) =>
    tx.query<{ content_hash: string }>(
      "select content_hash from public.musician_embeddings where musician_id = $1",
      [w.ella.id],
    )
  );
  await f.db.asUser(
    w.ella.claims,
    (tx) =>
      tx.query("update public.musician_profiles set travel_radius_km = 80 where id = $1", [
        w.ella.id,
      ]),
  );
  assertEquals((await w.worker.runOnce()).processed, 0);
  await f.db.asUser(
    w.ella.claims,
    (tx) =>
      tx.query("update public.musician_profiles set skills = '{arranging}' where id = $1", [
        w.ella.id,
      ]),
  );
  assertEquals((await w.worker.runOnce()).processed, 1);
  const after = await f.db.asService((tx) =>
    tx.query<{ content_hash: string }>(
      "select content_hash from public.musician_embeddings where musician_id = $1",
      [w.ella.id],
    )
  );
  assert(before[0].content_hash !== after[0].content_hash);
  // Users cannot read vectors at all.
  const seen = await f.db.asUser(
    w.ella.claims,
    (tx) => tx.query("select 1 from public.musician_embeddings").catch((e) => [String(e)]),
  );
  assertMatch(String(seen[0]), /permission denied/);
});

Deno.test("matching - gigs for the jazz guitarist: only gigs she can play, with a reason", async () => {
  await using f = await freshDb();
  const w = await world(f);
  // The rock gig wants drums, the pop gig vocals or keys: not for a guitarist.
  const gigs = await f.db.asUser(w.ella.claims, (tx) => gigsForMusician(tx, w.ella.id, 10));
  assertEquals(gigs.map((g) => g.id), [w.jazzGig]);
  assertEquals(
    gigs[0].reason,
    "Guitarist wanted · jazz · you're free that night · budget fits your fee · under 1 km away",
  );
  assert(gigs[0].strong && gigs[0].fit >= STRONG_FIT, `fit ${gigs[0].fit}`);
  // The drummer lives in Porto with a 100 km radius: the Lisbon rock gig (275 km) is out of reach.
  const tomGigs = () => f.db.asUser(w.tom.claims, (tx) => gigsForMusician(tx, w.tom.id, 5));
  assertEquals(await tomGigs(), []);
  await f.db.asUser(
    w.tom.claims,
    (tx) =>
      tx.query("update public.musician_profiles set travel_radius_km = 300 where id = $1", [
        w.tom.id,
      ]),
  );
  const reach = await tomGigs();
  assertEquals(reach.map((g) => g.id), [w.rockGig]);
  assertMatch(
    reach[0].reason,
    /^Drummer wanted · rock · you're free that night · budget fits your fee · 27\d km away$/,
  );
});

Deno.test("matching - musicians for a gig: who can play it, closest fit first, for its owner only", async () => {
  await using f = await freshDb();
  const w = await world(f);
  // A swing guitarist in Porto who travels 400 km: possible, genre family only, further away.
  const rui = await musician(f, {
    stage_name: "Rui Lobo",
    bio: "Swing and gypsy jazz guitarist, manouche rhythm and standards.",
    instruments: ["Guitarist"],
    genres: ["swing"],
    ...PORTO,
    travel_radius_km: 400,
  });
  for (let i = 0; i < 5; i++) if ((await w.worker.runOnce()).processed === 0) break;
  const ms = await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, w.jazzGig, 5));
  // Tom plays drums, Ana piano and vocals: the gig asks for a guitarist.
  assertEquals(ms.map((m) => m.id), [w.ella.id, rui.id]);
  assertEquals(ms[0].reason, "Plays guitar · jazz · free that night · within budget · under 1 km");
  assertMatch(
    ms[1].reason,
    /^Plays guitar · swing \(close to jazz\) · free that night · within budget · 27\d km$/,
  );
  assert(ms[0].strong && !ms[1].strong, `fits ${ms[0].fit}, ${ms[1].fit}`);
  // A fee over budget is a graded penalty, named in the reason; a blocked date rules her out.
  await f.db.asUser(w.ella.claims, (tx) =>
    tx.query(
      "update public.musician_profiles set fee_min_minor = 60000, fee_max_minor = 90000 where id = $1",
      [w.ella.id],
    ));
  const dearer = await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, w.jazzGig, 5));
  const ella = dearer.find((m) => m.id === w.ella.id)!;
  assertEquals(
    ella.reason,
    "Plays guitar · jazz · free that night · fee 20% over budget · under 1 km",
  );
  assert(ella.fit < ms[0].fit, `${ella.fit} < ${ms[0].fit}`);
  const day = await f.db.asService((tx) =>
    tx.query<{ d: string }>(
      "select to_char((starts_at at time zone timezone)::date, 'YYYY-MM-DD') as d from public.gigs where id = $1",
      [w.jazzGig],
    )
  );
  await f.db.asUser(
    w.ella.claims,
    (tx) =>
      tx.query("update public.musician_profiles set blocked_dates = $2 where id = $1", [
        w.ella.id,
        [day[0].d],
      ]),
  );
  const blocked = await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, w.jazzGig, 5));
  assertEquals(blocked.map((m) => m.id), [rui.id]);
  // Someone else's gig, someone else's matches: refused by the database.
  await assertRejects(
    () => f.db.asUser(w.ella.claims, (tx) => musiciansForGig(tx, w.jazzGig, 5)),
    /No such gig of yours/,
  );
  await assertRejects(
    () => f.db.asUser(w.client.claims, (tx) => gigsForMusician(tx, w.ella.id, 5)),
    /only shown to the musician/,
  );
  await assertRejects(
    () => f.db.asUser({ role: "anon" }, (tx) => gigsForMusician(tx, w.ella.id, 5)),
    /permission denied/,
  );
});

Deno.test("matching - a booking that night rules a musician out, both ways", async () => {
  await using f = await freshDb();
  const w = await world(f);
  // Another venue books Ella for the same night as the jazz gig, through the real flow.
  const other = await createUser(f.driver, { display_name: "Hotel Lounge", is_client: true });
  const lounge = await gig(f, other, {
    title: "Lounge guitar evening",
    description: "Jazz guitar and standards in the hotel lounge, all evening long.",
    genres: ["jazz"],
    instruments: ["guitar"],
    startsInDays: 10,
    ...CASCAIS,
  });
  const before = await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, w.jazzGig, 5));
  assertEquals(before.map((m) => m.id), [w.ella.id]);
  const [app] = await f.db.asUser(w.ella.claims, (tx) =>
    tx.query<{ id: string }>(
      "select id from public.apply_to_gig($1, 'I would love to play your lounge evening.', 40000)",
      [lounge],
    ));
  await f.db.asUser(
    other.claims,
    (tx) => tx.query("select public.accept_application($1)", [app.id]),
  );
  assertEquals(await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, w.jazzGig, 5)), []);
  const gigs = await f.db.asUser(w.ella.claims, (tx) => gigsForMusician(tx, w.ella.id, 5));
  assert(!gigs.some((g) => g.id === w.jazzGig));
});

Deno.test("matching - limit is honoured up to 100", async () => {
  await using f = await freshDb();
  const w = await world(f);
  const client = w.client;
  // 45 more pianists in Cascais: the pop gig (vocals or keys) can list them all.
  for (let i = 0; i < 45; i++) {
    await musician(f, {
      stage_name: `Pianist ${i}`,
      bio: "Pianist for weddings and receptions, pop and soul covers.",
      instruments: ["piano"],
      genres: ["pop"],
      ...CASCAIS,
    });
  }
  for (let i = 0; i < 20; i++) if ((await w.worker.runOnce()).processed === 0) break;
  const all = await f.db.asUser(client.claims, (tx) => musiciansForGig(tx, w.popGig, 100));
  assertEquals(all.length, 46, "45 pianists and Ana");
  const few = await f.db.asUser(client.claims, (tx) => musiciansForGig(tx, w.popGig, 3));
  // The pianists are alike (equal fits): any three of the best will do.
  assertEquals(few.map((m) => m.fit), all.slice(0, 3).map((m) => m.fit));
});

Deno.test("matching - drafts and unpublished profiles are never matched", async () => {
  await using f = await freshDb();
  const w = await world(f);
  const hidden = await musician(f, {
    stage_name: "Hidden Guitarist",
    bio: "Jazz guitarist, standards.",
    instruments: ["guitar"],
    genres: ["jazz"],
    ...LISBON,
    published: false,
  });
  const draft = await gig(f, w.client, {
    title: "Jazz guitar draft",
    description: "A jazz guitarist for standards, not yet published.",
    genres: ["jazz"],
    instruments: ["guitar"],
    startsInDays: 5,
    ...LISBON,
  }, false);
  await w.worker.runOnce();
  const ms = await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, w.jazzGig, 10));
  assert(!ms.some((m) => m.id === hidden.id));
  const gs = await f.db.asUser(w.ella.claims, (tx) => gigsForMusician(tx, w.ella.id, 10));
  assert(!gs.some((g) => g.id === draft));
});

Deno.test("matching - publishing notifies matching musicians once per gig", async () => {
  await using f = await freshDb();
  const w = await world(f);
  const notes = (u: TestUser) =>
    f.db.asUser(
      u.claims,
      (tx) =>
        tx.query<{ title: string; body: string; link: string }>(
          "select title, body, link from public.notifications where kind = 'match' order by title",
        ),
    );
  const ella = await notes(w.ella);
  assertEquals(ella.map((n) => n.link), [`/gigs/${w.jazzGig}`]);
  assertEquals(ella[0].title, "A gig that fits you: Jazz guitar trio night");
  assertMatch(ella[0].body, /^Guitarist wanted · jazz · .* Fit \d+ of 100\.$/);
  // The rock gig is beyond the drummer's travel radius: nothing to tell him.
  assertEquals((await notes(w.tom)).map((n) => n.link), []);
  // A text edit of the published gig re-embeds and re-checks, but tells nobody twice.
  await f.db.asUser(w.client.claims, (tx) =>
    tx.query(
      "update public.gigs set description = description || ' Bring your own amp.' where id = $1",
      [w.jazzGig],
    ));
  assertEquals((await w.worker.runOnce()).processed, 1);
  assertEquals((await notes(w.ella)).length, 1);
});

Deno.test("matching - a new embedding model re-embeds every vector, and matches still work", async () => {
  await using f = await freshDb();
  const w = await world(f);
  // The "new model": the same lexical embedding under another name.
  const offline = createOfflineAi();
  const v2: AiPort = {
    ...offline,
    embeddingModel: "lexical-v2",
    embed: async (texts) => ({ ...(await offline.embed(texts)), model: "lexical-v2" }),
  };
  const worker = createWorker({
    db: f.db,
    handlers: { matching: createMatchingHandler({ ai: v2, log: quiet, batchSize: 2 }) },
    log: quiet,
  });
  assertEquals(await f.db.asService((tx) => queueReembedIfStale(tx, "lexical-v2")), true);
  for (let i = 0; i < 10; i++) if ((await worker.runOnce()).processed === 0) break;
  const models = await f.db.asService((tx) =>
    tx.query<{ model: string; n: number }>(
      `select model, count(*)::int as n from (select model from public.musician_embeddings
         union all select model from public.gig_embeddings) x group by model`,
    )
  );
  assertEquals(models, [{ model: "lexical-v2", n: 6 }]);
  assertEquals(await f.db.asService((tx) => queueReembedIfStale(tx, "lexical-v2")), false);
  const gigs = await f.db.asUser(w.ella.claims, (tx) => gigsForMusician(tx, w.ella.id, 1));
  assertEquals(gigs[0].id, w.jazzGig);
});

Deno.test("matching - an embed job meeting another model's vector queues the sweep", async () => {
  await using f = await freshDb();
  const w = await world(f);
  const offline = createOfflineAi();
  const v2: AiPort = {
    ...offline,
    embeddingModel: "lexical-v2",
    embed: async (texts) => ({ ...(await offline.embed(texts)), model: "lexical-v2" }),
  };
  const worker = createWorker({
    db: f.db,
    handlers: { matching: createMatchingHandler({ ai: v2, log: quiet }) },
    log: quiet,
  });
  await f.db.asUser(
    w.tom.claims,
    (tx) => tx.query("update public.musician_profiles set bio = bio || ' Also plays percussion.'"),
  );
  for (let i = 0; i < 5; i++) if ((await worker.runOnce()).processed === 0) break;
  const stale = await f.db.asService((tx) =>
    tx.query<{ n: number }>(
      `select count(*)::int as n from (select model from public.musician_embeddings
         union all select model from public.gig_embeddings) x where model <> 'lexical-v2'`,
    )
  );
  assertEquals(stale[0].n, 0);
});

Deno.test("matching - match vectors: the column fits the layout, exact and fast agree", async () => {
  await using f = await freshDb();
  const w = await world(f);
  const dims = await f.db.asService((tx) =>
    tx.query<{ rel: string; dims: number }>(
      `select attrelid::regclass::text as rel, atttypmod as dims from pg_attribute
        where attname = 'match_vector' and attrelid in ('private.musician_match'::regclass,
                                                        'private.gig_match'::regclass)
        order by 1`,
    )
  );
  assertEquals(dims, [
    { rel: "private.gig_match", dims: MATCH_DIMS },
    { rel: "private.musician_match", dims: MATCH_DIMS },
  ]);
  for (const gigId of [w.jazzGig, w.rockGig, w.popGig]) {
    const fast = await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, gigId, 5));
    const exact = await f.db.asUser(
      w.client.claims,
      (tx) => musiciansForGig(tx, gigId, 5, { exact: true }),
    );
    assertEquals(fast, exact);
  }
  const exactGigs = await f.db.asUser(
    w.ella.claims,
    (tx) => gigsForMusician(tx, w.ella.id, 5, { exact: true }),
  );
  assertEquals(
    exactGigs,
    await f.db.asUser(w.ella.claims, (tx) => gigsForMusician(tx, w.ella.id, 5)),
  );
});

Deno.test("matching - a fee or budget change re-derives the vector without an embeddings call", async () => {
  await using f = await freshDb();
  const offline = createOfflineAi();
  let calls = 0;
  const counting: AiPort = { ...offline, embed: (texts) => (calls++, offline.embed(texts)) };
  const w = await world(f, counting);
  const keys = () =>
    f.db.asService((tx) =>
      tx.query<{ m: string; g: string }>(
        `select (select vector_key from private.musician_match where musician_id = $1) as m,
                (select vector_key from private.gig_match where gig_id = $2) as g`,
        [w.ella.id, w.popGig],
      )
    );
  const before = (await keys())[0];
  const embedded = calls;
  await f.db.asUser(
    w.ella.claims,
    (tx) =>
      tx.query("update public.musician_profiles set fee_min_minor = 45000 where id = $1", [
        w.ella.id,
      ]),
  );
  // A draft gig's budget may change; the published one keeps its terms.
  const draft = await gig(f, w.client, {
    title: "Jazz brunch",
    description: "A jazz guitarist for a Sunday brunch on the terrace, standards only.",
    genres: ["jazz"],
    instruments: ["guitar"],
    startsInDays: 30,
    ...LISBON,
  }, false);
  for (let i = 0; i < 5; i++) if ((await w.worker.runOnce()).processed === 0) break;
  const draftKey = async () =>
    (await f.db.asService((tx) =>
      tx.query<{ k: string }>("select vector_key as k from private.gig_match where gig_id = $1", [
        draft,
      ])
    ))[0].k;
  const draftBefore = await draftKey();
  const afterInsert = calls;
  await f.db.asUser(
    w.client.claims,
    (tx) => tx.query("update public.gigs set budget_max_minor = 90000 where id = $1", [draft]),
  );
  assertEquals((await w.worker.runOnce()).processed, 1);
  const after = (await keys())[0];
  assert(after.m !== before.m, "the musician's vector was re-derived");
  assertEquals(after.g, before.g);
  assert((await draftKey()) !== draftBefore, "the draft gig's vector was re-derived");
  assertEquals(embedded, afterInsert - 1, "only the new gig's text was embedded");
  assertEquals(calls, afterInsert, "no embeddings call for a fee or budget change");
});

Deno.test("matching - stale match vectors are swept at start-up without embeddings calls", async () => {
  await using f = await freshDb();
  const offline = createOfflineAi();
  let calls = 0;
  const counting: AiPort = { ...offline, embed: (texts) => (calls++, offline.embed(texts)) };
  const w = await world(f, counting);
  const before = calls;
  // As after a change of the layout or the weights (MATCH_VECTOR_VERSION): every key is stale.
  await f.db.asService((tx) =>
    tx.query(
      "update private.musician_match set vector_key = 'old'; update private.gig_match set vector_key = 'old'",
    )
  );
  assertEquals(
    await f.db.asService((tx) => queueReembedIfStale(tx, OFFLINE_EMBEDDING_MODEL)),
    true,
  );
  for (let i = 0; i < 5; i++) if ((await w.worker.runOnce()).processed === 0) break;
  assertEquals(
    await f.db.asService((tx) => queueReembedIfStale(tx, OFFLINE_EMBEDDING_MODEL)),
    false,
  );
  assertEquals(calls, before);
  const ms = await f.db.asUser(w.client.claims, (tx) => musiciansForGig(tx, w.jazzGig, 1));
  assertEquals(ms[0].id, w.ella.id);
});
