/**
 * iCalendar feeds → drafts. Each VEVENT's DTSTART is read in its TZID (an IANA name, a Windows
 * name, or else the feed's own VTIMEZONE rules), as UTC for `Z` times, and in the feed's
 * X-WR-TIMEZONE or the caller's default zone when floating; an all-day DATE starts at midnight
 * there. Recurring events expand within the window (rrule.ts), minus EXDATEs, plus RDATEs, with
 * RECURRENCE-ID instances replacing the occurrences they override. STATUS:CANCELLED is dropped.
 *
 * A single event's source_uid is its UID; an occurrence's is the UID plus the occurrence's
 * original start (its RECURRENCE-ID), so a moved occurrence keeps its identity.
 *
 * @module
 */
import type { ExternalGigDraft, ParseResult } from "../types.ts";
import {
  inWindow,
  type ParseContext,
  resolveZone,
  splitLocation,
  toDraft,
  wallToUtc,
} from "../normalise.ts";
import {
  type Component,
  parseComponents,
  parseDuration,
  parseIcalDate,
  type Prop,
  prop,
  props,
  unescapeText,
} from "./ical_lines.ts";
import { expand, parseRule } from "./rrule.ts";
import { vtimezoneOffsets } from "./ical_tz.ts";
import { wallToUtcWith } from "./zones.ts";

const DAY = 86_400_000;

interface Zone {
  /** What the draft records: an IANA name ("UTC" for a zone known only by its VTIMEZONE). */
  name: string;
  toUtc(wall: number): number;
}

const UTC_ZONE: Zone = { name: "UTC", toUtc: (w) => w };

interface Time {
  wall: number;
  utc: number;
  date: boolean;
  zone: Zone;
}

class ItemError extends Error {}

