/**
 * Wall-clock times in named zones → UTC, with `Intl` (the runtime's tz database) and no table of
 * our own: the offset of a zone at an instant comes from `formatToParts`, cached per zone and
 * quarter hour (every modern transition falls on one).
 *
 * A local time that happens twice (the hour repeated when clocks go back) is the first one; a
 * local time that never happens (the hour skipped when clocks go forward) is read with the offset
 * from before the gap, so 02:30 becomes 03:30: both as RFC 5545 §3.3.5 says.
 *
 * @module
 */

/** A wall-clock time: month 1-12. */
export interface LocalTime {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(tz: string): Intl.DateTimeFormat | null {
  let f = formatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: tz,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null;
    }
    formatters.set(tz, f);
  }
  return f;
}

/**
 * The IANA name, spelt properly ("europe/lisbon" → "Europe/Lisbon"), or null when unknown. ICU
 * answers some current names with their old links ("Asia/Kolkata" → "Asia/Calcutta"), so the
 * name as given is kept and only its case is fixed.
 */
export function canonicalZone(tz: string): string | null {
  const name = tz.trim();
  const f = formatter(name);
  if (!f) return null;
  const resolved = f.resolvedOptions().timeZone;
  if (resolved.toLowerCase() === name.toLowerCase()) return resolved;
  return name.replace(/(^|[/_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

const offsets = new Map<string, number>();

/** The zone's offset from UTC in ms at instant `utc` (positive east of Greenwich). */
export function zoneOffset(tz: string, utc: number): number {
  const bucket = Math.floor(utc / 900_000);
  const key = `${tz}|${bucket}`;
  let off = offsets.get(key);
  if (off !== undefined) return off;
  const f = formatter(tz);
  if (!f) return 0;
  const at = bucket * 900_000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  off = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** The UTC instant of wall time `t` in `tz` (see the module doc for gaps and overlaps). */
export function localToUtc(t: LocalTime, tz: string): number {
  return localToUtcWith(t, (utc) => zoneOffset(tz, utc));
}

/** As `localToUtc`, for any offset function (a VTIMEZONE's rules). */
export function localToUtcWith(t: LocalTime, offsetAt: (utc: number) => number): number {
  return wallToUtcWith(Date.UTC(t.y, t.m - 1, t.d, t.h, t.mi, t.s), offsetAt);
}

/** As `localToUtc` for a wall time written as ms (`Date.UTC` of the wall clock's fields). */
export function wallToUtc(wall: number, tz: string): number {
  return tz === "UTC" ? wall : wallToUtcWith(wall, (utc) => zoneOffset(tz, utc));
}

/** As `wallToUtc`, for any offset function. */
export function wallToUtcWith(wall: number, offsetAt: (utc: number) => number): number {
  const early = offsetAt(wall - DAY);
  const late = offsetAt(wall + DAY);
  const a = wall - early;
  if (early === late) return a;
  const b = wall - late;
  const aOk = offsetAt(a) === early, bOk = offsetAt(b) === late;
  if (aOk && bOk) return Math.min(a, b);
  if (aOk) return a;
  if (bOk) return b;
  return a;
}

/** The wall time of instant `utc` in `tz`. */
export function utcToLocal(utc: number, tz: string): LocalTime {
  const d = new Date(utc + zoneOffset(tz, utc));
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

/** Windows zone names (Outlook and Exchange write these as TZID) → IANA, the common ones. */
const WINDOWS: Record<string, string> = {
  "UTC": "UTC",
  "Coordinated Universal Time": "UTC",
  "GMT Standard Time": "Europe/London",
  "Greenwich Standard Time": "Atlantic/Reykjavik",
  "W. Europe Standard Time": "Europe/Berlin",
  "Romance Standard Time": "Europe/Paris",
  "Central Europe Standard Time": "Europe/Budapest",
  "Central European Standard Time": "Europe/Warsaw",
  "E. Europe Standard Time": "Europe/Chisinau",
  "FLE Standard Time": "Europe/Kiev",
  "GTB Standard Time": "Europe/Bucharest",
  "Russian Standard Time": "Europe/Moscow",
  "Turkey Standard Time": "Europe/Istanbul",
  "Israel Standard Time": "Asia/Jerusalem",
  "South Africa Standard Time": "Africa/Johannesburg",
  "Arabian Standard Time": "Asia/Dubai",
  "India Standard Time": "Asia/Kolkata",
  "China Standard Time": "Asia/Shanghai",
  "Singapore Standard Time": "Asia/Singapore",
  "Tokyo Standard Time": "Asia/Tokyo",
  "Korea Standard Time": "Asia/Seoul",
  "AUS Eastern Standard Time": "Australia/Sydney",
  "New Zealand Standard Time": "Pacific/Auckland",
  "Eastern Standard Time": "America/New_York",
  "Central Standard Time": "America/Chicago",
  "Mountain Standard Time": "America/Denver",
  "US Mountain Standard Time": "America/Phoenix",
  "Pacific Standard Time": "America/Los_Angeles",
  "Alaskan Standard Time": "America/Anchorage",
  "Hawaiian Standard Time": "Pacific/Honolulu",
  "Atlantic Standard Time": "America/Halifax",
  "Newfoundland Standard Time": "America/St_Johns",
  "Central Standard Time (Mexico)": "America/Mexico_City",
  "E. South America Standard Time": "America/Sao_Paulo",
  "Argentina Standard Time": "America/Argentina/Buenos_Aires",
  "SA Pacific Standard Time": "America/Bogota",
};

/**
 * The IANA zone a TZID names: an IANA name, a Windows name, or a longer label with an IANA name
 * inside ("/mozilla.org/20070129_1/Europe/Berlin"); null when none of those.
 */
export function resolveZone(tzid: string): string | null {
  const raw = tzid.trim().replace(/^"|"$/g, "");
  if (!raw) return null;
  const win = WINDOWS[raw];
  if (win) return win;
  const direct = /^[A-Za-z_]+(?:\/[A-Za-z0-9_+\-]+)*$/.test(raw) ? canonicalZone(raw) : null;
  if (direct) return direct;
  const inside = raw.match(/[A-Z][a-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?/);
  return inside ? canonicalZone(inside[0]) : null;
}

/** "+01:00" / "-0530" / "Z" → ms east of UTC; null when not an offset. */
export function parseOffset(s: string): number | null {
  if (s === "Z" || s === "z") return 0;
  const m = s.match(/^([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?$/);
  if (!m) return null;
  const ms = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === "-" ? -ms : ms;
}
