/** A confirmed booking made through the API, and signed built-in webhooks, for payment tests. */
import type { TestApp } from "./app.ts";
import { apiCall, type Person, signUpPerson } from "./fuzz.ts";
import { applyTo, publishedGig, publishedMusician } from "./booking.ts";
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
  const musician = await publishedMusician(app, `${tag}Musician`, `${tag} Trio`);
  const gigId = await publishedGig(app, client, `${tag} night`, new Date(Date.now() + days * DAY));
  const applicationId = await applyTo(app, musician, gigId);
  const booking = await apiCall(
    app,
    client,
    "POST",
    `/api/applications/${applicationId}/accept`,
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
