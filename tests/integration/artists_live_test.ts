/**
 * Virtual artists with a live AI provider (the fake OpenAI on loopback, through the openai SDK):
 * the persona is the model's structured answer, its art comes from the image endpoint (PNG), the
 * moderation endpoint's flags refuse a brief with the categories named, an answer naming a real
 * artist is retried and then replaced by the offline writer's. The drawn SVG shows at once; the
 * image endpoint's PNGs replace it when the drawing job is done, and a provider that fails leaves
 * the drawn SVG with the reason. Once the owner connected Spotify, the name of an artist its
 * search finds (and the catalogue does not know) is refused; close names are unit-tested
 * (persona/guardrails_test.ts).
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { apiCall, FUZZ_ENV, signUpPerson } from "../_helpers/fuzz.ts";
import { FakeOpenAi } from "../_fakes/openai.ts";
import { FakeSpotify } from "../_fakes/spotify.ts";
import { connectSpotify, signIn } from "../_fakes/dj_session.ts";
import { offlinePersona } from "../../lib/domains/artists/persona/persona_task.ts";
import type { Artist } from "../../lib/domains/artists/api.ts";
import type { Brief } from "../../lib/domains/artists/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const BRIEF: Brief = {
  genre: "synth-pop",
  market: "GB",
  audience: "students who run in the evening",
  tone: "warm, a little ironic",
};

type Chat = { response_format?: { json_schema?: { name?: string } } };
const schemaOf = (body: unknown) => (body as Chat).response_format?.json_schema?.name;

Deno.test(
  { name: "artists live - persona, art and moderation through the provider", ...opts },
  async () => {
    await using fake = new FakeOpenAi();
    await using app = await startTestApp({ ...FUZZ_ENV, ...fake.env() });
    const ana = await signUpPerson(app, "Ana", "musician");
    const live = { ...offlinePersona(BRIEF), name: "Nova Quay" };
    let answer = live;
    fake.reply = (body) => schemaOf(body) === "artist_persona" ? JSON.stringify(answer) : "{}";

    const made = await apiCall(app, ana, "POST", "/api/artists", { brief: BRIEF }, 201) as {
      artist: Artist;
    };
    assertEquals(made.artist.persona.name, "Nova Quay", "the model's persona");
    const art = async (artist: string, kind: "avatar" | "cover") => {
      const got = await apiCall(app, ana, "GET", `/api/artists/${artist}`, undefined, 200);
      const url = (got as { artist: Artist }).artist[`${kind}_url`]!;
      const res = await app.fetch(url, { headers: { authorization: `Bearer ${ana.token}` } });
      await res.body?.cancel();
      return [res.status, res.headers.get("content-type")];
    };
    // The drawn art at once; the provider's pictures come from a job.
    assertEquals(await art(made.artist.id, "avatar"), [200, "image/svg+xml"]);
    const drawing = async (artist: string) =>
      (await apiCall(app, ana, "GET", `/api/artists/${artist}/drawing`, undefined, 200) as {
        drawing: { status: string; progress: Record<string, unknown> };
      }).drawing;
    assertEquals((await drawing(made.artist.id)).status, "queued");
    for (let i = 0; i < 3; i++) await app.platform.worker.runOnce();
    assertEquals(fake.images.length, 2, "an avatar and a cover from the image endpoint");
    assertEquals((await drawing(made.artist.id)).status, "done");
    assertEquals(await art(made.artist.id, "avatar"), [200, "image/png"]);
    assertEquals(await art(made.artist.id, "cover"), [200, "image/png"]);
    assert(fake.moderations.length >= 2, "the brief and the persona were moderated");

    // Trends: the competitor summary is written once per set of charts, not on every visit.
    const rows = [0, 28].flatMap((back) =>
      Array.from({ length: 10 }, (_, i) => ({
        country: "GB",
        week: new Date(Date.UTC(2026, 10, 30) - back * 86_400_000).toISOString().slice(0, 10),
        rank: i + 1,
        track: `Song ${i + 1}`,
        artist: `Act ${(i + back) % 7}`,
        genre: ["synth-pop", "drill", "indie"][(i + back) % 3],
        streams: 400_000 - i * 20_000,
      }))
    );
    const trendsPath = `/api/artists/${made.artist.id}/trends`;
    await apiCall(app, ana, "POST", `/api/artists/${made.artist.id}/charts`, { rows }, 200);
    const asked = fake.chats.length;
    const first = await apiCall(app, ana, "GET", trendsPath, undefined, 200);
    const calls = fake.chats.length - asked;
    assert(calls >= 1, "the model was asked for the summary");
    const second = await apiCall(app, ana, "GET", trendsPath, undefined, 200);
    assertEquals(fake.chats.length - asked, calls, "kept: not asked again");
    type Summary = { summary: { summary: string; points: unknown[] } };
    const [a, b] = [first as Summary, second as Summary];
    assertEquals([b.summary.summary, b.summary.points.length], [
      a.summary.summary,
      a.summary.points.length,
    ]);

    // Flagged by the moderation endpoint: refused with its categories, nothing saved.
    fake.flag = [{ pattern: /crush them all/i, categories: ["violence"] }];
    const res = await app.fetch("/api/artists", {
      method: "POST",
      headers: { authorization: `Bearer ${ana.token}`, "content-type": "application/json" },
      body: JSON.stringify({ brief: { ...BRIEF, tone: "angry: crush them all" } }),
    });
    assertEquals(res.status, 422);
    const refused = (await res.json()).error;
    assertMatch(refused.message, /violence/);
    assertEquals(refused.field, "tone");
    fake.flag = [];

    // A model that names a real artist twice: the offline writer's persona instead.
    answer = { ...live, name: "Nova Quay II", influences: ["sounds like Taylor Swift"] };
    const chats = fake.chats.length;
    fake.imageAnswer = { status: 500 };
    const fallback = await apiCall(app, ana, "POST", "/api/artists", {
      brief: { ...BRIEF, tone: "bright and direct" },
    }, 201) as { artist: Artist };
    assertEquals(fake.chats.length - chats, 2, "one retry with the reason");
    assert(!JSON.stringify(fallback.artist.persona).includes("Taylor Swift"));
    for (let i = 0; i < 3; i++) await app.platform.worker.runOnce();
    const failed = await drawing(fallback.artist.id);
    assertEquals(failed.status, "done");
    assertMatch(String(failed.progress.fallback), /drawn art stays/);
    assertEquals(await art(fallback.artist.id, "cover"), [200, "image/svg+xml"], "the drawn cover");
  },
);

Deno.test({
  name: "artists live - a Spotify artist's name is refused once Spotify is connected",
  ...opts,
}, async () => {
  await using spotify = new FakeSpotify();
  await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
  const me = await signIn(app, "label@example.com", "Label Person");
  // An artist only Spotify knows (not in the DJ's catalogue, not a famous name).
  spotify.artists = [
    ...spotify.artists,
    { id: "0ndineMarsh0000000000A", name: "Ondine Marsh", followers: 1200, genres: ["indie"] },
  ];
  const brief = { ...BRIEF, name: "Ondine Marsh" };
  const create = () =>
    app.fetch("/api/artists", {
      method: "POST",
      headers: me.json,
      body: JSON.stringify({ brief }),
    });

  // Not connected: only the catalogue's names are known, and this one is new to them.
  const before = await create();
  assertEquals(before.status, 201, await before.clone().text());
  await before.body?.cancel();

  await connectSpotify(app, me);
  const res = await create();
  assertEquals(res.status, 422);
  const refused = (await res.json()).error;
  assertMatch(refused.message, /Ondine Marsh/);
  assertEquals(refused.field, "name");
  assert(spotify.log.some((l) => l.includes("type=artist")), "Spotify's artist search was asked");
  // Through the DJ's own connection: it still works afterwards.
  const dj = await (await app.fetch("/api/dj/spotify", { headers: me.json })).json();
  assertEquals([dj.connected, dj.status], [true, "active"]);
});
