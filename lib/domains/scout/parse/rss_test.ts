import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { parseFeed } from "./mod.ts";

const NOW = new Date("2026-12-05T12:00:00Z");
const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../../../tests/fixtures/scout/${name}`, import.meta.url));

Deno.test("rss - ev:startdate, ev:location and georss; a date in the title; never pubDate", () => {
  const r = parseFeed("rss", fixture("jazzcafe_events.rss"), {
    now: NOW,
    defaultTimezone: "Europe/London",
  });
  assertEquals(r.events.map((e) => e.source_uid), [
    "oto-2026-1212-shabaka",
    "https://www.cafeoto.co.uk/events/folk-session/",
    "oto-2027-0109-noise",
  ]);
  const [shabaka, folk, noise] = r.events;
  assertEquals(shabaka.title, "Shabaka & friends — two sets");
  assertEquals([shabaka.starts_at, shabaka.ends_at], [
    "2026-12-12T20:00:00.000Z",
    "2026-12-12T23:00:00.000Z",
  ]);
  assertEquals([shabaka.venue_name, shabaka.city, shabaka.country], ["Café Oto", "London", "GB"]);
  assertEquals([shabaka.lat, shabaka.lng], [51.5465, -0.0752]);
  assertEquals(shabaka.url, "https://www.cafeoto.co.uk/events/shabaka-friends/");
  assertMatch(
    shabaka.description,
    /^An evening of spiritual jazz and improvisation\.\nTickets £16 advance\.$/,
  );
  assertEquals(shabaka.fee_minor, null);
  assertEquals(folk.starts_at, "2026-12-19T19:00:00.000Z");
  assertEquals([folk.fee_minor, folk.currency], [15000, "GBP"]);
  assertEquals([noise.starts_at, noise.timezone], ["2027-01-09T20:30:00.000Z", "Europe/London"]);
  assertEquals(r.errors, [{
    item: "oto-news-residency",
    message:
      "no event date (no ev:startdate or xCal dtstart, and none written in the title or text)",
  }]);
});

Deno.test("atom - xCal dtstart and location, a date in HTML content, rel=alternate links", () => {
  const r = parseFeed("atom", fixture("bandsintown_like.atom"), {
    now: NOW,
    defaultTimezone: "Europe/Lisbon",
  });
  const [mare, funk] = r.events;
  assertEquals(r.events.length, 2);
  assertEquals(mare.title, "Quarteto Maré — jazz português");
  assertEquals([mare.starts_at, mare.url], [
    "2026-12-18T21:30:00.000Z",
    "https://portojazz.example/agenda/881",
  ]);
  assertEquals([mare.venue_name, mare.city, mare.country], ["Porto Jazz Club", "Porto", "PT"]);
  assertEquals(mare.source_uid, "tag:portojazz.example,2026:event-881");
  assertEquals([funk.starts_at, funk.fee_minor, funk.currency], [
    "2027-01-09T22:00:00.000Z",
    20000,
    "EUR",
  ]);
  assertEquals(r.errors.map((e) => e.item), ["tag:portojazz.example,2026:news-12"]);
});

Deno.test("rss - malformed and foreign bodies are one clear error", () => {
  for (const body of ["not xml at all", "<html><body><p>hi</p></body></html>", '{"events": []}']) {
    const r = parseFeed("rss", body, { now: NOW });
    assertEquals(r.events, []);
    assertEquals(r.errors.length, 1);
    assertEquals(r.errors[0].item, "feed");
    assertMatch(r.errors[0].message, /not (an RSS or Atom feed|readable XML)/);
  }
  // A feed cut short still gives its complete items.
  const cut = fixture("jazzcafe_events.rss").slice(0, 1900);
  const r = parseFeed("rss", cut, { now: NOW });
  assert(r.events.length >= 1 || r.errors.length >= 1);
});

Deno.test("rss - a huge feed (10,000 items) is read", () => {
  const items = Array.from(
    { length: 10_000 },
    (_, i) =>
      `<item><title>Gig ${i} &amp; more</title><guid>g${i}</guid><ev:startdate>2027-01-${
        String(1 + (i % 28)).padStart(2, "0")
      }T21:00:00Z</ev:startdate></item>`,
  ).join("\n");
  const body =
    `<?xml version="1.0"?><rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>x</title>${items}</channel></rss>`;
  const r = parseFeed("rss", body, { now: NOW });
  assertEquals([r.events.length, r.errors.length], [10_000, 0]);
});
