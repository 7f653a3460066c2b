import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { MetricRow, RowError } from "../types.ts";
import { metricKey, parseMetricsCsv } from "./metrics.ts";

const HEADER = "date,track,country,streams,listeners,saves,skips,followers";
const row = (date: string, track: string, country = "GB", n = "10") =>
  `${date},${track},${country},${n},5,2,1,100`;

Deno.test("parseMetricsCsv - good rows satisfy MetricRow", () => {
  const csv = [
    HEADER,
    row("2026-03-01", "Night Drive"),
    `2026/03/02,"Song, with comma",br,"1,234",1000,3,0,"12,000"`,
    row("2024-02-29", "  Leap  ", "us", " 7 "),
  ].join("\n");
  const { rows, errors, total } = parseMetricsCsv(csv);
  assertEquals(errors, []);
  assertEquals(total, 3);
  for (const r of rows) assertEquals(MetricRow.parse(r), r);
  assertEquals(rows[1], {
    date: "2026-03-02",
    track: "Song, with comma",
    country: "BR",
    streams: 1234,
    listeners: 1000,
    saves: 3,
    skips: 0,
    followers: 12000,
  });
  assertEquals([rows[2].track, rows[2].country, rows[2].streams], ["Leap", "US", 7]);
});

Deno.test("parseMetricsCsv - 3 bad rows among good ones: 3 errors on their lines, no rows", () => {
  const csv = [
    HEADER,
    row("2026-03-01", "A"),
    row("2026-03-01", "B", "GB", "-4"), // line 3
    row("2026-03-01", "C"),
    row("2026-02-30", "D"), // line 5
    row("2026-03-01", "E"),
    row("2026-03-01", "F", "GBR"), // line 7
    row("2026-03-01", "G"),
  ].join("\n");
  const { rows, errors, total } = parseMetricsCsv(csv);
  assertEquals(total, 7);
  assertEquals(rows, []);
  assertEquals(errors.map((e) => [e.line, e.field]), [[3, "streams"], [5, "date"], [7, "country"]]);
  assertMatch(errors[0].message, /^streams cannot be negative/);
  assertMatch(errors[1].message, /not a day of the calendar/);
  for (const e of errors) RowError.parse(e);
});

Deno.test("parseMetricsCsv - a quoted line break shifts the following lines", () => {
  const csv = [
    HEADER,
    `2026-03-01,"Two\nLines",GB,1,1,1,1,1`, // lines 2-3
    row("2026-03-01", "ok"), // line 4
    row("2026-03-01", "bad", "GB", "x"), // line 5
  ].join("\r\n");
  const { errors } = parseMetricsCsv(csv);
  assertEquals(errors.map((e) => e.line), [5]);
  assertMatch(errors[0].message, /streams must be a whole number/);
});

Deno.test("parseMetricsCsv - header aliases, any case, extra columns, BOM, semicolons", () => {
  const csv = "\uFEFFDay;Song;Region;Plays;Unique Listeners;SAVES;Skips;Artist_Followers;Source\n" +
    "2026-03-01;Night Drive;gb;1,234;10;1;0;5;radio\n";
  const { rows, errors } = parseMetricsCsv(csv);
  assertEquals(errors, []);
  assertEquals(rows[0].streams, 1234);
  assertEquals(rows[0].country, "GB");
  const tabs = "Date\tTrack Name\tCountry Code\tStreams\tListeners\tSaves\tSkips\tFollowers\n" +
    "2026-03-01\tX\tFR\t1\t1\t1\t1\t1\n";
  assertEquals(parseMetricsCsv(tabs).rows.length, 1);
});

Deno.test("parseMetricsCsv - a missing column is one error on line 1", () => {
  const csv = "date,track,country,streams,listeners,saves,followers\n" +
    "2026-03-01,A,GB,1,1,1,1\n".repeat(50);
  const { rows, errors } = parseMetricsCsv(csv);
  assertEquals(rows, []);
  assertEquals(errors.length, 1);
  assertEquals([errors[0].line, errors[0].field], [1, "skips"]);
  assertMatch(errors[0].message, /no "skips" column/);
});

