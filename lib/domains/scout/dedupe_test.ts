import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { dedupe, type DedupeItem, similarTitles } from "./dedupe.ts";
import { parseFeed } from "./parse/mod.ts";

const NOW = new Date("2026-12-05T12:00:00Z");

Deno.test("dedupe - the same gig in iCal, JSON-LD and RSS with different titles is one", () => {
  const ics = [
    "BEGIN:VCALENDAR",
    "BEGIN:VEVENT",
    "UID:nubya-1212@vortex",
    "DTSTART;TZID=Europe/London:20261212T200000",
    "SUMMARY:Nubya Garcia Quartet",
    "LOCATION:The Vortex Jazz Club\\, 11 Gillett Square\\, London N16 8AZ",
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");
  const html = `<script type="application/ld+json">${
    JSON.stringify({
      "@type": "MusicEvent",
      name: "Nubya Garcia Quartet & Guests (two sets)",
      startDate: "2026-12-12T20:30:00+00:00",
      location: {
        "@type": "Place",
        name: "Vortex Jazz Club",
        address: { addressLocality: "London" },
      },
    })
  }</script>`;
  const rss = `<rss xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><item>
    <title>NUBYA GARCIA QUARTET — live!</title><guid>n1</guid>
    <ev:startdate>2026-12-12T21:00:00Z</ev:startdate><ev:location>Vortex, London</ev:location>
    </item></channel></rss>`;
  const opts = { now: NOW, defaultTimezone: "Europe/London" };
  const all = [
    ...parseFeed("ical", ics, opts).events,
    ...parseFeed("jsonld", html, opts).events,
    ...parseFeed("rss", rss, opts).events,
  ].map((e, i): DedupeItem => ({ ...e, id: `s${i}` }));
  assertEquals(all.length, 3);
  const dupes = dedupe(all);
  assertEquals([...dupes], [["s1", "s0"], ["s2", "s0"]]);
});

const base = {
  title: "Jam Session de Quinta",
  starts_at: "2027-01-07T21:30:00Z",
  venue_name: "Hot Clube de Portugal",
  city: "Lisboa",
};

Deno.test("dedupe - same title 3 h apart, or at another venue, is two", () => {
  assertEquals(
    dedupe([{ ...base, id: "a" }, { ...base, id: "b", starts_at: "2027-01-08T00:30:00Z" }]).size,
    0,
  );
  assertEquals(
    dedupe([{ ...base, id: "a" }, { ...base, id: "b", starts_at: "2027-01-07T23:30:00Z" }]).size,
    1,
  );
  assertEquals(
    dedupe([{ ...base, id: "a" }, { ...base, id: "b", venue_name: "Hot Five Jazz Club" }]).size,
    0,
  );
  // Only one side names a venue: not enough to call it the same place.
  assertEquals(dedupe([{ ...base, id: "a" }, { ...base, id: "b", venue_name: null }]).size, 0);
  // Neither names one: the city decides.
  const noVenue = { ...base, venue_name: null };
  assertEquals(dedupe([{ ...noVenue, id: "a" }, { ...noVenue, id: "b" }]).size, 1);
  assertEquals(dedupe([{ ...noVenue, id: "a" }, { ...noVenue, id: "b", city: "Porto" }]).size, 0);
  assertEquals(
    dedupe([{ ...noVenue, id: "a", city: null }, { ...noVenue, id: "b", city: null }]).size,
    0,
  );
});

Deno.test("dedupe - the title thresholds, pair by pair", () => {
  const same: [string, string][] = [
    ["Jam Session de Quinta", "Quinta: jam session"],
    ["Jam Session de Quinta", "JAM SESSION DE QUINTA (live)"],
    ["Nubya Garcia Quartet", "Nubya Garcia Quartet & guests — two sets"],
    ["Shabaka Hutchings", "Shabaka Hutchins"],
    ["Fado & Jazz: First Friday", "First Friday — Fado and Jazz"],
    ["Orquestra Jazz de Matosinhos", "Orquestra de Jazz de Matosinhos"],
    ["Café Tacvba en vivo", "Cafe Tacvba"],
  ];
  const different: [string, string][] = [
    ["Jazz brunch", "Blues brunch"],
    ["Nubya Garcia Quartet", "Ezra Collective"],
    ["Early show: Trio Azul", "Late show: Quinteto Verde"],
    ["Open mic", "Open jam"],
    ["Salsa night", "Samba night"],
    ["Big Band Christmas", "Big Band New Year"],
    ["Jazz Jam Vol. 12", "Jazz Jam Vol. 13"],
  ];
  for (const [a, b] of same) assert(similarTitles(a, b), `${a} ~ ${b}`);
  for (const [a, b] of different) assert(!similarTitles(a, b), `${a} !~ ${b}`);
});

Deno.test("dedupe - groups join transitively; the first in input order is canonical", () => {
  const items = [
    { ...base, id: "x", title: "Other gig" },
    { ...base, id: "c", starts_at: "2027-01-07T22:30:00Z" },
    { ...base, id: "a" },
    { ...base, id: "b", starts_at: "2027-01-07T20:30:00Z", title: "Quinta jam session" },
  ];
  assertEquals([...dedupe(items)].sort(), [["a", "c"], ["b", "c"]]);
  assertEquals(dedupe([]).size, 0);
  assertEquals(dedupe([{ ...base, id: "bad", starts_at: "soon" }, { ...base, id: "ok" }]).size, 0);
});
