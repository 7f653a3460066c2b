/** People, gigs and applications made through the API, for tests that need a marketplace state. */
import type { TestApp } from "./app.ts";
import { apiCall, gigBody, type Person, signUpPerson } from "./fuzz.ts";

/** A musician with a published jazz-piano profile in Lisbon. */
export async function publishedMusician(app: TestApp, name: string, stageName: string) {
  const musician = await signUpPerson(app, name, "musician");
  await apiCall(app, musician, "PUT", "/api/profile", {
    musician: {
      stage_name: stageName,
      bio: "Piano, standards and originals.",
      genres: "jazz",
      instruments: "piano",
      city: "Lisbon",
      country: "PT",
      lat: 38.72,
      lng: -9.14,
      fee_min_minor: 20000,
      fee_max_minor: 60000,
      published: true,
    },
  }, 200);
  return musician;
}

/** The client's published gig starting at `startsAt`; its id. */
export async function publishedGig(
  app: TestApp,
  client: Person,
  title: string,
  startsAt: Date,
): Promise<string> {
  const gig = await apiCall(app, client, "POST", "/api/gigs?publish=true", {
    ...gigBody(title, 30),
    starts_at: startsAt.toISOString(),
  }, 201);
  return String(gig.id);
}

/** The musician's application to the gig, quoting 400.00; its id. */
export async function applyTo(app: TestApp, musician: Person, gigId: string): Promise<string> {
  const application = await apiCall(app, musician, "POST", `/api/gigs/${gigId}/applications`, {
    proposal: "I would love to play this night with my trio: standards and a few originals.",
    quoted_fee_minor: 40000,
  }, 201);
  return String(application.id);
}

/** Time passes: the booking's gig ended `endedHoursAgo` hours ago (it lasted two hours). */
export async function gigPlayed(app: TestApp, bookingId: string, endedHoursAgo = 1) {
  await app.platform.db.asService((tx) =>
    tx.query(
      `update public.bookings set starts_at = now() - make_interval(hours => $2 + 2),
              ends_at = now() - make_interval(hours => $2) where id = $1::uuid`,
      [bookingId, endedHoursAgo],
    )
  );
}
