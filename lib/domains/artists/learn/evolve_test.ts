import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { Persona, PlanItem, type TrackFacts } from "../types.ts";
import { aggregateRows } from "./aggregate.ts";
import { analyzeTracks } from "./analyze.ts";
import { evolutionPlan } from "./evolve.ts";
import { baseFeatures, seedArtistData, syntheticFacts } from "./seed.ts";
import { pct } from "./words.ts";

const PERSONA: Persona = Persona.parse({
  name: "Nova Vale",
  backstory: "Grew up above a record shop in Leeds and learnt synths from its broken stock.",
  genres: ["synth-pop", "indie pop"],
  influences: ["80s gated drums", "tape-saturated pads"],
  vocal_style: "breathy alto, close to the microphone",
  visual_identity: "neon signs reflected in rain, pastel grain",
  content_pillars: ["lyrics", "behind the scenes"],
  audience: "students who run in the evening",
  voice: "warm, a little ironic",
  moods: ["melancholic", "happy"],
  tempo_range: { min: 90, max: 115 },
  cadence: { releases_per_month: 1, posts_per_week: 3 },
  market: "GB",
  language: "en",
});

function seeded(effect: "tempo" | "noise", seed: number, days = 365, countries = 10): TrackFacts[] {
  const s = seedArtistData({ tracks: 50, days, countries, effect, seed });
  return aggregateRows(s.rows).map((p, i) => ({ features: s.tracks[i].features, performance: p }));
}

const plan = (facts: TrackFacts[], persona = PERSONA) =>
  evolutionPlan(analyzeTracks(facts), persona, facts);

/** Every item valid, and the persona with its change applied still a valid persona. */
function assertValid(items: PlanItem[]) {
  for (const item of items) {
    PlanItem.parse(item);
    Persona.partial().parse(item.change);
    Persona.parse({ ...PERSONA, ...item.change });
  }
}

Deno.test("seeded tempo effect (50 tracks × 365 days × 10 countries): a confident faster tempo", () => {
  const items = plan(seeded("tempo", 1));
  assertValid(items);
  assertEquals(items.map((i) => i.kind), ["tempo"]);
  const [tempo] = items;
  assertEquals(tempo.confidence, "high");
  const range = tempo.change.tempo_range!;
  assert(
    range.min > PERSONA.tempo_range.min && range.max > PERSONA.tempo_range.max,
    JSON.stringify(range),
  );
  assertEquals(Object.keys(tempo.change), ["tempo_range"]);
  assertEquals(tempo.title, `Lean faster: ${range.min}–${range.max} BPM`);
  const e = tempo.evidence.find((x) => x.feature === "tempo_bpm" && x.outcome === "save_rate")!;
  const [fast, slow] = e.groups;
  assert(fast.mean > slow.mean);
  assert(e.summary.includes(`saved ${pct(fast.mean)} of the time (${fast.n} tracks)`), e.summary);
  assert(e.summary.includes(`against ${pct(slow.mean)}`), e.summary);
  assert(e.summary.includes(`ρ = ${e.effect.toFixed(2)}`), e.summary);
  assertEquals(Object.keys(e).sort(), [
    "ci_high",
    "ci_low",
    "effect",
    "feature",
    "groups",
    "n",
    "outcome",
    "p",
    "summary",
  ]);
});

Deno.test("noise over 20 seeds: nothing at medium or high, at most one low item", () => {
  const items = Array.from({ length: 20 }, (_, seed) => plan(seeded("noise", 100 + seed, 180, 4)))
    .flat();
  assertValid(items);
  assertEquals(items.filter((i) => i.confidence !== "low").map((i) => i.title), []);
  assert(items.length <= 1, items.map((i) => i.title).join("; "));
});

Deno.test("too few tracks: no items, and the analysis says why", () => {
  const facts = seeded("tempo", 1).slice(0, 5);
  const a = analyzeTracks(facts);
  assertEquals(evolutionPlan(a, PERSONA, facts), []);
  assert(a.notes.some((n) => /at least 8/.test(n)), a.notes.join("\n"));
});

Deno.test("a better mood, genre and pillar lead their lists", () => {
  const facts = Array.from({ length: 36 }, (_, i) => {
    const [mood, genre, pillar] = [
      ["chill", "happy", "sad"][i % 3],
      ["lo-fi", "synth-pop"][i % 2],
      [
        "fan replies",
        "lyrics",
        "live clips",
        "behind the scenes",
      ][i % 4],
    ];
    const lift = (mood === "chill" ? 0.03 : 0) + (genre === "lo-fi" ? 0.02 : 0) +
      (pillar === "fan replies" ? 0.025 : 0);
    return syntheticFacts(`T${i}`, baseFeatures({ mood, genre, pillar }), {
      save_rate: (0.04 + lift) * (1 + 0.05 * Math.sin(i * 1.7)),
    });
  });
  const items = plan(facts);
  assertValid(items);
  const by = Object.fromEntries(items.map((i) => [i.kind, i]));
  assertEquals(by.mood?.change, { moods: ["chill", "melancholic", "happy"] });
  assertEquals(by.genre?.change, { genres: ["lo-fi", "synth-pop", "indie pop"] });
  assertEquals(by.pillars?.change, {
    content_pillars: ["fan replies", "lyrics", "behind the scenes"],
  });
  assertMatch(by.mood.title, /Lead with the mood "chill"/);
  assert(by.mood.evidence.every((e) => e.feature === "mood" && e.groups[0].label === "chill"));
  assertEquals(by.tempo, undefined);
});

Deno.test("posts that go with growth raise the posting cadence", () => {
  const facts = Array.from(
    { length: 24 },
    (_, i) =>
      syntheticFacts(`T${i}`, baseFeatures({ posts: i }), {
        save_rate: 0.05 * (1 + 0.2 * Math.sin(i * 2.1)),
        growth: -0.08 + 0.005 * i + 0.004 * Math.sin(i * 1.3),
      }),
  );
  const items = plan(facts);
  assertValid(items);
  const cadence = items.find((i) => i.kind === "cadence")!;
  assertEquals(cadence.change, { cadence: { releases_per_month: 1, posts_per_week: 4.5 } });
  assertEquals(cadence.title, "Post more: about 4.5 times a week");
  assert(cadence.evidence.every((e) => e.feature === "posts" && e.outcome === "growth"));
});

Deno.test("no item when the persona already leans that way, or the findings disagree", () => {
  const facts = seeded("tempo", 1);
  const already = { ...PERSONA, tempo_range: { min: 125, max: 140 } };
  assertEquals(plan(facts, already), []);

  // Faster tracks are saved more but also skipped more: no tempo proposal either way.
  const mixed = Array.from(
    { length: 30 },
    (_, i) =>
      syntheticFacts(`T${i}`, baseFeatures({ tempo_bpm: 80 + 2 * i }), {
        save_rate: 0.03 + 0.002 * i,
        skip_rate: 0.1 + 0.01 * i,
      }),
  );
  assertEquals(plan(mixed).filter((i) => i.kind === "tempo"), []);
});
