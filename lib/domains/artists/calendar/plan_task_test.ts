import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { strictJsonSchema } from "../../../ports/ai/port.ts";
import { taskSchema } from "../../../ports/ai/task.ts";
import { offlinePersona } from "../persona/persona_task.ts";
import type { Brief, Persona } from "../types.ts";
import {
  ContentPlan,
  type ContentPlanInput,
  contentPlanPrompt,
  contentPlanTask,
  offlineContentPlan,
  planCounts,
} from "./plan_task.ts";

const BRIEFS: Brief[] = [
  { genre: "synth-pop", market: "GB", audience: "students who run", tone: "warm, a little ironic" },
  { genre: "sertanejo", market: "BR", audience: "truck drivers", tone: "heartfelt" },
  { genre: "reggaeton", market: "MX", audience: "teenagers at parties", tone: "bold, playful" },
  { genre: "techno", market: "DE", audience: "night owls", tone: "dark, minimal" },
  { genre: "ambient", market: "JP", audience: "people who meditate", tone: "serene" },
];

const persona = (i: number, cadence?: Persona["cadence"]): Persona => {
  const p = offlinePersona(BRIEFS[i]);
  return cadence ? { ...p, cadence } : p;
};

const CADENCES: Persona["cadence"][] = [
  { releases_per_month: 1, posts_per_week: 3 },
  { releases_per_month: 2, posts_per_week: 4 },
  { releases_per_month: 0, posts_per_week: 1 },
  { releases_per_month: 8, posts_per_week: 21 },
  { releases_per_month: 0.5, posts_per_week: 2.5 },
];

Deno.test("counts follow the cadence, dates stay in the window, deterministically", () => {
  for (const [i, cadence] of CADENCES.entries()) {
    for (const weeks of [1, 4, 12]) {
      const input: ContentPlanInput = { persona: persona(i, cadence), start: "2025-03-03", weeks };
      const plan = offlineContentPlan(input);
      const c = planCounts(input);
      const label = `${JSON.stringify(cadence)} × ${weeks}w`;
      assertEquals(
        plan.releases.length,
        Math.round(cadence.releases_per_month * weeks * 7 / 30.44),
        label,
      );
      assertEquals(plan.posts.length, Math.round(cadence.posts_per_week * weeks), label);
      assertEquals([plan.releases.length, plan.posts.length], [c.releases, c.posts], label);
      for (const x of [...plan.releases, ...plan.posts]) {
        assert(x.date >= "2025-03-03" && x.date <= c.end, `${label}: ${x.date}`);
      }
      const parsed = taskSchema(contentPlanTask, input).safeParse(plan);
      assert(parsed.success, `${label}: ${parsed.error?.message}`);
      assert(ContentPlan.safeParse(plan).success, label);
      assertEquals(offlineContentPlan(input), plan, label);
      const slots = plan.posts.map((p) => `${p.date} ${p.time}`);
      assertEquals(new Set(slots).size, slots.length, `${label}: one post per slot`);
    }
  }
  assertEquals(
    planCounts({ persona: persona(0), start: "2025-12-29", weeks: 1 }).end,
    "2026-01-04",
  );
});

Deno.test("a four-week monthly plan releases on a Friday and announces it", () => {
  const input = { persona: persona(0, CADENCES[0]), start: "2025-03-03", weeks: 4 };
  const plan = offlineContentPlan(input);
  assertEquals(plan.releases.length, 1);
  const [release] = plan.releases;
  assertEquals(new Date(`${release.date}T00:00:00Z`).getUTCDay(), 5);
  assertMatch(release.idea, /^".+": a .+ song about .+, for students who run\.$/);
  const announce = plan.posts.find((p) => p.caption.includes(`Out now: “${release.title}”`));
  assert(announce && announce.date === release.date, JSON.stringify(plan.posts));
  assert(announce.hashtags.includes("#newmusic"));
  assert(plan.posts.some((p) => p.caption.includes(`“${release.title}” is out on Friday`)));
});

Deno.test("posts rotate the pillars and carry clean hashtags", () => {
  const p = persona(0);
  const plan = offlineContentPlan({ persona: p, start: "2025-03-03", weeks: 3 });
  plan.posts.forEach((post, j) => {
    assertEquals(post.pillar, p.content_pillars[j % p.content_pillars.length]);
    for (const tag of post.hashtags) assertMatch(tag, /^#[\p{L}\p{N}_]+$/u);
    assertMatch(post.time, /^(?:[01]\d|2[0-3]):[0-5]\d$/);
  });
  assertEquals(plan.posts[0].hashtags[0], `#${p.name.replace(/ /g, "")}`);
});

Deno.test("captions are in the persona's language, English when no templates exist", () => {
  const start = "2025-03-03";
  const pt = offlineContentPlan({ persona: persona(1), start, weeks: 4 });
  const es = offlineContentPlan({ persona: persona(2), start, weeks: 4 });
  const de = offlineContentPlan({ persona: persona(3), start, weeks: 4 });
  assert(
    pt.posts.some((p) => /Já disponível|estúdio|música|vocês|cidade|Momentos/.test(p.caption)),
  );
  assert(pt.posts.some((p) => p.hashtags.includes("#musicanova")));
  assert(es.posts.some((p) => /Ya disponible|canción|estudio|Momentos|ciudad/.test(p.caption)));
  assert(de.posts.every((p) => !/[ãçñ¿]/.test(p.caption)));
  assert(de.posts.some((p) => /\b(the|a|is|of)\b/i.test(p.caption)));
});

Deno.test("the plan's schema is strict-output friendly and keeps dates and pillars inside", () => {
  const input = { persona: persona(0), start: "2025-03-03", weeks: 2 };
  const json = strictJsonSchema(taskSchema(contentPlanTask, input));
  const posts = (json.properties as Record<string, Record<string, unknown>>).posts;
  const n = input.persona.cadence.posts_per_week * 2;
  assertEquals([posts.minItems, posts.maxItems], [n, n]);
  const item = (posts.items as { properties: Record<string, { enum?: string[] }> }).properties;
  assertEquals(item.date.enum?.length, 14);
  assertEquals(item.pillar.enum, input.persona.content_pillars);
  strictJsonSchema(ContentPlan);

  const schema = taskSchema(contentPlanTask, input);
  const plan = offlineContentPlan(input);
  const outside = {
    ...plan,
    posts: plan.posts.map((p, i) => i ? p : { ...p, date: "2025-04-01" }),
  };
  assert(!schema.safeParse(outside).success);
  const named = {
    ...plan,
    posts: plan.posts.map((p, i) => i ? p : { ...p, caption: "Like Adele" }),
  };
  assert(!schema.safeParse(named).success);
  const fewer = { ...plan, posts: plan.posts.slice(1) };
  assert(!schema.safeParse(fewer).success);
});

Deno.test("the prompt states the window, counts, language and pillars", () => {
  const input = { persona: persona(1), start: "2025-03-03", weeks: 4 };
  const text = contentPlanPrompt(input);
  for (const s of ["2025-03-03 to 2025-03-30", "exactly 1,", "exactly 16,", "Portuguese (pt)"]) {
    assert(text.includes(s), s);
  }
  assert(text.includes(input.persona.content_pillars.join("; ")));
});
