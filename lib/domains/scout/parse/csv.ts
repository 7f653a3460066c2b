/**
 * Uploaded CSV → drafts, through the project's one CSV reader (lib/shared/csv.ts). The header
 * names the columns, in any order and under common aliases (title/event/name, date, time,
 * start, timezone/tz, venue, city, country, fee, currency, url/link, genres…). A row that
 * cannot be read is an error naming its line (the header is line 1), the others are kept.
 *
 * Dates: ISO (2026-12-31), day first (31/12/2026, 31.12.2026; month first only when the day
 * cannot be a month), or English (31 Dec 2026); times 20:00, 8pm, 20h30. A `start` column may
 * hold both, with an offset or not. Times are wall times in the row's `timezone`, else the
 * source's default zone.
 *
 * @module
 */
import { CsvError, readCsv } from "../../../shared/csv.ts";
import type { ExternalGigDraft, ParseResult } from "../types.ts";
import { type Fee, inWindow, type ParseContext, resolveZone, toDraft } from "../normalise.ts";
import { findDateInText, type FoundDate, parseClock, parseIsoDate } from "./dates.ts";
import { readMoney } from "./fees.ts";
import { wallToUtc } from "./zones.ts";

type Field =
  | "title"
  | "description"
  | "date"
  | "time"
  | "start"
  | "end"
  | "timezone"
  | "venue"
  | "city"
  | "country"
  | "fee"
  | "currency"
  | "url"
  | "genres"
  | "lat"
  | "lng"
  | "uid";

const ALIASES: Record<Field, string[]> = {
  title: ["title", "event", "eventname", "eventtitle", "name", "gig", "gigtitle", "summary"],
  description: ["description", "details", "notes", "info", "about"],
  date: ["date", "day", "eventdate", "startdate", "gigdate"],
  time: ["time", "starttime", "showtime", "settime"],
  start: ["start", "startsat", "startdatetime", "datetime", "when", "begins"],
  end: ["end", "endsat", "enddatetime", "finish", "endtime"],
  timezone: ["timezone", "tz", "zone", "timezonename"],
  venue: ["venue", "venuename", "location", "place", "club"],
  city: ["city", "town"],
  country: ["country", "countrycode"],
  fee: ["fee", "pay", "payment", "gage", "budget", "performerfee", "artistfee"],
  currency: ["currency", "cur", "currencycode"],
  url: ["url", "link", "website", "eventurl", "web"],
  genres: ["genres", "genre", "style", "styles", "tags"],
  lat: ["lat", "latitude"],
  lng: ["lng", "lon", "long", "longitude"],
  uid: ["id", "uid", "ref", "reference", "eventid"],
};
const BY_ALIAS = new Map<string, Field>(
  (Object.entries(ALIASES) as [Field, string[]][]).flatMap(([f, names]) =>
    names.map((n) => [n, f])
  ),
);
const fold = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");

/** A day written on its own (see the module doc), as [y, m, d]. */
function readDay(s: string): [number, number, number] | null {
  let m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  m = s.match(/^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/);
  if (m) {
    const a = Number(m[1]), b = Number(m[2]);
    return b > 12 && a <= 12 ? [Number(m[3]), a, b] : [Number(m[3]), b, a];
  }
  return null;
}

function readStart(
  date: string,
  time: string,
  tz: string,
  now: Date,
): FoundDate | string {
  const whole = parseIsoDate(date.replace(/\s+/, "T"), tz) ?? parseIsoDate(date, tz);
  if (whole && !time) return whole;
  const day = readDay(date.trim());
  let wall: number | null = null;
  if (day) {
    const [y, m, d] = day;
    if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) {
      return `date "${date}" is not a calendar day`;
    }
    wall = Date.UTC(y, m - 1, d);
  } else if (whole) wall = Date.UTC(...isoDay(date));
  if (wall === null) {
    const prose = findDateInText(`${date} ${time}`, tz, now);
    if (prose) return prose;
    return `date "${date}" is not a date (write 2026-12-31 or 31/12/2026)`;
  }
  if (!time) return { utc: wallToUtc(wall, tz), zone: tz, date: true };
  const clock = parseClock(time);
  if (!clock) return `time "${time}" is not a time (write 20:00 or 8pm)`;
  return { utc: wallToUtc(wall + (clock[0] * 60 + clock[1]) * 60_000, tz), zone: tz, date: false };
}

