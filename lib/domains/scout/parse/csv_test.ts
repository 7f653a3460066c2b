import { assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { parseFeed } from "./mod.ts";

const NOW = new Date("2026-12-05T12:00:00Z");
const body = Deno.readTextFileSync(
  new URL("../../../../tests/fixtures/scout/gigs_upload.csv", import.meta.url),
);

Deno.test("csv - header aliases, day-first dates, zones per row, fees with a currency", () => {
  const r = parseFeed("csv", body, { now: NOW, defaultTimezone: "Europe/London" });
  const [wedding, trio, busker, folk] = r.events;
  assertEquals(r.events.length, 4);
  assertEquals([wedding.starts_at, wedding.timezone, wedding.country], [
    "2026-12-19T19:30:00.000Z",
    "Europe/London",
    "GB",
  ]);
  assertEquals([wedding.fee_minor, wedding.currency, wedding.genres], [65000, "GBP", [
    "soul",
    "funk",
  ]]);
  assertEquals([trio.starts_at, trio.fee_minor, trio.currency, trio.country], [
    "2026-12-31T20:00:00.000Z",
    30000,
    "EUR",
    "PT",
  ]);
  assertEquals(trio.description, "NYE: two sets");
  assertEquals([busker.title, busker.starts_at], [
    'Busker slot, "Christmas Market"',
    "2026-12-20T14:00:00.000Z",
  ]);
  assertEquals([folk.starts_at, folk.timezone, folk.url, folk.country], [
    "2026-12-28T02:00:00.000Z",
    "America/New_York",
    null,
    "US",
  ]);
});

Deno.test("csv - each bad row is an error naming its line; the others are kept", () => {
  const r = parseFeed("csv", body, { now: NOW, defaultTimezone: "Europe/London" });
  assertEquals(r.errors.map((e) => e.item), [
    "line 5",
    "line 6",
    "line 7",
    "line 8",
    "line 9",
    "line 10",
  ]);
  const msg = r.errors.map((e) => e.message);
  assertMatch(msg[0], /no date/);
  assertMatch(msg[1], /timezone "Mars\/Olympus" is not a known time zone/);
  assertMatch(msg[2], /fee "lots" is not an amount/);
  assertMatch(msg[3], /date "2026-02-30" is not a calendar day/);
  assertMatch(msg[4], /no title/);
  assertMatch(msg[5], /time "25:99" is not a time/);
});

Deno.test("csv - semicolons, a multi-line quoted field and an unclosed quote", () => {
  const text =
    'Name;Start;Venue\n"Late\nshow";2026-12-10T22:00:00+01:00;Club A\n"Open;2026-12-11;Club B\n';
  const r = parseFeed("csv", text, { now: NOW });
  assertEquals(r.events.map((e) => [e.title, e.starts_at]), [[
    "Late show",
    "2026-12-10T21:00:00.000Z",
  ]]);
  assertEquals(r.errors.map((e) => e.item), ["line 4"]);
  assertMatch(r.errors[0].message, /never closed/);
});

Deno.test("csv - a file that is not an events table is one clear error", () => {
  for (
    const [text, re] of [
      ["date,streams\n2026-01-01,5\n", /has no title column/],
      ["title,venue\nGig,Club\n", /has no date column/],
      ["\n\n", /empty/],
    ] as const
  ) {
    const r = parseFeed("csv", text, { now: NOW });
    assertEquals([r.events.length, r.errors[0]?.item], [0, "feed"]);
    assertMatch(r.errors[0].message, re);
  }
});

Deno.test("csv - a huge upload (50,000 rows) is read", () => {
  const rows = ["title,date,time,venue,city"];
  for (let i = 0; i < 50_000; i++) {
    rows.push(
      `Gig ${i},2027-01-${String(1 + (i % 28)).padStart(2, "0")},21:00,Club ${i % 50},Leeds`,
    );
  }
  const r = parseFeed("csv", rows.join("\n"), { now: NOW });
  assertEquals([r.events.length, r.errors.length], [50_000, 0]);
});
