import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { MetricRow } from "../types.ts";
import { aggregateRows, dayNumber, mondayOf } from "./aggregate.ts";
import { seedArtistData } from "./seed.ts";

const row = (date: string, track: string, country: string, streams: number, followers: number) => ({
  date,
  track,
  country,
  streams,
  listeners: streams - 1,
  saves: 2,
  skips: 1,
  followers,
});

Deno.test("ISO weeks start on Monday", () => {
  assertEquals(dayNumber("1970-01-01"), 0);
  assertEquals(mondayOf(dayNumber("2025-01-08")), dayNumber("2025-01-06"));
  assertEquals(mondayOf(dayNumber("2025-01-06")), dayNumber("2025-01-06"));
  assertEquals(mondayOf(dayNumber("2025-01-05")), dayNumber("2024-12-30"));
  assertEquals(mondayOf(dayNumber("1969-12-31")), dayNumber("1969-12-29"));
});

Deno.test("rows sum per track; weeks from the first day's ISO week; followers per country", () => {
  const rows = [
    row("2025-01-05", "A", "GB", 10, 100), // a Sunday: week 0 is one day long
    row("2025-01-06", "A", "GB", 20, 110),
    row("2025-01-06", "A", "US", 5, 50),
    row("2025-01-20", "A", "US", 7, 58), // week 2; week 1 has no rows
    row("2025-01-12", "A", "GB", 1, 130),
    row("2025-01-07", "B", "GB", 3, 110),
  ];
  const [a, b] = aggregateRows(rows);
  assertEquals(a, {
    track: "A",
    streams: 43,
    listeners: 38,
    saves: 10,
    skips: 5,
    follower_gain: 30 + 8,
    weekly_streams: [10, 26, 0, 7],
  });
  assertEquals([b.track, b.streams, b.follower_gain, b.weekly_streams], ["B", 3, 0, [3]]);
  // Order of rows does not matter.
  assertEquals(aggregateRows([...rows].reverse()).find((t) => t.track === "A"), a);
});

Deno.test("seeded data: deterministic, valid rows, one per track, day and country", () => {
  const o = { tracks: 4, days: 30, countries: 3, effect: "tempo" as const, seed: 9 };
  const s = seedArtistData(o);
  assertEquals(s.rows.length, 4 * 30 * 3);
  assertEquals(JSON.stringify(seedArtistData(o)), JSON.stringify(s));
  s.rows.forEach((r) => MetricRow.parse(r));
  assert(
    s.rows.every((r) => r.saves <= r.streams && r.skips <= r.streams && r.listeners <= r.streams),
  );
  const perf = aggregateRows(s.rows);
  assertEquals(perf.map((p) => p.track), s.tracks.map((t) => t.title));
  assert(perf.every((p) => p.follower_gain > 0 && p.weekly_streams[0] > p.weekly_streams[3]));
  assert(JSON.stringify(seedArtistData({ ...o, seed: 10 }).rows) !== JSON.stringify(s.rows));
});
