/**
 * The content plan as an iCalendar file (RFC 5545), for any calendar app to subscribe to or
 * import: one VEVENT per release or post. UIDs come from the event ids, so re-importing an
 * updated plan updates events instead of duplicating them. A dated entry without a time is an
 * all-day event (`VALUE=DATE`, its own calendar day wherever the reader is); a timed one is
 * written in UTC (`Z`) and each app shows it in its own zone.
 *
 * The format's rules that trip exporters are applied here: CRLF line ends, TEXT escaping
 * (backslash, `;`, `,`, line breaks) and folding at 75 octets counted in UTF-8, never inside a
 * character.
 *
 * @module
 */
import { z } from "zod";

export const CALENDAR_KINDS = ["release", "post"] as const;

/** One entry of the plan as the export reads it. */
export const CalendarEvent = z.object({
  id: z.uuid(),
  kind: z.enum(CALENDAR_KINDS),
  starts_at: z.iso.datetime({ offset: true }).describe("For an all-day entry, its date counts"),
  all_day: z.boolean(),
  title: z.string().trim().min(1).max(300),
  description: z.string().nullable(),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export interface ICalendarOptions {
  /** Shown as the calendar's name (X-WR-CALNAME). */
  calendarName: string;
  prodId?: string;
  /** DTSTAMP: when the file was made (default: now). */
  now?: Date;
  /** The right-hand side of each UID (default "soundcheck.local"). */
  uidDomain?: string;
}

export const DEFAULT_PRODID = "-//Soundcheck//Virtual artists//EN";
const MAX_OCTETS = 75;

/** A TEXT value escaped per RFC 5545 §3.3.11; other control characters are dropped. */
export function escapeText(text: string): string {
  return text.toWellFormed()
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, "\\n")
    // deno-lint-ignore no-control-regex
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * `line` folded (RFC 5545 §3.1): physical lines of at most 75 octets, each continuation starting
 * with one space (which counts), split only between characters.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A UTC DATE-TIME: 20260301T180000Z. */
export function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** The calendar day an all-day entry is on: the date written in `starts_at`, not its UTC day. */
function dayOf(startsAt: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(startsAt);
  if (!m) throw new Error(`calendar: ${JSON.stringify(startsAt)} does not start with a date`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const dateValue = (d: Date) => utcStamp(d).slice(0, 8);

function eventLines(e: CalendarEvent, stamp: string, domain: string): string[] {
  const lines = ["BEGIN:VEVENT", `UID:${e.id}@${domain}`, `DTSTAMP:${stamp}`];
  if (e.all_day) {
    const day = dayOf(e.starts_at);
    const next = new Date(day.getTime() + 86_400_000);
    lines.push(`DTSTART;VALUE=DATE:${dateValue(day)}`, `DTEND;VALUE=DATE:${dateValue(next)}`);
  } else {
    const at = new Date(e.starts_at);
    if (Number.isNaN(at.getTime())) {
      throw new Error(`calendar: ${JSON.stringify(e.starts_at)} is not a date-time`);
    }
    lines.push(`DTSTART:${utcStamp(at)}`);
  }
  lines.push(`SUMMARY:${escapeText(e.title)}`);
  if (e.description?.trim()) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  // A release day or a post does not make anyone busy.
  lines.push(`CATEGORIES:${escapeText(e.kind)}`, "TRANSP:TRANSPARENT", "END:VEVENT");
  return lines;
}

/** The events as one VCALENDAR, CRLF-terminated. */
export function toICalendar(events: readonly CalendarEvent[], opts: ICalendarOptions): string {
  const stamp = utcStamp(opts.now ?? new Date());
  const domain = opts.uidDomain ?? "soundcheck.local";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(opts.prodId ?? DEFAULT_PRODID)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.calendarName)}`,
    ...events.flatMap((e) => eventLines(e, stamp, domain)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
