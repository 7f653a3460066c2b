import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { parseFeed } from "./mod.ts";

const NOW = new Date("2026-12-05T12:00:00Z");
const FIXTURE = new URL("../../../../tests/fixtures/scout/hotclube.ics", import.meta.url);
const ics = Deno.readTextFileSync(FIXTURE);
const result = parseFeed("ical", ics, { now: NOW, defaultTimezone: "Europe/London" });
const byUid = (prefix: string) => result.events.filter((e) => e.source_uid.startsWith(prefix));

const cal = (...events: string[]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", ...events, "END:VCALENDAR"].join("\r\n");

Deno.test("ical - a weekly jam across Lisbon's DST change keeps 21:30 local", () => {
  const jam = byUid("jam-thursdays@");
  const starts = jam.map((e) => e.starts_at);
  assertEquals(starts.length, 15);
  assertEquals(starts[0], "2027-01-07T21:30:00.000Z");
  // 25 March is still WET (UTC+0); 1 April is WEST (UTC+1): same wall time, an hour earlier in UTC.
  assert(starts.includes("2027-03-25T21:30:00.000Z"));
  assert(starts.includes("2027-04-01T20:30:00.000Z"));
  assertEquals(starts.at(-1), "2027-04-29T20:30:00.000Z");
  assertEquals(jam[0].ends_at, "2027-01-07T23:30:00.000Z");
  assertEquals(jam[0].timezone, "Europe/Lisbon");
  assertEquals(jam[0].venue_name, "Hot Clube de Portugal");
  assertEquals(jam[0].city, "Lisboa");
  assertEquals(jam[0].country, "PT");
  assertEquals([jam[0].lat, jam[0].lng], [38.7188, -9.1437]);
  assertEquals(jam[0].url, "https://www.hotclube.pt/agenda/jam-quintas");
  assertMatch(jam[0].description, /instrumento!\n\nHouse band/);
  assertEquals(jam[0].title, "Jam Session de Quinta, com a Big Band do Hot");
  assertEquals(jam[0].fee_minor, null, "a ticket price is not a fee");
});

Deno.test("ical - EXDATE removes an occurrence, RECURRENCE-ID moves or cancels one", () => {
  const starts = byUid("jam-thursdays@").map((e) => e.starts_at);
  assert(!starts.includes("2027-02-11T21:30:00.000Z"), "EXDATE");
  assert(!starts.some((s) => s.startsWith("2027-03-18")), "cancelled override");
  const moved = result.events.find((e) =>
    e.source_uid === "jam-thursdays@hotclube.pt|2027-03-04T21:30:00.000Z"
  );
  assert(moved, "the override keeps the occurrence's identity");
  assertEquals(moved.starts_at, "2027-03-04T22:00:00.000Z");
  assertMatch(moved.title, /especial/);
  assert(!starts.includes("2027-03-04T21:30:00.000Z"));
});

Deno.test("ical - MONTHLY 1FR with COUNT, MONTHLY -1SA every 2 months, fees in the text", () => {
  const ff = byUid("first-friday@");
  assertEquals(ff.map((e) => e.starts_at.slice(0, 16)), [
    "2026-12-04T22:00",
    "2027-01-01T22:00",
    "2027-02-05T22:00",
    "2027-03-05T22:00",
    "2027-04-02T21:00",
    "2027-05-07T21:00",
  ]);
  assertEquals([ff[0].fee_minor, ff[0].currency], [15000, "EUR"]);
  assertEquals(ff[0].ends_at, "2026-12-05T00:00:00.000Z");
  assertEquals(byUid("last-saturday@").map((e) => e.starts_at.slice(0, 10)), [
    "2026-12-26",
    "2027-02-27",
    "2027-04-24",
  ]);
});

Deno.test("ical - all-day, floating, Windows and VTIMEZONE-only zones", () => {
  const one = (uid: string) => result.events.find((e) => e.source_uid === uid)!;
  const brunch = one("festival-day-2@hotclube.pt");
  assertEquals([brunch.starts_at, brunch.ends_at], [
    "2026-12-19T00:00:00.000Z",
    "2026-12-20T00:00:00.000Z",
  ]);
  const floating = one("floating@hotclube.pt");
  assertEquals([floating.starts_at, floating.timezone], [
    "2026-12-10T19:00:00.000Z",
    "Europe/Lisbon",
  ]);
  const outlook = one("outlook@hotclube.pt");
  assertEquals([outlook.starts_at, outlook.timezone], [
    "2026-12-11T19:00:00.000Z",
    "Europe/Berlin",
  ]);
  assertEquals(one("custom-tz@hotclube.pt").starts_at, "2027-04-01T20:30:00.000Z");
});

Deno.test("ical - cancelled, past and beyond-horizon events are dropped; bad items are errors", () => {
  const uids = new Set(result.events.map((e) => e.source_uid.split("|")[0]));
  for (const gone of ["cancelled@", "past@", "festival-day@"]) {
    assert(![...uids].some((u) => u.startsWith(gone)), gone);
  }
  assertEquals(result.events.length, 28);
  assertEquals(result.errors.map((e) => e.item), ["bad-date@hotclube.pt", "bad-zone@hotclube.pt"]);
  assertMatch(result.errors[0].message, /DTSTART "2026-13-45" is not a date/);
  assertMatch(result.errors[1].message, /unknown time zone "Mars\/Olympus_Mons"/);
});

Deno.test("ical - a weekly event in New York keeps 20:00 across the March change", () => {
  const r = parseFeed(
    "ical",
    cal(
      "BEGIN:VEVENT",
      "UID:tuesdays@smalls",
      "DTSTART;TZID=America/New_York:20270302T200000",
      "RRULE:FREQ=WEEKLY;COUNT=4",
      "SUMMARY:Tuesday late set",
      "END:VEVENT",
    ),
    { now: NOW },
  );
  assertEquals(r.events.map((e) => e.starts_at.slice(0, 16)), [
    "2027-03-03T01:00",
    "2027-03-10T01:00",
    "2027-03-17T00:00",
    "2027-03-24T00:00",
  ]);
});

Deno.test("ical - DAILY with INTERVAL, BYMONTH and EXDATE;VALUE=DATE; YEARLY", () => {
  const r = parseFeed(
    "ical",
    cal(
      "BEGIN:VEVENT",
      "UID:daily",
      "DTSTART:20261206T180000Z",
      "RRULE:FREQ=DAILY;INTERVAL=10;BYMONTH=12,1;UNTIL=20270131",
      "EXDATE;VALUE=DATE:20261216",
      "SUMMARY:Busking slot",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:yearly",
      "DTSTART;VALUE=DATE:20250101",
      "RRULE:FREQ=YEARLY",
      "SUMMARY:New Year gig",
      "END:VEVENT",
    ),
    { now: NOW },
  );
  assertEquals(
    r.events.filter((e) => e.source_uid.startsWith("daily")).map((e) => e.starts_at.slice(0, 10)),
    [
      "2026-12-06",
      "2026-12-26",
      "2027-01-05",
      "2027-01-15",
      "2027-01-25",
    ],
  );
  assertEquals(r.events.filter((e) => e.source_uid.startsWith("yearly")).map((e) => e.starts_at), [
    "2027-01-01T00:00:00.000Z",
  ]);
});

Deno.test("ical - malformed input is a clear error, never a throw", () => {
  for (const body of ["hello", "<html></html>", "{}", "BEGIN:VEVENT\r\nEND:VEVENT"]) {
    const r = parseFeed("ical", body, { now: NOW });
    assertEquals(r.events, []);
    assertEquals(r.errors.length, 1);
    assertMatch(r.errors[0].message, /not an iCalendar feed/);
  }
  const r = parseFeed(
    "ical",
    cal(
      "BEGIN:VEVENT",
      "UID:x",
      "DTSTART:20261210T200000Z",
      "RRULE:FREQ=SECONDLY",
      "SUMMARY:x",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:y",
      "SUMMARY:no start",
      "END:VEVENT",
    ),
    { now: NOW },
  );
  assertEquals(r.errors.map((e) => e.item), ["x", "y"]);
  assertMatch(r.errors[0].message, /SECONDLY is not supported/);
  assertMatch(r.errors[1].message, /no DTSTART/);
  // An unterminated calendar still yields what it holds.
  const cut = parseFeed(
    "ical",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:z\nDTSTART:20261210T200000Z\nSUMMARY:Cut",
    { now: NOW },
  );
  assertEquals(cut.events.length, 1);
});

Deno.test("ical - a huge feed (20,000 events and a daily rule since 1990) is read", () => {
  const events: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    events.push(
      "BEGIN:VEVENT",
      `UID:e${i}`,
      `DTSTART;TZID=Europe/Lisbon:202701${day}T2100${String(i % 60).padStart(2, "0")}`,
      `SUMMARY:Show ${i}`,
      "END:VEVENT",
    );
  }
  events.push(
    "BEGIN:VEVENT",
    "UID:old-daily",
    "DTSTART:19900101T200000Z",
    "RRULE:FREQ=DAILY",
    "SUMMARY:Every night",
    "END:VEVENT",
  );
  const r = parseFeed("ical", cal(...events), { now: NOW });
  assertEquals(r.errors, []);
  assertEquals(r.events.filter((e) => e.source_uid.startsWith("e")).length, 20_000);
  // A day before now to 180 days after: 181 nights.
  assertEquals(r.events.filter((e) => e.source_uid.startsWith("old-daily")).length, 181);
});
