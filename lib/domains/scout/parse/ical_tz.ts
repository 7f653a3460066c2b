/**
 * A feed's own VTIMEZONE, for a TZID that is neither an IANA nor a known Windows name: its
 * STANDARD and DAYLIGHT parts (DTSTART, TZOFFSETFROM, TZOFFSETTO, and a yearly RRULE or RDATEs)
 * become a list of transitions, and the offset at an instant is the one the last transition
 * before it set.
 *
 * @module
 */
import { type Component, parseIcalDate, prop, props } from "./ical_lines.ts";
import { expand, parseRule } from "./rrule.ts";
import { parseOffset } from "./zones.ts";

/** The zone's offset function, or null when the VTIMEZONE gives no usable offsets. */
export function vtimezoneOffsets(
  def: Component,
  untilUtc: number,
): ((utc: number) => number) | null {
  const transitions: [number, number][] = [];
  let earliest: [number, number] | null = null;
  for (const part of def.children) {
    if (part.type !== "STANDARD" && part.type !== "DAYLIGHT") continue;
    const from = parseOffset(prop(part, "TZOFFSETFROM")?.value.trim() ?? "");
    const to = parseOffset(prop(part, "TZOFFSETTO")?.value.trim() ?? "");
    const start = parseIcalDate(prop(part, "DTSTART")?.value ?? "");
    if (from === null || to === null || !start) continue;
    let walls = [start.wall];
    const rr = prop(part, "RRULE");
    if (rr) {
      const rule = parseRule(rr.value, (v) => {
        const d = parseIcalDate(v);
        return d ? (d.utc ? { utc: d.wall } : { wall: d.wall, date: d.date }) : null;
      });
      if (typeof rule !== "string") walls = expand(rule, start.wall, (w) => w - from, untilUtc);
    }
    for (const r of props(part, "RDATE")) {
      for (const v of r.value.split(",")) {
        const d = parseIcalDate(v);
        if (d) walls.push(d.wall);
      }
    }
    for (const w of walls) transitions.push([w - from, to]);
    if (!earliest || start.wall - from < earliest[0]) earliest = [start.wall - from, from];
  }
  if (!transitions.length || !earliest) return null;
  transitions.sort((a, b) => a[0] - b[0]);
  const before = earliest[1];
  return (utc: number) => {
    let lo = 0, hi = transitions.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (transitions[mid][0] <= utc) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? before : transitions[found][1];
  };
}
