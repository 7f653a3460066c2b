import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { ExternalGigDraft, SourceKind } from "../types.ts";
import { parseFeed } from "./mod.ts";

const NOW = new Date("2026-12-05T12:00:00Z");
const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../../../tests/fixtures/scout/${name}`, import.meta.url));
const FIXTURES: Record<SourceKind, string> = {
  ical: fixture("hotclube.ics"),
  jsonld: fixture("vortex_listings.html"),
  rss: fixture("jazzcafe_events.rss"),
  atom: fixture("bandsintown_like.atom"),
  csv: fixture("gigs_upload.csv"),
  eventbrite: fixture("eventbrite_page.json"),
};

/** A deterministic stream of pseudo-random numbers. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 2 ** 32;
  };
}

Deno.test("parseFeed - empty input and an unknown zone are handled", () => {
  for (const kind of SourceKind.options) {
    const r = parseFeed(kind, "  \n", { now: NOW });
    assertEquals(r, { events: [], errors: [{ item: "feed", message: "the source is empty" }] });
  }
  const r = parseFeed("ical", FIXTURES.ical, { now: NOW, defaultTimezone: "Nowhere/Else" });
  assert(r.events.length > 0);
});

Deno.test("parseFeed - cut, shuffled and foreign bodies never throw, and drafts stay valid", () => {
  const next = rng(7);
  for (const kind of SourceKind.options) {
    const bodies = [...Object.values(FIXTURES), "\u0000\u00ff\ufffd garbage", "<".repeat(5000)];
    const own = FIXTURES[kind];
    for (let i = 0; i < 40; i++) {
      const a = Math.floor(next() * own.length), b = Math.floor(next() * own.length);
      bodies.push(own.slice(0, a));
      bodies.push(own.slice(0, Math.min(a, b)) + own.slice(Math.max(a, b)));
    }
    for (const body of bodies) {
      const r = parseFeed(kind, body, { now: NOW, defaultTimezone: "Europe/Lisbon" });
      for (const e of r.events) ExternalGigDraft.parse(e);
      for (const e of r.errors) {
        assert(e.item && e.message, `${kind}: an error names its item and reason`);
        // The parsers answer for themselves: the last-resort catch in parseFeed is not needed.
        assert(!/^could not be read/.test(e.message), `${kind}: ${e.message}`);
      }
    }
  }
});

Deno.test("parseFeed - the window: a day before now to the horizon", () => {
  const ics = (start: string) =>
    `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:${start}\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR`;
  const n = (start: string, horizonDays?: number) =>
    parseFeed("ical", ics(start), { now: NOW, horizonDays }).events.length;
  assertEquals(n("20261204T120000Z"), 1);
  assertEquals(n("20261204T115959Z"), 0);
  assertEquals(n("20270603T120000Z"), 1);
  assertEquals(n("20270603T120001Z"), 0);
  assertEquals(n("20261215T120000Z", 7), 0);
});
