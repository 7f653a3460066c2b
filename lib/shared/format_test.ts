/** The formatting layer: money, absolute and relative times, and every status's label. */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatMoney,
  formatRange,
  formatRelative,
  formatTime,
  STATUS_LABELS,
  type StatusKind,
  statusLabel,
  timeParts,
} from "./format.ts";

Deno.test("format - money: symbol by currency, no .00 on whole amounts, cents when present", () => {
  assertEquals(formatMoney(30000, "EUR"), "€300");
  assertEquals(formatMoney(30050, "EUR"), "€300.50");
  assertEquals(formatMoney(30005, "EUR"), "€300.05");
  assertEquals(formatMoney(123456789, "USD", "en-US"), "$1,234,567.89");
  assertEquals(formatMoney(45000, "GBP"), "£450");
  assertEquals(formatMoney(45000, "JPY"), "JP¥45,000", "JPY has no minor unit");
  assertEquals(formatMoney(30000, "EUR", "de-DE"), "300\u00a0€");
  assertEquals(formatMoney(30000, "XYZ"), "XYZ\u00a0300");
  assertEquals(formatRange(30000, 80000, "EUR"), "€300–€800");
  assertEquals(formatRange(30000, null, "EUR"), "from €300");
  assertEquals(formatRange(null, 80000, "EUR"), "up to €800");
  assertEquals(formatRange(null, null, "EUR"), null);
});

Deno.test("format - absolute dates and times in the given zone, UTC when unknown", () => {
  const at = "2026-12-04T20:41:40Z";
  assertEquals(formatDay(at, "Europe/Lisbon"), "Friday 4 December");
  assertEquals(formatTime(at, "America/New_York"), "15:41");
  assertEquals(formatTime(at, "Not/AZone"), "20:41");
  assertEquals(formatDate(at, null), "4 Dec 2026");
  assertEquals(formatDateTime(at, null), "Fri 4 Dec 2026, 20:41 UTC");
  assertEquals(formatDateTime(at, "Asia/Tokyo"), "Sat 5 Dec 2026, 05:41 GMT+9");
});

Deno.test("format - relative times, past and future", () => {
  const now = new Date("2026-12-05T08:00:00Z");
  const rel = (iso: string, tz: string | null = null) => formatRelative(iso, now, tz);
  assertEquals(rel("2026-12-05T07:59:30Z"), "just now");
  assertEquals(rel("2026-12-05T07:55:00Z"), "5 min ago");
  assertEquals(rel("2026-12-05T06:00:00Z"), "2 hr ago");
  assertEquals(rel("2026-12-05T10:00:00Z"), "in 2 hr");
  assertEquals(rel("2026-12-04T23:00:00Z"), "yesterday", "a calendar day back, 9 hours ago");
  assertEquals(rel("2026-12-06T20:00:00Z"), "tomorrow");
  assertEquals(rel("2026-12-08T19:00:00Z"), "in 3 days");
  assertEquals(rel("2026-12-20T19:00:00Z"), "in 2 weeks");
  assertEquals(rel("2027-03-20T19:00:00Z"), "in 3 months");
  assertEquals(rel("2024-12-01T19:00:00Z"), "2 years ago");
  // 02:00 UTC on the 5th is 21:00 on the 4th in New York, where it is now 03:00 on the 5th.
  assertEquals(rel("2026-12-05T02:00:00Z"), "6 hr ago");
  assertEquals(rel("2026-12-05T02:00:00Z", "America/New_York"), "yesterday");
});

Deno.test("format - <time> parts: ISO datetime, relative text, full local time on hover", () => {
  const now = new Date("2026-12-05T08:00:00Z");
  assertEquals(timeParts("2026-12-04T20:41:40Z", { now }), {
    datetime: "2026-12-04T20:41:40.000Z",
    text: "yesterday",
    title: "Fri 4 Dec 2026, 20:41 UTC",
  });
  assertEquals(
    timeParts("2026-12-04T20:41:40Z", { now, tz: "Europe/Lisbon" }).title,
    "Fri 4 Dec 2026, 20:41 WET (Lisbon)",
  );
});

Deno.test("format - status labels read as people say them", () => {
  assertEquals(statusLabel("application", "submitted"), "Applied");
  assertEquals(statusLabel("booking", "CONFIRMED"), "Confirmed");
  assertEquals(statusLabel("gig", "published"), "Open");
  assertEquals(statusLabel("payment", "held"), "Held in escrow");
  assertEquals(statusLabel("subscription", "past_due"), "Payment overdue");
  assertEquals(statusLabel("dj_run", "exported"), "In your Spotify");
  assertEquals(statusLabel("gig", "some_new_state"), "Some new state");
  assertEquals(statusLabel("gig", null), "");
});

/** Each status check constraint and the label map that covers it. */
const CHECKS: [string, string, StatusKind][] = [
  ["applications_status_check", "status", "application"],
  ["gigs_status_check", "status", "gig"],
  ["bookings_status_check", "status", "booking"],
  ["payments_state_check", "state", "payment"],
  ["payments_payout_state_check", "payout_state", "payout"],
  ["payments_refund_state_check", "refund_state", "refund"],
  ["payments_charge_state_check", "charge_state", "charge"],
  ["disputes_state_check", "state", "dispute"],
  ["payout_accounts_status_check", "status", "payout_account"],
  ["subscriptions_status_check", "status", "subscription"],
  ["songs_status_check", "status", "song"],
  ["song_masters_status_check", "status", "master"],
  ["song_meters_status_check", "status", "master"],
  ["dj_runs_status_check", "status", "dj_run"],
  ["spotify_connections_status_check", "status", "spotify"],
  ["artist_imports_status_check", "status", "artist_import"],
  ["artist_plans_status_check", "status", "artist_plan"],
  ["artist_drawings_status_check", "status", "artist_drawing"],
  ["scout_runs_status_check", "status", "scout_run"],
  ["outbox_status_check", "status", "outbox"],
  ["reports_status_check", "status", "report"],
];

Deno.test("format - every status a check constraint allows has its own label", async () => {
  const dir = new URL("../../supabase/migrations/", import.meta.url);
  let sql = "";
  const names = [];
  for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".sql")) names.push(e.name);
  for (const n of names.sort()) sql += await Deno.readTextFile(new URL(n, dir)) + "\n";
  for (const [name, column, kind] of CHECKS) {
    // The latest definition wins: later migrations widen some checks.
    const re = new RegExp(`${name}\\s+check\\s*\\(\\s*${column}\\s+in\\s*\\(([^)]*)\\)`, "g");
    const defs = [...sql.matchAll(re)];
    assert(defs.length > 0, `${name} found in the migrations`);
    const values = [...defs.at(-1)![1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    for (const v of values) {
      assert(v in STATUS_LABELS[kind], `${kind} labels "${v}" (${name})`);
    }
  }
});
