/**
 * The one formatting layer for what people read: money, dates and times (absolute and relative)
 * and status labels. Server pages and islands both use it, so the same amount or moment reads the
 * same everywhere ("€300", not "EUR 300.00" here and "€300" there).
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

/** The locale pages render in until people can choose one. */
export const DEFAULT_LOCALE = "en-GB";

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units (cents) → major units for `currency` (JPY has none, BHD three). */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

/**
 * 45000 EUR → "€450", 45050 EUR → "€450.50", 45000 JPY → "¥45,000": whole amounts without
 * ".00", by locale and currency. An unknown currency code reads "450 XYZ".
 */
export function formatMoney(minor: number, currency: string, locale = DEFAULT_LOCALE): string {
  const digits = fractionDigits(currency);
  const major = minor / 10 ** digits;
  const whole = Number.isInteger(major);
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      maximumFractionDigits: whole ? 0 : digits,
      minimumFractionDigits: whole ? 0 : digits,
    }).format(major);
  } catch {
    return `${major} ${currency}`;
  }
}

/** "€300–€800", "from €300", "up to €800", or null. */
export function formatRange(
  min: number | null,
  max: number | null,
  currency: string | null,
  locale = DEFAULT_LOCALE,
): string | null {
  if (!currency || (min == null && max == null)) return null;
  if (min != null && max != null) {
    return min === max
      ? formatMoney(min, currency, locale)
      : `${formatMoney(min, currency, locale)}–${formatMoney(max, currency, locale)}`;
  }
  return min != null
    ? `from ${formatMoney(min, currency, locale)}`
    : `up to ${formatMoney(max!, currency, locale)}`;
}

/** `tz` when it is an IANA zone this runtime knows, else "UTC". */
export function validZone(tz: string | null | undefined): string {
  if (!tz) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

/** "Friday 12 December" in time zone `tz` (UTC when unknown). */
export function formatDay(at: Date | string, tz: string | null, locale = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: validZone(tz),
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(new Date(at));
}

/** "20:30" in time zone `tz`. */
export function formatTime(at: Date | string, tz: string | null, locale = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: validZone(tz),
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(at));
}

/** "4 Dec 2026" in time zone `tz`: a short date for lists and receipts. */
export function formatDate(at: Date | string, tz: string | null, locale = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: validZone(tz),
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(at));
}

/** "Fri 4 Dec 2026, 20:41 GMT": the full local time, with its zone, for hovers and receipts. */
export function formatDateTime(
  at: Date | string,
  tz: string | null,
  locale = DEFAULT_LOCALE,
): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: validZone(tz),
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZoneName: "short",
  }).format(new Date(at)).replace(/^(\w+),/, "$1");
}

/** The calendar date (YYYY-MM-DD) of `at` in time zone `tz`. */
export function localDate(at: Date | string, tz: string | null): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: validZone(tz),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(at));
}

/** The local hour (0–23) of `at` in time zone `tz`. */
export function localHour(at: Date | string, tz: string | null): number {
  return Number(formatTime(at, tz).slice(0, 2));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 min ago", "2 hr ago", "yesterday", "in 3 days", "last week", "in 2 months":
 * past and future alike. Day-sized distances count calendar days in `tz`, so 23:00 yesterday
 * reads "yesterday" at 08:00 today.
 */
export function formatRelative(
  at: Date | string,
  now: Date = new Date(),
  tz: string | null = null,
  locale = DEFAULT_LOCALE,
): string {
  const then = new Date(at);
  const diff = then.getTime() - now.getTime();
  const abs = Math.abs(diff);
  // Short units for the near past ("5 min ago"), words for the rest ("in 2 weeks").
  const near = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (abs < 45_000) return "just now";
  if (abs < 45 * MINUTE) return near.format(Math.round(diff / MINUTE), "minute");
  const days = calendarDays(now, then, tz);
  if (days === 0 || abs < 6 * HOUR) return near.format(Math.round(diff / HOUR), "hour");
  if (Math.abs(days) < 7) return rtf.format(days, "day");
  if (Math.abs(days) < 28) return rtf.format(Math.round(days / 7), "week");
  if (Math.abs(days) < 335) return rtf.format(Math.round(days / 30.44), "month");
  return rtf.format(Math.round(days / 365.25), "year");
}

/** Whole calendar days from `a` to `b` in zone `tz`. */
function calendarDays(a: Date, b: Date, tz: string | null): number {
  const day = (d: Date) => Date.parse(`${localDate(d, tz)}T00:00:00Z`) / DAY;
  return Math.round(day(b) - day(a));
}

/** What a `<time>` element shows: machine value, visible relative text, full local time on hover. */
export interface TimeParts {
  /** ISO 8601 instant for the `datetime` attribute. */
  datetime: string;
  /** "2 hr ago". */
  text: string;
  /** "Fri 4 Dec 2026, 15:41 GMT-5 (New York)": in `tz` when known, else UTC (and it says so). */
  title: string;
}

/** The parts of `<time datetime=ISO title="full local time">relative</time>`. */
export function timeParts(
  at: Date | string,
  opts: { tz?: string | null; now?: Date; locale?: string } = {},
): TimeParts {
  const d = new Date(at);
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const zone = validZone(opts.tz);
  // "GMT-5" alone leaves people guessing whose clock that is: name the zone's city too.
  const city = zone.includes("/") ? ` (${zone.split("/").at(-1)!.replaceAll("_", " ")})` : "";
  return {
    datetime: d.toISOString(),
    text: formatRelative(d, opts.now ?? new Date(), opts.tz ?? null, locale),
    title: city
      ? formatDateTime(d, zone, locale) + city
      : formatDateTime(d, zone, locale).replace(/ GMT$/, " UTC"),
  };
}

export * from "./status_labels.ts";
