/**
 * Dates as web pages, feeds and spreadsheets write them. ISO 8601 with an offset is an instant;
 * without one it is a wall time in the source's zone (the caller's `defaultTimezone`, which a
 * source sets when it is added); a date alone is that day's midnight there. English prose
 * ("Saturday 12 December 2026 at 8pm", "Dec 12, 7:30 PM") is read by `findDateInText`.
 *
 * @module
 */
import { parseOffset, wallToUtc, zoneOffset } from "./zones.ts";

export interface FoundDate {
  utc: number;
  /** The IANA zone to record with it. */
  zone: string;
  /** Only a day was given (no time). */
  date: boolean;
}

/**
 * The zone to record for an instant given with a bare offset: the source's zone when its offset
 * then agrees, "UTC" otherwise (an offset does not name a zone).
 */
export function zoneForOffset(offset: number, utc: number, tz: string): string {
  return zoneOffset(tz, utc) === offset ? tz : "UTC";
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** An ISO 8601 date or date-time (see the module doc for what a missing offset means). */
export function parseIsoDate(s: string, tz: string): FoundDate | null {
  const m = s.trim().match(ISO);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  const h = Number(m[4] ?? 0), mi = Number(m[5] ?? 0), sec = Number(m[6] ?? 0);
  if (h > 24 || mi > 59 || sec > 60) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (m[7]) {
    const raw = m[7].length === 3 ? `${m[7]}:00` : m[7];
    const off = parseOffset(raw.toUpperCase());
    if (off === null) return null;
    const utc = wall - off;
    return { utc, zone: zoneForOffset(off, utc, tz), date: false };
  }
  return { utc: wallToUtc(wall, tz), zone: tz, date: m[4] === undefined };
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = String
  .raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY_MONTH = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\.?(?:,?\s+(\d{4}))?\b`,
  "i",
);
const MONTH_DAY = new RegExp(
  String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`,
  "i",
);
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const TIME =
  /\b(?:(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?|([01]?\d|2[0-3])[:.h]([0-5]\d))(?![\d:])/i;

/** "8pm", "7.30 p.m.", "20:00", "20h30" → [hour, minute], or null. */
export function parseClock(s: string): [number, number] | null {
  const m = s.match(TIME);
  if (!m) return null;
  if (m[3]) {
    let h = Number(m[1]);
    const mi = Number(m[2] ?? 0);
    if (h < 1 || h > 12 || mi > 59) return null;
    if (m[3].toLowerCase() === "p" && h !== 12) h += 12;
    if (m[3].toLowerCase() === "a" && h === 12) h = 0;
    return [h, mi];
  }
  return [Number(m[4]), Number(m[5])];
}

/**
 * The first date written in `text` (day-month or month-day in English, or ISO), with the time
 * written within a few words after it, in zone `tz`. A date without a year is its next
 * occurrence from a day before `now`.
 */
export function findDateInText(text: string, tz: string, now: Date): FoundDate | null {
  const hits: { at: number; end: number; y: number | null; m: number; d: number }[] = [];
  const a = text.match(DAY_MONTH);
  if (a?.index !== undefined) {
    hits.push({
      at: a.index,
      end: a.index + a[0].length,
      y: a[3] ? Number(a[3]) : null,
      m: MONTHS[a[2].toLowerCase().slice(0, a[2].toLowerCase().startsWith("sept") ? 4 : 3)],
      d: Number(a[1]),
    });
  }
  const b = text.match(MONTH_DAY);
  if (b?.index !== undefined) {
    hits.push({
      at: b.index,
      end: b.index + b[0].length,
      y: b[3] ? Number(b[3]) : null,
      m: MONTHS[b[1].toLowerCase().slice(0, b[1].toLowerCase().startsWith("sept") ? 4 : 3)],
      d: Number(b[2]),
    });
  }
  const c = text.match(ISO_DAY);
  if (c?.index !== undefined) {
    hits.push({
      at: c.index,
      end: c.index + c[0].length,
      y: Number(c[1]),
      m: Number(c[2]),
      d: Number(c[3]),
    });
  }
  hits.sort((x, y) => x.at - y.at);
  for (const h of hits) {
    if (h.m < 1 || h.m > 12 || h.d < 1) continue;
    let y = h.y ?? now.getUTCFullYear();
    if (h.d > daysIn(y, h.m)) continue;
    if (h.y === null && Date.UTC(y, h.m - 1, h.d) < now.getTime() - 2 * 86_400_000) y++;
    // The time: right after the date ("12 Dec 2026, 8pm", "… at 20:00 …"), else right before it.
    const after = text.slice(h.end, h.end + 40);
    const before = text.slice(Math.max(0, h.at - 25), h.at);
    const clock = parseClock(after) ?? parseClock(before);
    const wall = Date.UTC(y, h.m - 1, h.d, clock?.[0] ?? 0, clock?.[1] ?? 0);
    return { utc: wallToUtc(wall, tz), zone: tz, date: !clock };
  }
  return null;
}