const isoDay = (s: string): [number, number, number] => {
  const [y, m, d] = s.trim().slice(0, 10).split("-").map(Number);
  return [y, m - 1, d];
};

export function parseCsvEvents(body: string, ctx: ParseContext): ParseResult {
  const events: ExternalGigDraft[] = [];
  const errors: ParseResult["errors"] = [];
  const records = readCsv(body);
  let cols: Partial<Record<Field, number>> | null = null;
  try {
    for (const rec of records) {
      if (!cols) {
        cols = {};
        rec.fields.forEach((h, i) => {
          const f = BY_ALIAS.get(fold(h));
          if (f && cols![f] === undefined) cols![f] = i;
        });
        const missing = cols.title === undefined
          ? "title column (title, event or name)"
          : cols.date === undefined && cols.start === undefined
          ? "date column (date or start)"
          : null;
        if (missing) {
          return {
            events: [],
            errors: [{ item: "feed", message: `the header line has no ${missing}` }],
          };
        }
        continue;
      }
      const item = `line ${rec.line}`;
      const get = (
        f: Field,
      ) => (cols![f] === undefined ? "" : (rec.fields[cols![f]!] ?? "").trim());
      if (rec.problem) {
        errors.push({ item, message: rec.problem });
        continue;
      }
      const tzRaw = get("timezone");
      const tz = tzRaw ? resolveZone(tzRaw) : ctx.defaultTimezone;
      if (!tz) {
        errors.push({
          item,
          message: `timezone "${tzRaw}" is not a known time zone (e.g. Europe/Lisbon)`,
        });
        continue;
      }
      const dateText = get("start") || get("date");
      if (!dateText) {
        errors.push({ item, message: "it has no date" });
        continue;
      }
      const start = readStart(dateText, get("start") ? "" : get("time"), tz, ctx.now);
      if (typeof start === "string") {
        errors.push({ item, message: start });
        continue;
      }
      let end: number | null = null;
      if (get("end")) {
        const e = /^\d{1,2}[:.h]\d{2}$|^\d{1,2}\s*[ap]\.?m/i.test(get("end"))
          ? readStart(dateText.slice(0, 10), get("end"), tz, ctx.now)
          : readStart(get("end"), "", tz, ctx.now);
        if (typeof e !== "string") end = e.utc < start.utc ? e.utc + 86_400_000 : e.utc;
      }
      let fee: Fee | null | undefined = undefined;
      if (get("fee")) {
        const f = readMoney(get("fee"), get("currency"));
        if (typeof f === "string") {
          errors.push({ item, message: f });
          continue;
        }
        fee = f;
      }
      if (!inWindow(start.utc, ctx.window)) continue;
      const num = (s: string) => (s && Number.isFinite(Number(s)) ? Number(s) : null);
      const title = get("title");
      const d = toDraft({
        uid: get("uid") || `${title}|${new Date(start.utc).toISOString()}|${get("venue")}`,
        title,
        description: get("description"),
        startsAt: start.utc,
        endsAt: end,
        timezone: start.zone,
        venue: get("venue") || null,
        city: get("city") || null,
        country: get("country") || null,
        lat: num(get("lat")),
        lng: num(get("lng")),
        url: get("url") || null,
        genres: get("genres").split(/[,;|\/]/).map((g) => g.trim()).filter(Boolean),
        fee,
        base: ctx.base,
      });
      if (typeof d === "string") errors.push({ item, message: d });
      else events.push(d);
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    errors.push({ item: `line ${err.line}`, message: err.message.replace(/^Line \d+: /, "") });
  }
  if (!cols) return { events: [], errors: [{ item: "feed", message: "the file is empty" }] };
  return { events, errors };
}
