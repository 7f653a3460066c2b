import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import {
  availabilityFit,
  distanceFit,
  feeFit,
  genreFit,
  instrumentFit,
  MATCH_WEIGHTS,
  type MatchFacts,
  reason,
  scoreCeiling,
  scoreMatch,
} from "./score.ts";

const base: MatchFacts = {
  semantic: 0.8,
  musician_genres: ["Jazz", "soul"],
  musician_instruments: ["Guitar"],
  gig_genres: ["jazz"],
  gig_instruments: ["guitarist", "double bass"],
  gig_kind: "live_show",
  availability: "free",
  evening: true,
  remote: false,
  distance_km: 12.3,
  travel_radius_km: 50,
  fee_min_minor: 30000,
  fee_max_minor: 60000,
  musician_currency: "EUR",
  budget_min_minor: 20000,
  budget_max_minor: 50000,
  gig_currency: "EUR",
};

Deno.test("score - the weights live in one place and sum to 1", () => {
  const sum = Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0);
  assert(Math.abs(sum - 1) < 1e-9, `sum ${sum}`);
  assert(MATCH_WEIGHTS.semantic >= 0.4, "meaning matters most");
});

Deno.test("score - fact fits", () => {
  assertEquals(genreFit(["jazz"], ["JAZZ", "soul"]), 1);
  assertEquals(genreFit(["jazz", "soul", "funk"], ["jazz"]), 0.5);
  assertEquals(genreFit(["jazz", "soul", "funk"], ["soul", "funk"]), 1);
  assertEquals(genreFit(["rock"], ["jazz"]), 0);
  assertEquals(genreFit([], ["jazz"]), 0.5);
  assertEquals(instrumentFit(["drums"], ["drummer"]), 1, "synonyms count");
  assertEquals(instrumentFit(["keys", "organ"], ["piano"]), 1);
  assertEquals(instrumentFit(["violin"], ["guitar"]), 0);
  assertEquals(instrumentFit([], ["guitar"]), 0.5);
  assertEquals([availabilityFit("free"), availabilityFit("blocked"), availabilityFit("booked")], [
    1,
    0,
    0,
  ]);
  assertEquals(distanceFit(0, 50, false), 1);
  assertEquals(distanceFit(50, 50, false), 0.7);
  assertEquals(distanceFit(100, 50, false), 0);
  assertEquals(distanceFit(500, 50, true), 1, "remote");
  assertEquals(distanceFit(null, 50, false), 0.5, "unknown");
  assert(distanceFit(10, 50, false) > distanceFit(40, 50, false));
  assertEquals(feeFit(30000, 50000, "EUR", "EUR"), 1);
  assertEquals(feeFit(50000, 50000, "EUR", "EUR"), 1);
  assertEquals(feeFit(75000, 50000, "EUR", "EUR"), 0);
  assertEquals(feeFit(60000, 50000, "EUR", "EUR"), 0.6);
  assertEquals(feeFit(30000, 50000, "GBP", "EUR"), 0.5, "different currencies");
  assertEquals(feeFit(null, 50000, "EUR", "EUR"), 0.5);
});

Deno.test("score - weighted sum in [0, 1]; better facts score higher", () => {
  const perfect = scoreMatch({ ...base, semantic: 1, distance_km: 0 });
  assertEquals(perfect.score, 1);
  const worst = scoreMatch({
    ...base,
    semantic: -0.2,
    musician_genres: ["metal"],
    musician_instruments: ["harp"],
    availability: "booked",
    distance_km: 5000,
    fee_min_minor: 900000,
  });
  assertEquals(worst.score, 0);
  const s = scoreMatch(base);
  assertEquals(s.fits.semantic, 0.8);
  assert(s.score > 0.8 && s.score < 1, String(s.score));
  assert(scoreMatch({ ...base, availability: "blocked" }).score < s.score);
  assert(scoreMatch({ ...base, distance_km: 80 }).score < s.score);
  assert(scoreMatch({ ...base, fee_min_minor: 70000 }).score < s.score);
  assert(scoreMatch({ ...base, musician_genres: ["rock"] }).score < s.score);
  assert(scoreCeiling(0.8) >= s.score);
  assertEquals(scoreCeiling(1), 1);
});

Deno.test("reason - one line for the client and for the musician", () => {
  assertEquals(
    reason(base, "client"),
    "Jazz guitarist, 12 km away, free that night, fee within budget",
  );
  assertEquals(
    reason(base, "musician"),
    "Jazz live show for guitar, 12 km away, free that night, budget fits your fee",
  );
  assertEquals(
    reason(
      {
        ...base,
        remote: true,
        evening: false,
        availability: "booked",
        fee_min_minor: 90000,
        musician_genres: ["R&B"],
        gig_genres: ["rnb"],
        musician_instruments: ["keys"],
        gig_instruments: ["piano"],
      },
      "client",
    ),
    "R&B keyboardist, remote, already booked that day, fee above budget",
  );
  assertEquals(
    reason(
      { ...base, distance_km: 140, availability: "blocked", musician_currency: "GBP" },
      "client",
    ),
    "Jazz guitarist, 140 km away (beyond travel radius), unavailable that night",
  );
});
