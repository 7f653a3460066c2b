/**
 * Moderation and images through the real openai SDK against the fake OpenAI server on 127.0.0.1:
 * flagged categories come back by name and in order, a provider failure is `AiUnavailableError`
 * (the caller's offline fallback), an answer that is not a PNG is `AiOutputError`; the offline
 * port rejects both with `AiUnavailableError`.
 */
import { assert, assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { FakeOpenAi } from "../../../tests/_fakes/openai.ts";
import { type AiConfig, createAiPort } from "./mod.ts";
import { AiOutputError, AiUnavailableError, isPng } from "./port.ts";

function livePort(fake: FakeOpenAi, extra: Partial<AiConfig> = {}) {
  return createAiPort({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: fake.baseURL,
    AI_MODEL: "fake-gpt",
    AI_EMBEDDING_MODEL: "fake-embed",
    ...extra,
  });
}

Deno.test("ai moderate (live) - one verdict per text, flagged categories by name", async () => {
  await using fake = new FakeOpenAi();
  fake.flag = [
    { pattern: /\bslur\b/i, categories: ["hate"] },
    { pattern: /\bthreat\b/i, categories: ["harassment", "harassment/threatening"] },
  ];
  const texts = ["A warm synth-pop singer from Leeds", "a SLUR here", "a slur and a threat"];
  const verdicts = await livePort(fake).moderate(texts);
  assertEquals(verdicts, [
    { flagged: false, categories: [] },
    { flagged: true, categories: ["hate"] },
    { flagged: true, categories: ["harassment", "harassment/threatening", "hate"] },
  ]);
  assertEquals(fake.moderations, [{ input: texts, model: "omni-moderation-latest" }]);
});

Deno.test("ai moderate (live) - nothing flagged by default; the model is configurable", async () => {
  await using fake = new FakeOpenAi();
  const ai = livePort(fake, { AI_MODERATION_MODEL: "text-moderation-stable" });
  assertEquals(await ai.moderate(["anything at all"]), [{ flagged: false, categories: [] }]);
  assertEquals(fake.moderations[0].model, "text-moderation-stable");
  assertEquals(await ai.moderate([]), []);
  assertEquals(fake.moderations.length, 1, "no request for no texts");
});

Deno.test("ai moderate (live) - long lists go in batches, verdicts stay in order", async () => {
  await using fake = new FakeOpenAi();
  fake.flag = [{ pattern: /^bad/, categories: ["violence"] }];
  const texts = Array.from({ length: 70 }, (_, i) => (i % 9 === 0 ? `bad ${i}` : `good ${i}`));
  const verdicts = await livePort(fake).moderate(texts);
  assertEquals(fake.moderations.map((m) => m.input.length), [32, 32, 6]);
  assertEquals(verdicts.map((v) => v.flagged), texts.map((t) => t.startsWith("bad")));
});

Deno.test("ai moderate (live) - the provider down is AiUnavailableError", async () => {
  await using fake = new FakeOpenAi();
  fake.moderationStatus = 500;
  const err = await assertRejects(() => livePort(fake).moderate(["hello"]), /moderation/);
  assert(err instanceof AiUnavailableError, String(err));
});

Deno.test("ai image (live) - PNG bytes from b64_json; gpt-image asks for png", async () => {
  await using fake = new FakeOpenAi();
  const img = await livePort(fake).image("neon city at dusk, bold type", { size: "1024x1024" });
  assert(isPng(img.bytes), "PNG signature");
  assertEquals([img.contentType, img.model], ["image/png", "gpt-image-1"]);
  assertEquals(fake.images[0], {
    model: "gpt-image-1",
    prompt: "neon city at dusk, bold type",
    size: "1024x1024",
    n: 1,
    output_format: "png",
  });
});

Deno.test("ai image (live) - other models are asked for b64_json", async () => {
  await using fake = new FakeOpenAi();
  const ai = livePort(fake, { AI_IMAGE_MODEL: "dall-e-3" });
  const img = await ai.image("a cover", { size: "1024x1024" });
  assertEquals(img.model, "dall-e-3");
  assertEquals([fake.images[0].response_format, fake.images[0].output_format], [
    "b64_json",
    undefined,
  ]);
});

Deno.test("ai image (live) - garbage or a URL is AiOutputError; failures AiUnavailableError", async () => {
  await using fake = new FakeOpenAi();
  const ai = livePort(fake);
  const size = { size: "1024x1024" } as const;
  fake.imageAnswer = "garbage";
  let err = await assertRejects(() => ai.image("x", size), /not a PNG/);
  assert(err instanceof AiOutputError, String(err));
  fake.imageAnswer = "url";
  err = await assertRejects(() => ai.image("x", size), /no base64 image/);
  assert(err instanceof AiOutputError, String(err));
  fake.imageAnswer = { status: 500 };
  err = await assertRejects(() => ai.image("x", size), /image: the AI provider failed/);
  assert(err instanceof AiUnavailableError, String(err));
  fake.imageAnswer = { status: 400, code: "moderation_blocked" };
  err = await assertRejects(
    () => ai.image("x", size),
    /refused the request \(moderation_blocked\)/,
  );
  assert(err instanceof AiUnavailableError, String(err));
});

Deno.test("ai moderate/image (offline) - AiUnavailableError, the caller's own rules answer", async () => {
  const ai = createAiPort({ AI_MODEL: "x", AI_EMBEDDING_MODEL: "y" });
  assertEquals(ai.mode, "offline");
  const m = await assertRejects(() => ai.moderate(["hello"]), /offline/);
  assert(m instanceof AiUnavailableError, String(m));
  const i = await assertRejects(() => ai.image("x", { size: "1024x1024" }), /offline/);
  assert(i instanceof AiUnavailableError, String(i));
});
