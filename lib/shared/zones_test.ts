import { assertEquals } from "../../tests/_helpers/assert.ts";
import { displayZone, eventTimeText, knownZone, yourTime, zoneCity } from "./zones.ts";
import { timeParts } from "./format.ts";

Deno.test("zones - the viewer's zone first, else the event's, else none (UTC)", () => {
  assertEquals(displayZone("America/New_York", "Europe/London"), "America/New_York");
  assertEquals(displayZone(null, "Europe/London"), "Europe/London");
  assertEquals(displayZone(undefined, null), null);
  // A zone this runtime does not know is no zone at all.
  assertEquals(displayZone("Mars/Olympus", "Europe/Lisbon"), "Europe/Lisbon");
  assertEquals(knownZone("Nowhere"), null);
  assertEquals(knownZone("Asia/Kolkata"), "Asia/Kolkata");
});

Deno.test("zones - a zone's city reads as people write it", () => {
  assertEquals(zoneCity("America/New_York"), "New York");
  assertEquals(zoneCity("America/Argentina/Buenos_Aires"), "Buenos Aires");
  assertEquals(zoneCity("UTC"), "UTC");
});

// 19:00 in London on Friday 11 December 2026 (GMT).
const START = "2026-12-11T19:00:00Z";

Deno.test("zones - your time beside an event's, only when your clock reads otherwise", () => {
  assertEquals(yourTime(START, "Europe/London", "America/New_York"), "14:00 your time");
  // The next day in Tokyo: the day is named.
  assertEquals(yourTime(START, "Europe/London", "Asia/Tokyo"), "Sat 04:00 your time");
  // Same wall clock (Lisbon is on GMT in winter), the same zone, or no viewer zone: nothing.
  assertEquals(yourTime(START, "Europe/London", "Europe/Lisbon"), null);
  assertEquals(yourTime(START, "Europe/London", "Europe/London"), null);
  assertEquals(yourTime(START, "Europe/London", null), null);
});

Deno.test("zones - an event's start: its own zone, then the viewer's clock", () => {
  assertEquals(
    eventTimeText(START, "Europe/London", "America/New_York"),
    "Friday 11 December, 19:00 (14:00 your time)",
  );
  assertEquals(
    eventTimeText(START, "Europe/London", null, { sep: " at " }),
    "Friday 11 December at 19:00",
  );
  // An event without a zone is told in the viewer's.
  assertEquals(eventTimeText(START, null, "America/New_York"), "Friday 11 December, 14:00");
  assertEquals(eventTimeText(START, null, null), "Friday 11 December, 19:00");
});

Deno.test("zones - the hover title names the zone's city beside its offset", () => {
  const now = new Date("2026-12-12T08:00:00Z");
  assertEquals(
    timeParts(START, { now, tz: "America/New_York" }).title,
    "Fri 11 Dec 2026, 14:00 GMT-5 (New York)",
  );
  assertEquals(timeParts(START, { now }).title, "Fri 11 Dec 2026, 19:00 UTC");
});
