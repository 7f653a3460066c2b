/**
 * Behaviour signals for matching (supabase/migrations/20261215000100_match_signals.sql), as real
 * users through lib/domains/gigs: a client shortlists, declines, books and both review; a musician
 * withdraws; the log holds exactly those kinds, while "accept one, the others declined" and a closed
 * gig's declines add none; both aggregates equal the documented formulas (mirrored here); and the
 * migration's backfill, run over the same story recorded with the triggers off, gives the final
 * states and is idempotent.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { gigBody, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import type { Tx } from "../../lib/ports/db/mod.ts";
import {
  accept,
  ApplicationInput,
  apply,
  closeGig,
  complete,
  createGig,
  decline,
  GigInput,
  MusicianProfileInput,
  publishGig,
  shortlist,
  submitReview,
  withdraw,
} from "../../lib/domains/gigs/mod.ts";
import { upsertOwnMusicianProfile } from "../../lib/domains/profiles/mod.ts";

/** Scores are stored as `real`: equal to about six digits. */
function assertNear(actual: number | undefined, expected: number, msg?: string): void {
  assert(
    actual !== undefined && Math.abs(actual - expected) < 1e-6,
    `${msg ?? "score"}: ${actual} is not ${expected}`,
  );
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** The SQL formula (private.match_reputation_score), restated to check the stored scores. */
const reputation = (sum: number, n: number, booked: number, declined: number) =>
  clamp(
    clamp(((sum + 3.5 * 3) / (n + 3) - 3.5) / 1.5, -1, 1) +
      clamp(0.05 * (booked - declined), -0.2, 0.2),
    -1,
    1,
  );

interface World {
  app: TestApp;
  client: Person;
  maya: Person;
  sam: Person;
  ivy: Person;
  as<T>(p: Person, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

async function world(app: TestApp): Promise<World> {
  const as = <T>(p: Person, fn: (tx: Tx) => Promise<T>) =>
    app.platform.db.asUser({ role: "authenticated", sub: p.id }, fn);
  const client = await signUpPerson(app, "Blue Door", "client");
  const people: Person[] = [];
  for (const name of ["Maya", "Sam", "Ivy"]) {
    const p = await signUpPerson(app, name, "musician");
    await as(p, (tx) =>
      upsertOwnMusicianProfile(
        tx,
        MusicianProfileInput.parse({
          stage_name: `${name} Trio`,
          genres: "jazz",
          instruments: "piano",
          city: "Lisbon",
          published: true,
        }),
      ));
    people.push(p);
  }
  const [maya, sam, ivy] = people;
  return { app, client, maya, sam, ivy, as };
}

async function publishedGig(w: World, title: string, days: number): Promise<string> {
  return await w.as(w.client, async (tx) => {
    const g = await createGig(tx, GigInput.parse(gigBody(title, days)));
    return (await publishGig(tx, g.id)).id;
  });
}

function applyTo(w: World, p: Person, gigId: string) {
  return w.as(p, (tx) =>
    apply(
      tx,
      gigId,
      ApplicationInput.parse({
        proposal: `${p.name} would love to play this one, two sets of standards.`,
        quoted_fee_minor: 40000,
      }),
    ));
}

/**
 * The story: on gig A the client shortlists Maya, declines Sam, books Maya (Ivy is declined by the
 * accept); the gig is played and both review. Sam applies to gig B and withdraws. Ivy applies to
 * gig C, which the client closes.
 */
async function story(w: World): Promise<void> {
  const a = await publishedGig(w, "Friday jazz", 10);
  const b = await publishedGig(w, "Saturday jazz", 11);
  const c = await publishedGig(w, "Sunday jazz", 12);
  const maya = await applyTo(w, w.maya, a);
  const sam = await applyTo(w, w.sam, a);
  await applyTo(w, w.ivy, a);
  const samB = await applyTo(w, w.sam, b);
  await applyTo(w, w.ivy, c);
  await w.as(w.client, (tx) => shortlist(tx, maya.id));
  await w.as(w.client, (tx) => decline(tx, sam.id));
  const booking = await w.as(w.client, (tx) => accept(tx, maya.id));
  await w.as(w.sam, (tx) => withdraw(tx, samB.id));
  await w.as(w.client, (tx) => closeGig(tx, c));
  // The evening passes.
  await w.app.platform.db.asService((tx) =>
    tx.query(
      `update public.bookings set starts_at = now() - interval '4 hours',
              ends_at = now() - interval '1 hour' where id = $1`,
      [booking.id],
    )
  );
  await w.as(w.maya, (tx) => complete(tx, booking.id));
  await w.as(w.client, (tx) => submitReview(tx, booking.id, { rating: 5, body: "Wonderful." }));
  await w.as(w.maya, (tx) => submitReview(tx, booking.id, { rating: 4, body: "Great room." }));
}

interface Signal {
  kind: string;
  musician_id: string;
  author: string | null;
  rating: number | null;
}

async function signals(w: World): Promise<string[]> {
  const rows = await w.app.platform.db.asService((tx) =>
    tx.query<Signal>(
      `select kind, musician_id, author, rating from private.match_signals
        order by kind = 'reviewed', author, id`,
    )
  );
  const name = new Map([[w.maya.id, "maya"], [w.sam.id, "sam"], [w.ivy.id, "ivy"]]);
  return rows.map((r) =>
    [r.kind, name.get(r.musician_id), r.author, r.rating].filter((x) => x !== null).join(" ")
  );
}

async function scores(w: World) {
  return await w.app.platform.db.asService(async (tx) => {
    const rep = await tx.query<{ subject_id: string; score: number; rating_sum: number }>(
      "select subject_id, score, rating_sum from private.match_reputation",
    );
    const aff = await tx.query<{ musician_id: string; score: number }>(
      "select musician_id, score from private.match_affinity where client_id = $1",
      [w.client.id],
    );
    return {
      rep: new Map(rep.map((r) => [r.subject_id, r.score])),
      aff: new Map(aff.map((r) => [r.musician_id, r.score])),
    };
  });
}

Deno.test({
  name: "match signals - what people did is logged once, and both aggregates follow the formulas",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const w = await world(app);
  await story(w);

  assertEquals(await signals(w), [
    "shortlisted maya",
    "declined sam",
    "booked maya",
    "withdrawn sam",
    "reviewed maya client 5",
    "reviewed maya musician 4",
  ], "no 'declined' for Ivy: neither the accept nor the closed gig was a judgement of her");

  const { rep, aff } = await scores(w);
  assertNear(rep.get(w.maya.id), reputation(5, 1, 1, 0)); // 0.25 + 0.05
  assertNear(rep.get(w.client.id), reputation(4, 1, 0, 0)); // her review of them
  assertNear(rep.get(w.sam.id), reputation(0, 0, 0, 1)); // -0.05
  assertEquals(rep.has(w.ivy.id), false, "Ivy has no history: the cold start");
  assertNear(aff.get(w.maya.id), clamp(0.2 + 0.5 + (5 - 3) / 4, -1, 1));
  assertNear(aff.get(w.sam.id), -0.6 - 0.2);
  assertEquals(aff.has(w.ivy.id), false);

  const refused = await app.platform.db.asUser(
    { role: "authenticated", sub: w.maya.id },
    (tx) => tx.query("select count(*) from private.match_reputation"),
  ).then(() => "read", (err: { code?: string }) => err.code);
  assertEquals(refused, "42501", "a user cannot read reputations");
});

Deno.test({
  name: "match signals - the backfill records the history from before, once",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const w = await world(app);
  const triggers = (on: boolean) =>
    app.platform.db.driver.transaction((tx) =>
      tx.exec(`alter table public.applications ${on ? "enable" : "disable"}
                 trigger applications_match_signal;
               alter table public.reviews ${
        on ? "enable" : "disable"
      } trigger reviews_match_signal`)
    );
  await triggers(false);
  try {
    await story(w);
  } finally {
    await triggers(true);
  }
  assertEquals(await signals(w), [], "nothing recorded with the triggers off");

  const backfill = () =>
    app.platform.db.asService((tx) =>
      tx.query<{ n: number }>("select private.backfill_match_signals() as n")
    ).then(([r]) => r.n);
  assertEquals(await backfill(), 5);
  assertEquals(await signals(w), [
    "declined sam",
    "booked maya", // her shortlisting before it is not in the rows any more
    "withdrawn sam",
    "reviewed maya client 5",
    "reviewed maya musician 4",
  ]);
  assertEquals(await backfill(), 0, "a second run adds nothing");

  const { rep, aff } = await scores(w);
  assertNear(rep.get(w.maya.id), reputation(5, 1, 1, 0));
  assertNear(aff.get(w.maya.id), clamp(0.5 + 0.5, -1, 1));
  assertEquals(rep.has(w.ivy.id), false);
});
