/**
 * RFC 5545 recurrence rules, expanded in wall-clock time so an event at 21:00 stays at 21:00
 * across a DST change (the caller turns each wall time into UTC in the event's zone). Supported:
 * FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY (with ordinals in MONTHLY and
 * YEARLY: `1FR`, `-1SA`), BYMONTHDAY (negative from the month's end), BYMONTH, WKST, BYSETPOS.
 * Wall times are ms from the epoch as if the wall clock were UTC (`Date.UTC(...)`), which makes
 * calendar arithmetic plain UTC date arithmetic.
 *
 * @module
 */

export type Freq = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";

export interface Rule {
  freq: Freq;
  interval: number;
  count: number | null;
  /** UNTIL as an instant (a `Z` value) or as a wall time (a date means its whole day). */
  untilUtc: number | null;
  untilWall: number | null;
  byday: { n: number; wd: number }[];
  bymonthday: number[];
  bymonth: number[];
  bysetpos: number[];
  /** Week start, 0 = Sunday … 6 = Saturday. */
  wkst: number;
}

const DAY = 86_400_000;
const WEEKDAYS: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
/** Periods one expansion walks at most, whatever the rule says (a DAILY rule for 270 years). */
const MAX_PERIODS = 100_000;

const ints = (s: string, lo: number, hi: number): number[] | null => {
  const out: number[] = [];
  for (const p of s.split(",")) {
    const n = Number(p);
    if (!Number.isInteger(n) || n === 0 || Math.abs(n) < lo || Math.abs(n) > hi) return null;
    out.push(n);
  }
  return out;
};

/**
 * The rule in `s` (the RRULE value), or a sentence saying what is wrong. `parseDate` reads the
 * UNTIL value: `{ utc }` for a `Z` time, `{ wall, date }` otherwise.
 */
export function parseRule(
  s: string,
  parseDate: (v: string) => { utc?: number; wall?: number; date?: boolean } | null,
): Rule | string {
  const rule: Rule = {
    freq: "DAILY",
    interval: 1,
    count: null,
    untilUtc: null,
    untilWall: null,
    byday: [],
    bymonthday: [],
    bymonth: [],
    bysetpos: [],
    wkst: 1,
  };
  let freq: string | null = null;
  for (const part of s.split(";")) {
    const [k, v = ""] = part.split("=", 2).map((x) => x.trim());
    const key = k.toUpperCase(), val = v.toUpperCase();
    if (!key) continue;
    if (key === "FREQ") freq = val;
    else if (key === "INTERVAL") {
      const n = Number(val);
      if (!Number.isInteger(n) || n < 1 || n > 1000) return `INTERVAL "${v}" is not a count`;
      rule.interval = n;
    } else if (key === "COUNT") {
      const n = Number(val);
      if (!Number.isInteger(n) || n < 1) return `COUNT "${v}" is not a count`;
      rule.count = n;
    } else if (key === "UNTIL") {
      const d = parseDate(val);
      if (!d) return `UNTIL "${v}" is not a date`;
      if (d.utc !== undefined) rule.untilUtc = d.utc;
      else if (d.wall !== undefined) rule.untilWall = d.date ? d.wall + DAY - 1 : d.wall;
    } else if (key === "BYDAY") {
      for (const p of val.split(",")) {
        const m = p.match(/^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/);
        if (!m) return `BYDAY "${p}" is not a weekday`;
        rule.byday.push({ n: m[1] ? Number(m[1]) : 0, wd: WEEKDAYS[m[2]] });
      }
    } else if (key === "BYMONTHDAY") {
      const xs = ints(val, 1, 31);
      if (!xs) return `BYMONTHDAY "${v}" is not a list of days`;
      rule.bymonthday = xs;
    } else if (key === "BYMONTH") {
      const xs = ints(val, 1, 12);
      if (!xs || xs.some((x) => x < 0)) return `BYMONTH "${v}" is not a list of months`;
      rule.bymonth = xs;
    } else if (key === "BYSETPOS") {
      const xs = ints(val, 1, 366);
      if (!xs) return `BYSETPOS "${v}" is not a list of positions`;
      rule.bysetpos = xs;
    } else if (key === "WKST") {
      if (!(val in WEEKDAYS)) return `WKST "${v}" is not a weekday`;
      rule.wkst = WEEKDAYS[val];
    }
  }
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY" && freq !== "YEARLY") {
    return freq ? `FREQ=${freq} is not supported` : "the rule has no FREQ";
  }
  rule.freq = freq;
  return rule;
}

