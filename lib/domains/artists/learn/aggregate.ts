/**
 * The reference aggregation of imported metric rows into per-track performance: what the SQL
 * aggregation must return for the same rows (tests compare the two). Definitions:
 * - streams, listeners, saves, skips: sums over every row of the track (all dates and countries);
 * - follower_gain: per country, followers on the track's last date there minus on its first
 *   date there, summed over countries (the export's followers column is per country and date);
 * - weekly_streams: streams per ISO week (Monday to Sunday), the first being the week of the
 *   track's first date, oldest first; weeks without rows count 0, so the first and last weeks
 *   may be partial.
 *
 * @module
 */
import type { MetricRow, TrackPerformance } from "../types.ts";

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC). */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The day number of the Monday that starts the ISO week of day `d` (day 0 was a Thursday). */
export function mondayOf(d: number): number {
  return d - (((d + 3) % 7) + 7) % 7;
}

interface Acc {
  streams: number;
  listeners: number;
  saves: number;
  skips: number;
  first: number;
  /** Per day: streams that day (weeks are cut once the first day is known). */
  days: Map<number, number>;
  /** Per country: [first day, followers then, last day, followers then]. */
  followers: Map<string, [number, number, number, number]>;
}

/** Per-track sums of `rows`, tracks in order of first appearance. */
export function aggregateRows(rows: readonly MetricRow[]): TrackPerformance[] {
  const tracks = new Map<string, Acc>();
  const dayOf = new Map<string, number>();
  for (const r of rows) {
    let day = dayOf.get(r.date);
    if (day === undefined) dayOf.set(r.date, day = dayNumber(r.date));
    let a = tracks.get(r.track);
    if (!a) {
      a = {
        streams: 0,
        listeners: 0,
        saves: 0,
        skips: 0,
        first: day,
        days: new Map(),
        followers: new Map(),
      };
      tracks.set(r.track, a);
    }
    a.streams += r.streams;
    a.listeners += r.listeners;
    a.saves += r.saves;
    a.skips += r.skips;
    if (day < a.first) a.first = day;
    a.days.set(day, (a.days.get(day) ?? 0) + r.streams);
    const f = a.followers.get(r.country);
    if (!f) a.followers.set(r.country, [day, r.followers, day, r.followers]);
    else {
      // Ties on a date keep the larger count, so the result does not depend on row order.
      if (day < f[0] || (day === f[0] && r.followers > f[1])) [f[0], f[1]] = [day, r.followers];
      if (day > f[2] || (day === f[2] && r.followers > f[3])) [f[2], f[3]] = [day, r.followers];
    }
  }
  return [...tracks].map(([track, a]) => {
    const start = mondayOf(a.first);
    const weekly: number[] = [];
    for (const [day, n] of a.days) {
      const w = Math.floor((day - start) / 7);
      while (weekly.length <= w) weekly.push(0);
      weekly[w] += n;
    }
    let gain = 0;
    for (const f of a.followers.values()) gain += f[3] - f[1];
    return {
      track,
      streams: a.streams,
      listeners: a.listeners,
      saves: a.saves,
      skips: a.skips,
      follower_gain: gain,
      weekly_streams: weekly,
    };
  });
}
