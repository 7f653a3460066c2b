/**
 * AI writing against a fake OpenAI server on 127.0.0.1, driven through the real openai SDK
 * (`baseURL`): structured output, invalid JSON → one retry → offline, embeddings; the
 * `ai-write` function's contract (401, 400 naming the field, 404, 429, usage recorded); and the
 * draft's language and voice through /api/ai/write and the function, offline and live.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { createAiPort } from "../../lib/ports/ai/mod.ts";
import { lexicalEmbedding } from "../../lib/ports/ai/offline.ts";
import { FakeOpenAi } from "../_fakes/openai.ts";
import { write } from "../../lib/domains/writing/writer.ts";
import type { BioDraft, GigFacts, MusicianFacts } from "../../lib/domains/writing/writer.ts";
import { detectLanguage } from "../../lib/domains/writing/language.ts";
import { humanProblems } from "../../lib/domains/writing/test_utils.ts";
import { browser } from "../_helpers/fuzz.ts";

const ella: MusicianFacts = {
  stage_name: "Ella Hart",
  bio: "",
  instruments: ["guitar"],
  genres: ["jazz", "soul"],
  skills: ["improvisation"],
  languages: ["English"],
  city: "Lisbon",
  country: "PT",
  travel_radius_km: 100,
  fee_min_minor: 30000,
  fee_max_minor: 60000,
  currency: "EUR",
};

const validBio = JSON.stringify(
  {
    headline: "Lisbon jazz and soul guitarist",
    bio: "Ella Hart is a jazz and soul guitarist based in Lisbon. She improvises with taste, " +
      "reads charts on sight and brings warmth to clubs, dinners and weddings across Portugal.",
    language: "en",
  } satisfies BioDraft & { language: string },
);

function livePort(fake: FakeOpenAi) {
  return createAiPort({
    OPENAI_API_KEY: "sk-test-123",
    OPENAI_BASE_URL: fake.baseURL,
    AI_MODEL: "fake-gpt",
    AI_EMBEDDING_MODEL: "fake-embed",
  });
}

Deno.test("openai adapter - strict structured output through the real SDK: valid JSON → live", async () => {
  await using fake = new FakeOpenAi();
  fake.replies.push(validBio);
  const r = await write(livePort(fake), "bio", { musician: ella });
  assertEquals([r.source, r.model, r.attempts, r.tokens], ["live", "fake-gpt-2026-01-01", 1, 123]);
  assertEquals((r.draft as BioDraft).headline, "Lisbon jazz and soul guitarist");
  const [body, auth] = [fake.chats[0], fake.auths[0]];
  assertEquals(auth, "Bearer sk-test-123");
  assertEquals(body.model, "fake-gpt");
  assertEquals(body.messages.map((m) => m.role), ["system", "user"]);
  assertMatch(body.messages[1].content, /Stage name: Ella Hart/);
  const rf = body.response_format;
  assert(rf?.json_schema, "a JSON schema response format");
  assertEquals([rf.type, rf.json_schema.name, rf.json_schema.strict], [
    "json_schema",
    "musician_bio",
    true,
  ]);
  assertEquals(rf.json_schema.schema.additionalProperties, false);
  assertEquals(rf.json_schema.schema.required, ["headline", "bio", "language"]);
});

Deno.test("openai adapter - invalid JSON, then valid → live after one retry", async () => {
  await using fake = new FakeOpenAi();
  fake.replies.push('{"headline": "Lisbon jazz", "bio": ', validBio);
  const r = await write(livePort(fake), "bio", { musician: ella });
  assertEquals([r.source, r.attempts], ["live", 2]);
  assertEquals(fake.chats.length, 2);
  assertMatch(fake.chats[1].messages[1].content, /rejected: answer is not JSON/);
});

Deno.test("openai adapter - invalid twice → the offline writer", async () => {
  await using fake = new FakeOpenAi();
  fake.replies.push("not json at all", JSON.stringify({ headline: "x", bio: "too short" }));
  const r = await write(livePort(fake), "bio", { musician: ella });
  assertEquals([r.source, r.model, r.attempts], ["offline", "offline-writer-v1", 2]);
  assertEquals(fake.chats.length, 2, "one retry, no more");
  assertMatch(r.text, /Ella Hart/);
  assertMatch(r.fallback ?? "", /schema at headline/);
});

Deno.test("openai adapter - a provider error (5xx after the SDK's retry) → offline", async () => {
  await using fake = new FakeOpenAi();
  fake.replies.push({ status: 503 }, { status: 503 });
  const gig: GigFacts = {
    title: "Jazz night",
    description: "Standards in the bar.",
    kind: "live_show",
    genres: ["jazz"],
    instruments: ["guitar"],
    starts_at: "2026-12-11T20:00:00Z",
    timezone: "Europe/Lisbon",
    duration_minutes: 90,
    remote: false,
    venue_name: "Casa Azul",
    city: "Lisbon",
    country: "PT",
    budget_min_minor: 20000,
    budget_max_minor: 50000,
    currency: "EUR",
  };
  const r = await write(livePort(fake), "setlist", { gig });
  assertEquals(r.source, "offline");
  assertMatch(r.fallback ?? "", /provider failed/);
  assertEquals(fake.chats.length, 2, "the SDK retried once");
});

Deno.test("openai adapter - embeddings through the SDK: 384 dimensions, model name kept", async () => {
  await using fake = new FakeOpenAi();
  const ai = livePort(fake);
  const out = await ai.embed(["Genres: jazz\nInstruments: guitar", "Genres: rock"]);
  assertEquals([out.model, out.dims, out.vectors.length], ["fake-embed", 384, 2]);
  assertEquals(out.vectors[0].length, 384);
  const expected = lexicalEmbedding("Genres: jazz\nInstruments: guitar");
  const maxDiff = Math.max(...out.vectors[0].map((x, i) => Math.abs(x - expected[i])));
  assert(maxDiff < 1e-5, `decoded vectors match (${maxDiff})`);
  assertEquals(fake.embeddings[0].dimensions, 384);
  assertEquals(fake.embeddings[0].model, "fake-embed");
});

async function signUp(app: TestApp, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, "")}-${
    crypto.randomUUID().slice(0, 6)
  }@x.test`;
  const session = await app.platform.auth.signUp({
    email,
    password: "correct-horse-battery",
    metadata: { display_name: name, is_client: true },
  });
  const claims = (await app.platform.auth.verify(session.accessToken))!;
  return { token: session.accessToken, claims, id: claims.sub };
}

function post(app: TestApp, body: unknown, token?: string) {
  return app.fetch("/functions/v1/ai-write", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

Deno.test("ai-write function - contract: 401, 400 with the field, 404, 200 live/offline, 429", async () => {
  await using fake = new FakeOpenAi();
  await using app = await startTestApp({
    WORKER: "off",
    OPENAI_BASE_URL: fake.baseURL,
    AI_MODEL: "fake-gpt",
    AI_DAILY_LIMIT: "2",
  });
  const me = await signUp(app, "Ella Hart");
  const other = await signUp(app, "Other Person");

  // 401: no token, a bad token.
  for (const token of [undefined, "not-a-jwt"]) {
    const res = await post(app, { task: "bio" }, token);
    assertEquals(res.status, 401);
    assertEquals((await res.json()).error.field, "authorization");
  }

  // 400 naming the field.
  const bad: [unknown, string][] = [
    ["{not json", "body"],
    [{ task: "poem" }, "task"],
    [{}, "task"],
    [{ task: "setlist" }, "gig_id"],
    [{ task: "proposal", gig_id: "nope" }, "gig_id"],
    [{ task: "bio", extra: 1 }, "extra"],
  ];
  for (const [body, field] of bad) {
    const res = await post(app, body, me.token);
    const json = await res.json();
    assertEquals([res.status, json.error.field], [400, field], JSON.stringify(body));
    assert(json.error.message.length > 3);
  }

  // 404: a bio needs a musician profile; an unknown gig.
  let res = await post(app, { task: "bio" }, me.token);
  assertEquals([res.status, (await res.json()).error.field], [404, "musician_id"]);
  res = await post(app, { task: "announcement", gig_id: crypto.randomUUID() }, me.token);
  assertEquals([res.status, (await res.json()).error.field], [404, "gig_id"]);
  // Someone else's profile: 403.
  res = await post(app, { task: "bio", musician_id: other.id }, me.token);
  assertEquals([res.status, (await res.json()).error.field], [403, "musician_id"]);

  await app.platform.db.asUser(me.claims, (tx) =>
    tx.query(
      `insert into public.musician_profiles (id, stage_name, bio, instruments, genres, city, country)
       values ($1, 'Ella Hart', 'Jazz guitarist from Lisbon.', '{guitar}', '{jazz,soul}', 'Lisbon', 'PT')`,
      [me.id],
    ));

  // 200 live.
  fake.replies.push(validBio);
  res = await post(app, { task: "bio" }, me.token);
  let json = await res.json();
  assertEquals(res.status, 200, JSON.stringify(json));
  assertEquals([json.task, json.source, json.model, json.remaining], [
    "bio",
    "live",
    "fake-gpt-2026-01-01",
    1,
  ]);
  assertMatch(json.draft, /^Lisbon jazz and soul guitarist\n\nElla Hart is/);
  assertEquals(json.value.headline, "Lisbon jazz and soul guitarist");

  // 200 offline after two invalid answers.
  fake.replies.push("{", "[]");
  res = await post(app, { task: "bio" }, me.token);
  json = await res.json();
  assertEquals([res.status, json.source, json.remaining], [200, "offline", 0]);
  assertMatch(json.draft, /Ella Hart/);

  // 429 over the daily limit, per task.
  res = await post(app, { task: "bio" }, me.token);
  json = await res.json();
  assertEquals([res.status, json.error.field], [429, "task"]);
  assertMatch(json.error.message, /Daily AI limit reached: 2 bio drafts a day/);

  // Usage is recorded, with the live call's tokens, and readable only by its owner.
  const usage = await app.platform.db.asUser(
    me.claims,
    (tx) =>
      tx.query<{ task: string; count: number; tokens: number }>(
        "select task, count, tokens from public.ai_usage",
      ),
  );
  assertEquals(usage, [{ task: "bio", count: 2, tokens: 123 }]);
  const theirs = await app.platform.db.asUser(
    other.claims,
    (tx) => tx.query("select * from public.ai_usage"),
  );
  assertEquals(theirs.length, 0);
  // Users cannot write their usage (e.g. reset the count) directly.
  const reset = await app.platform.db.asUser(
    me.claims,
    (tx) => tx.query("update public.ai_usage set count = 0").then(() => "ok", (e) => String(e)),
  );
  assertMatch(reset, /permission denied/);
});

Deno.test("ai-write function - gig tasks from the gig's facts, offline without a provider", async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const venue = await signUp(app, "Casa Azul");
  const gigId = await app.platform.db.asUser(venue.claims, async (tx) => {
    const [g] = await tx.query<{ id: string }>(
      `insert into public.gigs (client_id, title, description, genres, instruments, starts_at,
         timezone, duration_minutes, venue_name, city, country, budget_max_minor)
       values ($1, 'Friday Jazz', 'Standards and bossa nova in the courtyard.', '{jazz}',
               '{guitar}', now() + interval '10 days', 'Europe/Lisbon', 90, 'Casa Azul',
               'Lisbon', 'PT', 50000)
       returning id`,
      [venue.id],
    );
    return g.id;
  });
  for (const task of ["announcement", "social_post", "setlist"]) {
    const res = await post(app, { task, gig_id: gigId }, venue.token);
    const json = await res.json();
    assertEquals(
      [res.status, json.source, json.model],
      [200, "offline", "offline-writer-v1"],
      task,
    );
    assertMatch(json.draft, /Friday Jazz|jazz/i, task);
  }
  const setlist = await (await post(app, { task: "setlist", gig_id: gigId }, venue.token)).json();
  const minutes = setlist.value.songs.reduce(
    (n: number, s: { minutes: number }) => n + s.minutes,
    0,
  );
  assert(Math.abs(minutes - 90) <= 7, `setlist of ${minutes} minutes`);
  // A draft gig is invisible to others: 404, not a leak.
  const stranger = await signUp(app, "Stranger");
  const res = await post(app, { task: "announcement", gig_id: gigId }, stranger.token);
  assertEquals(res.status, 404);
});

/** A Spanish-speaking quartet in Madrid, a French-speaking venue's gig, as rows. */
async function bandAndGig(app: TestApp) {
  const band = await signUp(app, "Cuarteto Sol");
  const venue = await signUp(app, "Le Petit Caveau");
  await app.platform.db.asUser(band.claims, (tx) =>
    tx.query(
      `insert into public.musician_profiles (id, stage_name, bio, instruments, genres, skills,
         languages, city, country, lat, lng, fee_min_minor, fee_max_minor, currency, published)
       values ($1, 'Cuarteto Sol', 'Somos un cuarteto de jazz de Madrid y tocamos en clubes y bodas desde hace diez años.',
               '{saxophone,piano,double bass,drums}', '{jazz,latin}', '{arranging}',
               '{Spanish,English}', 'Madrid', 'ES', 40.42, -3.7, 40000, 60000, 'EUR', true)`,
      [band.id],
    ));
  const gigId = await app.platform.db.asUser(venue.claims, async (tx) => {
    const [g] = await tx.query<{ id: string }>(
      `insert into public.gigs (client_id, title, description, genres, instruments, starts_at,
         timezone, duration_minutes, venue_name, city, country, lat, lng, budget_min_minor,
         budget_max_minor, currency)
       values ($1, 'Soirée jazz du vendredi', 'Nous cherchons un groupe de jazz pour notre cave, deux sets dans la soirée.',
               '{jazz}', '{saxophone}', now() + interval '12 days', 'Europe/Paris', 120,
               'Le Petit Caveau', 'Paris', 'FR', 48.85, 2.35, 40000, 70000, 'EUR')
       returning id`,
      [venue.id],
    );
    await tx.query("select public.publish_gig($1)", [g.id]);
    return g.id;
  });
  return { band, venue, gigId };
}

