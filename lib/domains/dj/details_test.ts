import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { strictJsonSchema } from "../../ports/ai/port.ts";
import { scriptedAi } from "../../ports/ai/test_utils.ts";
import { findDetails, keepDetails } from "./details.ts";
import { interpret, offlinePlan } from "./interpret.ts";
import { buildQueries } from "./strategy.ts";
import { DjPlan } from "./types.ts";

/** Prompts whose details must survive into the plan, in the prompt's own words. */
const PROMPTS: [string, { text: string; search: string | null }[]][] = [
  ["música para estudiar con lluvia de fondo", [{ text: "lluvia de fondo", search: "rain" }]],
  ["study with rain sounds in the background", [
    { text: "rain sounds in the background", search: "rain" },
  ]],
  ["calm piano, no vocals, for a 6am run", [
    { text: "no vocals", search: "instrumental" },
    { text: "6am run", search: null },
  ]],
  ["música animada para treinar, sem letra, com barulho de chuva", [
    { text: "sem letra", search: "instrumental" },
    { text: "barulho de chuva", search: "rain" },
  ]],
  ["musique pour dormir avec le bruit des vagues", [
    { text: "bruit des vagues", search: "ocean waves" },
  ]],
  ["Musik zum Lernen mit Regen im Hintergrund", [
    { text: "Regen im Hintergrund", search: "rain" },
  ]],
  ["80s rock for driving", [{ text: "80s rock", search: "80s rock" }]],
  ["canciones de los años 80 para una cena", [{ text: "años 80", search: "80s" }]],
  ["songs about the ocean by Bon Iver", [{ text: "ocean by Bon Iver", search: "ocean waves" }]],
];

Deno.test("details - prompts in five languages keep their details in their own words", () => {
  for (const [prompt, details] of PROMPTS) {
    const plan = offlinePlan(prompt);
    assertEquals(plan.details, details, prompt);
    DjPlan.parse(plan);
    // Each searchable detail is searched for, and its query knows the detail.
    for (const d of details.filter((d) => d.search)) {
      const q = buildQueries(plan).find((q) => q.detail === d.text);
      assert(q && q.kind === "term", `${prompt}: a search for “${d.text}”`);
    }
  }
});

Deno.test("details - mood, genre and filler words are not details; no vocals asks for instrumentals", () => {
  for (
    const prompt of [
      "música para relajarse estudiando",
      "energetic workout music",
      "lo-fi hip hop beats to relax",
      "Ruhige Musik zum Lernen",
      "a really good playlist of happy pop",
    ]
  ) {
    assertEquals(findDetails(prompt).details, [], prompt);
  }
  const plan = offlinePlan("música para correr a las 6 de la mañana, sin voces");
  assertEquals(plan.details, [
    { text: "6 de la mañana", search: null },
    { text: "sin voces", search: "instrumental" },
  ]);
  assertEquals(plan.genres[0], "instrumental");
  // The words a sound stands for are not searched for as typed ("fondo").
  assert(!offlinePlan("música con lluvia de fondo").search_terms.some((t) => t.includes("fondo")));
});

Deno.test("details - a live plan that drops a detail gets it back; the schema asks for them", async () => {
  const prompt = "música para estudiar con lluvia de fondo";
  const { details: _d, ...rest } = offlinePlan(prompt);
  const live = JSON.stringify({ ...rest, details: [] });
  const r = await interpret(scriptedAi([live]), prompt);
  assertEquals(r.source, "live");
  assertEquals(r.plan.details, [{ text: "lluvia de fondo", search: "rain" }]);
  // Kept by the model (in its words): not added twice.
  const kept = { ...offlinePlan(prompt), details: [{ text: "Lluvia de fondo", search: "rain" }] };
  assertEquals(keepDetails(kept, prompt).details.length, 1);
  // A plan stored before details existed reads as having none.
  assertEquals(DjPlan.parse(rest).details, []);
  const schema = strictJsonSchema(DjPlan) as {
    required: string[];
    properties: Record<string, { items?: { required: string[] } }>;
  };
  assert(schema.required.includes("details"), "the live model must answer details");
  assertEquals(schema.properties.details.items?.required, ["text", "search"]);
});
