import { z } from "zod";
import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
} from "../../../tests/_helpers/assert.ts";
import { createOfflineAi, OFFLINE_WRITER_MODEL } from "../../ports/ai/offline.ts";
import { strictJsonSchema } from "../../ports/ai/port.ts";
import { casaAzul, ella, rockNight, scriptedAi } from "../../ports/ai/test_utils.ts";
import {
  AnnouncementDraft,
  BioDraft,
  type GigFacts,
  type MusicianFacts,
  ProposalDraft,
  setlistSchema,
  SocialPostDraft,
  write,
  WRITE_TASKS,
} from "./writer.ts";

const schemaFor = (task: string, g: GigFacts): z.ZodType =>
  ({
    bio: BioDraft,
    setlist: setlistSchema(g.duration_minutes),
    proposal: ProposalDraft,
    announcement: AnnouncementDraft,
    social_post: SocialPostDraft,
  } as Record<string, z.ZodType>)[task];

Deno.test("writer offline - every task's draft is valid, fact-based and deterministic", async () => {
  const ai = createOfflineAi();
  for (const task of WRITE_TASKS) {
    const r = await write(ai, task, { musician: ella, gig: casaAzul });
    assertEquals([r.source, r.model, r.attempts], ["offline", OFFLINE_WRITER_MODEL, 0], task);
    assertEquals(schemaFor(task, casaAzul).safeParse(r.draft).success, true, task);
    assert(r.text.length > 40, `${task}: ${r.text}`);
    const again = await write(ai, task, { musician: ella, gig: casaAzul });
    assertEquals(again.text, r.text, `${task} is deterministic`);
  }
  const bio = await write(ai, "bio", { musician: ella });
  assertMatch(bio.text, /Ella Hart/);
  assertMatch(bio.text, /guitarist/);
  assertMatch(bio.text, /Lisbon, Portugal/);
  assertMatch(bio.text, /fado/, "keeps facts from the current bio");
  const proposal = await write(ai, "proposal", { musician: ella, gig: casaAzul });
  assertMatch(proposal.text, /your Friday jazz dinner at Casa Azul/, "the gig named as people do");
  assert(!proposal.text.includes("Friday Jazz at Casa Azul"), "never the listing's title");
  assertMatch(proposal.text, /11 December/);
  assertMatch(proposal.text, /€600, within your budget of €400–€600/);
  const post = await write(ai, "social_post", { gig: casaAzul });
  assertMatch(post.text, /19:30/, "local time of the gig");
  assertMatch(post.text, /#jazz/);
});

Deno.test("writer offline - different facts give different drafts", async () => {
  const ai = createOfflineAi();
  for (const task of ["announcement", "social_post", "setlist"] as const) {
    const a = await write(ai, task, { gig: casaAzul });
    const b = await write(ai, task, { gig: rockNight });
    assert(a.text !== b.text, task);
  }
  const other: MusicianFacts = {
    ...ella,
    stage_name: "Tom Reyes",
    instruments: ["drums"],
    genres: ["rock"],
    city: "Porto",
    bio: null,
  };
  const b = await write(ai, "bio", { musician: other });
  assertMatch(b.text, /Tom Reyes/);
  assertMatch(b.text, /rock drummer|plays drums, mostly rock/i);
});

Deno.test("writer - a task without the facts it needs is refused", async () => {
  const ai = createOfflineAi();
  await assertRejects(() => write(ai, "bio", { gig: casaAzul }), /bio needs a musician profile/);
  await assertRejects(() => write(ai, "proposal", { gig: casaAzul }), /needs a musician profile/);
  await assertRejects(() => write(ai, "setlist", { musician: ella }), /setlist needs a gig/);
});

const goodBio = JSON.stringify({
  headline: "Lisbon jazz guitarist and singer",
  bio: "Ella Hart is a jazz and soul guitarist and singer from Lisbon who leads her own trio, " +
    "arranges standards and bossa nova, and sight-reads whatever the session needs.",
  language: "en",
});

Deno.test("writer live - a valid answer is used as it is, rendered as text", async () => {
  const ai = scriptedAi([goodBio]);
  const r = await write(ai, "bio", { musician: ella });
  assertEquals([r.task, r.source, r.model, r.attempts, r.tokens], [
    "bio",
    "live",
    "fake-model",
    1,
    42,
  ]);
  assertEquals((r.draft as BioDraft).headline, "Lisbon jazz guitarist and singer");
  assertMatch(r.text, /^Lisbon jazz guitarist and singer\n\nElla Hart is/);
  assertEquals([ai.calls[0].task, ai.calls[0].schemaName], ["bio", "musician_bio"]);
  assertMatch(ai.calls[0].prompt, /Stage name: Ella Hart/);
  assertMatch(ai.calls[0].system, /Soundcheck's writing assistant/);
});

Deno.test("writer live - the prompt and the schema carry the language and the voice", async () => {
  const band = { ...ella, stage_name: "Ella Hart Trio" };
  const ai = scriptedAi([]);
  await write(ai, "proposal", { musician: band, gig: casaAzul, language: "es" });
  const call = ai.calls[0];
  assertMatch(call.system, /only in the language the request names/);
  assert(!/English/.test(call.system), "the system prompt names no language");
  assertMatch(call.prompt, /write every field in Spanish \(es\)/);
  assertMatch(call.prompt, /Ella Hart Trio is a group \(trio, 3 members\)/);
  assertMatch(call.prompt, /first person plural \("we", "our"\); never "I'm Ella Hart Trio"/);
  assertMatch(
    call.prompt,
    /su cena de jazz del viernes en Casa Azul/,
    "an example of naming the gig",
  );
  const schema = strictJsonSchema(call.schema) as {
    properties: Record<string, { enum?: string[]; description?: string }>;
    required: string[];
  };
  assertEquals(schema.properties.language.enum, ["es"]);
  assert(schema.required.includes("language"));
  assertMatch(schema.properties.message.description ?? "", /in es, first person plural \(we\)/);
  // An answer in another language than asked is invalid output: one retry, then offline.
  const wrong = JSON.stringify({
    subject: "Ella Hart Trio",
    message: "x".repeat(200),
    language: "en",
  });
  const retried = scriptedAi([wrong, wrong]);
  const r = await write(retried, "proposal", { musician: band, gig: casaAzul, language: "es" });
  assertEquals([r.source, r.language], ["offline", "es"]);
  assertMatch(r.fallback ?? "", /schema at language/);
  // A soloist's bio: third person, singular.
  const solo = scriptedAi([]);
  await write(solo, "bio", { musician: ella, language: "fr" });
  assertMatch(solo.calls[0].prompt, /Ella Hart is a solo musician; write in the third person/);
  assertMatch(solo.calls[0].prompt, /French \(fr\)/);
});

Deno.test("writer live - invalid twice → the offline writer, and the reason kept", async () => {
  const ai = scriptedAi(["nope", '{"headline": 1}', goodBio]);
  const r = await write(ai, "bio", { musician: ella });
  assertEquals([r.source, r.model, r.attempts], ["offline", OFFLINE_WRITER_MODEL, 2]);
  assertMatch(r.fallback ?? "", /schema/);
  assertMatch(r.text, /Ella Hart/);
});

Deno.test("writer live - a setlist that does not add up is invalid output", async () => {
  const short = JSON.stringify({
    title: "Set",
    songs: [{ title: "So What", artist: "Miles Davis", minutes: 9, energy: 6 }],
    notes: "",
  });
  const ai = scriptedAi([short, short]);
  const r = await write(ai, "setlist", { gig: casaAzul });
  assertEquals(r.source, "offline");
  assertMatch(r.fallback ?? "", /add up to 9 minutes; the gig lasts 120/);
});
