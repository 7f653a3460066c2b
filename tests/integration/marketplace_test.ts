/**
 * The marketplace through lib/domains/gigs on the embedded database, as its users: profiles, a gig from
 * draft to booking, search with keyset pages, reviews; and every refusal mapped by `dbFailure()`
 * to the 4xx (and field) the API sends.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { createUser, type FreshDb, freshDb, type TestUser } from "../_helpers/db.ts";
import { type DbFailure, dbFailure } from "../../lib/ports/db/errors.ts";
import type { Tx } from "../../lib/ports/db/mod.ts";
import {
  accept,
  ApplicationInput,
  apply,
  cancel,
  complete,
  createGig,
  getBooking,
  getGig,
  GigInput,
  GigSearchQuery,
  GigUpdate,
  listApplicationsForGig,
  listOwnApplications,
  listOwnBookings,
  listOwnGigs,
  listReviewsFor,
  MusicianListQuery,
  MusicianProfileInput,
  publishGig,
  releaseDueReviews,
  searchGigs,
  shortlist,
  submitReview,
  updateGig,
  withdraw,
} from "../../lib/domains/gigs/mod.ts";
import {
  getClientProfile,
  getMusicianProfile,
  listPublishedMusicians,
  upsertOwnClientProfile,
  upsertOwnMusicianProfile,
} from "../../lib/domains/profiles/mod.ts";
import { gigBody } from "../_helpers/fuzz.ts";

const ANON = { role: "anon" as const };

/** The 4xx `fn` is refused with, as the API would answer it. */
async function refusal(fn: () => Promise<unknown>): Promise<DbFailure> {
  try {
    await fn();
  } catch (err) {
    const f = dbFailure(err);
    if (f) return f;
    throw err;
  }
  throw new Error("expected a refusal");
}

