import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import type { LogEntry } from "../../platform/log.ts";
import { AiUnavailableError } from "../../ports/ai/port.ts";
import { createOfflineAi } from "../../ports/ai/offline.ts";
import { scriptedAi } from "../../ports/ai/test_utils.ts";
import { interpret, offlinePlan } from "./interpret.ts";
import { analyse } from "./lexicon.ts";
import { DjPlan } from "./types.ts";

Deno.test("lexicon - moods, genres and the language of prompts in five languages", () => {
  const cases: [string, string, string[], string[]][] = [
    ["música para relajarse estudiando", "es", ["calm", "focus"], []],
    ["música animada para treinar na academia", "pt", ["energetic", "workout"], []],
    ["musique calme pour dormir", "fr", ["calm", "sleep"], []],
    ["Ruhige Musik zum Lernen", "de", ["calm", "focus"], []],
    ["lo-fi hip hop beats to relax", "en", ["calm"], ["lo-fi", "hip hop"]],
    ["gute Laune für den Roadtrip", "de", ["happy", "driving"], []],
    ["canciones tristes de desamor en español", "es", ["sad"], ["latin"]],
  ];
  for (const [prompt, lang, moods, genres] of cases) {
    const a = analyse(prompt);
    assertEquals([a.language, a.moods.map((m) => m.key), a.genres], [lang, moods, genres], prompt);
  }
});

Deno.test("offline plan - a Spanish study prompt gives a calm plan named in Spanish", () => {
  const p = offlinePlan("música para relajarse estudiando");
  assertEquals([p.language, p.playlist_name, p.mood], [
    "es",
    "Música tranquila para estudiar",
    "calm focus",
  ]);
  assertMatch(p.description, /^Música tranquila para estudiar, con .+\. Seleccionada por el DJ IA/);
  assert(p.energy < 0.35 && p.danceability < 0.5, `calm: ${JSON.stringify(p)}`);
  assert(p.tempo.max <= 110, "slow");
  assert(p.genres.includes("ambient") && p.genres.includes("lo-fi"), p.genres.join());
  assert(p.search_terms.some((t) => t.includes("study")), p.search_terms.join());
  DjPlan.parse(p);
});

Deno.test("offline plan - names and descriptions follow the prompt's language", () => {
  const names: [string, string, RegExp][] = [
    ["Music for studying", "Music for studying", /Picked by the Soundcheck AI DJ/],
    ["energetic workout music", "Energetic music for working out", /Picked by/],
    ["música animada para treinar", "Música energética para treinar", /Escolhida pelo DJ IA/],
    ["musique calme pour dormir", "Musique calme pour dormir", /Choisie par le DJ IA/],
    ["Ruhige Musik zum Lernen", "Ruhige Musik zum Lernen", /Ausgewählt vom KI-DJ/],
  ];
  for (const [prompt, name, signature] of names) {
    const p = offlinePlan(prompt);
    assertEquals(p.playlist_name, name, prompt);
    assertMatch(p.description, signature, prompt);
  }
  const workout = offlinePlan("energetic workout music");
  assert(workout.energy > 0.8 && workout.tempo.min >= 110, JSON.stringify(workout));
  // Words the lexicon does not know become the search (an artist, a theme).
  const other = offlinePlan("songs about the ocean by Bon Iver");
  assertEquals(other.search_terms[0], "bon iver");
  assertEquals(other.details, [{ text: "ocean by Bon Iver", search: "ocean waves" }]);
  assertEquals(other.playlist_name, "Songs about the ocean by Bon Iver");
});

Deno.test("interpret - live structured output, one retry when invalid, else offline", async () => {
  const live = JSON.stringify({ ...offlinePlan("calm piano"), playlist_name: "Piano calme" });
  const ok = scriptedAi([live], 9);
  const r = await interpret(ok, "calm piano");
  assertEquals([r.source, r.model, r.plan.playlist_name], ["live", "fake-model", "Piano calme"]);
  assertEquals([ok.calls[0].schemaName, ok.calls[0].task], ["dj_plan", "dj_plan"]);
  assertEquals(ok.calls[0].prompt, "Request: calm piano");
  assertMatch(ok.calls[0].system, /Soundcheck's AI DJ/);
  assertEquals(Object.keys(r).sort(), ["model", "plan", "source"], "the result shape is kept");

  const logs: LogEntry[] = [];
  const retry = scriptedAi(["x", live]);
  assertEquals((await interpret(retry, "calm piano", (e) => logs.push(e))).source, "live");
  assertMatch(retry.calls[1].prompt, /previous answer was rejected: answer is not JSON/);
  assertEquals(logs.map((l) => [l.msg, l.task]), [["ai output invalid", "dj_plan"]]);

  const down = scriptedAi([new AiUnavailableError("offline")]);
  const fb = await interpret(down, "calm piano");
  assertEquals([fb.source, fb.fallback, down.calls.length], ["offline", "offline", 1]);
  assertEquals(fb.plan, offlinePlan("calm piano"));

  const off = await interpret(createOfflineAi(), "musique calme pour dormir");
  assertEquals([off.source, off.model, off.plan.language, off.fallback], [
    "offline",
    "offline-dj-lexicon-v1",
    "fr",
    undefined,
  ]);
});
