/**
 * The hit meter's insights through the real openai SDK against a fake OpenAI server on
 * 127.0.0.1: a valid answer is used; one citing an unknown feature or quoting no number is
 * retried once with the reason, then the offline writer answers.
 */
import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { FakeOpenAi } from "../../../../tests/_fakes/openai.ts";
import type { Features } from "../../../audio/reports.ts";
import { createAiPort } from "../../../ports/ai/mod.ts";
import { offlineInsights } from "./insights_offline.ts";
import { writeInsights } from "./insights_task.ts";
import { scoreFeatures } from "./model.ts";
import { IN_RANGE } from "../../../../tests/_helpers/meter.ts";
import type { Insight } from "./schemas.ts";

const livePort = (fake: FakeOpenAi) =>
  createAiPort({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: fake.baseURL,
    AI_MODEL: "fake-gpt",
    AI_EMBEDDING_MODEL: "fake-embed",
  });

const FLAWED: Features = { ...IN_RANGE, intro_s: 24, true_peak_dbtp: 0.3 };
const SCORE = scoreFeatures(FLAWED);
const GOOD: Insight[] = [
  {
    kind: "strength",
    title: "Tempo in the pocket",
    text: "At 118 BPM the groove sits where streaming pop lives.",
    cites: ["tempo_bpm"],
  },
  {
    kind: "suggestion",
    title: "Shorter intro",
    text: "La intro dura 24 s antes de llegar al nivel completo.",
    cites: ["intro_s"],
  },
];

Deno.test("meter insights (live) - a valid answer is used; numbers and names only were sent", async () => {
  await using fake = new FakeOpenAi();
  fake.replies.push(JSON.stringify({ insights: GOOD }));
  const r = await writeInsights(livePort(fake), FLAWED, SCORE, { language: "es" });
  assertEquals([r.source, r.insights], ["live", GOOD]);
  const body = fake.chats[0];
  assertEquals(body.response_format?.json_schema?.name, "meter_insights");
  assertEquals(body.response_format?.json_schema?.strict, true);
  assertMatch(body.messages[0].content, /never predictions/);
  assertMatch(body.messages[1].content, /"intro_s":24/);
  assertMatch(body.messages[1].content, /in Spanish/);
});

Deno.test("meter insights (live) - invalid → retry → offline; invalid then valid → live", async () => {
  await using fake = new FakeOpenAi();
  const unknown = [{ ...GOOD[0], cites: ["vibe"] }, GOOD[1]];
  const noNumber = [GOOD[0], { ...GOOD[1], text: "The intro is long." }];
  fake.replies.push(JSON.stringify({ insights: unknown }), JSON.stringify({ insights: noNumber }));
  const r = await writeInsights(livePort(fake), FLAWED, SCORE);
  assertEquals([r.source, fake.chats.length], ["offline", 2]);
  assertMatch(fake.chats[1].messages[1].content, /rejected: .*cites/);
  assertEquals(r.insights, offlineInsights(FLAWED));

  fake.replies.push(JSON.stringify({ insights: noNumber }), JSON.stringify({ insights: GOOD }));
  const again = await writeInsights(livePort(fake), FLAWED, SCORE);
  assertEquals([again.source, fake.chats.length], ["live", 4]);
  assertMatch(fake.chats[3].messages[1].content, /rejected: .*quote the measured numbers/);

  // A provider that is down is not retried: offline at once.
  fake.replies.push({ status: 400 });
  const down = await writeInsights(livePort(fake), FLAWED, SCORE);
  assert(down.source === "offline" && fake.chats.length === 5, `${fake.chats.length} calls`);
});
