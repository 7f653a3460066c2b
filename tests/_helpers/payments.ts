/** A confirmed booking made through the API, and signed built-in webhooks, for payment tests. */
import type { TestApp } from "./app.ts";
import { apiCall, gigBody, type Person, signUpPerson } from "./fuzz.ts";
import { SIGNATURE_HEADER, signBuiltin } from "../../lib/ports/payments/builtin.ts";

export const BUILTIN_SECRET = "payments-test-builtin-secret-0123456789";
const DAY = 86_400_000;

export interface Booked {
  client: Person;
  musician: Person;
  bookingId: string;
}

/** A client, a published musician, a gig `days` ahead and the accepted application. */
export async function makeBooking(app: TestApp, tag: string, days = 30): Promise<Booked> {
  const client = await signUpPerson(app, `${tag}Client`, "client");
  const musician = await signUpPerson(app, `${tag}Musician`, "musician");
  await apiCall(app, musician, "PUT", "/api/profile", {
    musician: {
      stage_name: `${tag} Trio`,
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
  const gig = await apiCall(app, client, "POST", "/api/gigs?publish=true", {
    ...gigBody(`${tag} night`, days),
    starts_at: new Date(Date.now() + days * DAY).toISOString(),
  }, 201);
  const application = await apiCall(app, musician, "POST", `/api/gigs/${gig.id}/applications`, {
    proposal: "I would love to play this night with my trio: standards and a few originals.",
    quoted_fee_minor: 40000,
  }, 201);
  const booking = await apiCall(
    app,
    client,
    "POST",
    `/api/applications/${application.id}/accept`,
    undefined,
    201,
  );
  return { client, musician, bookingId: String(booking.id) };
}

/** A built-in provider webhook as the provider would send it. */
export async function builtinWebhook(
  app: TestApp,
  body: Record<string, unknown>,
  opts: { secret?: string; now?: number; tamper?: boolean } = {},
): Promise<Response> {
  const raw = JSON.stringify(body);
  const signature = await signBuiltin(opts.secret ?? BUILTIN_SECRET, raw, opts.now);
  return await app.fetch("/functions/v1/payments-webhook", {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
    body: opts.tamper ? raw.replace(/"amount_minor":(\d+)/, '"amount_minor":1$1') : raw,
  });
}
