/**
 * The studio's AI tasks through the real openai SDK against a fake OpenAI server on 127.0.0.1:
 * a valid answer is used (with artists' names removed), an invalid one is retried once, then the
 * offline producer answers.
 */
import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import { FakeOpenAi } from "../../../tests/_fakes/openai.ts";
import { createAiPort } from "../../ports/ai/mod.ts";
import { enhancePrompt, offlineEnhance } from "./enhance_task.ts";
import { offlineLyrics, writeLyrics } from "./lyrics_task.ts";
import type { SongPlan } from "./plan.ts";

function livePort(fake: FakeOpenAi) {
  return createAiPort({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: fake.baseURL,
    AI_MODEL: "fake-gpt",
    AI_EMBEDDING_MODEL: "fake-embed",
  });
}

const PROMPT = "a dreamy pop song that sounds like Taylor Swift, 2 minutes";
const offline = offlineEnhance({ prompt: PROMPT, language: "en" });
const livePlan: SongPlan = {
  ...offline,
  title: "Taylor Swift Daydream",
  subgenre: "dream pop",
  style_words: ["shimmering", "Taylor Swift-like", "reverb-soaked"],
  lyrics_theme: "a daydream about Taylor Swift",
};

Deno.test("studio enhance (live) - a valid plan is used, artists' names removed", async () => {
  await using fake = new FakeOpenAi();
  fake.replies.push(JSON.stringify(livePlan));
  const r = await enhancePrompt(livePort(fake), PROMPT);
  assertEquals([r.source, r.model, r.language], ["live", "fake-gpt-2026-01-01", "en"]);
  assertEquals([r.plan.title, r.plan.subgenre, r.plan.lyrics_theme], [
    "Daydream",
    "dream pop",
    "a daydream",
  ]);
  assertEquals(r.plan.style_words, ["shimmering", "reverb-soaked"]);
  assert(!/taylor|swift/i.test(JSON.stringify(r.plan)), "no name left");
  const body = fake.chats[0];
  assertEquals(body.response_format?.json_schema?.name, "song_plan");
  assertEquals(body.response_format?.json_schema?.strict, true);
  assertMatch(body.messages[0].content, /Never name a real artist/);
  assertMatch(body.messages[1].content, /Length: about 120 seconds/);
});

Deno.test("studio enhance (live) - invalid twice → offline; invalid then valid → live", async () => {
  await using fake = new FakeOpenAi();
  // Wrong length for the ask (one bar), then not JSON.
  fake.replies.push(JSON.stringify({ ...livePlan, structure: [{ name: "verse", bars: 1 }] }), "{");
  const r = await enhancePrompt(livePort(fake), PROMPT);
  assertEquals([r.source, fake.chats.length], ["offline", 2]);
  assertMatch(fake.chats[1].messages[1].content, /rejected: .*structure.*120 s asked/);
  assertEquals(r.plan, offline);
  assert(!/taylor|swift/i.test(JSON.stringify(r.plan)), "offline has no name either");

  fake.replies.push(JSON.stringify({ ...livePlan, tempo_bpm: 20 }), JSON.stringify(livePlan));
  const again = await enhancePrompt(livePort(fake), PROMPT);
  assertEquals([again.source, fake.chats.length], ["live", 4]);
});

Deno.test("studio lyrics (live) - valid lyrics used; a changed chorus is retried, then offline", async () => {
  await using fake = new FakeOpenAi();
  const good = offlineLyrics({ plan: offline, seed: 3, language: "en" });
  good.sections[0].lines[0] = "A line the model wrote";
  fake.replies.push(JSON.stringify(good));
  const w = await writeLyrics(livePort(fake), offline, { seed: 3, language: "en" });
  assertEquals([w?.source, w?.lyrics.sections[0].lines[0]], ["live", "A line the model wrote"]);
  assertEquals(fake.chats[0].response_format?.json_schema?.name, "song_lyrics");
  assertMatch(fake.chats[0].messages[1].content, /- chorus \(\d+ bars, 4 lines\)/);

  const bad = structuredClone(good);
  bad.sections.findLast((s) => s.name === "chorus")!.lines[0] = "Not the same";
  fake.replies.push(JSON.stringify(bad), JSON.stringify(bad));
  const fb = await writeLyrics(livePort(fake), offline, { seed: 3, language: "en" });
  assertEquals([fb?.source, fake.chats.length], ["offline", 3]);
  assertMatch(fake.chats[2].messages[1].content, /every chorus must be the same/);
  assertEquals(fb?.lyrics, offlineLyrics({ plan: offline, seed: 3, language: "en" }));
});
