/**
 * Places on forms without JavaScript: the profile and gig forms post a typed city that the
 * server finds in the gazetteer (asking which one among namesakes), with the country, position
 * and time zone stored; tags post as comma lists; gig times are read in the city's zone and
 * shown back in it. And GET /api/places: answers, bounds, 4xx on bad input.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { getPage, postForm, signUpPerson } from "../_helpers/fuzz.ts";
import { serviceSql } from "../_helpers/payments.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

interface Place {
  city: string | null;
  country: string | null;
  lat: number | null;
  lng: number | null;
}

Deno.test({ name: "place forms - profiles resolve a typed city", ...opts }, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const maya = await signUpPerson(app, "Maya", "musician");
  const form = await getPage(app, maya.token, "/profile/musician");
  assert(!/Latitude|Longitude|Country code/.test(form.text), "no coordinates to type");
  assertMatch(form.text, /<option value="PT"[^>]*>Portugal<\/option>/);

  const base = {
    stage_name: "Maya Ortiz",
    instruments: "Piano, vocals",
    genres: "jazz,bossa nova",
  };
  const saved = await postForm(app, maya.token, "/profile/musician", {
    ...base,
    city: "sao paulo",
    country: "",
    travel_radius_km: "50",
  });
  assertEquals(
    [saved.status, saved.location],
    [303, "/profile/musician"],
    saved.text.slice(0, 400),
  );
  const [row] = await serviceSql<Place & { instruments: string[]; genres: string[] }>(
    app,
    "select city, country, lat, lng, instruments, genres from public.musician_profiles where id = $1",
    [maya.id],
  );
  assertEquals([row.city, row.country], ["São Paulo", "BR"]);
  assert(Math.abs(row.lat! + 23.56) < 0.1 && Math.abs(row.lng! + 46.63) < 0.1, `${row.lat}`);
  assertEquals([row.instruments, row.genres], [["piano", "vocals"], ["jazz", "bossa nova"]]);
  const back = await getPage(app, maya.token, "/profile/musician");
  assertMatch(back.text, /value="São Paulo, Brazil"/);
  assertMatch(back.text, /<option value="BR" selected[^>]*>Brazil<\/option>/);

  // Namesakes: the form asks which one, and nothing changes until then.
  const ambiguous = await postForm(app, maya.token, "/profile/musician", {
    ...base,
    city: "Springfield",
  });
  assertEquals(ambiguous.status, 422);
  assertMatch(ambiguous.text, /several places called Springfield/);
  assertMatch(ambiguous.text, /name="city_choice" value="Springfield, Missouri, United States"/);
  const [unchanged] = await serviceSql<Place>(
    app,
    "select city from public.musician_profiles where id = $1",
    [maya.id],
  );
  assertEquals(unchanged.city, "São Paulo");
  const picked = await postForm(app, maya.token, "/profile/musician", {
    ...base,
    city: "Springfield",
    city_choice: "Springfield, Missouri, United States",
  });
  assertEquals(picked.status, 303);
  const [mo] = await serviceSql<Place>(
    app,
    "select city, country, lat, lng from public.musician_profiles where id = $1",
    [maya.id],
  );
  assertEquals([mo.city, mo.country], ["Springfield", "US"]);
  assert(Math.abs(mo.lng! + 93.3) < 0.2, "Missouri's, not Illinois'");

  // Days off post as a list of dates; a malformed one is named beside the field.
  const days = await postForm(app, maya.token, "/profile/musician", {
    ...base,
    city: "Springfield, Missouri, United States",
    blocked_dates: "2031-12-24, 2031-12-31",
  });
  assertEquals(days.status, 303);
  const [blocked] = await serviceSql<{ blocked_dates: string[]; city: string }>(
    app,
    "select blocked_dates::text[] as blocked_dates, city from public.musician_profiles where id = $1",
    [maya.id],
  );
  assertEquals([blocked.city, blocked.blocked_dates], ["Springfield", [
    "2031-12-24",
    "2031-12-31",
  ]]);
  const badDay = await postForm(app, maya.token, "/profile/musician", {
    ...base,
    city: "Springfield, Missouri, United States",
    blocked_dates: "24/12/2031",
  });
  assertEquals(badDay.status, 422);
  assertMatch(badDay.text, /id="f-blocked_dates-error"[^>]*>Use dates such as/);

  // An unknown town: said beside the field, with what starts alike.
  const typo = await postForm(app, maya.token, "/profile/musician", { ...base, city: "Lisbo" });
  assertEquals(typo.status, 422);
  assertMatch(typo.text, /We don(&#x27;|&#39;|')t know Lisbo/);
  assertMatch(typo.text, /value="Lisbon, Portugal"/);

  // Clients too; a country left from before does not hide the new city.
  const venue = await signUpPerson(app, "Venue", "client");
  const client = await postForm(app, venue.token, "/profile/client", {
    organisation: "The Blue Door",
    city: "Lisbon",
    country: "BR",
  });
  assertEquals(client.status, 303, client.text.slice(0, 400));
  const [c] = await serviceSql<Place>(
    app,
    "select city, country, lat, lng from public.client_profiles where id = $1",
    [venue.id],
  );
  assertEquals([c.city, c.country, Math.round(c.lat!)], ["Lisbon", "PT", 39]);
});

Deno.test({ name: "place forms - gig times are read in the city's zone", ...opts }, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const venue = await signUpPerson(app, "Venue", "client");
  await postForm(app, venue.token, "/profile/client", {
    organisation: "Blue Door",
    city: "Lisbon",
  });
  const blank = await getPage(app, venue.token, "/gigs/new");
  // A new gig starts in the venue's city.
  assertMatch(blank.text, /value="Lisbon, Portugal"/);
  assertMatch(blank.text, /Lisbon time, UTC\+[01]/);

  const year = new Date().getUTCFullYear() + 1;
  const res = await postForm(app, venue.token, "/gigs/new", {
    title: "Summer jazz on the terrace",
    genres: "jazz, soul",
    instruments: "piano",
    city: "Lisbon",
    country: "PT",
    timezone: "",
    starts_at_date: `${year}-07-10`,
    starts_at_time: "21:30",
    apply_by_date: `${year}-07-01`,
    apply_by_time: "",
    duration_minutes: "120",
    intent: "save",
  });
  assertEquals(res.status, 303, res.text.slice(0, 600));
  const [gig] = await serviceSql<
    Place & { id: string; starts_at: Date; apply_by: Date; timezone: string }
  >(
    app,
    "select id, city, country, lat, lng, starts_at, apply_by, timezone from public.gigs where client_id = $1",
    [venue.id],
  );
  assertEquals([gig.city, gig.country, gig.timezone], ["Lisbon", "PT", "Europe/Lisbon"]);
  // 21:30 in Lisbon in July is 20:30 UTC; a deadline without a time ends that day.
  assertEquals(gig.starts_at.toISOString(), `${year}-07-10T20:30:00.000Z`);
  assertEquals(gig.apply_by.toISOString(), `${year}-07-01T22:59:00.000Z`);
  assert(gig.lat != null && gig.lng != null);

  const edit = await getPage(app, venue.token, `/gigs/${gig.id}/edit`);
  assertMatch(edit.text, new RegExp(`name="starts_at_date"[^>]*value="${year}-07-10"`));
  assertMatch(edit.text, /name="starts_at_time"[^>]*value="21:30"/);
  assertMatch(edit.text, /Lisbon time, UTC\+1/);

  // Another city moves the zone: the same wall-clock time is another instant.
  const moved = await postForm(app, venue.token, `/gigs/${gig.id}/edit`, {
    title: "Summer jazz on the terrace",
    city: "Sao Paulo",
    timezone: "",
    starts_at_date: `${year}-07-10`,
    starts_at_time: "21:30",
    intent: "save",
  });
  assertEquals(moved.status, 303, moved.text.slice(0, 600));
  const [sp] = await serviceSql<{ starts_at: Date; timezone: string; country: string }>(
    app,
    "select starts_at, timezone, country from public.gigs where id = $1",
    [gig.id],
  );
  assertEquals([sp.timezone, sp.country], ["America/Sao_Paulo", "BR"]);
  assertEquals(sp.starts_at.toISOString(), `${year}-07-11T00:30:00.000Z`);

  // A bad time is named beside the date, nothing saved.
  const bad = await postForm(app, venue.token, `/gigs/${gig.id}/edit`, {
    title: "Summer jazz on the terrace",
    city: "Lisbon",
    starts_at_date: `${year}-07-10`,
    starts_at_time: "half past nine",
    intent: "save",
  });
  assertEquals(bad.status, 422);
  assertMatch(bad.text, /id="f-starts_at_date-error"/);
});

Deno.test({ name: "place forms - GET /api/places", ...opts }, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const get = async (q: string) => {
    const res = await app.fetch(`/api/places${q}`);
    return { status: res.status, body: await res.json() };
  };
  const lis = await get("?q=lis");
  assertEquals(lis.status, 200);
  assertEquals(lis.body.places[0].label, "Lisbon, Portugal");
  assertEquals(lis.body.places[0].timezone, "Europe/Lisbon");
  assertEquals((await get("?q=san")).body.places.length, 8);
  assertEquals((await get("?q=san&limit=20")).body.places.length, 20);
  assertEquals((await get("?q=london&country=ca")).body.places[0].label, "London, Canada");
  assertEquals((await get("?q=s%C3%A3o%20pa")).body.places[0].label, "São Paulo, Brazil");
  assertEquals((await get("?q=xqzzy")).body.places, []);
  for (
    const bad of [
      "",
      "?q=",
      "?q=%20%20",
      `?q=${"a".repeat(81)}`,
      "?q=a&limit=0",
      "?q=a&limit=21",
      "?q=a&limit=x",
      "?q=a&country=PRT",
    ]
  ) {
    const r = await get(bad);
    assertEquals(r.status, 400, bad);
    assert(typeof r.body.error?.field === "string", `${bad} names the field`);
  }
});
