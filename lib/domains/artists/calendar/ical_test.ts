import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { CalendarEvent, escapeText, foldLine, toICalendar } from "./ical.ts";

const NOW = new Date("2026-03-01T09:30:05Z");
const RELEASE: CalendarEvent = {
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  kind: "release",
  starts_at: "2026-03-06T00:00:00+01:00",
  all_day: true,
  title: "Release: Night Drive",
  description: null,
};
const POST: CalendarEvent = {
  id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  kind: "post",
  starts_at: "2026-03-04T18:15:00+01:00",
  all_day: false,
  title: "Teaser; part 1, with a \\ backslash",
  description: "Line one\nLine two, with comma\r\n#synthpop #newmusic\n" +
    "Canção nova, café e açúcar 🎶🎸 ".repeat(6),
};

/** Physical lines → logical lines (RFC 5545 §3.1 unfolding). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n");
const unescape = (v: string) =>
  v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));

/** Each component's properties, inner ones first: name (with parameters) → raw value. */
function parse(ics: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const open: Record<string, string>[] = [];
  for (const line of unfold(ics)) {
    if (line.startsWith("BEGIN:")) open.push({});
    else if (line.startsWith("END:")) out.push(open.pop()!);
    else if (line) {
      const i = line.indexOf(":");
      open[open.length - 1][line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

Deno.test("escapeText - backslash, semicolon, comma and line breaks", () => {
  assertEquals(escapeText("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
  assertEquals(escapeText("tab\tstays, bell\x07 goes"), "tab\tstays\\, bell goes");
});

Deno.test("foldLine - 75 octets a line, never inside a character, unfolds to the text", () => {
  const text = "DESCRIPTION:" + "Café com açúcar 🎶🎸 — canção nova! ".repeat(12) + "👩🏽‍🎤";
  const folded = foldLine(text);
  const lines = folded.split("\r\n");
  assert(lines.length > 5, `${lines.length} lines`);
  const enc = new TextEncoder();
  for (const [i, line] of lines.entries()) {
    assert(enc.encode(line).length <= 75, `line ${i}: ${enc.encode(line).length} octets`);
    assert(line.isWellFormed(), `line ${i} splits a character`);
    if (i > 0) assert(line.startsWith(" ") && !line.startsWith("  ") || line === " ", line);
  }
  // Lines are filled: a split happens only when the next character would not fit.
  assert(enc.encode(lines[0]).length >= 72, "first line nearly full");
  assertEquals(folded.replace(/\r\n /g, ""), text);
  assertEquals(foldLine("SHORT:x"), "SHORT:x");
  const exact = "X".repeat(75);
  assertEquals(foldLine(exact), exact);
  assertEquals(foldLine(exact + "Y"), `${exact}\r\n Y`);
});

Deno.test("toICalendar - calendar and events, CRLF everywhere, fields parse back", () => {
  const ics = toICalendar([RELEASE, POST], { calendarName: "Nova, live; plan", now: NOW });
  assert(ics.endsWith("END:VCALENDAR\r\n"));
  assertEquals(ics.replace(/\r\n/g, "").match(/[\r\n]/g), null, "no bare CR or LF");
  const enc = new TextEncoder();
  for (const line of ics.split("\r\n")) assert(enc.encode(line).length <= 75, line);

  const [release, post, cal] = parse(ics);
  assertEquals(cal["VERSION"], "2.0");
  assertEquals(cal["PRODID"], "-//Soundcheck//Virtual artists//EN");
  assertEquals(cal["CALSCALE"], "GREGORIAN");
  assertEquals(unescape(cal["X-WR-CALNAME"]), "Nova, live; plan");
  assertEquals(cal["X-WR-CALNAME"], "Nova\\, live\\; plan");

  assertEquals(release["UID"], `${RELEASE.id}@soundcheck.local`);
  assertEquals(release["DTSTAMP"], "20260301T093005Z");
  // All day: the date as written, even though it is still 5 March in UTC.
  assertEquals(release["DTSTART;VALUE=DATE"], "20260306");
  assertEquals(release["DTEND;VALUE=DATE"], "20260307");
  assertEquals(release["SUMMARY"], "Release: Night Drive");
  assertEquals(release["CATEGORIES"], "release");
  assert(!("DESCRIPTION" in release));

  assertEquals(post["DTSTART"], "20260304T171500Z");
  assertEquals(unescape(post["SUMMARY"]), POST.title);
  assertEquals(post["SUMMARY"], "Teaser\\; part 1\\, with a \\\\ backslash");
  assertEquals(
    unescape(post["DESCRIPTION"]),
    "Line one\nLine two, with comma\n#synthpop #newmusic\n" +
      "Canção nova, café e açúcar 🎶🎸 ".repeat(6),
  );
  assert(ics.split("\r\n").filter((l) => l.startsWith(" ")).length >= 3, "the description folds");
  assertEquals(post["CATEGORIES"], "post");
});

Deno.test("toICalendar - stable UIDs, options, an empty plan", () => {
  const a = toICalendar([POST], { calendarName: "x", now: NOW, uidDomain: "example.org" });
  const b = toICalendar([POST], { calendarName: "x", now: NOW, uidDomain: "example.org" });
  assertEquals(a, b);
  assertEquals(parse(a)[0]["UID"], `${POST.id}@example.org`);
  const empty = toICalendar([], { calendarName: "Empty", prodId: "-//Test//EN", now: NOW });
  assertEquals(
    empty,
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nCALSCALE:GREGORIAN\r\n" +
      "METHOD:PUBLISH\r\nX-WR-CALNAME:Empty\r\nEND:VCALENDAR\r\n",
  );
});

Deno.test("CalendarEvent - the schema the export reads", () => {
  assertEquals(CalendarEvent.parse(POST), POST);
  assert(!CalendarEvent.safeParse({ ...POST, id: "x" }).success);
  assert(!CalendarEvent.safeParse({ ...POST, kind: "gig" }).success);
  assert(!CalendarEvent.safeParse({ ...POST, starts_at: "2026-03-04" }).success);
  assert(CalendarEvent.safeParse({ ...POST, starts_at: "2026-03-04T17:15:00Z" }).success);
});
