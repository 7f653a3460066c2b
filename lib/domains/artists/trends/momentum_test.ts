import { assertEquals } from "../../../../tests/_helpers/assert.ts";
import type { ChartRow } from "../types.ts";
import { genreMomentum, latestChart, Momentum } from "./momentum.ts";

/** A chart: genres listed by rank. */
function chart(country: string, week: string, genres: string[]): ChartRow[] {
  return genres.map((genre, i) => ({
    country,
    week,
    rank: i + 1,
    track: `${genre} ${week} #${i + 1}`,
    artist: `Artist ${i + 1}`,
    genre,
    streams: 1000 - i,
  }));
}

// Four places weigh 4, 3, 2, 1 (total 10), so shares are easy to check by hand.
const GB = [
  ...chart("GB", "2026-02-05", ["pop", "pop", "rock", "funk"]), // pop 70, rock 20, funk 10
  ...chart("GB", "2026-02-12", ["pop", "rock", "pop", "funk"]), // in between: ignored
  ...chart("GB", "2026-03-05", ["rock", "pop", "Rock", "pop"]), // rock 60, pop 40
];

Deno.test("genreMomentum - hand-computed shares and changes over 4 weeks", () => {
  const m = genreMomentum(GB);
  for (const x of m) Momentum.parse(x);
  assertEquals(
    m.map((x) => [x.genre, x.share, x.share_before, x.change_pp, x.trend]),
    [
      ["rock", 60, 20, 40, "rising"],
      ["pop", 40, 70, -30, "falling"],
      ["funk", 0, 10, -10, "falling"],
    ],
  );
  const rock = m[0];
  assertEquals([rock.week, rock.from_week, rock.weeks_compared], ["2026-03-05", "2026-02-05", 4]);
  assertEquals(rock.rows.map((r) => r.rank), [1, 3]);
  assertEquals(rock.rows_before.map((r) => [r.week, r.rank, r.track]), [
    ["2026-02-05", 3, "rock 2026-02-05 #3"],
  ]);
  assertEquals(m[2].rows, []);
});

Deno.test("genreMomentum - linear weights in a deeper chart; steady under the threshold", () => {
  // 10 places: weights 10..1, total 55. Week 1: house at ranks 1 and 10 (11/55 = 20%).
  // Week 2: house at ranks 2 and 9 (9 + 2 = 11/55 = 20%): the same share, steady.
  const other = Array(8).fill("pop");
  const rows = [
    ...chart("DE", "2026-03-01", ["house", ...other, "house"]),
    ...chart("DE", "2026-03-08", ["pop", "house", ...Array(6).fill("pop"), "house", "pop"]),
  ];
  const house = genreMomentum(rows).find((x) => x.genre === "house")!;
  assertEquals([house.share, house.share_before, house.change_pp], [20, 20, 0]);
  assertEquals([house.trend, house.weeks_compared], ["steady", 1]);
});

Deno.test("genreMomentum - fewer weeks, asOf, and countries apart", () => {
  const rows = [
    ...GB,
    ...chart("BR", "2026-03-05", ["sertanejo", "funk"]),
    ...chart("FR", "2026-01-01", ["pop"]), // older than 4 weeks before its latest week
    ...chart("FR", "2026-03-05", ["rap"]),
  ];
  const m = genreMomentum(rows);
  assertEquals([...new Set(m.map((x) => x.country))], ["BR", "FR", "GB"]);
  const br = m.filter((x) => x.country === "BR");
  assertEquals(br.map((x) => [x.genre, x.share, x.trend, x.weeks_compared]), [
    ["sertanejo", 66.7, null, 0],
    ["funk", 33.3, null, 0],
  ]);
  const fr = m.filter((x) => x.country === "FR");
  assertEquals(fr.map((x) => [x.genre, x.from_week]), [["rap", null]]);
  // As of mid-February GB's latest chart is 2026-02-12, compared with 2026-02-05.
  const past = genreMomentum(GB, { asOf: "2026-02-20" }).find((x) => x.genre === "rock")!;
  assertEquals([past.week, past.from_week, past.weeks_compared], ["2026-02-12", "2026-02-05", 1]);
  assertEquals([past.share, past.change_pp, past.trend], [30, 10, "rising"]);
  // A 1-week window compares with the week before only when that chart exists.
  assertEquals(genreMomentum(GB, { weeks: 1 })[0].from_week, null);
});

Deno.test("latestChart - the latest week of one country, by rank", () => {
  const top = latestChart([...GB].reverse(), "GB", { max: 2 });
  assertEquals(top.map((r) => [r.week, r.rank]), [["2026-03-05", 1], ["2026-03-05", 2]]);
  assertEquals(latestChart(GB, "GB", { asOf: "2026-02-06" })[0].week, "2026-02-05");
  assertEquals(latestChart(GB, "US"), []);
});