Deno.test("ai-write - the draft's language: asked for, else the user's text, else Accept-Language", async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const { band, venue, gigId } = await bandAndGig(app);
  const call = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    app.fetch("/api/ai/write", {
      method: "POST",
      headers: { ...browser(app, token), "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  // The quartet's own bio is Spanish: a Spanish proposal, in the group's voice, whatever the browser.
  let res = await call(band.token, { task: "proposal", gig_id: gigId }, {
    "accept-language": "de-DE,de;q=0.9",
  });
  let json = await res.json();
  assertEquals([res.status, json.language, json.language_reason], [200, "es", "text"]);
  assertEquals(json.value.language, "es");
  assertMatch(json.draft, /Somos Cuarteto Sol|Les escribe Cuarteto Sol|somos Cuarteto Sol/);
  assertEquals(
    humanProblems(json.draft, {
      lang: "es",
      name: "Cuarteto Sol",
      group: true,
      firstPerson: true,
      gigTitle: "Soirée jazz du vendredi",
      noVerbatimTitle: true,
    }),
    [],
    json.draft,
  );
  // Asked for in Portuguese: Portuguese.
  res = await call(band.token, { task: "proposal", gig_id: gigId, language: "pt" });
  json = await res.json();
  assertEquals([res.status, json.language, json.language_reason], [200, "pt", "request"]);
  assertEquals(detectLanguage(json.draft), "pt", json.draft);
  // The venue's description is French: its announcement is French.
  res = await call(venue.token, { task: "announcement", gig_id: gigId }, {
    "accept-language": "en",
  });
  json = await res.json();
  assertEquals([res.status, json.language, json.language_reason], [200, "fr", "text"]);
  // A venue whose text does not tell: the browser's language.
  const plain = await app.platform.db.asUser(venue.claims, async (tx) => {
    const [g] = await tx.query<{ id: string }>(
      `insert into public.gigs (client_id, title, genres, starts_at, timezone, duration_minutes,
         venue_name, city, country)
       values ($1, 'Jazz', '{jazz}', now() + interval '5 days', 'Europe/Berlin', 90, 'Blue Lamp',
               'Berlin', 'DE') returning id`,
      [venue.id],
    );
    return g.id;
  });
  res = await call(venue.token, { task: "social_post", gig_id: plain }, {
    "accept-language": "de-AT,de;q=0.9,en;q=0.5",
  });
  json = await res.json();
  assertEquals([res.status, json.language, json.language_reason], [200, "de", "browser"]);
  assertMatch(json.draft, /Uhr/);
  // An unknown language is a 400 naming the field.
  res = await call(band.token, { task: "bio", language: "it" });
  json = await res.json();
  assertEquals([res.status, json.error.field], [400, "language"]);
  // The function answers the same, with a bearer token.
  res = await post(app, { task: "bio", language: "fr" }, band.token);
  json = await res.json();
  assertEquals([res.status, json.language, json.source], [200, "fr", "offline"]);
  assertMatch(json.draft, /Cuarteto Sol (est|sont) un quartet jazz/);
});

Deno.test("ai-write - live: the model's instructions and schema carry the language and the voice", async () => {
  await using fake = new FakeOpenAi();
  await using app = await startTestApp({
    WORKER: "off",
    OPENAI_BASE_URL: fake.baseURL,
    AI_MODEL: "fake-gpt",
  });
  const { band, gigId } = await bandAndGig(app);
  fake.replies.push(JSON.stringify({
    subject: "Cuarteto Sol para su noche de jazz del viernes",
    message: "Hola,\n\nSomos Cuarteto Sol, un cuarteto de jazz de Madrid, y nos encantaría tocar " +
      "en su noche de jazz del viernes en Le Petit Caveau. Tocamos jazz y música latina cada semana " +
      "y preparamos los arreglos nosotros mismos.\n\nUn saludo,\nCuarteto Sol",
    language: "es",
  }));
  const res = await post(app, { task: "proposal", gig_id: gigId }, band.token);
  const json = await res.json();
  assertEquals([res.status, json.source, json.language], [200, "live", "es"], JSON.stringify(json));
  const chat = fake.chats[0];
  const [system, user] = chat.messages.map((m) => m.content);
  assertMatch(system, /only in the language the request names/);
  assertMatch(user, /write every field in Spanish \(es\)/);
  assertMatch(user, /Cuarteto Sol is a group \(quartet, 4 members\), not one person/);
  assertMatch(user, /never "I'm Cuarteto Sol"/);
  assertMatch(user, /not by quoting its title/);
  const schema = chat.response_format?.json_schema?.schema as {
    properties: Record<string, { enum?: string[]; description?: string }>;
    required: string[];
  };
  assertEquals(schema.properties.language.enum, ["es"]);
  assert(schema.required.includes("language"));
  assertMatch(schema.properties.message.description ?? "", /first person plural/);
  // Asked for in German: the instructions say German, and so does the schema.
  fake.replies.push("{", "[]");
  const de = await post(app, { task: "proposal", gig_id: gigId, language: "de" }, band.token);
  const deJson = await de.json();
  assertEquals([de.status, deJson.source, deJson.language], [200, "offline", "de"]);
  assertMatch(fake.chats[1].messages[1].content, /German \(de\)/);
  assertMatch(deJson.draft, /\bwir\b/i);
});
