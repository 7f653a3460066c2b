import { assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { eventbritePagination, parseFeed } from "./mod.ts";

const NOW = new Date("2026-12-05T12:00:00Z");
const body = Deno.readTextFileSync(
  new URL("../../../../tests/fixtures/scout/eventbrite_page.json", import.meta.url),
);

Deno.test("eventbrite - one organisation page: venue, zone, fee in the text; cancelled dropped", () => {
  const r = parseFeed("eventbrite", body, { now: NOW });
  const [funk, online] = r.events;
  assertEquals(r.events.length, 2);
  assertEquals([funk.source_uid, funk.title, funk.starts_at, funk.ends_at, funk.timezone], [
    "912345678901",
    "Brooklyn Funk Jam",
    "2026-12-19T02:00:00.000Z",
    "2026-12-19T06:00:00.000Z",
    "America/New_York",
  ]);
  assertEquals([funk.venue_name, funk.city, funk.country, funk.lat, funk.lng], [
    "Brooklyn Bowl",
    "Brooklyn",
    "US",
    40.7214,
    -73.958,
  ]);
  assertEquals([funk.fee_minor, funk.currency], [15000, "USD"]);
  assertEquals([online.venue_name, online.timezone], [null, "Europe/London"]);
  assertEquals(r.errors.map((e) => e.item), ["event 912345678904"]);
});

Deno.test("eventbrite - pagination for the next request", () => {
  assertEquals(eventbritePagination(body), { hasMore: true, continuation: "dGhpcyBpcyBwYWdlIDE" });
  assertEquals(eventbritePagination('{"pagination":{"has_more_items":false}}'), {
    hasMore: false,
    continuation: null,
  });
  assertEquals(eventbritePagination("<html>"), { hasMore: false, continuation: null });
});

Deno.test("eventbrite - a body that is not an events page is one clear error", () => {
  for (
    const [text, re] of [["<html>rate limited</html>", /not JSON/], [
      '{"error":"NOT_AUTHORIZED"}',
      /no events list/,
    ]] as const
  ) {
    const r = parseFeed("eventbrite", text, { now: NOW });
    assertEquals([r.events.length, r.errors[0].item], [0, "feed"]);
    assertMatch(r.errors[0].message, re);
  }
  const r = parseFeed(
    "eventbrite",
    '{"events":[42,{"id":"1","name":{"text":"x"},"start":{"utc":"2026-12-10T20:00:00Z"}}]}',
    { now: NOW },
  );
  assertEquals([r.events.length, r.errors.map((e) => e.item)], [1, ["event 1"]]);
});
