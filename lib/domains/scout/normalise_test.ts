import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import {
  cap,
  countryCode,
  findFee,
  htmlToText,
  localToUtc,
  parseAmount,
  resolveZone,
  safeUrl,
  splitLocation,
  toDraft,
} from "./normalise.ts";
import { readMoney } from "./parse/fees.ts";
import { findDateInText } from "./parse/dates.ts";

const iso = (ms: number) => new Date(ms).toISOString();
const t = (y: number, m: number, d: number, h: number, mi = 0) => ({ y, m, d, h, mi, s: 0 });

Deno.test("zones - wall times to UTC across DST, with the RFC 5545 rule for gaps and overlaps", () => {
  assertEquals(
    iso(localToUtc(t(2027, 3, 25, 21, 30), "Europe/Lisbon")),
    "2027-03-25T21:30:00.000Z",
  );
  assertEquals(iso(localToUtc(t(2027, 4, 1, 21, 30), "Europe/Lisbon")), "2027-04-01T20:30:00.000Z");
  // 02:30 does not exist on 14 March 2027 in New York: read with the offset before the gap.
  assertEquals(
    iso(localToUtc(t(2027, 3, 14, 2, 30), "America/New_York")),
    "2027-03-14T07:30:00.000Z",
  );
  // 01:30 happens twice on 1 November 2026: the first one (EDT).
  assertEquals(
    iso(localToUtc(t(2026, 11, 1, 1, 30), "America/New_York")),
    "2026-11-01T05:30:00.000Z",
  );
  assertEquals(iso(localToUtc(t(2026, 12, 5, 20), "Asia/Kolkata")), "2026-12-05T14:30:00.000Z");
});

Deno.test("zones - IANA, Windows and wrapped names resolve; others do not", () => {
  assertEquals(resolveZone("europe/lisbon"), "Europe/Lisbon");
  assertEquals(resolveZone("Eastern Standard Time"), "America/New_York");
  assertEquals(resolveZone("/mozilla.org/20070129_1/Europe/Berlin"), "Europe/Berlin");
  assertEquals(resolveZone("Mars/Olympus_Mons"), null);
  assertEquals(resolveZone(""), null);
});

Deno.test("fees - a performer's fee in the text, never a ticket price", () => {
  const cases: [string, [number, string] | null][] = [
    ["Fee: €150", [15000, "EUR"]],
    ["We offer £200 per set plus drinks", [20000, "GBP"]],
    ["The venue pays 300 EUR for a trio", [30000, "EUR"]],
    ["Gage 200 € par musicien", [20000, "EUR"]],
    ["fee of $1,250.50", [125050, "USD"]],
    ["Cachê R$ 800", [80000, "BRL"]],
    ["Honorar: 1.500 €", [150000, "EUR"]],
    ["Fee ¥30000", [30000, "JPY"]],
    ["Tickets £10, entry fee €5", null],
    ["Entrada 8 €", null],
    ["£8 on the door, £6 advance", null],
    ["Booking fee €2.50 applies", null],
    ["pays 200 all in", null],
    ["Free entry. Doors 8pm", null],
    ["Pay what you can, suggested £5", null],
    ["Tickets must be paid £10 in advance", null],
    ["Paid gig: £150 for a 45-minute set", [15000, "GBP"]],
    ["Pay: 250 EUR", [25000, "EUR"]],
  ];
  for (const [text, want] of cases) {
    const fee = findFee(text);
    assertEquals(fee ? [fee.fee_minor, fee.currency] : null, want, text);
  }
  assertEquals(parseAmount("1,500"), 1500);
  assertEquals(parseAmount("150,50"), 150.5);
  assertEquals(readMoney("150", "gbp"), { fee_minor: 15000, currency: "GBP" });
  assertEquals(readMoney("€99.90"), { fee_minor: 9990, currency: "EUR" });
  assert(typeof readMoney("150") === "string");
  assert(typeof readMoney("lots", "EUR") === "string");
});

Deno.test("text - HTML to plain text, caps, links and countries", () => {
  assertEquals(
    htmlToText("<p>Jazz &amp; soul<br>night</p><script>x()</script><ul><li>One</li></ul>&#233;"),
    "Jazz & soul\nnight\n\n• One\né",
  );
  assertEquals(cap("a ".repeat(300).trim(), 200).length <= 200, true);
  assertEquals(cap("short", 200), "short");
  assertEquals(safeUrl("javascript:alert(1)"), null);
  assertEquals(safeUrl("/gigs/1", "https://venue.example/agenda/"), "https://venue.example/gigs/1");
  assertEquals(safeUrl("ftp://x.example/"), null);
  for (
    const [s, c] of [
      ["Portugal", "PT"],
      ["pt", "PT"],
      ["United Kingdom", "GB"],
      ["UK", "GB"],
      ["USA", "US"],
      ["Deutschland", "DE"],
      ["Côte d’Ivoire", "CI"],
      ["Narnia", null],
    ]
  ) {
    assertEquals(countryCode(s), c, String(s));
  }
  assertEquals(splitLocation("Jazzhaus, Schöneberger Str. 3, 10963 Berlin, Germany"), {
    venue: "Jazzhaus",
    city: "Berlin",
    country: "DE",
  });
  assertEquals(splitLocation("The Vortex"), { venue: "The Vortex", city: null, country: null });
});

Deno.test("toDraft - cleans, caps and refuses what the schema would", () => {
  const d = toDraft({
    uid: "u".repeat(600),
    title: `<b>${"Long title ".repeat(40)}</b>`,
    description: "x".repeat(5000),
    startsAt: Date.UTC(2027, 0, 1, 20),
    endsAt: Date.UTC(2027, 0, 1, 19),
    timezone: "Europe/Lisbon",
    country: "Portugal",
    lat: 200,
    lng: 10,
    url: "javascript:void(0)",
  });
  assert(typeof d !== "string");
  assert(d.source_uid.length <= 500 && d.title.length <= 200 && d.description.length <= 4000);
  assertEquals([d.ends_at, d.lat, d.lng, d.url, d.country], [null, null, null, null, "PT"]);
  assertEquals(toDraft({ uid: "x", title: "  ", startsAt: 0, timezone: "UTC" }), "it has no title");
});

Deno.test("dates - English dates and times in prose", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  const f = (s: string) => {
    const d = findDateInText(s, "Europe/London", now);
    return d ? iso(d.utc) : null;
  };
  assertEquals(f("Saturday 12 December 2026, 8pm"), "2026-12-12T20:00:00.000Z");
  assertEquals(f("Live on Dec 19th at 7:30 PM"), "2026-12-19T19:30:00.000Z");
  assertEquals(f("Doors 19:00 — 3 Jan"), "2027-01-03T19:00:00.000Z");
  assertEquals(f("July 4, 2027 20h30"), "2027-07-04T19:30:00.000Z");
  assertEquals(f("Gig on 2027-02-14"), "2027-02-14T00:00:00.000Z");
  assertEquals(f("No date here, sorry"), null);
});