interface World {
  t: FreshDb;
  client: TestUser;
  maya: TestUser;
  sam: TestUser;
  as<T>(u: TestUser | typeof ANON, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

async function world(): Promise<World> {
  const t = await freshDb();
  const client = await createUser(t.driver, { display_name: "Blue Door", is_client: true });
  const maya = await createUser(t.driver, { display_name: "Maya" });
  const sam = await createUser(t.driver, { display_name: "Sam" });
  const as = <T>(u: TestUser | typeof ANON, fn: (tx: Tx) => Promise<T>) =>
    t.db.asUser("claims" in u ? u.claims : u, fn);
  for (
    const [u, name, instruments] of [[maya, "Maya Ortiz", "piano"], [sam, "Sam Okafor", "bass"]]
  ) {
    await as(u as TestUser, (tx) =>
      upsertOwnMusicianProfile(
        tx,
        MusicianProfileInput.parse({
          stage_name: name,
          genres: "Jazz, Soul",
          instruments,
          city: "Lisbon",
          country: "pt",
          lat: 38.72,
          lng: -9.14,
          fee_min_minor: 20000,
          fee_max_minor: 60000,
          published: true,
        }),
      ));
  }
  await as(
    client,
    (tx) =>
      upsertOwnClientProfile(tx, {
        organisation: "The Blue Door",
        venue_type: "jazz club",
        published: true,
      }),
  );
  return { t, client, maya, sam, as };
}

function gigInput(title: string, startsInDays: number, extra: Record<string, unknown> = {}) {
  return GigInput.parse({ ...gigBody(title, startsInDays), ...extra });
}

Deno.test("marketplace - profiles: upsert, public reads, and who may create which", async () => {
  const w = await world();
  try {
    const again = await w.as(
      w.maya,
      (tx) =>
        upsertOwnMusicianProfile(
          tx,
          MusicianProfileInput.parse({ stage_name: "Maya Ortiz Trio", genres: ["JAZZ"] }),
        ),
    );
    assertEquals([again.stage_name, again.genres, again.published, again.rating_count], [
      "Maya Ortiz Trio",
      ["jazz"],
      false,
      0,
    ]);
    assertEquals(typeof again.created_at, "string", "timestamps leave as ISO strings");
    assertEquals(
      await w.as(ANON, (tx) => getMusicianProfile(tx, w.maya.id)),
      null,
      "a draft is private",
    );
    assertEquals((await w.as(ANON, (tx) => getMusicianProfile(tx, w.sam.id)))?.country, "PT");
    assertEquals(
      (await w.as(ANON, (tx) => getClientProfile(tx, w.client.id)))?.display_name,
      "Blue Door",
    );

    const onlyClient = await createUser(w.t.driver, { is_client: true });
    await w.t.driver.query("update public.profiles set is_musician = false where id = $1", [
      onlyClient.id,
    ]);
    const f = await refusal(() =>
      w.as(
        onlyClient,
        (tx) => upsertOwnMusicianProfile(tx, MusicianProfileInput.parse({ stage_name: "DJ X" })),
      )
    );
    assertEquals(f.status, 403, "a client-only user cannot create a musician profile");
    const g = await refusal(() =>
      w.as(
        w.sam,
        (tx) => upsertOwnClientProfile(tx, { organisation: "Sam Events", published: false }),
      )
    );
    assertEquals(g.status, 403, "a musician-only user cannot create a client profile");

    const first = await w.as(
      ANON,
      (tx) => listPublishedMusicians(tx, MusicianListQuery.parse({ limit: "1" })),
    );
    assertEquals(first.items.map((m) => m.stage_name), ["Sam Okafor"]);
    assertEquals(first.nextCursor, null, "Maya's draft is not listed");
  } finally {
    await w.t.close();
  }
});

Deno.test("marketplace - a gig from draft to review, and every refusal as a 4xx", async () => {
  const w = await world();
  try {
    assertEquals(
      (await refusal(() => w.as(w.maya, (tx) => createGig(tx, gigInput("Musician gig", 5)))))
        .status,
      403,
    );

    const draft = await w.as(w.client, (tx) => createGig(tx, gigInput("Friday jazz trio", 10)));
    assertEquals([draft.status, draft.genres, draft.instruments], ["draft", ["jazz"], [
      "piano",
      "bass",
    ]]);
    assertEquals(await w.as(w.maya, (tx) => getGig(tx, draft.id)), null, "drafts are the owner's");
    const edited = await w.as(
      w.client,
      (tx) => updateGig(tx, draft.id, GigUpdate.parse({ title: "Friday jazz duo" })),
    );
    assertEquals([edited?.title, edited?.description], ["Friday jazz duo", draft.description]);
    assertEquals(await w.as(w.sam, (tx) => updateGig(tx, draft.id, { title: "Mine" })), null);

    const gig = await w.as(w.client, (tx) => publishGig(tx, draft.id));
    assertEquals(gig.status, "published");
    assertEquals(await refusal(() => w.as(w.client, (tx) => publishGig(tx, draft.id))), {
      status: 409,
      message: "Only a draft gig can be published",
      field: "status",
    });
    assertEquals(
      await refusal(() =>
        w.as(w.client, (tx) => updateGig(tx, gig.id, { budget_max_minor: 1000 }))
      ),
      {
        status: 409,
        message: "The terms of a published gig are fixed: close it and post a new one",
        field: "budget_max_minor",
      },
    );

    // apply
    const input = ApplicationInput.parse({
      proposal: "Maya's duo: standards and bossa, own keyboard if needed.",
      quoted_fee_minor: "45000",
      setlist: [{ title: "Corcovado", minutes: 5 }],
    });
    const mine = await w.as(w.maya, (tx) => apply(tx, gig.id, input));
    assertEquals([mine.status, mine.quoted_fee_minor, mine.currency], ["submitted", 45000, "EUR"]);
    assertEquals(await refusal(() => w.as(w.maya, (tx) => apply(tx, gig.id, input))), {
      status: 409,
      message: "You have already applied to this gig",
      field: "gig_id",
    });
    assertEquals(
      await refusal(() =>
        w.as(
          w.sam,
          (tx) => apply(tx, gig.id, { proposal: "Short", quoted_fee_minor: 1, media_ids: [] }),
        )
      ),
      { status: 400, message: "Write a proposal of 20 to 5000 characters", field: "proposal" },
    );
    assertEquals(
      (await refusal(() => w.as(w.sam, (tx) => apply(tx, crypto.randomUUID(), input)))).status,
      404,
    );
    const his = await w.as(
      w.sam,
      (tx) =>
        apply(tx, gig.id, { ...input, proposal: "Sam on upright bass, happy to join a duo." }),
    );
    assertEquals((await w.as(w.sam, (tx) => withdraw(tx, his.id))).status, "withdrawn");
    const again = await w.as(
      w.sam,
      (tx) => apply(tx, gig.id, { ...input, proposal: "Sam again: upright bass, happy to join." }),
    );

    const list = await w.as(w.client, (tx) => listApplicationsForGig(tx, gig.id));
    assertEquals(list.map((a) => [a.musician.stage_name, a.status]), [
      ["Maya Ortiz", "submitted"],
      ["Sam Okafor", "withdrawn"],
      ["Sam Okafor", "submitted"],
    ]);
    assertEquals(
      await w.as(w.sam, (tx) => listApplicationsForGig(tx, gig.id)).then((l) => l.length),
      2,
      "only his own",
    );
    assertEquals(
      (await w.as(w.maya, (tx) => listOwnApplications(tx))).map((a) => [a.gig.title, a.status]),
      [["Friday jazz duo", "submitted"]],
    );

    // shortlist and accept: the second accept meets a filled gig
    assertEquals(await refusal(() => w.as(w.maya, (tx) => shortlist(tx, mine.id))), {
      status: 403,
      message: "Only the gig's owner can shortlist applications",
      field: "application_id",
    });
    await w.as(w.client, (tx) => shortlist(tx, mine.id));
    const booking = await w.as(w.client, (tx) => accept(tx, mine.id));
    assertEquals([booking.status, booking.fee_minor, booking.place], [
      "confirmed",
      45000,
      "The Blue Door, Lisbon, PT",
    ]);
    assertEquals(Date.parse(booking.ends_at) - Date.parse(booking.starts_at), 150 * 60_000);
    assertEquals(await refusal(() => w.as(w.client, (tx) => accept(tx, again.id))), {
      status: 409,
      message: "This gig is already filled",
      field: "gig_id",
    });
    assertEquals(
      (await w.as(w.client, (tx) => listOwnGigs(tx, { limit: 20 }))).items.map((g) => g.status),
      ["filled"],
    );

    // bookings
    const seen = await w.as(w.maya, (tx) => getBooking(tx, booking.id));
    assertEquals([seen?.gig_title, seen?.client_name, seen?.musician_name, seen?.reviewed], [
      "Friday jazz duo",
      "The Blue Door",
      "Maya Ortiz",
      false,
    ]);
    assertEquals(await w.as(w.sam, (tx) => getBooking(tx, booking.id)), null);
    assertEquals((await w.as(w.client, (tx) => listOwnBookings(tx, { role: "client" }))).length, 1);
    assertEquals(
      (await w.as(w.client, (tx) => listOwnBookings(tx, { role: "musician" }))).length,
      0,
    );
    assertEquals(await refusal(() => w.as(w.maya, (tx) => complete(tx, booking.id))), {
      status: 409,
      message: "A booking can be completed only after it ends",
      field: "ends_at",
    });
    // The evening passes.
    await w.t.db.asService((tx) =>
      tx.query(
        "update public.bookings set starts_at = now() - interval '4 hours', ends_at = now() - interval '1 hour' where id = $1",
        [booking.id],
      )
    );
    assertEquals((await w.as(w.maya, (tx) => complete(tx, booking.id))).status, "completed");

    // reviews: hidden until both, then counted
    await w.as(
      w.client,
      (tx) => submitReview(tx, booking.id, { rating: 5, body: "Wonderful evening." }),
    );
    assertEquals(await w.as(ANON, (tx) => listReviewsFor(tx, w.maya.id)), []);
    assertEquals(
      await refusal(() =>
        w.as(w.maya, (tx) => submitReview(tx, booking.id, { rating: 9, body: "" }))
      ),
      { status: 400, message: "Give a rating from 1 to 5 stars", field: "rating" },
    );
    await w.as(w.maya, (tx) => submitReview(tx, booking.id, { rating: 4, body: "Great room." }));
    const about = await w.as(ANON, (tx) => listReviewsFor(tx, w.maya.id));
    assertEquals(about.map((r) => [r.rating, r.author_name, r.body]), [[
      5,
      "Blue Door",
      "Wonderful evening.",
    ]]);
    const profile = await w.as(ANON, (tx) => getMusicianProfile(tx, w.maya.id));
    assertEquals([profile?.rating_avg, profile?.rating_count], [5, 1]);
    assertEquals(
      await refusal(() =>
        w.as(w.maya, (tx) => submitReview(tx, booking.id, { rating: 4, body: "" }))
      ),
      {
        status: 409,
        message: "You have already reviewed this booking",
        field: "booking_id",
      },
    );
    assertEquals(
      await w.t.db.asService((tx) => releaseDueReviews(tx)),
      0,
      "nothing left to release",
    );
  } finally {
    await w.t.close();
  }
});

Deno.test("marketplace - cancelling a booking frees the musician; overlaps are refused", async () => {
  const w = await world();
  try {
    const [a, b] = await w.as(w.client, async (tx) => [
      await publishGig(tx, (await createGig(tx, gigInput("Early show", 20))).id),
      await publishGig(
        tx,
        (await createGig(tx, gigInput("Late show", 20, { duration_minutes: 60 }))).id,
      ),
    ]);
    const input = {
      proposal: "Maya would love to play this show.",
      quoted_fee_minor: 30000,
      media_ids: [],
    };
    const [x, y] = await w.as(
      w.maya,
      async (tx) => [await apply(tx, a.id, input), await apply(tx, b.id, input)],
    );
    const first = await w.as(w.client, (tx) => accept(tx, x.id));
    assertEquals(await refusal(() => w.as(w.client, (tx) => accept(tx, y.id))), {
      status: 409,
      message: "This musician is already booked at that time",
      field: "starts_at",
    });
    assertEquals(await refusal(() => w.as(w.sam, (tx) => cancel(tx, first.id, "Not mine"))), {
      status: 404,
      message: "Booking not found",
      field: "booking_id",
    });
    const cancelled = await w.as(w.maya, (tx) => cancel(tx, first.id, "Double-booked, sorry"));
    assertEquals([cancelled.status, cancelled.cancel_reason], [
      "cancelled",
      "Double-booked, sorry",
    ]);
    assertEquals((await w.as(w.client, (tx) => accept(tx, y.id))).status, "confirmed");
  } finally {
    await w.t.close();
  }
});

Deno.test("marketplace - search: filters from a query string, keyset pages, and bad cursors", async () => {
  const w = await world();
  try {
    await w.as(w.client, async (tx) => {
      for (let i = 1; i <= 5; i++) {
        const g = await createGig(
          tx,
          gigInput(`Jazz evening ${i}`, i, { budget_max_minor: 40000 + i * 1000 }),
        );
        await publishGig(tx, g.id);
      }
      await publishGig(
        tx,
        (await createGig(
          tx,
          gigInput("Remote mixing session", 3, { remote: true, city: "", genres: "pop" }),
        )).id,
      );
      await createGig(tx, gigInput("Jazz draft", 2));
    });
    const query = (qs: string) => GigSearchQuery.parse(Object.fromEntries(new URLSearchParams(qs)));

    const p1 = await w.as(ANON, (tx) => searchGigs(tx, query("q=jazz&limit=2")));
    assertEquals(p1.items.map((g) => g.title), ["Jazz evening 1", "Jazz evening 2"]);
    assert(p1.nextCursor, "a next page");
    const p2 = await w.as(
      ANON,
      (tx) => searchGigs(tx, query(`q=jazz&limit=2&cursor=${p1.nextCursor}`)),
    );
    const p3 = await w.as(
      ANON,
      (tx) => searchGigs(tx, query(`q=jazz&limit=2&cursor=${p2.nextCursor}`)),
    );
    assertEquals([...p2.items, ...p3.items].map((g) => g.title), [
      "Jazz evening 3",
      "Jazz evening 4",
      "Jazz evening 5",
    ]);
    assertEquals(p3.nextCursor, null, "the last page says so");

    const typo = await w.as(w.sam, (tx) => searchGigs(tx, query("q=mixxing")));
    assertEquals(typo.items.map((g) => g.title), ["Remote mixing session"]);
    const near = await w.as(
      w.sam,
      (tx) =>
        searchGigs(
          tx,
          query("near_lat=38.72&near_lng=-9.14&radius_km=5&remote=false&sort=budget&limit=1"),
        ),
    );
    assertEquals(near.items.map((g) => [g.title, Math.round(g.distance_km ?? -1)]), [[
      "Jazz evening 5",
      1,
    ]]);

    const f = await refusal(() =>
      w.as(ANON, (tx) => searchGigs(tx, query(`sort=budget&cursor=${p1.nextCursor}`)))
    );
    assertEquals(f, {
      status: 400,
      message: "This cursor does not belong to this search",
      field: "cursor",
    });
    const g = await refusal(() =>
      w.as(ANON, (tx) => searchGigs(tx, { ...query(""), radius_km: 10 }))
    );
    assertEquals(
      [g.status, g.field],
      [400, "radius_km"],
      "the database checks what zod checks too",
    );
  } finally {
    await w.t.close();
  }
});

Deno.test("marketplace - two accepts at once: one booking, the other a clear 409", async () => {
  const w = await world();
  try {
    const gig = await w.as(
      w.client,
      async (tx) => await publishGig(tx, (await createGig(tx, gigInput("Busy night", 15))).id),
    );
    const proposal = {
      proposal: "Happy to play this one, full details inside.",
      quoted_fee_minor: 35000,
      media_ids: [],
    };
    const a = await w.as(w.maya, (tx) => apply(tx, gig.id, proposal));
    const b = await w.as(w.sam, (tx) => apply(tx, gig.id, proposal));
    // Two transactions started together (the driver runs them one after the other on PGlite; on
    // Postgres the second waits for the gig's row lock): whichever comes second finds it filled.
    const results = await Promise.allSettled([
      w.as(w.client, (tx) => accept(tx, a.id)),
      w.as(w.client, (tx) => accept(tx, b.id)),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assertEquals([won.length, lost.length], [1, 1]);
    assertEquals(dbFailure(lost[0].reason), {
      status: 409,
      message: "This gig is already filled",
      field: "gig_id",
    });
    const bookings = await w.as(w.client, (tx) => listOwnBookings(tx));
    assertEquals(bookings.map((x) => x.gig_id), [gig.id], "exactly one booking");
  } finally {
    await w.t.close();
  }
});