const ymd = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Days (wall midnights) of month `m` that BYMONTHDAY/BYDAY pick, or DTSTART's day. */
function monthDays(rule: Rule, y: number, m: number, startDay: number): number[] {
  const n = daysIn(y, m);
  let days: number[];
  if (rule.bymonthday.length) {
    days = rule.bymonthday.map((d) => (d > 0 ? d : n + 1 + d)).filter((d) => d >= 1 && d <= n);
  } else if (!rule.byday.length) {
    days = startDay <= n ? [startDay] : [];
  } else days = Array.from({ length: n }, (_, i) => i + 1);
  if (rule.byday.length) {
    const firstWd = new Date(ymd(y, m, 1)).getUTCDay();
    days = days.filter((d) => {
      const wd = (firstWd + d - 1) % 7;
      return rule.byday.some((b) => {
        if (b.wd !== wd) return false;
        if (b.n === 0) return true;
        const nth = b.n > 0 ? Math.floor((d - 1) / 7) + 1 : -(Math.floor((n - d) / 7) + 1);
        return nth === b.n;
      });
    });
  }
  return days.sort((a, b) => a - b).map((d) => ymd(y, m, d));
}

/** The candidate days (wall midnights) of the period that contains wall day `p`. */
function periodDays(rule: Rule, p: number, start: Date): number[] {
  const d = new Date(p);
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1;
  const okMonth = (t: number) =>
    !rule.bymonth.length || rule.bymonth.includes(new Date(t).getUTCMonth() + 1);
  const okDay = (t: number) => {
    const x = new Date(t);
    if (rule.byday.length && !rule.byday.some((b) => b.wd === x.getUTCDay())) return false;
    if (!rule.bymonthday.length) return true;
    const n = daysIn(x.getUTCFullYear(), x.getUTCMonth() + 1);
    return rule.bymonthday.some((md) => (md > 0 ? md : n + 1 + md) === x.getUTCDate());
  };
  switch (rule.freq) {
    case "DAILY":
      return okMonth(p) && okDay(p) ? [p] : [];
    case "WEEKLY": {
      const wds = rule.byday.length ? rule.byday.map((b) => b.wd) : [start.getUTCDay()];
      const out: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = p + i * DAY;
        if (wds.includes(new Date(t).getUTCDay()) && okMonth(t)) out.push(t);
      }
      return out;
    }
    case "MONTHLY":
      return okMonth(p) ? monthDays(rule, y, m, start.getUTCDate()) : [];
    case "YEARLY": {
      const months = rule.bymonth.length ? rule.bymonth : [start.getUTCMonth() + 1];
      const yearly = rule.byday.some((b) => b.n !== 0) && !rule.bymonth.length;
      if (!yearly) {
        return [...months].sort((a, b) => a - b).flatMap((mm) =>
          monthDays(rule, y, mm, start.getUTCDate())
        );
      }
      // An ordinal weekday of the year ("20MO"): count through the whole year.
      const out: number[] = [];
      const first = ymd(y, 1, 1), len = (ymd(y + 1, 1, 1) - first) / DAY;
      for (const b of rule.byday) {
        const hits: number[] = [];
        for (let i = 0; i < len; i++) {
          if (new Date(first + i * DAY).getUTCDay() === b.wd) hits.push(first + i * DAY);
        }
        const pick = b.n > 0 ? hits[b.n - 1] : hits[hits.length + b.n];
        if (pick !== undefined) out.push(pick);
      }
      return out.sort((a, b) => a - b);
    }
  }
}

/** The start of the period `k` intervals after the one holding wall day `startDay`. */
function periodStart(rule: Rule, startDay: number, k: number): number {
  const d = new Date(startDay);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  switch (rule.freq) {
    case "DAILY":
      return startDay + k * rule.interval * DAY;
    case "WEEKLY": {
      const back = (d.getUTCDay() - rule.wkst + 7) % 7;
      return startDay - back * DAY + k * rule.interval * 7 * DAY;
    }
    case "MONTHLY":
      return Date.UTC(y, m + k * rule.interval, 1);
    case "YEARLY":
      return Date.UTC(y + k * rule.interval, 0, 1);
  }
}

/**
 * The occurrences (wall times) of `rule` for an event starting at wall time `start`, DTSTART
 * first, up to `toUtc(wall) > endUtc`, COUNT or UNTIL, whichever comes first.
 */
export function expand(
  rule: Rule,
  start: number,
  toUtc: (wall: number) => number,
  endUtc: number,
): number[] {
  const startDay = Math.floor(start / DAY) * DAY;
  const time = start - startDay;
  const out: number[] = [start];
  const after = (wall: number) =>
    (rule.untilWall !== null && wall > rule.untilWall) ||
    (rule.untilUtc !== null && toUtc(wall) > rule.untilUtc);
  if (after(start)) return out;
  const max = rule.count ?? Infinity;
  for (let k = 0; k < MAX_PERIODS; k++) {
    let days = periodDays(rule, periodStart(rule, startDay, k), new Date(startDay));
    if (rule.bysetpos.length && days.length) {
      const all = days;
      days = rule.bysetpos.map((p) => (p > 0 ? all[p - 1] : all[all.length + p]))
        .filter((t): t is number => t !== undefined).sort((a, b) => a - b);
    }
    for (const day of days) {
      const wall = day + time;
      if (wall <= start) continue;
      if (out.length >= max || after(wall) || toUtc(wall) > endUtc) return out;
      out.push(wall);
    }
    // A period past the window with nothing in it still ends the walk.
    if (toUtc(periodStart(rule, startDay, k)) > endUtc) return out;
  }
  return out;
}