Deno.test("parseMetricsCsv - numbers: fractions, words, bad grouping, too large", () => {
  const cases: [string, RegExp][] = [
    ["1.5", /without a decimal point/],
    ['"1,23"', /misplaced thousands separators/],
    ["lots", /whole number such as 1234/],
    ["", /is empty; write 0/],
    ["99999999999", /too large/],
  ];
  for (const [value, re] of cases) {
    const { errors } = parseMetricsCsv(`${HEADER}\n2026-03-01,A,GB,${value},1,1,1,1\n`);
    assertEquals(errors.length, 1, value);
    assertEquals(errors[0].field, "streams");
    assertMatch(errors[0].message, re);
  }
  // "1,234" without quotes in a comma file shifts the columns: caught by the width check.
  const { errors } = parseMetricsCsv(`${HEADER}\n2026-03-01,A,GB,1,234,1,1,1,1\n`);
  assertMatch(errors[0].message, /Has 9 values but the header has 8 columns \(quote/);
});

Deno.test("parseMetricsCsv - dates are year first, and say what to write", () => {
  for (const d of ["03/01/2026", "1/3/2026", "2026-3-1", "2026-13-01", "2026-03-01T10:00"]) {
    const { errors } = parseMetricsCsv(`${HEADER}\n${row(d, "A")}\n`);
    assertEquals(errors[0]?.field, "date", d);
    assertMatch(errors[0].message, /Use a date such as 2026-03-01|not a date/i);
  }
  assertEquals(parseMetricsCsv(`${HEADER}\n${row("2025-02-29", "A")}\n`).errors.length, 1);
  assertEquals(parseMetricsCsv(`${HEADER}\n${row("2000-02-29", "A")}\n`).errors, []);
});

Deno.test("parseMetricsCsv - a repeated (track, date, country) is refused on the later line", () => {
  const csv = [
    HEADER,
    row("2026-03-01", "Night Drive"),
    row("2026-03-01", "Night Drive", "FR"),
    row("2026-03-02", "Night Drive"),
    row("2026-03-01", " night drive ", "gb"), // line 5 repeats line 2
  ].join("\n");
  const { errors } = parseMetricsCsv(csv);
  assertEquals(errors.length, 1);
  assertEquals(errors[0].line, 5);
  assertMatch(errors[0].message, /Repeats line 2/);
  const a = { date: "2026-03-01", country: "GB", track: "Night Drive " };
  assertEquals(metricKey(a), metricKey({ ...a, track: "night drive" }));
  assert(metricKey(a) !== metricKey({ ...a, country: "FR" }));
});

Deno.test("parseMetricsCsv - errors are capped, and the rest counted", () => {
  const bad = Array.from({ length: 130 }, (_, i) => row("2026-03-01", `T${i}`, "GB", "-1"));
  const { errors } = parseMetricsCsv([HEADER, ...bad].join("\n"));
  assertEquals(errors.length, 101);
  assertEquals(errors[99].line, 101);
  assertEquals(errors[100], { line: 102, field: null, message: "…and 30 more errors not listed" });
  assertEquals(parseMetricsCsv([HEADER, ...bad].join("\n"), { maxErrors: 5 }).errors.length, 6);
});

Deno.test("parseMetricsCsv - empty files, no rows, too many rows, broken quotes", () => {
  assertMatch(parseMetricsCsv("").errors[0].message, /empty/);
  assertMatch(parseMetricsCsv(`${HEADER}\n\n`).errors[0].message, /no rows/);
  const many = [HEADER, ...Array.from({ length: 5 }, (_, i) => row("2026-03-01", `T${i}`))];
  const capped = parseMetricsCsv(many.join("\n"), { maxRows: 3 });
  assertEquals(capped.errors.map((e) => e.line), [5]);
  assertMatch(capped.errors[0].message, /more than 3 rows/);
  const open = parseMetricsCsv(
    `${HEADER}\n${row("2026-03-01", "A")}\n2026-03-01,"B,GB,1,1,1,1,1\n`,
  );
  assertEquals(open.rows, []);
  assertEquals(open.errors.map((e) => e.line), [3]);
});
