import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { evalWorld } from "./world.ts";
import { gigDistanceKm, localDate } from "./labels.ts";
import { DISTRACTORS, distractorsOf, gradeTable, report, scoreRankers } from "./report.ts";
import {
  oracleGigsForMusician,
  oracleMusiciansForGig,
  threeLineGigsForMusician,
  threeLineMusiciansForGig,
} from "./baseline.ts";
import { addDays } from "./random.ts";

const TODAY = new Date("2027-03-20T09:00:00Z"); // the window crosses both DST changes
const w = evalWorld(TODAY);
const table = gradeTable(w);
const inPerson = w.gigs.filter((g) => !g.remote);

Deno.test("world: deterministic for a date", () => {
  assertEquals(JSON.stringify(evalWorld(TODAY)), JSON.stringify(w));
  const other = evalWorld(new Date("2027-06-01T00:00:00Z"));
  assertEquals(other.musicians.map((m) => m.id), w.musicians.map((m) => m.id), "same people");
});

Deno.test("world: sizes, ids, currencies, splits", () => {
  assert(w.musicians.length >= 380 && w.musicians.length <= 420, `${w.musicians.length}`);
  assertEquals(w.gigs.length, 120);
  assertEquals(w.clients.length, 25);
  assert(w.history.length >= 280 && w.history.length <= 320, `${w.history.length} signals`);
  const ids = [...w.musicians, ...w.gigs, ...w.clients].map((x) => x.id);
  assertEquals(new Set(ids).size, ids.length, "unique ids");
  assert(
    ids.every((id) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)
    ),
  );
  const cur: Record<string, string> = { PT: "EUR", DE: "EUR", FR: "EUR", GB: "GBP", US: "USD" };
  assert(w.musicians.every((m) => m.currency === cur[m.country]), "local currencies");
  for (const xs of [w.musicians, w.gigs]) {
    const train = xs.filter((x) => x.split === "train").length;
    assert(train > xs.length * 0.35 && train < xs.length * 0.65, `train ${train}/${xs.length}`);
  }
  assert(w.musicians.every((m) => m.travel_radius_km >= 15 && m.travel_radius_km <= 500));
  assert(w.gigs.filter((g) => g.remote).length >= 5, "a few remote gigs");
});

Deno.test("world: gigs open 2–60 days ahead, evenings local time; history 30–60 days ago", () => {
  const today = w.today;
  for (const g of w.gigs) {
    const day = localDate(g.starts_at, g.timezone);
    assert(day >= addDays(today, 2) && day <= addDays(today, 60), `${g.id} on ${day}`);
    const hour = +new Intl.DateTimeFormat("en-GB", {
      timeZone: g.timezone,
      hour: "2-digit",
      hourCycle: "h23",
    }).format(new Date(g.starts_at));
    assert(hour >= 17 && hour <= 21, `${g.id} at ${hour}h local`);
    assert(g.remote === (g.lat === null), "remote gigs have no place");
  }
  for (const s of w.history) {
    const days = (Date.parse(`${today}T12:00:00Z`) - Date.parse(s.at)) / 86_400_000;
    assert(days >= 30 && days <= 60, `signal ${days} days ago`);
    assert(s.rating === null || (s.kind === "booked" && s.rating >= 1 && s.rating <= 5));
  }
});

Deno.test("world: at least five grade-3 musicians for most gigs", () => {
  const strong = w.gigs.map((g) => [...table.get(g.id)!.values()].filter((x) => x === 3).length);
  const enough = strong.filter((n) => n >= 5).length;
  assert(enough >= w.gigs.length * 0.9, `${enough}/${w.gigs.length} gigs with ≥ 5`);
  assert(Math.min(...strong) >= 3, `min ${Math.min(...strong)}`);
});

Deno.test("world: every distractor type, around (almost) every gig", () => {
  const present = new Map(w.gigs.map((g) => [g.id, distractorsOf(g, w)]));
  for (const d of DISTRACTORS) {
    assert(w.gigs.some((g) => present.get(g.id)!.has(d)), `${d} somewhere`);
  }
  // Types that need a place, an instrument or a style only apply to gigs that have one.
  const applies = (d: string) =>
    w.gigs.filter((g) =>
      (g.remote
        ? !["same_city_wrong_instrument", "right_instrument_beyond_radius"].includes(d)
        : true) &&
      (g.instruments.length > 0 || !d.includes("instrument")) &&
      (g.genres.length > 0 || !d.startsWith("genre_"))
    );
  for (const d of DISTRACTORS.filter((d) => d !== "declined_by_client")) {
    const gigs = applies(d);
    const hit = gigs.filter((g) => present.get(g.id)!.has(d)).length;
    assert(hit >= gigs.length * 0.85, `${d}: ${hit}/${gigs.length} gigs`);
  }
});

Deno.test("world: every in-person gig has a grade-0 musician in its city", () => {
  for (const g of inPerson) {
    const row = table.get(g.id)!;
    assert(
      w.musicians.some((m) => row.get(m.id) === 0 && (gigDistanceKm(g, m) ?? Infinity) <= 30),
      `${g.title}`,
    );
  }
});

Deno.test("world: the three-line rule is beaten by the labels, the oracle scores 1", () => {
  const base = scoreRankers(
    w,
    table,
    (g) => threeLineMusiciansForGig(g, w),
    (m) => threeLineGigsForMusician(m, w),
  );
  const oracle = scoreRankers(
    w,
    table,
    (g) => oracleMusiciansForGig(g, w),
    (m) => oracleGigsForMusician(m, w),
  );
  for (const s of [base.gigToMusicians, base.musicianToGigs]) {
    assert(s.ndcg10 > 0.5 && s.ndcg10 < 0.85, `baseline ndcg10 ${s.ndcg10}`);
  }
  for (const s of [oracle.gigToMusicians, oracle.musicianToGigs]) {
    assert(Math.abs(s.ndcg10 - 1) < 1e-9 && Math.abs(s.recall20 - 1) < 1e-9, "oracle is perfect");
  }
  console.log(report(w));
});