export function parseIcal(body: string, ctx: ParseContext): ParseResult {
  let root: Component;
  try {
    root = parseComponents(body);
  } catch (err) {
    return { events: [], errors: [{ item: "feed", message: (err as Error).message }] };
  }
  const cal = root.children.find((c) => c.type === "VCALENDAR") ?? root;
  const zones = new Map<string, Zone | null>();
  const vtz = new Map(
    cal.children.filter((c) => c.type === "VTIMEZONE").map((
      c,
    ) => [prop(c, "TZID")?.value ?? "", c]),
  );
  const zoneFor = (tzid: string): Zone | null => {
    let z = zones.get(tzid);
    if (z !== undefined) return z;
    const iana = resolveZone(tzid) ??
      resolveZone(prop(vtz.get(tzid) ?? cal, "X-LIC-LOCATION")?.value ?? "");
    if (iana) z = iana === "UTC" ? UTC_ZONE : { name: iana, toUtc: (w) => wallToUtc(w, iana) };
    else {
      const def = vtz.get(tzid);
      const offsetAt = def ? vtimezoneOffsets(def, ctx.window.to + 400 * DAY) : null;
      z = offsetAt ? { name: "UTC", toUtc: (w) => wallToUtcWith(w, offsetAt) } : null;
    }
    zones.set(tzid, z);
    return z;
  };
  const calTz = prop(cal, "X-WR-TIMEZONE")?.value;
  const floating = (calTz && zoneFor(calTz)) || zoneFor(ctx.defaultTimezone) || UTC_ZONE;

  const readTime = (p: Prop, value = p.value): Time => {
    const d = parseIcalDate(value);
    if (!d) throw new ItemError(`${p.name} "${value}" is not a date`);
    let zone = floating;
    if (d.utc) zone = UTC_ZONE;
    else if (p.params.TZID && !d.date) {
      const z = zoneFor(p.params.TZID);
      if (!z) throw new ItemError(`unknown time zone "${p.params.TZID}" in ${p.name}`);
      zone = z;
    }
    return { wall: d.wall, utc: zone.toUtc(d.wall), date: d.date, zone };
  };
  const readTimes = (ps: Prop[]): Time[] =>
    ps.flatMap((p) => p.value.split(",").filter((v) => v.trim()).map((v) => readTime(p, v)));

  const events: ExternalGigDraft[] = [];
  const errors: ParseResult["errors"] = [];
  const vevents = cal.children.filter((c) => c.type === "VEVENT");
  const itemName = (c: Component) => prop(c, "UID")?.value.trim() || `VEVENT at line ${c.line}`;
  const cancelled = (c: Component) => prop(c, "STATUS")?.value.trim().toUpperCase() === "CANCELLED";

  // Overrides by UID and the instant of the occurrence they replace.
  const overrides = new Map<string, Map<number, Component>>();
  for (const c of vevents) {
    const rid = prop(c, "RECURRENCE-ID");
    if (!rid) continue;
    try {
      const at = readTime(rid).utc;
      const uid = itemName(c);
      if (!overrides.has(uid)) overrides.set(uid, new Map());
      overrides.get(uid)!.set(at, c);
    } catch (err) {
      errors.push({ item: itemName(c), message: (err as Error).message });
    }
  }

  const emit = (c: Component, uid: string, start: number, end: number | null, zone: Zone) => {
    if (!inWindow(start, ctx.window)) return;
    const loc = splitLocation(unescapeText(prop(c, "LOCATION")?.value ?? ""));
    const geo = prop(c, "GEO")?.value.split(/[;,]/).map(Number);
    const d = toDraft({
      uid,
      title: unescapeText(prop(c, "SUMMARY")?.value ?? ""),
      description: unescapeText(prop(c, "DESCRIPTION")?.value ?? ""),
      startsAt: start,
      endsAt: end,
      timezone: zone.name,
      venue: loc.venue,
      city: loc.city,
      country: loc.country,
      lat: geo?.length === 2 ? geo[0] : null,
      lng: geo?.length === 2 ? geo[1] : null,
      url: prop(c, "URL")?.value.trim() ?? null,
      base: ctx.base,
    });
    if (typeof d === "string") errors.push({ item: uid, message: d });
    else events.push(d);
  };

  /** One event's start, and its length (null when it has no end). */
  const timing = (c: Component): { start: Time; length: number | null } => {
    const dt = prop(c, "DTSTART");
    if (!dt) throw new ItemError("it has no DTSTART");
    const start = readTime(dt);
    const dtend = prop(c, "DTEND"), dur = prop(c, "DURATION");
    let length: number | null = null;
    if (dtend) length = readTime(dtend).utc - start.utc;
    else if (dur) length = parseDuration(dur.value);
    else if (start.date) length = DAY;
    return { start, length: length !== null && length >= 0 ? length : null };
  };

  for (const c of vevents) {
    if (prop(c, "RECURRENCE-ID")) continue;
    const name = itemName(c);
    try {
      if (cancelled(c)) {
        overrides.delete(name);
        continue;
      }
      const { start, length } = timing(c);
      const rrule = prop(c, "RRULE");
      const rdates = props(c, "RDATE");
      if (!rrule && !rdates.length) {
        emit(c, name, start.utc, length === null ? null : start.utc + length, start.zone);
        continue;
      }
      let walls = [start.wall];
      if (rrule) {
        const rule = parseRule(rrule.value, (v) => {
          const d = parseIcalDate(v);
          return d ? (d.utc ? { utc: d.wall } : { wall: d.wall, date: d.date }) : null;
        });
        if (typeof rule === "string") throw new ItemError(`RRULE: ${rule}`);
        walls = expand(rule, start.wall, start.zone.toUtc, ctx.window.to);
      }
      // Each occurrence's instant and its wall time (EXDATE;VALUE=DATE compares days).
      const instants = new Map(walls.map((w) => [start.zone.toUtc(w), w]));
      for (const t of readTimes(rdates)) instants.set(t.utc, t.wall);
      const ex = readTimes(props(c, "EXDATE"));
      const exAt = new Set(ex.filter((t) => !t.date).map((t) => t.utc));
      const exDays = new Set(ex.filter((t) => t.date).map((t) => t.wall));
      const mine = overrides.get(name);
      for (const [at, wall] of [...instants].sort((a, b) => a[0] - b[0])) {
        const day = Math.floor(wall / DAY) * DAY;
        if (exAt.has(at) || exDays.has(day)) continue;
        const uid = `${name}|${new Date(at).toISOString()}`;
        const over = mine?.get(at);
        if (over) {
          mine!.delete(at);
          if (cancelled(over)) continue;
          const t = timing(over);
          const end = t.length === null ? null : t.start.utc + t.length;
          emit(
            over,
            uid,
            t.start.utc,
            end ?? (length === null ? null : t.start.utc + length),
            t.start.zone,
          );
        } else emit(c, uid, at, length === null ? null : at + length, start.zone);
      }
    } catch (err) {
      if (!(err instanceof ItemError)) throw err;
      errors.push({ item: name, message: err.message });
    }
  }
  // Overrides whose occurrence the rule did not produce (or whose master is absent) still are
  // events of their own.
  for (const [name, byAt] of overrides) {
    for (const [at, c] of byAt) {
      if (cancelled(c)) continue;
      try {
        const t = timing(c);
        const uid = `${name}|${new Date(at).toISOString()}`;
        emit(c, uid, t.start.utc, t.length === null ? null : t.start.utc + t.length, t.start.zone);
      } catch (err) {
        if (!(err instanceof ItemError)) throw err;
        errors.push({ item: name, message: err.message });
      }
    }
  }
  return { events, errors };
}
