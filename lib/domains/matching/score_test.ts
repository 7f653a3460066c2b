import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import {
  behaviourFit,
  blockersOf,
  calibrate,
  CALIBRATION,
  distanceFit,
  feeFit,
  feeOver,
  fitPercent,
  genreFit,
  MATCH_WEIGHTS,
  type MatchFacts,
  playsWanted,
  reason,
  scoreMatch,
  STRONG_FIT,
} from "./score.ts";
import { familyOf } from "./genres.ts";

const base: MatchFacts = {
  semantic: 0.4,
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

Deno.test("score - the weights and the calibration live in one place", () => {
  const sum = Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0);
  assert(Math.abs(sum - 1) < 1e-9, `sum ${sum}`);
  assert(MATCH_WEIGHTS.semantic > 0, "meaning still orders equal candidates");
  for (let i = 1; i < CALIBRATION.length; i++) {
    assert(CALIBRATION[i][0] > CALIBRATION[i - 1][0] && CALIBRATION[i][1] > CALIBRATION[i - 1][1]);
  }
  assertEquals(calibrate(0), CALIBRATION[0][1]);
  assertEquals(calibrate(1), 1);
  assert(calibrate(0.7) < calibrate(0.71), "monotone");
});

Deno.test("score - hard facts: instrument, date, travel radius, a known place", () => {
  assert(playsWanted(["drums"], ["drummer"]), "synonyms count");
  assert(playsWanted(["keys", "organ"], ["piano"]));
  assert(playsWanted(["Alto sax"], ["tenor saxophone"]), "the head noun decides");
  assert(playsWanted(["congas"], ["percussionist"]));
  assert(!playsWanted(["violin"], ["guitar"]));
  assert(playsWanted([], ["guitar"]), "a gig asking for no instrument");
  assertEquals(blockersOf(base), []);
  assertEquals(blockersOf({ ...base, musician_instruments: ["drums"] }), ["instrument"]);
  assertEquals(blockersOf({ ...base, availability: "booked" }), ["date"]);
  assertEquals(blockersOf({ ...base, distance_km: 51 }), ["distance"]);
  assertEquals(blockersOf({ ...base, distance_km: 51, remote: true }), [], "remote");
  assertEquals(blockersOf({ ...base, travel_radius_km: null, distance_km: 49 }), []);
  assertEquals(
    blockersOf({ ...base, distance_km: null, musician_unplaced: true }),
    ["place"],
    "a musician with no place cannot be judged within reach of an in-person gig",
  );
  assertEquals(blockersOf({ ...base, distance_km: null }), [], "the gig's place unknown");
  const s = scoreMatch({ ...base, availability: "blocked" });
  assertEquals([s.feasible, s.score], [false, 0]);
});

Deno.test("score - soft facts: genre family, graded fee, distance, behaviour", () => {
  assertEquals(genreFit(["jazz"], ["JAZZ", "soul"]), 1);
  assertEquals(genreFit(["jazz"], ["swing"]), genreFit(["jazz"], ["blues"]));
  assert(genreFit(["jazz"], ["swing"]) > 0 && genreFit(["jazz"], ["swing"]) < 1, "family");
  assertEquals(genreFit(["rock"], ["jazz"]), 0);
  assertEquals(genreFit([], ["jazz"]), 1, "a gig asking for no genre");
  assertEquals([familyOf("Hip-Hop"), familyOf("R&B"), familyOf("indie rock")], [
    "hiphop",
    "soul",
    "rock",
  ]);
  assertEquals(feeFit(30000, 50000, "EUR", "EUR"), 1);
  assertEquals(feeFit(50000, 50000, "EUR", "EUR"), 1);
  assertEquals(Math.round(feeFit(60000, 50000, "EUR", "EUR") * 100) / 100, 0.6, "20 % over");
  assertEquals(feeFit(75000, 50000, "EUR", "EUR"), 0, "50 % over");
  assertEquals(feeOver(60000, 50000, "EUR", "EUR"), 0.2);
  assertEquals(feeOver(30000, 50000, "GBP", "EUR"), null, "different currencies");
  assert(distanceFit(10, false) > distanceFit(300, false));
  assert(distanceFit(10, false) > 0.99, "within a city all are alike");
  assertEquals(distanceFit(800, true), 1, "remote");
  assertEquals(behaviourFit(), 0.5, "cold start");
  assert(behaviourFit(0.4, 0) > 0.5 && behaviourFit(0, -0.6) < 0.5);
});

Deno.test("score - every possible pair ranks above every impossible one; 80+ is strong", () => {
  const strong = scoreMatch(base);
  assert(strong.feasible && fitPercent(strong.score) >= STRONG_FIT, String(strong.score));
  const weakest = scoreMatch({
    ...base,
    semantic: 0,
    musician_genres: ["metal"],
    fee_min_minor: 900000,
    distance_km: 50,
    reputation: -1,
    affinity: -1,
  });
  assert(weakest.feasible && weakest.score > 0);
  const impossible = scoreMatch({ ...base, semantic: 1, availability: "booked" });
  assert(impossible.score < weakest.score);
  // Graded: a fee 20 % over costs less than one 50 % over; a shared family less than none.
  const over20 = scoreMatch({ ...base, fee_min_minor: 60000 }).score;
  const over50 = scoreMatch({ ...base, fee_min_minor: 75000 }).score;
  assert(strong.score > over20 && over20 > over50, `${strong.score} ${over20} ${over50}`);
  const family = scoreMatch({ ...base, musician_genres: ["swing"] }).score;
  const none = scoreMatch({ ...base, musician_genres: ["metal"] }).score;
  assert(strong.score > family && family > none);
  // Good reviews and a past booking with this client lift a musician; a past decline lowers.
  assert(scoreMatch({ ...base, reputation: 0.5 }).score > strong.score);
  assert(scoreMatch({ ...base, affinity: -0.6 }).score < strong.score);
});

Deno.test("reason - the deciding facts first, for the client and for the musician", () => {
  assertEquals(
    reason(base, "client"),
    "Plays guitar · jazz · free that night · within budget · 12 km",
  );
  assertEquals(
    reason(base, "musician"),
    "Guitarist wanted · jazz · you're free that night · budget fits your fee · 12 km away",
  );
  assertEquals(
    reason(
      {
        ...base,
        remote: true,
        evening: false,
        fee_min_minor: 60000,
        musician_genres: ["Neo soul"],
        gig_genres: ["R&B"],
        musician_instruments: ["keys"],
        gig_instruments: ["piano"],
      },
      "client",
    ),
    "Plays piano · neo soul (close to R&B) · free that day · fee 20% over budget · remote",
  );
  assertEquals(
    reason({ ...base, distance_km: 140, availability: "blocked" }, "client"),
    "Unavailable that night · 140 km, beyond their 50 km travel radius · Plays guitar · jazz · within budget",
  );
  assertEquals(
    reason({ ...base, musician_instruments: ["drums"] }, "client"),
    "Doesn't play guitar or double bass · jazz · free that night · within budget · 12 km",
  );
});
