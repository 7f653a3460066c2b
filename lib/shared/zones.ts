/**
 * Whose time zone a time is shown in. Pages show times in the viewer's zone (their profile's);
 * an event's start is shown in the event's own zone, followed by the viewer's wall clock when it
 * differs ("Friday 12 December, 19:00 (13:00 your time)"). Signed-out visitors have no zone: they
 * see the event's where there is one, else UTC, labelled so.
 *
 * Browser-safe and import-free apart from format.ts: islands may bundle it.
 *
 * @module
 */
import { DEFAULT_LOCALE, formatDay, formatTime, localDate, validZone } from "./format.ts";

/** `tz` when this runtime knows it as a zone, else null. */
export function knownZone(tz: string | null | undefined): string | null {
  if (!tz) return null;
  return validZone(tz) === tz ? tz : null;
}

/** The zone to show a moment in: the viewer's, else the event's, else null (UTC, labelled). */
export function displayZone(
  viewer: string | null | undefined,
  event?: string | null,
): string | null {
  return knownZone(viewer) ?? knownZone(event);
}

/** "America/New_York" → "New York", "America/Argentina/Salta" → "Salta"; "UTC" stays. */
export function zoneCity(tz: string): string {
  const last = tz.split("/").at(-1) ?? tz;
  return last.replaceAll("_", " ");
}

/**
 * What the viewer's clock reads when an event starts, for beside the event's own time: "13:00
 * your time", or "Sat 01:00 your time" when that falls on another day. Null when the viewer has
 * no zone or theirs reads the same (Paris and Berlin).
 */
export function yourTime(
  at: Date | string,
  eventTz: string | null,
  viewerTz: string | null | undefined,
  locale = DEFAULT_LOCALE,
): string | null {
  const viewer = knownZone(viewerTz);
  if (!viewer) return null;
  const event = knownZone(eventTz);
  const there = `${localDate(at, event)} ${formatTime(at, event, locale)}`;
  const here = `${localDate(at, viewer)} ${formatTime(at, viewer, locale)}`;
  if (there === here) return null;
  const time = formatTime(at, viewer, locale);
  if (localDate(at, event) === localDate(at, viewer)) return `${time} your time`;
  const day = new Intl.DateTimeFormat(locale, { timeZone: viewer, weekday: "short" })
    .format(new Date(at));
  return `${day} ${time} your time`;
}

/**
 * An event's start as text: "Friday 12 December, 19:00" in the event's zone (the viewer's, else
 * UTC, when it has none), then "(13:00 your time)" when the viewer's clock reads otherwise.
 */
export function eventTimeText(
  at: Date | string,
  eventTz: string | null,
  viewerTz: string | null | undefined,
  opts: { sep?: string; locale?: string } = {},
): string {
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const zone = displayZone(eventTz, viewerTz);
  const text = `${formatDay(at, zone, locale)}${opts.sep ?? ", "}${formatTime(at, zone, locale)}`;
  const mine = yourTime(at, zone, viewerTz, locale);
  return mine ? `${text} (${mine})` : text;
}
