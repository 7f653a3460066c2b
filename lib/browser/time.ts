/**
 * Times on forms: date and time inputs (or `datetime-local`) read in a named time zone, and the
 * zone named beside them.
 */

/** The UTC instant of wall-clock `local` ("2026-12-05T20:00") in IANA zone `tz`. */
export function zonedToUtc(local: string, tz: string): Date | null {
  const m = local.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset even across a daylight-saving change.
  let t = guess - offsetMs(guess, tz);
  t = guess - offsetMs(t, tz);
  return new Date(t);
}

/** The zone's offset from UTC at instant `t`, in ms. */
function offsetMs(t: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The `datetime-local` value of instant `at` in zone `tz`. */
export function utcToLocalInput(at: Date | string, tz: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** "UTC+1", "UTC-3", "UTC+5:30", "UTC+0": zone `tz`'s offset at instant `at`. */
export function utcOffsetLabel(tz: string, at: Date | string = new Date()): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "shortOffset" })
    .formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const offset = name.replace(/^GMT/, "");
  return `UTC${offset || "+0"}`;
}

/** What a time field's zone reads as: "Lisbon time, UTC+0" (a city), else "Europe/Lisbon, UTC+0". */
export function zoneNote(tz: string, city?: string | null, at?: Date | string): string {
  try {
    return `${city ? `${city} time` : tz}, ${utcOffsetLabel(tz, at)}`;
  } catch {
    return tz;
  }
}

/** A date input's and a time input's values joined as `datetime-local` ("2026-12-05T20:00"). */
export function joinLocal(date: string | undefined, time: string | undefined): string {
  const d = (date ?? "").trim();
  if (!d) return "";
  return `${d}T${(time ?? "").trim() || "00:00"}`;
}

/** Major units typed on a form ("250", "99.50") → integer minor units; blank → undefined. */
export function toMinor(v: FormDataEntryValue | null): number | string | undefined {
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const n = Number(v.replace(",", "."));
  return Number.isFinite(n) ? Math.round(n * 100) : v; // a non-number goes on for zod to name
}

export const TIME_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Madrid",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/Rome",
  "Europe/Vienna",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Mexico_City",
  "America/Sao_Paulo",
  "America/Buenos_Aires",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Asia/Singapore",
  "Australia/Sydney",
  "Africa/Lagos",
  "Africa/Johannesburg",
] as const;
