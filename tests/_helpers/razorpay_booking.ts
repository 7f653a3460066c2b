/** A confirmed INR booking (Razorpay's currency) whose musician has a Route linked account. */
import type { TestApp } from "./app.ts";
import { apiCall, gigBody, signUpPerson } from "./fuzz.ts";
import { applyTo, publishedMusician } from "./booking.ts";
import type { FakeRazorpay } from "../_fakes/razorpay.ts";

const DAY = 86_400_000;

export async function inrBooking(a: TestApp, fake: FakeRazorpay, tag: string) {
  const client = await signUpPerson(a, `${tag}Client`, "client");
  const musician = await publishedMusician(a, `${tag}Musician`, `${tag} Duo`);
  const gig = await apiCall(a, client, "POST", "/api/gigs?publish=true", {
    ...gigBody(`${tag} night`, 30),
    currency: "INR",
    starts_at: new Date(Date.now() + 30 * DAY).toISOString(),
  }, 201);
  const application = await applyTo(a, musician, String(gig.id));
  const booking = await apiCall(
    a,
    client,
    "POST",
    `/api/applications/${application}/accept`,
    {},
    201,
  );
  const account = fake.linkedAccount();
  await apiCall(a, musician, "POST", "/api/payouts/razorpay", { account_id: account }, 200);
  return { client, musician, bookingId: String(booking.id), account };
}
