import { assertEquals } from "../../tests/_helpers/assert.ts";
import {
  joinLocal,
  toMinor,
  utcOffsetLabel,
  utcToLocalInput,
  zonedToUtc,
  zoneNote,
} from "./time.ts";

Deno.test("time - wall clock in a zone round-trips, across daylight saving", () => {
  assertEquals(
    zonedToUtc("2026-12-05T20:00", "Europe/Berlin")?.toISOString(),
    "2026-12-05T19:00:00.000Z",
  );
  assertEquals(
    zonedToUtc("2026-07-05T20:00", "Europe/Berlin")?.toISOString(),
    "2026-07-05T18:00:00.000Z",
  );
  assertEquals(
    zonedToUtc("2026-03-08T12:00", "America/New_York")?.toISOString(),
    "2026-03-08T16:00:00.000Z",
  );
  assertEquals(utcToLocalInput("2026-12-05T19:00:00Z", "Europe/Berlin"), "2026-12-05T20:00");
  assertEquals(zonedToUtc("tomorrow", "UTC"), null);
});

Deno.test("time - money typed in major units becomes minor units", () => {
  assertEquals([toMinor("250"), toMinor("99.50"), toMinor("12,5"), toMinor(""), toMinor("abc")], [
    25000,
    9950,
    1250,
    undefined,
    "abc",
  ]);
});

Deno.test("time - a zone is named with its offset on the day", () => {
  assertEquals(zoneNote("Europe/Lisbon", "Lisbon", "2026-12-05T20:00:00Z"), "Lisbon time, UTC+0");
  assertEquals(zoneNote("Europe/Lisbon", "Lisbon", "2026-07-05T20:00:00Z"), "Lisbon time, UTC+1");
  assertEquals(utcOffsetLabel("Asia/Kolkata"), "UTC+5:30");
  assertEquals(
    zoneNote("America/Sao_Paulo", null, "2026-12-05T20:00:00Z"),
    "America/Sao_Paulo, UTC-3",
  );
  assertEquals(joinLocal("2026-12-05", "20:00"), "2026-12-05T20:00");
  assertEquals(joinLocal("2026-12-05", ""), "2026-12-05T00:00");
  assertEquals(joinLocal("", "20:00"), "");
});
