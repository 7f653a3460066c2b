import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { parseFeed } from "./mod.ts";

const NOW = new Date("2026-12-05T12:00:00Z");
const page = Deno.readTextFileSync(
  new URL("../../../../tests/fixtures/scout/vortex_listings.html", import.meta.url),
);
const opts = {
  now: NOW,
  defaultTimezone: "Europe/London",
  url: "https://www.vortexjazz.co.uk/whats-on/",
};
const result = parseFeed("jsonld", page, opts);
const named = (prefix: string) => result.events.find((e) => e.title.startsWith(prefix))!;

Deno.test("jsonld - events from @graph, arrays, subEvent and ItemList; Place by @id", () => {
  assertEquals(result.events.map((e) => e.title), [
    "Nubya Garcia Quartet & guests",
    "Sunday afternoon jam — open to all",
    "Dalston Winter Jazz Weekend",
    "Late set: Ezra Collective DJs",
    "Livestream: piano masterclass",
    "Tuesday Improv Night",
  ]);
  const n = named("Nubya");
  assertEquals(n.source_uid, "https://www.vortexjazz.co.uk/events/nubya-garcia-quartet/#event");
  assertEquals([n.starts_at, n.ends_at, n.timezone], [
    "2026-12-12T20:00:00.000Z",
    "2026-12-12T23:00:00.000Z",
    "Europe/London",
  ]);
  assertEquals([n.venue_name, n.city, n.country, n.lat, n.lng], [
    "The Vortex Jazz Club",
    "London",
    "GB",
    51.5491,
    -0.0754,
  ]);
  assertEquals(
    n.description,
    "Saxophonist Nubya Garcia brings her quartet for two sets of spiritual jazz.\nTickets £18 / £15 concessions.",
  );
  assertEquals(n.fee_minor, null, "a ticket offer is not a fee");
});

Deno.test("jsonld - a time without offset is the source's zone; relative links resolve", () => {
  const jam = named("Sunday");
  assertEquals(jam.starts_at, "2026-12-13T16:00:00.000Z");
  assertEquals(jam.url, "https://www.vortexjazz.co.uk/events/sunday-jam/");
  assertEquals(jam.source_uid, "https://www.vortexjazz.co.uk/events/sunday-jam/");
  assertEquals([jam.fee_minor, jam.currency], [12000, "GBP"]);
  const fest = named("Dalston");
  assertEquals([fest.starts_at, fest.venue_name, fest.city, fest.country], [
    "2027-01-16T00:00:00.000Z",
    "Gillett Square",
    "London",
    "GB",
  ]);
  assertEquals(named("Livestream").venue_name, null);
});

Deno.test("jsonld - cancelled dropped; a broken block and a bad date are errors, the rest read", () => {
  assert(!result.events.some((e) => e.title.startsWith("Big Band")));
  assertEquals(result.errors.length, 2);
  assertMatch(result.errors[0].item, /^JSON-LD block 3: Date typo night/);
  assertMatch(result.errors[0].message, /startDate "next friday" is not a date/);
  assertEquals(result.errors[1].item, "JSON-LD block 4");
  assertMatch(result.errors[1].message, /is not valid JSON/);
});

Deno.test("jsonld - a page without JSON-LD, or not HTML at all, is one clear error", () => {
  for (
    const body of ["<html><body>No events</body></html>", "BEGIN:VCALENDAR", "\u0000\u0001binary"]
  ) {
    const r = parseFeed("jsonld", body, opts);
    assertEquals(r.events, []);
    assertEquals(r.errors.map((e) => e.item), ["feed"]);
    assertMatch(r.errors[0].message, /no schema\.org JSON-LD/);
  }
  const bad = parseFeed("jsonld", "{ nope", opts);
  assertMatch(bad.errors[0].message, /not valid JSON/);
});

Deno.test("jsonld - a huge page (10,000 events in one @graph) is read", () => {
  const graph = Array.from({ length: 10_000 }, (_, i) => ({
    "@type": "MusicEvent",
    "@id": `#e${i}`,
    name: `Show ${i}`,
    startDate: `2027-01-${String(1 + (i % 28)).padStart(2, "0")}T20:00:00+00:00`,
    location: {
      "@type": "Place",
      name: "Hall",
      address: { addressLocality: "Leeds", addressCountry: "GB" },
    },
  }));
  const body = `<html><script type="application/ld+json">${
    JSON.stringify({ "@graph": graph })
  }</script></html>`;
  const r = parseFeed("jsonld", body, opts);
  assertEquals([r.events.length, r.errors.length], [10_000, 0]);
});
