/**
 * Times in the viewer's zone: a client in New York (their client profile's city) reads their
 * notifications and bookings in New York time, the hover title holding the full local time; a
 * gig's start keeps its own zone with "(… your time)" beside it; a signed-out visitor sees the
 * gig's zone. A zone picked on the form wins at once; an older profile gets its zone from its
 * place the first time it is read.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { apiCall, FUZZ_ENV, getPage, postForm, signUpPerson } from "../_helpers/fuzz.ts";
import { applyTo, publishedGig, publishedMusician } from "../_helpers/booking.ts";

const DAY = 86_400_000;

/** "14:00" in `tz`. */
const hhmm = (at: Date, tz: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit" })
    .format(at);

/** The `<time>` elements of a page: datetime, title and text. */
function times(html: string): { datetime: string; title: string; text: string }[] {
  const out = [];
  for (const m of html.matchAll(/<time datetime="([^"]+)" title="([^"]+)"[^>]*>([^<]*)<\/time>/g)) {
    out.push({ datetime: m[1], title: m[2], text: m[3] });
  }
  return out;
}

async function zoneOf(app: Awaited<ReturnType<typeof startTestApp>>, id: string) {
  const [row] = await app.platform.db.asService((tx) =>
    tx.query<{ timezone: string | null; timezone_chosen: boolean }>(
      "select timezone, timezone_chosen from public.profiles where id = $1::uuid",
      [id],
    )
  );
  return row;
}

Deno.test("viewer zone - New York client, Lisbon gig, signed-out visitor", async () => {
  await using app = await startTestApp({ ...FUZZ_ENV, WORKER: "off" });
  const client = await signUpPerson(app, "Nora", "client");
  // The client profile's city gives the zone ("From your city").
  const saved = await postForm(app, client.token, "/profile/client", {
    organisation: "Blue Note Booking",
    city: "New York",
    country: "US",
    timezone: "",
    published: "on",
  });
  assertEquals(saved.status, 303, saved.text.slice(0, 400));
  assertEquals(await zoneOf(app, client.id), {
    timezone: "America/New_York",
    timezone_chosen: false,
  });
  const form = await getPage(app, client.token, "/profile/client");
  assertMatch(form.text, /From your city \(America\/New York\)/);

  // A Lisbon gig (Europe/Lisbon) at 20:00 UTC, a musician applies: the client is notified.
  const start = new Date(Math.ceil((Date.now() + 30 * DAY) / DAY) * DAY + 20 * 3_600_000);
  const musician = await publishedMusician(app, "Rui", "Rui Trio");
  const gigId = await publishedGig(app, client, "Fado night", start);
  const applicationId = await applyTo(app, musician, gigId);

  const notes = await getPage(app, client.token, "/notifications");
  assertEquals(notes.status, 200);
  const [note] = times(notes.text);
  assert(note, "the notification has a <time>");
  const created = new Date(note.datetime);
  assertMatch(
    note.title,
    new RegExp(`${hhmm(created, "America/New_York")} GMT-[45] \\(New York\\)$`),
  );

  // The booking: the gig's own time (Lisbon), then the New York clock.
  await apiCall(app, client, "POST", `/api/applications/${applicationId}/accept`, undefined, 201);
  const bookings = await getPage(app, client.token, "/bookings");
  const lisbon = hhmm(start, "Europe/Lisbon");
  const ny = hhmm(start, "America/New_York");
  const booked = times(bookings.text).find((t) => t.datetime === start.toISOString());
  assert(booked, "the booking's start is a <time>");
  assertMatch(booked.text, new RegExp(`, ${lisbon} \\(${ny} your time\\)$`));
  assertMatch(booked.title, new RegExp(`${lisbon} \\w+ \\(Lisbon\\)$`));

  // The gig page, signed in: its zone named, the client's clock beside it.
  const gigPage = await getPage(app, client.token, `/gigs/${gigId}`);
  assertMatch(gigPage.text, new RegExp(`data-testid="your-time"> · ${ny} your time<`));

  // Signed out: the gig's own zone, no "your time", and the relative time's title in Lisbon.
  const visitor = await getPage(app, null, `/gigs/${gigId}`);
  assertEquals(visitor.status, 200);
  assert(!visitor.text.includes("your time"), "a visitor has no clock of their own here");
  const rel = times(visitor.text).find((t) => t.datetime === start.toISOString());
  assert(rel, "the gig's start is a <time>");
  assertMatch(rel.title, /\(Lisbon\)$/);

  // A zone picked on the form holds at once (the kept zone is dropped on save).
  const picked = await postForm(app, client.token, "/profile/client", {
    organisation: "Blue Note Booking",
    city: "New York",
    country: "US",
    timezone: "Asia/Tokyo",
    published: "on",
  });
  assertEquals(picked.status, 303);
  const again = times((await getPage(app, client.token, "/notifications")).text)[0];
  assertMatch(again.title, /GMT\+9 \(Tokyo\)$/);
  // A zone not on the list is refused beside the field.
  const bad = await postForm(app, client.token, "/profile/client", {
    organisation: "Blue Note Booking",
    city: "New York",
    country: "US",
    timezone: "Mars/Olympus_Mons",
  });
  assertEquals(bad.status, 422);
  assertMatch(bad.text, /id="f-timezone-error"[^>]*>Pick a time zone from the list/);
  assertEquals((await zoneOf(app, client.id)).timezone, "Asia/Tokyo");
});

Deno.test("viewer zone - a profile without a zone gets it from its place on first read", async () => {
  await using app = await startTestApp({ ...FUZZ_ENV, WORKER: "off" });
  const musician = await publishedMusician(app, "Ana", "Ana Quartet");
  // As before the migration: a Lisbon profile with no zone stored.
  await app.platform.db.asService((tx) =>
    tx.query("update public.profiles set timezone = null where id = $1::uuid", [musician.id])
  );
  const page = await getPage(app, musician.token, "/notifications");
  assertEquals(page.status, 200);
  assertEquals(await zoneOf(app, musician.id), {
    timezone: "Europe/Lisbon",
    timezone_chosen: false,
  });
});
