/**
 * The signed-in home and the role-aware navigation on the embedded app: sign-up and sign-in land
 * on the home (a safe `next` still wins); a musician and a client each get their own panels and
 * links; the checklist ticks itself from the data and can be hidden and brought back; a client
 * who follows a "Gigs for me" link goes home.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { apiCall, FUZZ_ENV, getPage, postForm, signUpPerson } from "../_helpers/fuzz.ts";
import { applyTo, publishedGig, publishedMusician } from "../_helpers/booking.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const DAY = 86_400_000;

/** `data-done` of the checklist step `role-key` in the page, or null when it is not there. */
function step(html: string, id: string): string | null {
  return html.match(new RegExp(`data-testid="step-${id}" data-done="(true|false)"`))?.[1] ?? null;
}

Deno.test(
  { name: "home - sign-up and sign-in land on the home; next still wins", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const up = await postForm(app, null, "/signup", {
      display_name: "Nia Cole",
      email: "nia@example.test",
      password: "nia-password-1",
      is_musician: "on",
    });
    assertEquals([up.status, up.location], [303, "/"]);
    const back = await postForm(app, null, "/signup", {
      display_name: "Ola Berg",
      email: "ola@example.test",
      password: "ola-password-1",
      is_client: "on",
      next: "/gigs/new",
    });
    assertEquals([back.status, back.location], [303, "/gigs/new"]);
    const evil = await postForm(app, null, "/signin", {
      email: "nia@example.test",
      password: "nia-password-1",
      next: "//evil.example",
    });
    assertEquals([evil.status, evil.location], [303, "/"]);
    const form = await getPage(app, null, "/signin?next=%2Fbookings");
    assert(form.text.includes('name="next" value="/bookings"'), "the sign-in form keeps next");
    assert(form.text.includes("/signup?next=%2Fbookings"), "and passes it on to sign-up");
  },
);

Deno.test({ name: "home - a musician's home, links and checklist", ...opts }, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const nia = await signUpPerson(app, "Nia", "musician");
  const first = await getPage(app, nia.token, "/");
  assertEquals(first.status, 200);
  assert(first.text.includes("Hello, Nia"), "greets by name");
  assert(first.text.includes('data-testid="onboarding"'), "the checklist shows");
  assertEquals(step(first.text, "musician-fee"), "false");
  assert(!first.text.includes('data-testid="step-client-'), "no client steps");
  assert(first.text.includes("Create your musician profile"), "gigs need a profile first");
  assert(first.text.includes('href="/matches"') && first.text.includes("Gigs for me"));
  assert(!first.text.includes(">My gigs<"), "no client links for a musician");
  // The landing page is for visitors only.
  assert(!first.text.includes("Where working musicians get booked"));

  await apiCall(app, nia, "PUT", "/api/profile", {
    musician: {
      stage_name: "Nia Trio",
      bio: "Piano trio.",
      genres: "jazz",
      instruments: "piano",
      city: "Lisbon",
      country: "PT",
      lat: 38.72,
      lng: -9.14,
      fee_min_minor: 20000,
      published: true,
    },
  }, 200);
  const after = await getPage(app, nia.token, "/");
  for (const k of ["tags", "city", "fee", "bio"]) {
    assertEquals(step(after.text, `musician-${k}`), "true", k);
  }
  assertEquals(step(after.text, "musician-photo"), "false");
  assertEquals(step(after.text, "musician-payouts"), null, "no live provider: nothing to set up");

  // Hide, then bring back; a bad value names the field.
  const hidden = await postForm(app, nia.token, "/onboarding", { dismissed: "true" });
  assertEquals([hidden.status, hidden.location], [303, "/"]);
  const quiet = await getPage(app, nia.token, "/");
  assert(!quiet.text.includes('data-testid="onboarding"'), "hidden");
  assert(quiet.text.includes("Show the set-up list again"));
  const bad = await postForm(app, nia.token, "/onboarding", { dismissed: "maybe" });
  assertEquals(bad.status, 400);
  await postForm(app, nia.token, "/onboarding", { dismissed: "false" });
  assert((await getPage(app, nia.token, "/")).text.includes('data-testid="onboarding"'));
  const anon = await postForm(app, null, "/onboarding", { dismissed: "true" });
  assert(anon.status === 303 && anon.location?.startsWith("/signin"), "sign in first");
});

Deno.test(
  { name: "home - a client's gigs, applicants, suggestions and links", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const club = await signUpPerson(app, "Club", "client");
    const empty = await getPage(app, club.token, "/");
    assertEquals(step(empty.text, "client-gig"), "false");
    assert(!empty.text.includes('data-testid="step-musician-'), "no musician steps");
    assert(empty.text.includes(">My gigs<") && empty.text.includes(">Find musicians<"));
    assert(!empty.text.includes(">Gigs for me<"), "no 'For me' for a client");
    // "Gigs for me" is a musician's page: a client goes home instead of a refusal.
    const matches = await app.fetch("/matches", { headers: { cookie: `sc-access=${club.token}` } });
    await matches.body?.cancel();
    assertEquals([matches.status, matches.headers.get("location")], [303, "/"]);

    const ana = await publishedMusician(app, "Ana", "Ana Keys");
    await publishedMusician(app, "Bo", "Bo Bass");
    const gig = await publishedGig(app, club, "Friday jazz", new Date(Date.now() + 9 * DAY));
    await applyTo(app, ana, gig);
    const home = await getPage(app, club.token, "/");
    assertEquals(step(home.text, "client-gig"), "true");
    assert(home.text.includes("Friday jazz"));
    assert(home.text.includes(`href="/gigs/${gig}/applications"`), "straight to the applicants");
    assert(home.text.includes("1 new, 0 shortlisted"), "applicant counts");
    assert(home.text.includes("Musicians for “Friday jazz”"), "suggestions for the next gig");
    assert(!home.text.includes(">Ana Keys<"), "who applied is not suggested again");
  },
);
