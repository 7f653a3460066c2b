import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { strictJsonSchema } from "../../../ports/ai/port.ts";
import { taskSchema } from "../../../ports/ai/task.ts";
import { type Brief, Persona } from "../types.ts";
import { checkPersona } from "./guardrails.ts";
import { offlinePersona, personaPrompt, personaTask } from "./persona_task.ts";

const BRIEFS: Brief[] = [
  {
    genre: "synth-pop",
    market: "GB",
    audience: "students who run in the evening",
    tone: "warm, a little ironic",
  },
  {
    genre: "sertanejo",
    market: "BR",
    audience: "Truck drivers and their families",
    tone: "heartfelt and nostalgic",
  },
  {
    genre: "reggaeton",
    market: "MX",
    audience: "teenagers at house parties",
    tone: "bold, playful",
  },
  {
    genre: "indie folk",
    market: "US",
    audience: "hikers and early risers",
    tone: "gentle, honest",
  },
  {
    genre: "chanson",
    market: "FR",
    audience: "couples in their thirties",
    tone: "wry and romantic",
  },
  {
    genre: "techno",
    market: "DE",
    audience: "Berlin night owls",
    tone: "dark, minimal, confident",
  },
  { genre: "cantautorato", market: "IT", audience: "book lovers", tone: "melancholic" },
  { genre: "k-pop", market: "KR", audience: "dance cover crews", tone: "energetic and bright" },
  { genre: "lo-fi hip hop", market: "GLOBAL", audience: "people studying late", tone: "calm" },
  { genre: "bossa nova", market: "pt", audience: "café owners", tone: "sunny, unhurried" },
  { genre: "drum and bass", market: "NL", audience: "festival crowds", tone: "fierce" },
  { genre: "ambient", market: "JP", audience: "people who meditate", tone: "serene, dreamy" },
  {
    genre: "neo-soul",
    market: "ZA",
    audience: "late-night radio listeners",
    tone: "smooth",
    notes: "Grew up singing in a choir. Loves vintage keyboards.",
  },
  {
    genre: "flamenco pop",
    market: "ES",
    audience: "Gen Z in Madrid",
    tone: "fiery, proud",
    name: "Carmela Ruiz",
  },
];

Deno.test("every offline persona fits Persona and its task schema, deterministically", () => {
  for (const brief of BRIEFS) {
    const p = offlinePersona(brief);
    const label = `${brief.genre}/${brief.market}`;
    assert(Persona.safeParse(p).success, `${label}: ${Persona.safeParse(p).error?.message}`);
    const checked = taskSchema(personaTask, brief).safeParse(p);
    assert(checked.success, `${label}: ${checked.error?.message}`);
    assertEquals(offlinePersona(brief), p, label);
    assertEquals(p.genres[0], brief.genre);
    assert(p.genres.length >= 2 && p.genres.length <= 3, label);
    assert(p.content_pillars.length >= 3 && p.content_pillars.length <= 5, label);
    const sentences = p.backstory.match(/[.!?](\s|$)/g)?.length ?? 0;
    assert(sentences >= 2 && sentences <= 4, `${label}: ${p.backstory}`);
    assert(p.backstory.includes(brief.audience.slice(1)), label);
  }
});

Deno.test("offline personas pass the guardrails", async () => {
  for (const brief of BRIEFS) {
    const verdict = await checkPersona({ brief, persona: offlinePersona(brief) });
    assertEquals(verdict, { ok: true }, `${brief.genre}/${brief.market}`);
  }
});

Deno.test("market, language, name and tempo follow the brief", () => {
  const [gb, br, mx] = BRIEFS.map(offlinePersona);
  assertEquals([gb.market, gb.language, br.language, mx.language], ["GB", "en", "pt", "es"]);
  assertEquals(offlinePersona(BRIEFS[9]).market, "PT");
  assertEquals(offlinePersona(BRIEFS[13]).name, "Carmela Ruiz");
  assertEquals(offlinePersona(BRIEFS[10]).tempo_range, { min: 170, max: 176 });
  assertEquals(offlinePersona(BRIEFS[11]).tempo_range, { min: 60, max: 80 });
  assertMatch(br.voice, /Posts in Portuguese\.$/);
  assertMatch(offlinePersona(BRIEFS[12]).backstory, /choir/);
  const names = new Set(BRIEFS.map((b) => offlinePersona(b).name));
  assertEquals(names.size, BRIEFS.length);
});

Deno.test("the task's schema works as a strict output schema", () => {
  for (const brief of BRIEFS.slice(0, 3)) {
    const json = strictJsonSchema(taskSchema(personaTask, brief));
    assertEquals(json.type, "object");
    assertEquals(json.additionalProperties, false);
  }
  strictJsonSchema(Persona);
});

Deno.test("the schema refuses a live answer that drifts from the brief or names an artist", () => {
  const brief = { ...BRIEFS[0], name: "Luna Vale" };
  const p = offlinePersona(brief);
  const schema = taskSchema(personaTask, brief);
  assert(schema.safeParse(p).success);
  const bad = [
    { ...p, market: "US" },
    { ...p, name: "Moon Vale" },
    { ...p, genres: ["rock"] },
    { ...p, influences: ["Daft Punk robot voices"] },
    { ...p, backstory: p.backstory + " Basically Taylor Swift." },
  ];
  for (const b of bad) assert(!schema.safeParse(b).success, JSON.stringify(b).slice(0, 80));
});

Deno.test("the prompt states the brief and the rules", () => {
  const text = personaPrompt({ ...BRIEFS[1], notes: "likes trains" });
  for (
    const s of [
      "sertanejo",
      "BR (Brazil)",
      "Portuguese",
      "Truck drivers",
      "heartfelt",
      "likes trains",
      "never names",
    ]
  ) {
    assert(text.includes(s), s);
  }
  assert(personaPrompt(BRIEFS[13]).includes('Use exactly this name: "Carmela Ruiz"'));
});
